/*
 * irq.c — the interrupt-flag ops of a PV kernel that are not callee-save
 * stubs (irq_stubs.S has those): halting.  A ring-3 kernel cannot hlt;
 * it blocks in Xen until an event is pending, with events enabled in the
 * same step, so a wakeup between the two cannot be lost.
 */
#include "xenpv.h"

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

const struct pv_irq_ops xenpv_irq_ops = {
	.save_fl = xen_save_fl_callee,
	.restore_fl = xen_restore_fl_callee,
	.irq_disable = xen_irq_disable_callee,
	.irq_enable = xen_irq_enable_callee,
	.safe_halt = xen_safe_halt,
	.halt = xen_halt,
};
