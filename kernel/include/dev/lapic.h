/* dev/lapic.h — the local APIC and its timer (dev/lapic.c). */
#ifndef PROTEUS_DEV_LAPIC_H
#define PROTEUS_DEV_LAPIC_H

#include "types.h"

bool lapic_present(void);
void lapic_init(void);
u64 lapic_measure_timer_hz(u64 tsc_hz);
void lapic_timer_start(u32 initial_count, unsigned vector);
void lapic_eoi(void);

#endif
