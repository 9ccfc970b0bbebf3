/*
 * suspend.c — the PV half of save and restore (kernel/xen/suspend.c has
 * the story): what only a guest that names machine frames must do.
 *
 * A PV guest is saved by a toolstack that reads its memory from outside
 * and turns every machine frame it finds (in page tables, the vCPU's
 * registers, start_info) into a pseudo-physical one, and restored by one
 * that turns them back into the new domain's frames.  It can only do so
 * for frames it knows how to find, so before SCHEDOP_shutdown(suspend)
 * the guest
 *   - writes start_info's xenstore and console frames as pfns (the
 *     toolstack expects them so, as Linux's xen_pv_pre_suspend writes);
 *   - unmaps shared_info and the grant table, which are Xen's frames;
 *   - names start_info's own frame in the hypercall's third argument.
 * The hypercall returns 1 in the same domain (cancelled) and 0 in a
 * restored one.  Then what Xen kept only for the old domain is redone:
 * shared_info (another frame, from start_info), the grant frames, the
 * vcpu_info placement, the p2m tree in shared_info.  Page tables, pins,
 * the GDT, callbacks, the trap table, stacks and segment bases come back
 * with the vCPU's state, which the toolstack restores.
 */
#include "xenpv.h"
#include "mm.h"
#include "panic.h"
#include "printk.h"

/* A ring frame start_info names (machine frame; pfn across a save):
 * the pseudo-physical address of one of our pages, or 0. */
static u64 ring_pa(u64 frame, bool is_pfn)
{
	u64 pfn = is_pfn ? frame : xen_mfn_to_pfn(frame);

	return frame && pfn < xenpv_start.nr_pages ? pfn << PAGE_SHIFT : 0;
}

void xenpv_read_rings(struct xen_platform *p, const struct xen_start_info *si)
{
	/* Both rings are our own frames (the domain builder took them from
	 * our memory): reached through the direct map. */
	p->console_ring_pa = ring_pa(si->console.domU.mfn, false);
	p->console_evtchn = p->console_ring_pa ? si->console.domU.evtchn : 0;
	p->store_ring_pa = ring_pa(si->store_mfn, false);
	p->store_evtchn = p->store_ring_pa ? si->store_evtchn : 0;
}

static struct xen_start_info *start_info(void)
{
	return phys_to_virt(xenpv_start.start_info_pa);
}

static void frames_to_pfns(struct xen_start_info *si)
{
	si->store_mfn = xen_mfn_to_pfn(si->store_mfn);
	si->console.domU.mfn = xen_mfn_to_pfn(si->console.domU.mfn);
}

static void frames_to_mfns(struct xen_start_info *si)
{
	si->store_mfn = xen_pfn_to_mfn(si->store_mfn);
	si->console.domU.mfn = xen_pfn_to_mfn(si->console.domU.mfn);
}

/* In the new domain: where its rings and shared_info are now.  The rings
 * are the same pages of ours (their pfns survive the save); only the
 * event channels are new. */
static void read_new_start_info(struct xen_start_info *si)
{
	struct xen_platform *p = (struct xen_platform *)xen_platform;
	u64 console = p->console_ring_pa, store = p->store_ring_pa;

	xenpv_start.shared_info_maddr = si->shared_info;
	xenpv_read_rings(p, si);
	if (p->console_ring_pa != console || p->store_ring_pa != store)
		panic("xen: after the restore start_info puts the console ring at %#llx (was %#llx) "
		      "and xenstore at %#llx (was %#llx)", (unsigned long long)p->console_ring_pa,
		      (unsigned long long)console, (unsigned long long)p->store_ring_pa,
		      (unsigned long long)store);
}

bool xenpv_suspend(void)
{
	struct xen_start_info *si = start_info();
	struct xen_sched_shutdown sd = { .reason = XEN_SHUTDOWN_suspend };
	u64 si_mfn = xen_pfn_to_mfn(xenpv_start.start_info_pa >> PAGE_SHIFT);
	struct xen_vcpu_info *vi = this_cpu_ptr(&xen_vcpu_info);
	bool cancelled;
	long rc;

	xen_mc_flush();
	frames_to_pfns(si);
	xenpv_foreign_unmap();
	rc = xen_hcall3(XEN_HYPERCALL_sched_op, XEN_SCHEDOP_shutdown, &sd, si_mfn);
	cancelled = rc != 0;
	if (cancelled) {
		frames_to_mfns(si);
		xenpv_foreign_remap();
		if (rc < 0)
			pr_err("xen: SCHEDOP_shutdown(suspend) failed: %s (%ld); the domain goes on\n",
			       xen_strerror(rc), rc);
	} else {
		read_new_start_info(si);
		xenpv_foreign_remap();
		/* Xen copies the slot in shared_info over our vcpu_info when it
		 * is registered: masked there, masked here, as the caller holds
		 * interrupts off. */
		xen_shared->vcpu_info[this_cpu_read(cpu_number)].evtchn_upcall_mask = 1;
		xen_vcpu_info_register();
		vi->evtchn_upcall_mask = 1;
	}
	xen_p2m_publish();
	return cancelled;
}
