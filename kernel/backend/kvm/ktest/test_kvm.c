/*
 * test_kvm.c — what the KVM backend set up is there: kvmclock is the
 * clocksource and the host keeps it current, steal time stays within
 * elapsed time, PV EOI is registered where the host can see it.
 */
#include "ktest.h"
#include "../kvm.h"
#include "clock.h"
#include <string.h>

static bool kvm_applies(struct ktest_ctx *t)
{
	if (!strcmp(pv_info.name, "kvm"))
		return true;
	ktest_skip(t, "needs the kvm backend, running on %s", pv_info.name);
	return false;
}

KTEST(kvm_clock_registered, "kvmclock is registered, the host updates it, and it is the clock")
{
	u64 msr = kvm_has(KVM_FEATURE_CLOCKSOURCE2) ? MSR_KVM_SYSTEM_TIME_NEW : MSR_KVM_SYSTEM_TIME;
	u64 a, b;

	if (!kvm_applies(t))
		return;
	KT_EXPECT(t, read_msr((u32)msr) & KVM_MSR_ENABLED);
	KT_EXPECT(t, pv_time_ops.clock_ns == kvm_clock_ns);
	a = clock_ns();
	clock_sleep_ns(20000000ull);
	b = clock_ns();
	KT_EXPECT(t, b - a >= 20000000ull);
	KT_EXPECT(t, b - a < 5000000000ull);
}

KTEST(kvm_steal_and_eoi, "steal time is within elapsed time; PV EOI is registered when offered")
{
	if (!kvm_applies(t))
		return;
	if (kvm_has(KVM_FEATURE_STEAL_TIME))
		KT_EXPECT(t, read_msr(MSR_KVM_STEAL_TIME) & KVM_MSR_ENABLED);
	KT_EXPECT(t, steal_clock() <= clock_ns() + 1000000000ull);
	if (kvm_has(KVM_FEATURE_PV_EOI))
		KT_EXPECT(t, read_msr(MSR_KVM_PV_EOI_EN) & KVM_MSR_ENABLED);
}
