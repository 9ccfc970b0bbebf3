/*
 * test_sched.c — the scheduler as the kernel thread sees it: an idle CPU
 * takes no tick (tickless idle), and a timed sleep wakes on time.
 */
#include "ktest.h"
#include "sched.h"
#include "clock.h"
#include "pv/ops.h"

KTEST(sched_tickless_idle, "an idle CPU sleeping 500 ms takes a few timer events, not a tick each 10 ms")
{
	u64 events = clock_events(), start = clock_ns(), deadline = start + 500000000ull;
	u64 fl = irq_save();
	static int chan;

	irq_enable();
	irq_disable();
	while (clock_ns() < deadline)
		sched_sleep_until(&chan, deadline);
	irq_restore(fl);
	KT_EXPECT(t, clock_ns() >= deadline);
	/* A 100 Hz tick would be 50 events; a one-shot device with a short
	 * range (the PIT: 55 ms) needs about 10 to span the sleep. */
	KT_EXPECT(t, clock_events() - events < 25);
}
