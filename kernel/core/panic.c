/*
 * panic.c — the end of the road: say why, show the machine state and a
 * symbolized backtrace, and report SHUTDOWN_PANIC to the host so a test run
 * never mistakes a dead kernel for a quiet one.
 */
#include "panic.h"
#include "printk.h"
#include "trap.h"
#include "lib/fmt.h"
#include "pv/ops.h"
#include <stdarg.h>

static bool panicking;

static void vpanic_header(const char *fmt, va_list ap)
{
	char msg[256];

	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	kprintf("\n*** KERNEL PANIC: %s\n", msg);
}

static __noreturn void panic_finish(void)
{
	kprintf("*** end of panic\n");
	kernel_shutdown(SHUTDOWN_PANIC);
}

__noreturn void panic(const char *fmt, ...)
{
	va_list ap;
	u64 rsp, rbp;

	irq_disable();
	if (panicking) {
		kprintf("*** panic while panicking\n");
		kernel_shutdown(SHUTDOWN_PANIC);
	}
	panicking = true;
	va_start(ap, fmt);
	vpanic_header(fmt, ap);
	va_end(ap);
	__asm__ __volatile__("mov %%rsp, %0; mov %%rbp, %1" : "=r"(rsp), "=r"(rbp));
	kprintf("RSP %016llx RBP %016llx CR3 %016llx\n", (unsigned long long)rsp,
		(unsigned long long)rbp, (unsigned long long)read_cr3());
	/* Start at our caller: our own frame's saved rbp and return address. */
	backtrace_print(((u64 *)rbp)[1] - 1, ((u64 *)rbp)[0]);
	panic_finish();
}

__noreturn void panic_frame(const struct trap_frame *f, const char *fmt, ...)
{
	va_list ap;

	irq_disable();
	if (panicking) {
		kprintf("*** fault while panicking\n");
		kernel_shutdown(SHUTDOWN_PANIC);
	}
	panicking = true;
	va_start(ap, fmt);
	vpanic_header(fmt, ap);
	va_end(ap);
	trap_frame_print(f);
	backtrace_print(f->rip, f->rbp);
	panic_finish();
}
