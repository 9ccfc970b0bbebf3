/*
 * busywait.h — accounting for the time the kernel spends spinning on
 * purpose (calibrating one clock against another, waiting for a device to
 * prove it ticks).  The whole-kernel benchmark counts the instructions from
 * kmain to the end of its workload and subtracts these: they measure the
 * machine, not the kernel, and differ in length between builds only by
 * how fast each polls.
 */
#ifndef PROTEUS_BUSYWAIT_H
#define PROTEUS_BUSYWAIT_H

#include "types.h"

/* Add the TSC cycles since t0 (an x86_rdtsc value) to the spinning total. */
void busywait_account(u64 t0);
/* TSC cycles spent spinning so far. */
u64 busywait_total(void);

#endif
