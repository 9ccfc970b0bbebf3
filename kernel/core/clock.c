/*
 * clock.c — ticks and sleeping, built on the pv time ops.
 *
 * Sleeping halts between ticks (safe_halt enables interrupts and waits in
 * one step, so a tick cannot slip in between and leave us halted).
 */
#include "clock.h"
#include "pv/ops.h"
#include "trap.h"
#include "panic.h"

static bool running;
static volatile u64 ticks;

bool clock_running(void) { return running; }
void clock_mark_running(void) { running = true; }
u64 clock_ticks(void) { return ticks; }

void clock_tick(void)
{
	ticks++;
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
