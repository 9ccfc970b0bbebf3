/* dev/pit.h — the 8254 programmable interval timer (dev/pit.c). */
#ifndef PROTEUS_DEV_PIT_H
#define PROTEUS_DEV_PIT_H

#include "types.h"

#define PIT_HZ 1193182u

/* TSC cycles over pit_ticks input cycles (< 65536); *ok false if it never counts. */
u64 pit_measure_tsc(unsigned pit_ticks, bool *ok);
/* Channel 0 interrupts (ISA line 0) once after count input cycles (1..65535). */
void pit_oneshot(u16 count);

#endif
