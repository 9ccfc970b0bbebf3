/*
 * error.c — naming hypercall failures.  Every hypercall result is
 * checked; a failure stops the kernel with the operation, its arguments
 * and Xen's error code by name, because a PV kernel that carries on after
 * a refused page-table or trap-table update corrupts itself silently.
 */
#include "xen/platform.h"
#include "panic.h"
#include "lib/fmt.h"
#include <stdarg.h>

const char *xen_strerror(long rc)
{
#define X(code, name) case -(code): return name;
	switch (rc) {
	case 0: return "OK";
	XEN_ERRNO_LIST(X)
	}
#undef X
	return "unknown error";
}

__noreturn void xen_fail(const char *op, long rc, const char *fmt, ...)
{
	char args[160];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	panic("xen: %s(%s) failed: %s (%ld)", op, args, xen_strerror(rc), rc);
}
