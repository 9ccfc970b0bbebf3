/*
 * foreign.c — the frames of Xen's that a PV guest maps by machine
 * address: shared_info (start_info names it) and the grant table (Xen
 * lists its frames in GNTTABOP_setup_table).  Neither belongs to the
 * domain, so neither may be in its page tables while the toolstack
 * saves it; and after a restore both are other frames.  Each keeps its
 * virtual address for the life of the kernel, so xen_shared and the
 * grant table pointer never change.
 */
#include "xenpv.h"
#include "mm.h"
#include "panic.h"

static void *shared_va;
static u8 *grant_va;
static unsigned grant_nr;

void xenpv_shared_info_map(void)
{
	if (!shared_va)
		shared_va = ioremap_reserve(PAGE_SIZE);
	xen_map_machine((u64)shared_va, xenpv_start.shared_info_maddr >> PAGE_SHIFT, true);
	xen_shared = shared_va;
}

void *xenpv_grant_map_frames(unsigned nr)
{
	struct xen_gnttab_setup_table st = { 0 };
	xen_pfn_t frames[8];
	long rc;
	unsigned i;

	if (nr > ARRAY_SIZE(frames) || (grant_va && nr != grant_nr))
		return NULL;
	st.dom = XEN_DOMID_SELF;
	st.nr_frames = nr;
	st.frame_list = (u64)frames;
	rc = xen_hcall3(XEN_HYPERCALL_grant_table_op, XEN_GNTTABOP_setup_table, &st, 1);
	if (rc || st.status)
		xen_fail("grant_table_op", rc ? rc : st.status, "setup_table, %u frames", nr);
	if (!grant_va) {
		grant_va = ioremap_reserve(nr * PAGE_SIZE);
		grant_nr = nr;
	}
	for (i = 0; i < nr; i++)
		xen_map_machine((u64)grant_va + i * PAGE_SIZE, frames[i], true);
	return grant_va;
}

void xenpv_foreign_unmap(void)
{
	unsigned i;

	for (i = 0; i < grant_nr; i++)
		xen_unmap_machine((u64)grant_va + i * PAGE_SIZE);
	xen_unmap_machine((u64)shared_va);
}

/* The grant frames are asked for again: a new domain has new ones (and
 * an empty table), the same domain gets the same ones back. */
void xenpv_foreign_remap(void)
{
	xenpv_shared_info_map();
	if (grant_va && !xenpv_grant_map_frames(grant_nr))
		panic("xen: the grant table could not be mapped again");
}
