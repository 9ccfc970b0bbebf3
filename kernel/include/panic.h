/* panic.h — stopping the kernel with everything needed to debug it. */
#ifndef PROTEUS_PANIC_H
#define PROTEUS_PANIC_H

#include "types.h"

struct trap_frame;

/* Exit codes the kernel reports to the host (see kernel_shutdown). */
enum shutdown_code {
	SHUTDOWN_OK = 0,       /* ran to completion, all tests passed */
	SHUTDOWN_FAIL = 1,     /* a test or the user program failed */
	SHUTDOWN_PANIC = 2,    /* the kernel itself gave up */
};

/* Print the verdict line for code, then end the machine with it. */
__noreturn void kernel_shutdown(int code);

__noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A fault in kernel mode: registers of the frame, backtrace, shutdown. */
__noreturn void panic_frame(const struct trap_frame *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define BUG_ON(c) do { if (c) panic("BUG at %s:%d: %s", __FILE__, __LINE__, #c); } while (0)

/* Print a backtrace walking frame pointers from rbp (rip is the first entry). */
void backtrace_print(u64 rip, u64 rbp);
/* name+offset of addr into buf; false if addr is not in the kernel. */
bool ksym_lookup(u64 addr, const char **name, u64 *offset);

#endif
