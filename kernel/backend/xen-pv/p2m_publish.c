/*
 * p2m_publish.c — telling the toolstack where our p2m is.
 *
 * Tools that read a PV guest's memory from outside (xl dump-core, save
 * and migration) must know which machine frame holds each of its
 * pseudo-physical pages.  The guest publishes that in shared_info, as
 * Linux does (xen_setup_mfn_list_list): arch.max_pfn is the number of
 * p2m entries, and arch.pfn_to_mfn_frame_list_list the machine frame of a
 * three-level tree.  The root page lists the machine frames of the
 * frame-list pages; each of those lists the machine frames of 512 pages
 * of the p2m itself (512 entries each).  One root covers 512 * 512 * 512
 * pfns, far more than XEN_MAX_PFNS.
 *
 * Our p2m is the list Xen built for us, which never moves and which the
 * kernel does not change (no ballooning).  Xen's domain builder
 * page-aligns it.  A restore writes the new machine frames into the list
 * itself (the toolstack finds it through this tree) but not into the
 * tree, which is published again in every new domain.
 */
#include "xenpv.h"
#include "mm.h"
#include "printk.h"
#include <string.h>

#define P2M_PER_PAGE (PAGE_SIZE / sizeof(u64))
#define P2M_FL_MAX ((XEN_MAX_PFNS / P2M_PER_PAGE + P2M_PER_PAGE - 1) / P2M_PER_PAGE)

/* The tree's pages, kept: after a restore every machine frame in it is
 * stale, and the same pages are filled again. */
static u64 root_pa, fl_pa[P2M_FL_MAX];

static bool tree_alloc(u64 fl_pages)
{
	u64 i;

	if (!root_pa && !(root_pa = frame_alloc()))
		return false;
	for (i = 0; i < fl_pages; i++)
		if (!fl_pa[i] && !(fl_pa[i] = frame_alloc()))
			return false;
	return true;
}

void xen_p2m_publish(void)
{
	u64 nr = xenpv_start.nr_pages < XEN_MAX_PFNS ? xenpv_start.nr_pages : XEN_MAX_PFNS;
	u64 p2m_pages = (nr + P2M_PER_PAGE - 1) / P2M_PER_PAGE;
	u64 fl_pages = (p2m_pages + P2M_PER_PAGE - 1) / P2M_PER_PAGE;
	u64 *root, i;

	if (!tree_alloc(fl_pages)) {
		pr_warn("xen: p2m frame list not published (out of memory): "
			"xl dump-core and xl save will fail\n");
		return;
	}
	root = phys_to_virt(root_pa);
	memset(root, 0, PAGE_SIZE);
	for (i = 0; i < fl_pages; i++) {
		u64 *fl = phys_to_virt(fl_pa[i]), j;

		memset(fl, 0, PAGE_SIZE);
		for (j = 0; j < P2M_PER_PAGE && i * P2M_PER_PAGE + j < p2m_pages; j++)
			fl[j] = xen_pfn_to_mfn((xenpv_start.p2m_pa >> PAGE_SHIFT) + i * P2M_PER_PAGE + j);
		root[i] = xen_pfn_to_mfn(fl_pa[i] >> PAGE_SHIFT);
	}
	xen_shared->arch.max_pfn = nr;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	xen_shared->arch.pfn_to_mfn_frame_list_list = xen_pfn_to_mfn(root_pa >> PAGE_SHIFT);
}
