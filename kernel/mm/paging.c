/*
 * paging.c — 4-level page tables, written only through pv_mmu ops.
 *
 * Tables are reached through the physical map (phys_to_virt).  A page that
 * will hold a table is zeroed first and then announced with alloc_pt, so a
 * backend that maps table pages read-only never sees a write after that
 * except through set_*.  Entries are pa|flags in the kernel's form; the
 * ops (pte_read, set_*) convert to what the hardware walks.  Loops over a
 * range walk down once per leaf table, not once per page.
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
	switch (level) {
	case PT_LEVEL_PGD: set_pgd(slot, val); break;
	case PT_LEVEL_PUD: set_pud(slot, val); break;
	case PT_LEVEL_PMD: set_pmd(slot, val); break;
	default: set_pte(slot, val); break;
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
 * Fills an empty slot at `level` with a new table; the entry written, or 0
 * on OOM.  Out of line so the walk below keeps its few values in
 * registers (the common case finds every table present).
 */
static __attribute__((noinline)) u64 pt_fill(struct mm *mm, u64 *slot, int level, u64 va)
{
	u64 pa = pt_page_new(level - 1), e;

	if (!pa)
		return 0;
	mm->pt_pages++;
	/* Upper levels allow everything; the leaf decides. */
	e = pa | PTE_P | PTE_W | (va < USER_TOP ? PTE_U : 0);
	pt_set(level, slot, e);
	return e;
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
		u64 e = pte_read(slot);

		if (!(e & PTE_P) && !(alloc && (e = pt_fill(mm, slot, l, va))))
			return NULL;
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

/* For walks inside a lazy-MMU window that only read leaves they have not
 * written in it (upper levels are never left queued: see the ops). */
u64 *paging_leaf_raw(struct mm *mm, u64 va, bool alloc)
{
	return pt_walk(mm, va, PT_LEVEL_PTE, alloc);
}

int paging_map(struct mm *mm, u64 va, u64 pa, u64 flags)
{
	u64 *slot = pt_walk(mm, va, PT_LEVEL_PTE, true);

	if (!slot)
		return -ENOMEM;
	set_pte(slot, (pa & PTE_ADDR) | flags | PTE_P);
	return 0;
}

/* Pages from va to the end of its leaf table, at most n. */
u64 leaf_span(u64 va, u64 n)
{
	u64 left = 512 - pt_index(va, PT_LEVEL_PTE);

	return n < left ? n : left;
}

int paging_map_range(struct mm *mm, u64 va, u64 pa, u64 n, u64 flags)
{
	while (n) {
		u64 *slot = pt_walk(mm, va, PT_LEVEL_PTE, true), i, span = leaf_span(va, n);

		if (!slot)
			return -ENOMEM;
		for (i = 0; i < span; i++)
			set_pte(slot + i, ((pa + i * PAGE_SIZE) & PTE_ADDR) | flags | PTE_P);
		va += span * PAGE_SIZE;
		pa += span * PAGE_SIZE;
		n -= span;
	}
	return 0;
}

int paging_map_large(struct mm *mm, u64 va, u64 pa, u64 flags)
{
	u64 *slot;

	if ((va | pa) & (LARGE_PAGE_SIZE - 1))
		return -EINVAL;
	slot = pt_walk(mm, va, PT_LEVEL_PMD, true);
	if (!slot)
		return -ENOMEM;
	set_pmd(slot, (pa & PTE_ADDR) | flags | PTE_PS | PTE_P);
	return 0;
}

u64 paging_unmap(struct mm *mm, u64 va)
{
	u64 *slot = paging_leaf(mm, va);
	u64 e;

	if (!slot || !((e = pte_read(slot)) & PTE_P))
		return 0;
	set_pte(slot, 0);
	if (mm == current_mm() || va >= USER_TOP)
		flush_tlb_one(va);
	return e & PTE_ADDR;
}

/*
 * Unmap n pages from va in one lazy window, one walk per leaf table: each
 * entry is read, then cleared; the clears and the TLB flushes go out
 * together when the window closes.  Returns how many were mapped; their
 * frames go to pas[i] (0 where none) when pas is not NULL.
 */
unsigned paging_unmap_range(struct mm *mm, u64 va, unsigned n, u64 *pas)
{
	unsigned done = 0, count = 0;
	bool live = mm == current_mm() || va >= USER_TOP;

	lazy_flush_mmu();
	lazy_enter_mmu();
	while (done < n) {
		u64 at = va + (u64)done * PAGE_SIZE, span = leaf_span(at, n - done), i;
		u64 *slot = pt_walk(mm, at, PT_LEVEL_PTE, false);

		for (i = 0; i < span; i++) {
			u64 e = slot && pte_present_raw(slot + i) ? pte_read(slot + i) : 0;

			if (pas)
				pas[done + i] = (e & PTE_P) ? e & PTE_ADDR : 0;
			if (!(e & PTE_P))
				continue;
			set_pte(slot + i, 0);
			count++;
			if (live && n <= 32)
				flush_tlb_one(at + i * PAGE_SIZE);
		}
		done += (unsigned)span;
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

	if (!slot || !((e = pte_read(slot)) & PTE_P))
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
