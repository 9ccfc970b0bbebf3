/* native/time.h — the native timer devices, shared by native_time.c. */
#ifndef PROTEUS_NATIVE_TIME_H
#define PROTEUS_NATIVE_TIME_H

#include "types.h"

#define PIT_HZ 1193182u

u64 pit_measure_tsc(unsigned pit_ticks, bool *ok);
void pit_start_periodic(unsigned hz);

void pic_init(void);           /* remap to 32..47 and mask everything */
void pic_unmask(unsigned irq);
void pic_eoi(unsigned irq);

bool lapic_present(void);
void lapic_init(void);
u64 lapic_measure_timer_hz(u64 tsc_hz);
void lapic_timer_start(u32 initial_count, unsigned vector);
void lapic_eoi(void);

#endif
