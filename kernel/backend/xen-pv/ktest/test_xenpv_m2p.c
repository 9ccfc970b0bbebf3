/*
 * test_xenpv_m2p.c — machine-to-physical lookups of frames that are not
 * ours: an mfn past the end of Xen's M2P table, or one the table has no
 * entry for, is "not ours" (pte_val leaves the entry in machine form), never
 * a fault in the kernel.
 */
#include "xen/testing.h"
#include "../xenpv.h"
#include "mm.h"

KTEST(xen_m2p_foreign, "an mfn beyond the M2P table reads as foreign, without a fault")
{
	u64 huge = (0xffffffffull << PAGE_SHIFT) | PTE_P | PTE_W;
	u64 mine = frame_alloc();

	if (!xen_ktest_backend(t, "xen-pv"))
		goto out;
	KT_ASSERT(t, mine);
	KT_EXPECT_EQ(t, pte_val(huge), huge);
	KT_EXPECT(t, xen_mfn_to_pfn(0xffffffffull) >= xenpv_start.nr_pages);
	/* And our own frames still convert both ways. */
	KT_EXPECT_EQ(t, xen_mfn_to_pfn(xen_pfn_to_mfn(mine >> PAGE_SHIFT)), mine >> PAGE_SHIFT);
out:
	frame_free(mine);
}
