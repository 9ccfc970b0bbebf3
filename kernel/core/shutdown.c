/*
 * shutdown.c — the one way the kernel ends a run.
 *
 * The verdict is said twice, on purpose: as a line on the console, and
 * through the backend's shutdown (the exit device, or the reason given to
 * the hypervisor).  The host believes a result only when both agree, so
 * an emulator that exits with the right status without running anything
 * never passes (tools/proteus/verdict.h reads the line).
 */
#include "panic.h"
#include "printk.h"
#include "pv/ops.h"

__noreturn void kernel_shutdown(int code)
{
	static const char *const verdicts[] = {
		[SHUTDOWN_OK] = "passed", [SHUTDOWN_FAIL] = "failed", [SHUTDOWN_PANIC] = "panic",
	};

	if (code < SHUTDOWN_OK || code > SHUTDOWN_PANIC)
		code = SHUTDOWN_PANIC;
	kprintf("proteus-verdict: %s\n", verdicts[code]);
	machine_shutdown(code);
}
