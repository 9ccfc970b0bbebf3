/*
 * test_xen_time.c — the runstate area behind steal time is registered and
 * kept current by Xen, and the pvclock agrees with it.
 */
#include "xen/testing.h"
#include "xen/platform.h"

KTEST(xen_runstate_steal, "Xen keeps the runstate area current; steal time comes from it")
{
	const struct xen_vcpu_runstate_info *rs;
	u64 s0, s1;

	if (!xen_ktest_applies(t))
		return;
	rs = xen_runstate();
	s0 = steal_clock();
	/* Xen writes the area when it switches us out and back in: block. */
	clock_sleep_ns(30000000ull);
	s1 = steal_clock();
	KT_EXPECT_EQ(t, rs->state, XEN_RUNSTATE_running);
	KT_EXPECT(t, rs->time[XEN_RUNSTATE_running] > 0);
	KT_EXPECT(t, rs->time[XEN_RUNSTATE_blocked] > 0);
	KT_EXPECT(t, s1 >= s0);
	KT_EXPECT(t, s1 <= clock_ns() + 1000000000ull);
}
