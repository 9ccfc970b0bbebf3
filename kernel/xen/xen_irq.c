/*
 * xen_irq.c — placing this CPU's vcpu_info in our own memory and the
 * non-callee-save irq ops.
 *
 * VCPUOP_register_vcpu_info moves vcpu_info out of the shared_info page
 * into a kernel variable at a link-time address, so the mask is one
 * RIP-relative byte away from any patched site (Linux calls this "vcpu
 * placement"): irq_disable becomes a single movb.
 */
#include "xen/xen.h"
#include "pv/ops.h"
#include "layout.h"
#include "mm.h"

struct xen_vcpu_info xen_vcpu_info __aligned(64);

void xen_irq_init(void)
{
	struct xen_vcpu_register_vcpu_info r;
	u64 pa = (u64)&xen_vcpu_info - KERNEL_VBASE;
	long rc;

	r.mfn = xen_pfn_to_mfn(pa >> PAGE_SHIFT);
	r.offset = (u32)(pa & (PAGE_SIZE - 1));
	r.rsvd = 0;
	rc = xen_hcall3(XEN_HYPERCALL_vcpu_op, XEN_VCPUOP_register_vcpu_info, 0, &r);
	if (rc)
		xen_fail("vcpu_op", rc, "register_vcpu_info, vcpu 0, mfn %#llx offset %#x",
			 (unsigned long long)r.mfn, r.offset);
}

/* Any hypercall makes Xen deliver pending events on the way back. */
void xen_force_evtchn_callback(void)
{
	xen_hcall2(XEN_HYPERCALL_xen_version, XENVER_version, 0);
}

/* Enable events and sleep until one is pending, in one step. */
void xen_safe_halt(void)
{
	long rc = xen_hcall2(XEN_HYPERCALL_sched_op, XEN_SCHEDOP_block, 0);

	if (rc)
		xen_fail("sched_op", rc, "block");
}

void xen_halt(void)
{
	long rc = xen_hcall2(XEN_HYPERCALL_sched_op, XEN_SCHEDOP_yield, 0);

	if (rc)
		xen_fail("sched_op", rc, "yield");
}
