/*
 * suspend.c — the PVH half of save and restore (kernel/xen/suspend.c has
 * the story): what a guest in a hardware container must redo itself.
 *
 * A PVH domain is saved like an HVM one: the toolstack copies its memory
 * frame by guest frame and its vCPU state (registers, the local APIC) as
 * hardware state, and restores both into a new domain at the same guest
 * frames.  Nothing needs translating before the save, unlike a PV guest,
 * whose machine frames the toolstack must find and rename.  But what Xen
 * keeps for the domain rather than in its memory is not in the save, and
 * a restored domain starts without it:
 *   - the pages Xen put into our physical space (shared_info, the grant
 *     table's frames): physmap.c puts each back at the same frame;
 *   - this vCPU's vcpu_info placement;
 *   - the event callback (HVM_PARAM_CALLBACK_IRQ);
 *   - the event channels of xenstore and the console, which the new
 *     domain's toolstack made afresh (their pages are ours, at the same
 *     frames, as the save carried the HVM params that name them).
 * This is Linux's xen_hvm_post_suspend.  The hypercall returns 0 in a
 * restored domain (the vCPU's saved rax: Xen completed the call before it
 * paused us) and 1 in the same one, where the toolstack cancelled the
 * suspend and wrote 1 into rax (libxc's xc_domain_resume); in the same
 * domain all of the above still holds.
 */
#include "xenpvh.h"
#include "panic.h"
#include "printk.h"

bool xenpvh_suspend(void)
{
	struct xen_sched_shutdown sd = { .reason = XEN_SHUTDOWN_suspend };
	struct xen_platform *p = (struct xen_platform *)xen_platform;
	u64 console = p->console_ring_pa, store = p->store_ring_pa;
	struct xen_vcpu_info *vi = this_cpu_ptr(&xen_vcpu_info);
	long rc;

	/* The third argument is a PV guest's start_info; a translated guest has none. */
	rc = xen_hcall3(XEN_HYPERCALL_sched_op, XEN_SCHEDOP_shutdown, &sd, 0);
	if (rc != 0) {
		if (rc < 0)
			pr_err("xen: SCHEDOP_shutdown(suspend) failed: %s (%ld); the domain goes on\n",
			       xen_strerror(rc), rc);
		return true;
	}
	xenpvh_physmap_restore();
	/* Xen copies the slot in shared_info over our vcpu_info when it is
	 * registered: masked there, masked here, as the caller holds
	 * interrupts off. */
	xen_shared->vcpu_info[this_cpu_read(cpu_number)].evtchn_upcall_mask = 1;
	xen_vcpu_info_register();
	vi->evtchn_upcall_mask = 1;
	xenpvh_callback_set();
	xenpvh_read_rings(p);
	if (p->console_ring_pa != console || p->store_ring_pa != store)
		panic("xen: after the restore the HVM params put the console ring at %#llx (was %#llx) "
		      "and xenstore at %#llx (was %#llx)", (unsigned long long)p->console_ring_pa,
		      (unsigned long long)console, (unsigned long long)p->store_ring_pa,
		      (unsigned long long)store);
	return false;
}
