/* xen/testing.h — helpers shared by the tests of Xen mechanisms. */
#ifndef PROTEUS_XEN_TESTING_H
#define PROTEUS_XEN_TESTING_H

#include "ktest.h"
#include "pv/ops.h"
#include "clock.h"
#include "xen/platform.h"
#include <string.h>

/* Tests of the Xen platform run under any Xen backend and skip elsewhere. */
static inline bool xen_ktest_applies(struct ktest_ctx *t)
{
	if (xen_platform)
		return true;
	ktest_skip(t, "needs a Xen backend, running on %s", pv_info.name);
	return false;
}

/* Tests of one backend's own mechanisms skip under any other. */
static inline bool xen_ktest_backend(struct ktest_ctx *t, const char *backend)
{
	if (!strcmp(pv_info.name, backend))
		return true;
	ktest_skip(t, "needs the %s backend, running on %s", backend, pv_info.name);
	return false;
}

/* Wait (interrupts on) until *v becomes non-zero or timeout_ns passes. */
static inline bool xen_ktest_wait(volatile unsigned *v, u64 timeout_ns)
{
	u64 t0 = clock_ns();

	while (!*v && clock_ns() - t0 < timeout_ns) {
		irq_disable();
		if (*v) {
			irq_enable();
			break;
		}
		safe_halt();
	}
	return *v != 0;
}

#endif
