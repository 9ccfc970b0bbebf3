/*
 * x86/insn.h — the few x86 instructions some code must execute itself
 * rather than through a pv op: detection runs before any backend is
 * chosen, measurements must read the same ruler on every build, and a
 * paravirtual clock is defined in terms of what rdtsc returns.  Both
 * instructions work in any ring (Xen PV included) and never fault.
 */
#ifndef PROTEUS_X86_INSN_H
#define PROTEUS_X86_INSN_H

#include "types.h"

static inline u64 x86_rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* cpuid as the instruction: under a PV hypervisor, the host's view. */
static inline void x86_cpuid(u32 leaf, u32 sub, u32 out[4])
{
	__asm__ __volatile__("cpuid"
			     : "=a"(out[0]), "=b"(out[1]), "=c"(out[2]), "=d"(out[3])
			     : "a"(leaf), "c"(sub));
}

/* Serialise: later instruction fetches see memory as it is now. */
static inline void x86_sync_core(void)
{
	u32 r[4];

	x86_cpuid(0, 0, r);
}

#endif
