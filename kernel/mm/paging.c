/*
 * paging.c — 4-level page tables, written only through pv_mmu ops.
 *
 * Tables are reached through the physical map (phys_to_virt).  A page that
 * will hold a table is zeroed first and then announced with alloc_pt, so a
 * backend that maps table pages read-only never sees a write after that
 * except through set_*.  Entries are built as pa|flags and converted with
 * make_pte; reads go back through pte_val.
 */
#include "mm.h"
#include "pv/ops.h"
#include "panic.h"
#include <string.h>

struct mm kernel_mm;
DEFINE_PER_CPU(struct mm *, cpu_mm);
u64 phys_map_offset;

static unsigned pt_index(u64 va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & 511;
}

static void pt_set(int level, u64 *slot, u64 val)
{
	u64 pte = make_pte(val);

	switch (level) {
	case PT_LEVEL_PGD: set_pgd(slot, pte); break;
	case PT_LEVEL_PUD: set_pud(slot, pte); break;
	case PT_LEVEL_PMD: set_pmd(slot, pte); break;
	default: set_pte(slot, pte); break;
	}
}

/* A zeroed page announced as a page table of the given level; 0 on OOM. */
static u64 pt_page_new(int level)
{
	u64 pa = frame_alloc();

	if (!pa)
		return 0;
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	alloc_pt(level, pa >> PAGE_SHIFT);
	return pa;
}

/*
 * The slot for va at `level` (1 = leaf), creating missing tables when
 * alloc; NULL if a table is missing (or cannot be allocated).
 */
static u64 *pt_walk(struct mm *mm, u64 va, int level, bool alloc)
{
	u64 *table = mm->pgd;
	int l;

	for (l = PT_LEVEL_PGD; l > level; l--) {
		u64 *slot = &table[pt_index(va, l)];
		u64 e = pte_val(*slot);

		if (!(e & PTE_P)) {
			u64 pa;
			if (!alloc || !(pa = pt_page_new(l - 1)))
				return NULL;
			mm->pt_pages++;
			/* Upper levels allow everything; the leaf decides. */
			e = pa | PTE_P | PTE_W | (va < USER_TOP ? PTE_U : 0);
			pt_set(l, slot, e);
		}
		if (e & PTE_PS)
			return NULL;       /* a large page: no table below */
		table = phys_to_virt(e & PTE_ADDR);
	}
	return &table[pt_index(va, level)];
}

/* Readers of entries flush first: inside a lazy-MMU window a backend may
 * still hold writes in its queue. */
u64 *paging_leaf(struct mm *mm, u64 va)
{
	lazy_flush_mmu();
	return pt_walk(mm, va, PT_LEVEL_PTE, false);
}

int paging_map(struct mm *mm, u64 va, u64 pa, u64 flags)
{
	u64 *slot = pt_walk(mm, va, PT_LEVEL_PTE, true);

	if (!slot)
		return -ENOMEM;
	set_pte(slot, make_pte((pa & PTE_ADDR) | flags | PTE_P));
	return 0;
}

u64 paging_unmap(struct mm *mm, u64 va)
{
	u64 *slot = paging_leaf(mm, va);
	u64 e;

	if (!slot || !((e = pte_val(*slot)) & PTE_P))
		return 0;
	set_pte(slot, make_pte(0));
	if (mm == current_mm() || va >= USER_TOP)
		flush_tlb_one(va);
	return e & PTE_ADDR;
}

/*
 * Unmap n pages from va in one lazy window: every entry is read before
 * any clear is issued (so nothing read can be a queued write), then the
 * clears and one TLB flush go out together.  Returns how many were mapped;
 * their frames go to pas[i] (0 where none) when pas is not NULL.
 */
unsigned paging_unmap_range(struct mm *mm, u64 va, unsigned n, u64 *pas)
{
	unsigned i, count = 0;
	bool live = mm == current_mm() || va >= USER_TOP;

	lazy_flush_mmu();
	lazy_enter_mmu();
	for (i = 0; i < n; i++) {
		u64 *slot = pt_walk(mm, va + (u64)i * PAGE_SIZE, PT_LEVEL_PTE, false);
		u64 e = slot ? pte_val(*slot) : 0;

		if (pas)
			pas[i] = (e & PTE_P) ? e & PTE_ADDR : 0;
		if (!(e & PTE_P))
			continue;
		set_pte(slot, make_pte(0));
		count++;
		if (live && n <= 32)
			flush_tlb_one(va + (u64)i * PAGE_SIZE);
	}
	if (live && n > 32 && count)
		flush_tlb_all();
	lazy_leave_mmu();
	return count;
}

bool paging_translate(struct mm *mm, u64 va, u64 *pa, u64 *flags)
{
	u64 *slot = paging_leaf(mm, va);
	u64 e;

	if (!slot || !((e = pte_val(*slot)) & PTE_P))
		return false;
	if (pa)
		*pa = (e & PTE_ADDR) | (va & (PAGE_SIZE - 1));
	if (flags)
		*flags = e & ~PTE_ADDR;
	return true;
}

void mm_switch(struct mm *mm)
{
	this_cpu_write(cpu_mm, mm);
	pgd_activate(mm);
}
