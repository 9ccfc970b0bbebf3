/*
 * eoi.c — KVM's PV EOI: the host marks, in a word of ours, when the
 * interrupt being handled needs no EOI write (no other is pending behind
 * it), and the guest clears the mark instead of writing the local APIC's
 * EOI register — an exit saved on every interrupt.  The mark must be
 * cleared atomically: the host may set it again at any time.
 */
#include "kvm.h"
#include "dev/lapic.h"
#include "percpu.h"
#include "mm.h"
#include "printk.h"

struct pv_eoi {
	u32 word __aligned(4);
	u64 skipped, written;
};
static DEFINE_PER_CPU(struct pv_eoi, kvm_pv_eoi);

static bool pv_eoi_skip(void)
{
	struct pv_eoi *e = this_cpu_ptr(&kvm_pv_eoi);

	if (__atomic_fetch_and(&e->word, ~KVM_PV_EOI_ENABLED, __ATOMIC_SEQ_CST) & KVM_PV_EOI_ENABLED) {
		e->skipped++;
		return true;
	}
	e->written++;
	return false;
}

void kvm_pv_eoi_init(void)
{
	struct pv_eoi *e = this_cpu_ptr(&kvm_pv_eoi);

	if (!kvm_has(KVM_FEATURE_PV_EOI))
		return;
	e->word = 0;
	write_msr(MSR_KVM_PV_EOI_EN, virt_to_phys(&e->word) | KVM_MSR_ENABLED);
	lapic_set_eoi_skip(pv_eoi_skip);
	pr_info("kvm: PV EOI at %#llx\n", (unsigned long long)virt_to_phys(&e->word));
}

u64 kvm_pv_eoi_skipped(void)
{
	return this_cpu_ptr(&kvm_pv_eoi)->skipped;
}
