/*
 * pvclock.h — the paravirtual clock ABI, version 1.
 *
 * A hypervisor keeps one of these current for each vCPU so that the guest
 * can turn a TSC reading into nanoseconds of the hypervisor's system time
 * without an exit:
 *
 *     ns = system_time + ((tsc - tsc_timestamp) << tsc_shift) * mul >> 32
 *
 * (a negative shift shifts right).  The hypervisor makes version odd
 * while it rewrites the fields and even again after, so a reader retries
 * while it sees an odd version or the version changed under it.
 *
 * Xen publishes it as the `time` field of each vcpu_info (Xen's public
 * xen.h, struct vcpu_time_info); KVM at the guest-physical address the
 * guest writes to MSR_KVM_SYSTEM_TIME_NEW (Linux's
 * Documentation/virt/kvm/x86/msr.rst, "kvmclock").  The layout is the same
 * for both.  Self-contained: needs only <stdint.h>.
 */
#ifndef PROTEUS_ABI_PVCLOCK_H
#define PROTEUS_ABI_PVCLOCK_H

#define PROTEUS_PVCLOCK_ABI_VERSION 1

#ifndef __ASSEMBLER__
#include <stdint.h>

struct pvclock_vcpu_time_info {
	uint32_t version;              /* odd while being updated */
	uint32_t pad0;
	uint64_t tsc_timestamp;        /* the TSC when system_time was taken */
	uint64_t system_time;          /* ns */
	uint32_t tsc_to_system_mul;    /* 32.32 fixed point, after the shift */
	int8_t   tsc_shift;
	uint8_t  flags;                /* PVCLOCK_* */
	uint8_t  pad[2];
};

/* KVM's wall clock at system time 0 (MSR_KVM_WALL_CLOCK_NEW). */
struct pvclock_wall_clock {
	uint32_t version;
	uint32_t sec;
	uint32_t nsec;
};

_Static_assert(sizeof(struct pvclock_vcpu_time_info) == 32, "pvclock_vcpu_time_info size");
_Static_assert(sizeof(struct pvclock_wall_clock) == 12, "pvclock_wall_clock size");
#endif

/* flags */
#define PVCLOCK_TSC_STABLE_BIT (1u << 0)   /* the same TSC on every vCPU: no clamping needed */
#define PVCLOCK_GUEST_STOPPED  (1u << 1)   /* the host paused the guest (KVM) */

#endif
