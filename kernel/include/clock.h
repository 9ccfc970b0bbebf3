/*
 * clock.h — time as common code sees it: clock_ns() from the pv clocksource
 * (in pv/ops.h), a tick count from the pv clockevent, and sleeping.
 */
#ifndef PROTEUS_CLOCK_H
#define PROTEUS_CLOCK_H

#include "types.h"

#define CLOCK_HZ 100u

/* True once pv clock_init has run and clock_ns() may be called. */
bool clock_running(void);
void clock_mark_running(void);
/* Timer interrupts seen since timer_init. */
u64 clock_ticks(void);
/* Called by the timer interrupt handler. */
void clock_tick(void);
/* Sleep at least ns nanoseconds; needs interrupts enabled. */
void clock_sleep_ns(u64 ns);

#endif
