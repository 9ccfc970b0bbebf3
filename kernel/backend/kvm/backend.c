/*
 * backend.c — the KVM backend: Proteus as a KVM guest that knows it.
 *
 * KVM runs the kernel in (what it presents as) ring 0, so the privilege
 * model stays native: the cpu, irq and mmu ops, the entry code and the
 * page tables are the hardware's.  What KVM adds is shared memory that
 * saves exits: a pvclock per vCPU instead of calibrating the TSC against
 * the PIT (kvmclock), the time the host ran others instead of us (steal
 * time), and a word that lets the guest skip most EOI writes (PV EOI).
 * All of it is set up by MSR writes; no hypercall is ever made (vmcall
 * livelocks under the KVM this project's machines have).  kvm_init below
 * reads as the table of contents.
 *
 * It is chosen when CPUID shows KVM's signature and we hold ring 0.
 */
#include "kvm.h"
#include "pv/backend.h"
#include "printk.h"
#include <string.h>

u32 kvm_features, kvm_cpuid_base;

static int kvm_detect(const struct pv_platform *p)
{
	if (p->cpl != 0 || memcmp(p->signature, KVM_CPUID_SIGNATURE, 12))
		return 0;
	kvm_cpuid_base = p->base;
	return 50;
}

static void kvm_stats_print(void)
{
	pr_info("kvm: features %#x; PV EOI skipped %llu EOI writes\n", kvm_features,
		(unsigned long long)kvm_pv_eoi_skipped());
}

static void kvm_init(struct boot_info *bi)
{
	struct cpuid_regs r;

	(void)bi;
	cpuid(kvm_cpuid_base + KVM_CPUID_FEATURES_OFFSET, 0, &r);
	kvm_features = r.eax;

	pv_info.name = "kvm";
	pv_info.stats_print = kvm_stats_print;
	pv_info.user_trap = kvm_syscall_fault;  /* a syscall delivered as a fault */
	/* kvm_pvm runs ring 3 natively on the host's own CR0 and GDT. */
	pv_info.user_ts_unseen = "this KVM (kvm_pvm) runs ring-3 code natively under the host's "
				 "CR0, not the guest's TS";
	pv_info.user_gdt_unseen = "this KVM (kvm_pvm) runs ring-3 code on a GDT of the host's, "
				  "which the guest's descriptor writes do not reach";
	pv_time_ops = kvm_time_ops;             /* kvmclock, steal time, LAPIC events */
}

static void kvm_late_init(void)
{
	pr_info("kvm: CPUID %#x: features %#x\n", kvm_cpuid_base + KVM_CPUID_FEATURES_OFFSET,
		kvm_features);
	kvm_pv_eoi_init();                      /* needs the LAPIC mapped: after mm */
}

static const struct pv_backend kvm_backend = {
	.name = "kvm",
	.detect = kvm_detect,
	.init = kvm_init,
	.late_init = kvm_late_init,
};
PV_BACKEND(kvm_backend);
