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
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "tools/proteus/run.h"

int run_status_map(int wstatus, int vmm_error, char *msg, size_t len)
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
