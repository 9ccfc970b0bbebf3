/*
 * pvclock.c — one reader of the paravirtual clock, for every hypervisor
 * that publishes one (Xen's vcpu_time_info, KVM's kvmclock): the same
 * layout and the same version protocol (abi/pvclock.h).
 *
 * The TSC is read with the instruction itself: the hypervisor's scale is
 * for exactly what rdtsc returns in this guest (Xen and KVM fold any
 * offset or scaling of theirs into tsc_timestamp and the multiplier).
 */
#include "pvclock.h"
#include "x86/insn.h"
#include "native/ops.h"

u64 pvclock_read(const volatile struct pvclock_vcpu_time_info *t)
{
	u32 version;
	u64 delta, ns;

	do {
		version = t->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		delta = x86_rdtsc() - t->tsc_timestamp;
		if (t->tsc_shift >= 0)
			delta <<= t->tsc_shift;
		else
			delta >>= -t->tsc_shift;
		ns = t->system_time + (u64)(((unsigned __int128)delta * t->tsc_to_system_mul) >> 32);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != t->version);
	return ns;
}

void pvclock_start(struct pvclock_clock *c, const volatile struct pvclock_vcpu_time_info *t)
{
	c->start = pvclock_read(t);
	c->last = 0;
}

u64 pvclock_clock_ns(struct pvclock_clock *c, const volatile struct pvclock_vcpu_time_info *t)
{
	u64 ns = pvclock_read(t) - c->start;

	if (ns < c->last)
		return c->last;
	c->last = ns;
	return ns;
}

/* ns per tick = mul * 2^shift / 2^32, so kHz = 10^6 * 2^32 / (mul * 2^shift). */
u64 pvclock_tsc_khz(const volatile struct pvclock_vcpu_time_info *t)
{
	u64 khz = (1000000ull << 32) / t->tsc_to_system_mul;

	if (t->tsc_shift >= 0)
		khz >>= t->tsc_shift;
	else
		khz <<= -t->tsc_shift;
	return khz;
}
