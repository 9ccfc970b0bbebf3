/*
 * mmu.c — the native pv_mmu ops that are not single instructions.
 *
 * Making an address space live is one CR3 write: the kernel and user
 * halves share one top-level table.  (Hardware needs no notice when a page
 * becomes a page table: those ops are empty, see native/ops.h.)
 */
#include "pv/ops.h"
#include "mm.h"

void native_pgd_activate(struct mm *mm)
{
	write_cr3(mm->pgd_pa);
}
