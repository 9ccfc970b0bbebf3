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
static struct { unsigned space; u64 idx; } placed[XEN_PAGES];
static unsigned used;

static void physmap_add(unsigned i)
{
	struct xen_add_to_physmap a = {
		.domid = XEN_DOMID_SELF, .space = placed[i].space, .idx = placed[i].idx,
		.gpfn = ((u64)pages[i] - KERNEL_VBASE) >> PAGE_SHIFT,
	};
	long rc = xen_hcall2(XEN_HYPERCALL_memory_op, XENMEM_add_to_physmap, &a);

	if (rc)
		xen_fail("memory_op", rc, "add_to_physmap, space %u, idx %llu, gpfn %#llx", a.space,
			 (unsigned long long)a.idx, (unsigned long long)a.gpfn);
}

void *xenpvh_map_xen_page(unsigned space, u64 idx)
{
	if (used == XEN_PAGES)
		return NULL;
	placed[used].space = space;
	placed[used].idx = idx;
	physmap_add(used);
	return pages[used++];
}

void xenpvh_physmap_restore(void)
{
	unsigned i;

	for (i = 0; i < used; i++)
		physmap_add(i);
}
