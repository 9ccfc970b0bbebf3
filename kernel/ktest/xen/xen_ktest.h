/* xen_ktest.h — helpers shared by the Xen backend's tests. */
#ifndef PROTEUS_XEN_KTEST_H
#define PROTEUS_XEN_KTEST_H

#include "ktest.h"
#include "pv/ops.h"
#include "clock.h"
#include <string.h>

/* These tests prove Xen mechanisms; on any other backend they skip. */
static inline bool xen_ktest_applies(struct ktest_ctx *t)
{
	if (!strcmp(pv_info.name, "xen-pv"))
		return true;
	ktest_skip(t, "needs the xen-pv backend, running on %s", pv_info.name);
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
