/*
 * clock.c — the tick and sleeping, built on the pv time ops.
 *
 * The clock event device only ever arms one interrupt (timer_set_next).
 * The tick is a deadline re-armed from each event: an event that comes
 * early (a device whose range ends before the deadline, rounding) just
 * re-arms the same deadline; ticks missed while interrupts were off are
 * not replayed in a storm, the next deadline moves past now.
 *
 * While the CPU idles (clock_idle) there is no tick at all: the timer is
 * armed only for the earliest deadline the scheduler has (a sleeper, an
 * alarm), so an idle machine takes no interrupts it does not need.
 *
 * Sleeping halts between events (safe_halt enables interrupts and waits
 * in one step, so an event cannot slip in between and leave us halted).
 */
#include "clock.h"
#include "pv/ops.h"
#include "percpu.h"
#include "trap.h"
#include "panic.h"
#include "printk.h"
#include "sched.h"

#define TICK_NS (NSEC_PER_SEC / CLOCK_HZ)

/* How far ahead an idle CPU with no deadline at all arms its timer: the
 * device's range usually ends sooner, and an early event just re-arms. */
#define IDLE_FAR_NS (3600ull * NSEC_PER_SEC)

struct clock_state {
	u64 ticks, events;
	u64 next_tick;             /* clock_ns of the next tick */
	bool idle;                 /* no tick: only the scheduler's deadlines */
};
static DEFINE_PER_CPU(struct clock_state, clock_state);
static bool running;

/* CLOCK_REALTIME at clock_ns() == 0, in ns since the epoch; 0 until a
 * backend has a date (then the date starts at 1970). */
static u64 epoch_at_zero;

void clock_set_epoch(u64 realtime_ns_now)
{
	u64 now = clock_ns();

	epoch_at_zero = realtime_ns_now > now ? realtime_ns_now - now : 0;
	pr_info("time: wall clock %llu s since the epoch\n",
		(unsigned long long)(realtime_ns_now / NSEC_PER_SEC));
}

u64 clock_realtime_ns(void)
{
	return epoch_at_zero + clock_ns();
}

bool clock_running(void) { return running; }
void clock_mark_running(void) { running = true; }
u64 clock_ticks(void) { return READ_ONCE(this_cpu_ptr(&clock_state)->ticks); }
u64 clock_events(void) { return READ_ONCE(this_cpu_ptr(&clock_state)->events); }

void clock_start(void)
{
	struct clock_state *c = this_cpu_ptr(&clock_state);

	c->next_tick = clock_ns() + TICK_NS;
	timer_set_next(c->next_tick);
}

/* The next event: the tick, or while idle only what someone waits for. */
static void clock_arm(struct clock_state *c, u64 now)
{
	u64 deadline = sched_next_deadline();

	if (c->idle)
		timer_set_next(MIN(deadline, now + IDLE_FAR_NS));
	else
		timer_set_next(MIN(deadline, c->next_tick));
}

void clock_event_fire(unsigned irq, void *arg)
{
	struct clock_state *c = this_cpu_ptr(&clock_state);
	u64 now = clock_ns();

	(void)irq;
	(void)arg;
	c->events++;
	if (!c->idle && now >= c->next_tick) {
		c->ticks++;
		c->next_tick += TICK_NS;
		if (c->next_tick <= now)
			c->next_tick = now + TICK_NS;
	}
	sched_timer_tick(now);
	clock_arm(c, now);
}

void clock_idle(bool idle)
{
	struct clock_state *c = this_cpu_ptr(&clock_state);
	u64 now;

	if (c->idle == idle || !running)
		return;
	c->idle = idle;
	now = clock_ns();
	if (!idle && c->next_tick <= now)
		c->next_tick = now + TICK_NS;
	clock_arm(c, now);
}

void clock_sleep_ns(u64 ns)
{
	u64 deadline = clock_ns() + ns;
	u64 f = save_fl();

	if (!(f & X86_FLAGS_IF))
		panic("clock_sleep_ns called with interrupts disabled");
	while (clock_ns() < deadline) {
		irq_disable();
		if (clock_ns() >= deadline) {
			irq_enable();
			break;
		}
		clock_halt();
	}
}
