/*
 * clock.c — time under KVM, replacing the PIT-calibrated TSC:
 *
 *   clocksource  kvmclock: the host keeps a pvclock (abi/pvclock.h) for
 *                each vCPU at the address the guest writes to
 *                MSR_KVM_SYSTEM_TIME_NEW; no PIT calibration, no exit
 *   clockevent   the local APIC timer, one-shot, its input clock measured
 *                against the TSC whose rate the pvclock states
 *   steal        the steal-time area (MSR_KVM_STEAL_TIME), when offered
 */
#include "kvm.h"
#include "dev/lapic.h"
#include "percpu.h"
#include "pvclock.h"
#include "clock.h"
#include "dev/rtc_cmos.h"
#include "mm.h"
#include "panic.h"
#include "printk.h"

struct kvm_time {
	struct pvclock_vcpu_time_info clock __aligned(64);
	struct kvm_steal_time steal __aligned(64);
	struct pvclock_clock since_boot;
	bool steal_on;
};
static DEFINE_PER_CPU(struct kvm_time, kvm_time) __aligned(64);

u64 kvm_clock_ns(void)
{
	struct kvm_time *k = this_cpu_ptr(&kvm_time);

	return pvclock_clock_ns(&k->since_boot, &k->clock);
}

u64 kvm_steal_clock(void)
{
	const volatile struct kvm_steal_time *s = &this_cpu_ptr(&kvm_time)->steal;
	u32 version;
	u64 steal;

	if (!this_cpu_ptr(&kvm_time)->steal_on)
		return 0;
	do {
		version = s->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		steal = s->steal;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != s->version);
	return steal;
}

/*
 * The date: the host writes the wall-clock time at kvmclock's system time
 * 0 into a pvclock_wall_clock when its address goes into the MSR (read by
 * the version protocol); now is that plus the system time.  Without the
 * feature, the CMOS clock, if the machine has one.
 */
static void kvm_wallclock_init(u32 msr)
{
	static struct pvclock_wall_clock wc __aligned(16);
	struct kvm_time *k = this_cpu_ptr(&kvm_time);
	u32 v;
	u64 sec, nsec;

	if (!kvm_has(KVM_FEATURE_CLOCKSOURCE2) && !kvm_has(KVM_FEATURE_CLOCKSOURCE)) {
		rtc_cmos_set_wallclock();
		return;
	}
	write_msr(msr, virt_to_phys(&wc));
	do {
		v = READ_ONCE(wc.version);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		sec = wc.sec;
		nsec = wc.nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((v & 1) || v != READ_ONCE(wc.version));
	if (!v) {
		rtc_cmos_set_wallclock();
		return;
	}
	clock_set_epoch(sec * NSEC_PER_SEC + nsec + pvclock_read(&k->clock));
}

void kvm_clock_init(void)
{
	struct kvm_time *k = this_cpu_ptr(&kvm_time);
	u32 msr = kvm_has(KVM_FEATURE_CLOCKSOURCE2) ? MSR_KVM_SYSTEM_TIME_NEW : MSR_KVM_SYSTEM_TIME;
	u64 t0;

	if (!kvm_has(KVM_FEATURE_CLOCKSOURCE2) && !kvm_has(KVM_FEATURE_CLOCKSOURCE))
		panic("kvm: the host offers no kvmclock (CPUID %#x: %#x)",
		      kvm_cpuid_base + KVM_CPUID_FEATURES_OFFSET, kvm_features);
	write_msr(msr, virt_to_phys(&k->clock) | KVM_MSR_ENABLED);
	/* The host fills it in before the write returns; a version of 0 means
	 * it never did. */
	for (t0 = x86_rdtsc(); !READ_ONCE(k->clock.version) && x86_rdtsc() - t0 < (1ull << 32);)
		;
	if (!READ_ONCE(k->clock.version))
		panic("kvm: kvmclock at MSR %#x was never written by the host", msr);
	pvclock_start(&k->since_boot, &k->clock);
	if (kvm_has(KVM_FEATURE_STEAL_TIME)) {
		write_msr(MSR_KVM_STEAL_TIME, virt_to_phys(&k->steal) | KVM_MSR_ENABLED);
		k->steal_on = true;
	}
	clock_mark_running();
	pr_info("time: kvmclock (MSR %#x), TSC %llu kHz%s%s\n", msr,
		(unsigned long long)pvclock_tsc_khz(&k->clock),
		k->clock.flags & PVCLOCK_TSC_STABLE_BIT ? ", stable" : "",
		k->steal_on ? "; steal time" : "");
	kvm_wallclock_init(msr == MSR_KVM_SYSTEM_TIME_NEW ? MSR_KVM_WALL_CLOCK_NEW : MSR_KVM_WALL_CLOCK);
}

void kvm_timer_init(void)
{
	u64 tsc_hz = pvclock_tsc_khz(&this_cpu_ptr(&kvm_time)->clock) * 1000;

	if (!lapic_present() || !lapic_clockevent_init(tsc_hz))
		panic("kvm: no local APIC timer to deliver clock events");
}

void kvm_timer_set_next(u64 deadline_ns)
{
	lapic_clockevent_set_next(deadline_ns);
}

const struct pv_time_ops kvm_time_ops = {
	.clock_ns = kvm_clock_ns,
	.steal_clock = kvm_steal_clock,
	.clock_init = kvm_clock_init,
	.timer_init = kvm_timer_init,
	.timer_set_next = kvm_timer_set_next,
};
