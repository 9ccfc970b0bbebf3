/*
 * xen/hypercall.h — calling Xen, from a PV kernel in ring 3 or a PVH one
 * in ring 0 alike.
 *
 * Xen fills the hypercall page with one 32-byte stub per hypercall (a PV
 * kernel names the page in an ELF note; a PVH kernel asks for it by
 * writing its address to the MSR Xen's CPUID leaves name); a call is
 * `call page + nr*32` with arguments in rdi, rsi, rdx, r10, r8 and the
 * result in rax.  PV stubs use syscall, so rcx and r11 are lost, and a
 * debug Xen also scribbles over the argument registers it consumed, so
 * all five are treated as clobbered.
 *
 * Every hypercall goes through xen_hypercall(), which counts it per CPU:
 * the lazy tests and the benchmarks read the count.
 */
#ifndef PROTEUS_XEN_HYPERCALL_H
#define PROTEUS_XEN_HYPERCALL_H

#include "types.h"
#include "abi/xen.h"
#include "percpu.h"

extern char xen_hypercall_page[];

#define XEN_STATS_NR 64
struct xen_stats {
	u64 hypercalls;       /* every trip into Xen, a multicall counting once */
	u64 multicalls;       /* of which multicalls */
	u64 ops_requested;    /* operations asked of the batching layer */
	u64 by_nr[XEN_STATS_NR]; /* through xen_hypercall, by number (iret: the rest) */
};
DECLARE_PER_CPU(struct xen_stats, xen_stats);
/* The PV entry code counts its iret hypercalls at the struct's start. */
_Static_assert(__builtin_offsetof(struct xen_stats, hypercalls) == 0, "hypercalls first");

static inline long xen_hypercall(unsigned nr, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5)
{
	register u64 rdi __asm__("rdi") = a1;
	register u64 rsi __asm__("rsi") = a2;
	register u64 rdx __asm__("rdx") = a3;
	register u64 r10 __asm__("r10") = a4;
	register u64 r8 __asm__("r8") = a5;
	u64 rax = (u64)(xen_hypercall_page + nr * XEN_HYPERCALL_ENTRY_SIZE);

	this_cpu_inc(xen_stats.hypercalls);
	this_cpu_ptr(&xen_stats)->by_nr[nr % XEN_STATS_NR]++;
	__asm__ __volatile__("call *%%rax"
			     : "+a"(rax), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10), "+r"(r8)
			     : : "rcx", "r11", "memory", "cc");
	return (long)rax;
}

#define xen_hcall1(nr, a) xen_hypercall(nr, (u64)(a), 0, 0, 0, 0)
#define xen_hcall2(nr, a, b) xen_hypercall(nr, (u64)(a), (u64)(b), 0, 0, 0)
#define xen_hcall3(nr, a, b, c) xen_hypercall(nr, (u64)(a), (u64)(b), (u64)(c), 0, 0)
#define xen_hcall4(nr, a, b, c, d) xen_hypercall(nr, (u64)(a), (u64)(b), (u64)(c), (u64)(d), 0)

/* Name of a (negative) Xen error code, for messages. */
const char *xen_strerror(long rc);
/* Stop the kernel: what failed, with which arguments, and Xen's error. */
__noreturn void xen_fail(const char *op, long rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
