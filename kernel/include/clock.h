/*
 * clock.h — time as common code sees it: clock_ns() from the pv
 * clocksource (in pv/ops.h), a tick built on the pv clock event device,
 * and sleeping.
 */
#ifndef PROTEUS_CLOCK_H
#define PROTEUS_CLOCK_H

#include "types.h"

#define CLOCK_HZ 100u
#define NSEC_PER_SEC 1000000000ull

/* True once pv clock_init has run and clock_ns() may be called. */
bool clock_running(void);
void clock_mark_running(void);
/* Start the tick: arm the first event (after timer_init). */
void clock_start(void);
/* Ticks seen since clock_start. */
u64 clock_ticks(void);
/* The clock event device's interrupt handler (irq.h's handler type). */
void clock_event_fire(unsigned irq, void *arg);
/* Clock events the device delivered, early ones included. */
u64 clock_events(void);
/* The wall clock: a backend that knows the date says what it is now
 * (ns since 1970-01-01 UTC); CLOCK_REALTIME follows clock_ns() from it. */
void clock_set_epoch(u64 realtime_ns_now);
u64 clock_realtime_ns(void);
/* The CPU starts or stops idling: no tick while it idles (tickless). */
void clock_idle(bool idle);
/* safe_halt(), counting the TSC ticks it took in clock_idle_tsc (idle.c):
 * called with interrupts disabled, returns with them enabled. */
void clock_halt(void);
/* TSC ticks this CPU has spent halted since boot. */
u64 clock_idle_tsc(void);
/* Sleep at least ns nanoseconds; needs interrupts enabled. */
void clock_sleep_ns(u64 ns);

#endif
