/*
 * test_xenpv_ptwr.c — writable page tables: a plain store of a valid entry
 * into a live L1 (mapped read-only) is trapped and emulated by Xen, and a
 * store that would map a page-table page writable is refused and reported
 * to us as a page fault, never silently lost.
 */
#include "xen/testing.h"
#include "../xenpv.h"
#include "mm.h"
#include "trap.h"

KTEST(xen_writable_pagetables, "a plain store into a live L1 is emulated; an unsafe one is refused")
{
	u64 *va = ioremap_reserve(PAGE_SIZE);
	u64 frame = frame_alloc(), *slot, good, bad, v = 0;

	if (!xen_ktest_backend(t, "xen-pv"))
		goto out;
	KT_ASSERT(t, frame);
	*(u64 *)phys_to_virt(frame) = 0x5eed;
	slot = paging_leaf(&kernel_mm, (u64)va);
	KT_ASSERT(t, slot && *slot == 0);
	KT_EXPECT(t, xen_frame_is_readonly(virt_to_phys(slot) >> PAGE_SHIFT));

	good = make_pte(frame | PTE_P | PTE_W | pte_nx);
	KT_EXPECT(t, probe_write_u64(slot, good));          /* a plain store */
	KT_EXPECT_EQ(t, *slot & PTE_ADDR, good & PTE_ADDR);
	flush_tlb_one((u64)va);
	KT_EXPECT(t, probe_read_u64(va, &v) && v == 0x5eed);

	/* Map the L1 itself writable: Xen must refuse and tell us (#PF). */
	bad = (xen_virt_to_machine(slot) & PTE_ADDR) | PTE_P | PTE_W | pte_nx;
	KT_EXPECT(t, !probe_write_u64(slot, bad));
	KT_EXPECT_EQ(t, extable_last_vector, VEC_PF);
	KT_EXPECT_EQ(t, extable_last_cr2, (u64)slot);
	KT_EXPECT_EQ(t, *slot & PTE_ADDR, good & PTE_ADDR);  /* unchanged */

	paging_unmap(&kernel_mm, (u64)va);
out:
	frame_free(frame);
}
