/* dev/lapic.h — the local APIC: EOI, its timer, its local irqs (dev/lapic.c). */
#ifndef PROTEUS_DEV_LAPIC_H
#define PROTEUS_DEV_LAPIC_H

#include "types.h"

bool lapic_present(void);
/* Enable this CPU's local APIC (spurious vector 255); safe to call again. */
void lapic_init(void);
u32 lapic_id(void);
void lapic_eoi(void);
/* An interrupt on vector is waiting for delivery (IRR), whatever IF says. */
bool lapic_pending(unsigned vector);
/*
 * A hypervisor may let a guest skip the EOI write (KVM's PV EOI): skip()
 * returns true when this EOI needs no write.  NULL: always write.
 */
void lapic_set_eoi_skip(bool (*skip)(void));

/* The timer, one-shot: an irq for it (masked until requested). */
int lapic_timer_irq(const char *name);
/* Its input clock, measured against the TSC over about 10 ms. */
u64 lapic_timer_measure_hz(u64 tsc_hz);
/* Interrupt once after count input cycles (0 stops it). */
void lapic_timer_oneshot(u32 count);

/* The timer as the clock event device: measure it against a TSC of
 * tsc_hz, request its irq for clock_event_fire; false if it does not count. */
bool lapic_clockevent_init(u64 tsc_hz);
/* Arm it for a clock_ns deadline (a pv timer_set_next). */
void lapic_clockevent_set_next(u64 deadline_ns);

#endif
