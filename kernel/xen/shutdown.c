/*
 * shutdown.c — reporting the run's result as a PV domain: the reason
 * given to SCHEDOP_shutdown.  `proteus run --on xen` reads it from Xen's
 * log: poweroff = passed, reboot = failed, crash = the kernel gave up (a
 * crash is also what Xen reports when it kills a guest itself, so a
 * failing kernel never uses it by accident).
 */
#include "xen/platform.h"
#include "panic.h"
#include "printk.h"

__noreturn void xen_machine_shutdown(int code)
{
	struct xen_sched_shutdown s;
	long rc;

	s.reason = code == SHUTDOWN_OK ? XEN_SHUTDOWN_poweroff :
		   code == SHUTDOWN_FAIL ? XEN_SHUTDOWN_reboot : XEN_SHUTDOWN_crash;
	rc = xen_hcall2(XEN_HYPERCALL_sched_op, XEN_SCHEDOP_shutdown, &s);
	kprintf("xen: SCHEDOP_shutdown(%u) returned %s (%ld)\n", s.reason, xen_strerror(rc), rc);
	for (;;)
		xen_hcall2(XEN_HYPERCALL_sched_op, XEN_SCHEDOP_yield, 0);
}
