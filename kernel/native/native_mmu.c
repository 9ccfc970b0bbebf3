/*
 * native_mmu.c — the native pv_mmu ops that are not single instructions.
 *
 * Hardware needs no notice when a page becomes a page table, and making an
 * address space live is one CR3 write: the kernel and user halves share
 * one top-level table.
 */
#include "pv/ops.h"
#include "mm.h"

void native_alloc_pt(int level, u64 pfn)
{
	(void)level;
	(void)pfn;
}

void native_release_pt(int level, u64 pfn)
{
	(void)level;
	(void)pfn;
}

void native_pgd_activate(struct mm *mm)
{
	write_cr3(mm->pgd_pa);
}

void native_pgd_release(struct mm *mm)
{
	(void)mm;
}
