/*
 * test_time.c — the pv clocksource and clockevent: the clock is monotonic,
 * ticks advance at about the configured rate, sleeping returns on time.
 */
#include "ktest.h"
#include "pv/ops.h"
#include "clock.h"

KTEST(time_monotonic, "clock_ns never goes backwards")
{
	u64 prev = clock_ns(), now;
	unsigned i;

	for (i = 0; i < 10000; i++) {
		now = clock_ns();
		KT_ASSERT(t, now >= prev);
		prev = now;
	}
}

KTEST(time_ticks_advance, "timer ticks arrive at the configured rate")
{
	u64 t0 = clock_ns(), k0 = clock_ticks(), k1;

	clock_sleep_ns(200000000ull);                 /* 200 ms = 20 ticks at 100 Hz */
	k1 = clock_ticks();
	KT_EXPECT(t, k1 - k0 >= 10);
	KT_EXPECT(t, k1 - k0 <= 60);
	KT_EXPECT(t, clock_ns() - t0 >= 200000000ull);
}

KTEST(time_sleep_returns, "clock_sleep_ns sleeps at least as long as asked, not much more")
{
	u64 t0 = clock_ns(), slept;

	clock_sleep_ns(50000000ull);
	slept = clock_ns() - t0;
	KT_EXPECT(t, slept >= 50000000ull);
	KT_EXPECT(t, slept < 2000000000ull);
	t0 = clock_ns();
	clock_sleep_ns(0);
	KT_EXPECT(t, clock_ns() - t0 < 1000000000ull);
}

KTEST(time_steal_bounded, "steal time is never more than elapsed time")
{
	KT_EXPECT(t, steal_clock() <= clock_ns());
}
