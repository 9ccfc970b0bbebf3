/* pvclock.h — reading a paravirtual clock (core/pvclock.c, abi/pvclock.h). */
#ifndef PROTEUS_PVCLOCK_H
#define PROTEUS_PVCLOCK_H

#include "types.h"
#include "abi/pvclock.h"

/* The hypervisor's system time in ns, by the version protocol. */
u64 pvclock_read(const volatile struct pvclock_vcpu_time_info *t);
/*
 * A clock on one CPU's pvclock: ns since pvclock_start, never behind an
 * earlier reading on that CPU (a reading behind the last one is scale
 * jitter between the hypervisor's updates).  `start` is the hypervisor's
 * system time at the start, for converting back to its time base.
 */
struct pvclock_clock {
	u64 start, last;
};
void pvclock_start(struct pvclock_clock *c, const volatile struct pvclock_vcpu_time_info *t);
u64 pvclock_clock_ns(struct pvclock_clock *c, const volatile struct pvclock_vcpu_time_info *t);
/* The TSC frequency in kHz the hypervisor's scale implies. */
u64 pvclock_tsc_khz(const volatile struct pvclock_vcpu_time_info *t);

#endif
