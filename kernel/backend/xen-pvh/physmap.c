/*
 * physmap.c — Xen's pages in a translated guest's physical space.
 *
 * A PV guest maps shared_info and the grant table by machine frame; a
 * translated one asks Xen to put them at a guest frame of its choosing
 * (XENMEM_add_to_physmap).  We give up frames of our own image for this,
 * page-aligned in .bss: Xen frees the RAM that was there and maps its page
 * instead, so the image's mapping (and the direct map) then show Xen's
 * page, and nothing else ever used those frames.
 */
#include "xenpvh.h"
#include "layout.h"
#include "panic.h"

#define XEN_PAGES 8

static u8 pages[XEN_PAGES][PAGE_SIZE] __aligned(PAGE_SIZE);
static unsigned used;

void *xenpvh_map_xen_page(unsigned space, u64 idx)
{
	struct xen_add_to_physmap a = { .domid = XEN_DOMID_SELF, .space = space, .idx = idx };
	long rc;
	u8 *page;

	if (used == XEN_PAGES)
		return NULL;
	page = pages[used];
	a.gpfn = ((u64)page - KERNEL_VBASE) >> PAGE_SHIFT;
	rc = xen_hcall2(XEN_HYPERCALL_memory_op, XENMEM_add_to_physmap, &a);
	if (rc)
		xen_fail("memory_op", rc, "add_to_physmap, space %u, idx %llu, gpfn %#llx", space,
			 (unsigned long long)idx, (unsigned long long)a.gpfn);
	used++;
	return page;
}
