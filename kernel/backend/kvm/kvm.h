/* kvm.h — the KVM backend's own interface, shared by its files and tests. */
#ifndef PROTEUS_KVM_H
#define PROTEUS_KVM_H

#include "types.h"
#include "abi/kvm.h"
#include "pv/ops.h"

struct trap_frame;

/* What CPUID base + 1 offered (EAX), and where the leaves are. */
extern u32 kvm_features, kvm_cpuid_base;
static inline bool kvm_has(unsigned feature) { return (kvm_features >> feature) & 1; }

/* kvmclock, steal time, LAPIC clock events (clock.c). */
extern const struct pv_time_ops kvm_time_ops;
/* Register this CPU's PV EOI word, if the host offers it (eoi.c). */
void kvm_pv_eoi_init(void);
/* EOIs the host let us skip, and those we wrote (eoi.c). */
u64 kvm_pv_eoi_skipped(void);
/* A syscall the host delivered as a user-mode fault (syscall_fault.c). */
bool kvm_syscall_fault(struct trap_frame *f);

#define PV_DECLARE_PREFIX kvm
#include "pv/declare.h"

#endif
