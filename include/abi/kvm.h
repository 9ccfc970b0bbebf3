/*
 * kvm.h — the KVM paravirtual interface Proteus speaks, version 1: the
 * CPUID leaves, the MSRs a guest writes to share memory with the host, and
 * the layouts of what it shares.  Numbers and layouts from Linux's
 * Documentation/virt/kvm/x86/cpuid.rst and msr.rst (the uapi header
 * asm/kvm_para.h); the text and arrangement are ours.  No hypercalls:
 * everything here works by MSR writes and shared memory.  The clock itself
 * is a pvclock (abi/pvclock.h).  Self-contained: needs only <stdint.h>.
 */
#ifndef PROTEUS_ABI_KVM_H
#define PROTEUS_ABI_KVM_H

#define PROTEUS_KVM_ABI_VERSION 1

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* CPUID: "KVMKVMKVM\0\0\0" at base (0x40000000, or higher in steps of 0x100). */
#define KVM_CPUID_SIGNATURE "KVMKVMKVM\0\0\0"
#define KVM_CPUID_FEATURES_OFFSET 1          /* base + 1: EAX features, EDX hints */

/* base + 1, EAX */
#define KVM_FEATURE_CLOCKSOURCE         0    /* kvmclock at the legacy MSRs */
#define KVM_FEATURE_NOP_IO_DELAY        1
#define KVM_FEATURE_CLOCKSOURCE2        3    /* kvmclock at the new MSRs */
#define KVM_FEATURE_ASYNC_PF            4
#define KVM_FEATURE_STEAL_TIME          5
#define KVM_FEATURE_PV_EOI              6
#define KVM_FEATURE_PV_UNHALT           7
#define KVM_FEATURE_PV_TLB_FLUSH        9
#define KVM_FEATURE_ASYNC_PF_VMEXIT    10
#define KVM_FEATURE_PV_SEND_IPI        11
#define KVM_FEATURE_POLL_CONTROL       12
#define KVM_FEATURE_PV_SCHED_YIELD     13
#define KVM_FEATURE_ASYNC_PF_INT       14
#define KVM_FEATURE_MSI_EXT_DEST_ID    15
#define KVM_FEATURE_CLOCKSOURCE_STABLE 24    /* the pvclock's TSC is stable across vCPUs */
/* base + 1, EDX */
#define KVM_HINTS_REALTIME              0    /* vCPUs are never preempted */

/* MSRs */
#define MSR_KVM_WALL_CLOCK         0x11u
#define MSR_KVM_SYSTEM_TIME        0x12u
#define MSR_KVM_WALL_CLOCK_NEW     0x4b564d00u
#define MSR_KVM_SYSTEM_TIME_NEW    0x4b564d01u  /* pa | 1 of a pvclock_vcpu_time_info */
#define MSR_KVM_ASYNC_PF_EN        0x4b564d02u
#define MSR_KVM_STEAL_TIME         0x4b564d03u  /* pa | 1 of a 64-byte aligned kvm_steal_time */
#define MSR_KVM_PV_EOI_EN          0x4b564d04u  /* pa | 1 of a 4-byte aligned word */
#define MSR_KVM_POLL_CONTROL       0x4b564d05u

#define KVM_MSR_ENABLED 1u

#ifndef __ASSEMBLER__
/* Written by the host; version odd while it writes (as the pvclock). */
struct kvm_steal_time {
	uint64_t steal;                /* ns this vCPU was runnable but not running */
	uint32_t version;
	uint32_t flags;
	uint8_t  preempted;
	uint8_t  pad0[3];
	uint32_t pad[11];
};
_Static_assert(sizeof(struct kvm_steal_time) == 64, "kvm_steal_time size");
#endif

/* The PV EOI word: the host sets this bit when the pending EOI may be
 * skipped; the guest clears it (atomically) instead of writing the EOI. */
#define KVM_PV_EOI_ENABLED 1u

#endif
