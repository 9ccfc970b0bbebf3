/*
 * run_status.c — what the way QEMU ended says about the guest.
 *
 * The guest reports its result by writing a byte v to the isa-debug-exit
 * port; QEMU then exits with (v << 1) | 1.  So 1 means v = 0 (success) and
 * 3 means v = 1 (failure).  Anything else — 0 from -no-reboot after a
 * triple fault or a reset, another v, a signal — is not a result.
 *
 * QEMU also exits with 1 when it fails on its own, e.g. "qemu: invalid
 * kernel header".  It says so on stderr first, which is how we tell that
 * from a guest's success.
 *
 * Under Xen, dom0 reports the same way: with its I/O privilege raised by
 * PHYSDEVOP_set_iopl, its `out` to 0xf4 is emulated by Xen onto the real
 * port.  It may also end with SCHEDOP_shutdown, which QEMU's status cannot
 * tell apart (a reboot and a triple fault both give 0, a poweroff halts
 * the machine and QEMU never exits), so Xen's log says which (xenlog.h):
 *   poweroff  "Hardware Dom0 halted: halting machine"      -> passed
 *   reboot    "Hardware Dom0 shutdown: rebooting machine"  -> failed
 *   crash     "Hardware Dom0 crashed: ..."                 -> no result
 * crash cannot mean "failed": Xen crashes dom0 itself on a fault dom0 has
 * no handler for.  Watchdog, soft reset, an unknown reason and a panic of
 * Xen's are no result either.
 *
 * Whatever the VMM's exit says, a pass or a failure also needs the guest's
 * own verdict line to agree (verdict.h): QEMU exits with 1 when it ran
 * nothing at all, and so does `false`.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "tools/proteus/run.h"

static int run_status_agree(int rc, enum verdict v, char *msg, size_t len)
{
	enum verdict want = rc == RUN_EXIT_PASS ? VERDICT_PASSED : VERDICT_FAILED;
	const char *said = rc == RUN_EXIT_PASS ? "success" : "failure";

	if (rc != RUN_EXIT_PASS && rc != RUN_EXIT_FAIL)
		return rc;
	if (v == want)
		return rc;
	if (v == VERDICT_NONE)
		snprintf(msg, len, "proteus: the VMM's exit reported %s, but the guest printed no "
			 "verdict line (" VERDICT_PREFIX "...): no result", said);
	else
		snprintf(msg, len, "proteus: the VMM's exit reported %s, but the guest's verdict was "
			 "'%s': no result", said, verdict_name(v));
	return RUN_EXIT_NORESULT;
}

static int run_status_vmm(int wstatus, int vmm_error, char *msg, size_t len)
{
	msg[0] = 0;
	if (WIFEXITED(wstatus)) {
		int rc = WEXITSTATUS(wstatus);

		if (vmm_error) {
			snprintf(msg, len, "proteus: qemu failed before the guest reported a result (qemu exit %d)", rc);
			return RUN_EXIT_NORESULT;
		}
		if (rc == 1)
			return RUN_EXIT_PASS;
		if (rc == 3)
			return RUN_EXIT_FAIL;
		snprintf(msg, len, "proteus: guest ended without reporting a result (qemu exit %d)", rc);
		return RUN_EXIT_NORESULT;
	}
	if (WIFSIGNALED(wstatus)) {
		snprintf(msg, len, "proteus: guest ended without reporting a result (qemu killed by signal %d, %s)",
			 WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
		return RUN_EXIT_NORESULT;
	}
	snprintf(msg, len, "proteus: guest ended without reporting a result (qemu wait status 0x%x)", wstatus);
	return RUN_EXIT_NORESULT;
}

int run_status_map(int wstatus, int vmm_error, enum verdict v, char *msg, size_t len)
{
	return run_status_agree(run_status_vmm(wstatus, vmm_error, msg, len), v, msg, len);
}

static int run_status_xen(enum xenlog_event ev, int wstatus, int vmm_error, char *msg, size_t len)
{
	msg[0] = 0;
	switch (ev) {
	case XENLOG_NONE:
		return run_status_vmm(wstatus, vmm_error, msg, len);
	case XENLOG_DOM0_POWEROFF:
		return RUN_EXIT_PASS;
	case XENLOG_DOM0_REBOOT:
		return RUN_EXIT_FAIL;
	case XENLOG_DOM0_CRASH:
		snprintf(msg, len, "proteus: dom0 crashed (SHUTDOWN_crash, or a fault it had no handler for): no result");
		return RUN_EXIT_NORESULT;
	case XENLOG_XEN_PANIC:
		snprintf(msg, len, "proteus: Xen panicked: no result");
		return RUN_EXIT_NORESULT;
	case XENLOG_DOM0_OTHER:
	default:
		snprintf(msg, len, "proteus: dom0 shut down without a result (watchdog, soft reset or unknown reason)");
		return RUN_EXIT_NORESULT;
	}
}

int run_status_map_xen(enum xenlog_event ev, int wstatus, int vmm_error, enum verdict v,
		       char *msg, size_t len)
{
	return run_status_agree(run_status_xen(ev, wstatus, vmm_error, msg, len), v, msg, len);
}
