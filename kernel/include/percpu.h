/*
 * percpu.h — per-CPU variables, reached through the kernel GS base.
 *
 * A per-CPU variable is an ordinary kernel variable placed in the
 * .data.percpu section (DEFINE_PER_CPU), anywhere in the kernel.  The
 * section as linked is the boot CPU's copy; each further CPU gets a copy
 * of the section, and its GS base is the distance from the section to its
 * copy (cpu_offset, 0 for the boot CPU).  So `%gs:var` — the variable's
 * link address, as a sign-extended 32-bit displacement, which
 * -mcmodel=kernel guarantees — is this CPU's instance, in one instruction
 * from C and from assembly alike, and patched bodies that touch per-CPU
 * state are %gs-relative and position-independent across CPUs.
 *
 * The invariant everything relies on: while the kernel runs, GS holds the
 * kernel's base (entry code swaps it on every user/kernel transition;
 * Xen PV swaps it for us).  The boot CPU's base is 0 from the first
 * instruction, so per-CPU accesses are valid before the backend exists.
 */
#ifndef PROTEUS_PERCPU_H
#define PROTEUS_PERCPU_H

#ifdef __ASSEMBLER__
/* this CPU's instance of var, as an operand */
#define PER_CPU_VAR(var) %gs:var
#else
#include "types.h"

#define DEFINE_PER_CPU(type, name) __section(".data.percpu") __typeof__(type) name
#define DEFINE_PER_CPU_PAGE_ALIGNED(type, name) \
	__section(".data.percpu.page_aligned") __aligned(4096) __typeof__(type) name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name

/* The distance from the linked section to this CPU's copy (GS base). */
DECLARE_PER_CPU(u64, cpu_offset);
/* This CPU's number, 0 for the boot CPU. */
DECLARE_PER_CPU(unsigned, cpu_number);
/* Top of the kernel stack entries from user mode land on (entry code). */
DECLARE_PER_CPU(u64, cpu_kernel_sp);
/* Scratch for the user stack pointer during syscall entry (entry code). */
DECLARE_PER_CPU(u64, cpu_user_sp);

extern char __percpu_start[], __percpu_end[];

/* Read this CPU's instance of var (1, 2, 4 or 8 bytes). */
#define this_cpu_read(var) ({                                                      \
	__typeof__(var) v__;                                                       \
	_Static_assert(sizeof(var) == 1 || sizeof(var) == 2 || sizeof(var) == 4 || \
		       sizeof(var) == 8, "per-CPU scalars only");                  \
	if (sizeof(var) == 1)                                                      \
		__asm__ __volatile__("movb %%gs:%c1, %0" : "=q"(v__) : "i"(&(var)));  \
	else if (sizeof(var) == 2)                                                 \
		__asm__ __volatile__("movw %%gs:%c1, %0" : "=r"(v__) : "i"(&(var)));  \
	else if (sizeof(var) == 4)                                                 \
		__asm__ __volatile__("movl %%gs:%c1, %0" : "=r"(v__) : "i"(&(var)));  \
	else                                                                       \
		__asm__ __volatile__("movq %%gs:%c1, %0" : "=r"(v__) : "i"(&(var)));  \
	v__; })

/* Write this CPU's instance of var. */
#define this_cpu_write(var, val) do {                                              \
	__typeof__(var) v__ = (val);                                               \
	_Static_assert(sizeof(var) == 1 || sizeof(var) == 2 || sizeof(var) == 4 || \
		       sizeof(var) == 8, "per-CPU scalars only");                  \
	if (sizeof(var) == 1)                                                      \
		__asm__ __volatile__("movb %0, %%gs:%c1" : : "q"(v__), "i"(&(var)) : "memory"); \
	else if (sizeof(var) == 2)                                                 \
		__asm__ __volatile__("movw %0, %%gs:%c1" : : "r"(v__), "i"(&(var)) : "memory"); \
	else if (sizeof(var) == 4)                                                 \
		__asm__ __volatile__("movl %0, %%gs:%c1" : : "r"(v__), "i"(&(var)) : "memory"); \
	else                                                                       \
		__asm__ __volatile__("movq %0, %%gs:%c1" : : "r"(v__), "i"(&(var)) : "memory"); \
} while (0)

/* Add one to this CPU's instance of a 64-bit counter, in one instruction
 * (no interrupt can split it). */
#define this_cpu_inc(var) do {                                                     \
	_Static_assert(sizeof(var) == 8, "64-bit counters only");                  \
	__asm__ __volatile__("incq %%gs:%c0" : : "i"(&(var)) : "memory", "cc");    \
} while (0)

/* This CPU's instance of a per-CPU object of any size. */
#define this_cpu_ptr(ptr) ((__typeof__(ptr))((u64)(ptr) + this_cpu_read(cpu_offset)))

#endif
#endif
