/* pvclock.h — reading a paravirtual clock (core/pvclock.c, abi/pvclock.h). */
#ifndef PROTEUS_PVCLOCK_H
#define PROTEUS_PVCLOCK_H

#include "types.h"
#include "abi/pvclock.h"

/* The hypervisor's system time in ns, by the version protocol. */
u64 pvclock_read(const volatile struct pvclock_vcpu_time_info *t);
/* The TSC frequency in kHz the hypervisor's scale implies. */
u64 pvclock_tsc_khz(const volatile struct pvclock_vcpu_time_info *t);

#endif
