/*
 * clock.c — the tick and sleeping, built on the pv time ops.
 *
 * The clock event device only ever arms one interrupt (timer_set_next).
 * The tick is a deadline re-armed from each event: an event that comes
 * early (a device whose range ends before the deadline, rounding) just
 * re-arms the same deadline; ticks missed while interrupts were off are
 * not replayed in a storm, the next deadline moves past now.
 *
 * Sleeping halts between events (safe_halt enables interrupts and waits
 * in one step, so an event cannot slip in between and leave us halted).
 */
#include "clock.h"
#include "pv/ops.h"
#include "percpu.h"
#include "trap.h"
#include "panic.h"

#define TICK_NS (NSEC_PER_SEC / CLOCK_HZ)

struct clock_state {
	u64 ticks, events;
	u64 next_tick;             /* clock_ns of the next tick */
};
static DEFINE_PER_CPU(struct clock_state, clock_state);
static bool running;

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

void clock_event_fire(unsigned irq, void *arg)
{
	struct clock_state *c = this_cpu_ptr(&clock_state);
	u64 now = clock_ns();

	(void)irq;
	(void)arg;
	c->events++;
	if (now >= c->next_tick) {
		c->ticks++;
		c->next_tick += TICK_NS;
		if (c->next_tick <= now)
			c->next_tick = now + TICK_NS;
	}
	timer_set_next(c->next_tick);
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
		safe_halt();
	}
}
