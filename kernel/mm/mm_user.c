/*
 * mm_user.c — creating and destroying process address spaces.
 *
 * A process's top table shares the kernel's upper-half entries (the kernel
 * half is preallocated at boot, so it never changes at the top level after
 * that).  Teardown walks only the user half and runs in a lazy-MMU window:
 * a backend that turns each entry write into a hypercall can batch them.
 */
#include "mm.h"
#include "pv/ops.h"
#include <string.h>

bool mm_create(struct mm *mm)
{
	u64 pa = frame_alloc();

	if (!pa)
		return false;
	mm->pgd = phys_to_virt(pa);
	mm->pgd_pa = pa;
	mm->pt_pages = 0;
	mm->pv_priv = 0;
	memset(mm->pgd, 0, PAGE_SIZE / 2);
	memcpy(mm->pgd + 256, kernel_mm.pgd + 256, PAGE_SIZE / 2);
	alloc_pt(PT_LEVEL_PGD, pa >> PAGE_SHIFT);
	return true;
}

/* Free what table[i] maps at level l (>1: a table), then the table page. */
static void mm_free_level(u64 *table, int level, unsigned first, unsigned last)
{
	unsigned i;

	for (i = first; i <= last; i++) {
		u64 e, pa;

		if (!pte_present_raw(&table[i]))
			continue;
		e = pte_read(&table[i]);
		pa = e & PTE_ADDR;
		if (level > PT_LEVEL_PTE) {
			mm_free_level(phys_to_virt(pa), level - 1, 0, 511);
			release_pt(level - 1, pa >> PAGE_SHIFT);
			frame_free(pa);
		} else {
			frame_put(pa);         /* user pages may be shared copy-on-write */
		}
	}
}

void mm_destroy(struct mm *mm)
{
	if (mm == current_mm())
		mm_switch(&kernel_mm);
	pgd_release(mm);
	lazy_enter_mmu();
	mm_free_level(mm->pgd, PT_LEVEL_PGD, 0, 255);
	lazy_leave_mmu();
	release_pt(PT_LEVEL_PGD, mm->pgd_pa >> PAGE_SHIFT);
	frame_free(mm->pgd_pa);
	mm->pgd = NULL;
}
