/*
 * pvcall.h, PARAVIRT=1 variant: patchable call sites.
 *
 * A class-B op expands to one inline asm block holding
 *     771: call *pv_<group>_ops+<slot>(%rip)      ff 15 disp32
 *          [one NOP of PVPAD bytes]
 *     772:
 * and a struct pvsite record (include/abi/pvsite.h) in .pvsites naming the
 * op, the length and the registers the target may clobber.  The compiler
 * never sees a call: arguments are pinned to the SysV registers and the
 * clobber list says what the call may destroy, so the patcher may later put
 * any body there that clobbers no more.
 *
 * Callee-save sites (irq flags, pte converters, cr2) tell the compiler only
 * rax dies, so an inlined `cli` leaves no spill behind.  Their targets must
 * honour that: native stubs in .text.pv_calleesave, or a thunk.
 */
#ifndef PROTEUS_PVCALL_H
#define PROTEUS_PVCALL_H

#include "abi/pvsite.h"

#define PARAVIRT 1

#define PVSITE_ASM                                                         \
	"771:\n\t"                                                         \
	"call *%c[pv_slot](%%rip)\n\t"                                     \
	".if %c[pv_pad] == 4\n\t.byte 0x0f,0x1f,0x40,0x00\n\t.endif\n"      \
	"772:\n\t"                                                         \
	".pushsection .pvsites,\"a\"\n\t"                                  \
	".balign 8\n\t"                                                    \
	".quad 771b\n\t"                                                   \
	".short %c[pv_op]\n\t"                                             \
	".byte 772b-771b\n\t"                                              \
	".byte 0\n\t"                                                      \
	".short %c[pv_clob]\n\t"                                           \
	".short 0\n\t"                                                     \
	".popsection\n"

#define PVSITE_OPERANDS(g, n, clob)                                        \
	[pv_slot] "i"(&pv_##g##_ops.n), [pv_op] "i"(PVOP_##g##_##n),      \
	[pv_pad] "i"(PVPAD_##g##_##n), [pv_clob] "i"(clob)

/* Tells the compiler the asm uses the stack, so the frame exists first. */
#define PV_SP register unsigned long __pv_sp __asm__("rsp")

/* ---- callee-save: only rax is lost ---- */

#define PVOP_CALLEE0(t, g, n) ({                                           \
	unsigned long __ax; PV_SP;                                         \
	__asm__ __volatile__(PVSITE_ASM                                    \
		: "=a"(__ax), "+r"(__pv_sp)                                \
		: PVSITE_OPERANDS(g, n, PVCLOBBER_CALLEE_SAVE)             \
		: "memory", "cc");                                         \
	(t)__ax; })

#define PVOP_CALLEE1(t, g, n, a) ({                                        \
	unsigned long __ax; PV_SP;                                         \
	__asm__ __volatile__(PVSITE_ASM                                    \
		: "=a"(__ax), "+r"(__pv_sp)                                \
		: "D"((unsigned long)(a)),                                 \
		  PVSITE_OPERANDS(g, n, PVCLOBBER_CALLEE_SAVE)             \
		: "cc");                                                   \
	(t)__ax; })

#define PVOP_VCALLEE0(g, n) do {                                           \
	PV_SP;                                                             \
	__asm__ __volatile__(PVSITE_ASM                                    \
		: "+r"(__pv_sp)                                            \
		: PVSITE_OPERANDS(g, n, PVCLOBBER_CALLEE_SAVE)             \
		: "rax", "memory", "cc");                                  \
} while (0)

#define PVOP_VCALLEE1(g, n, a) do {                                        \
	PV_SP;                                                             \
	__asm__ __volatile__(PVSITE_ASM                                    \
		: "+r"(__pv_sp)                                            \
		: "D"((unsigned long)(a)),                                 \
		  PVSITE_OPERANDS(g, n, PVCLOBBER_CALLEE_SAVE)             \
		: "rax", "memory", "cc");                                  \
} while (0)

/* ---- standard C convention: every caller-saved register is lost ---- */

#define PV_CLOBBERS_STD "rcx", "r8", "r9", "r10", "r11", "memory", "cc"

#define PVOP_CALL0(t, g, n) ({                                             \
	unsigned long __ax, __di, __si, __dx; PV_SP;                       \
	__asm__ __volatile__(PVSITE_ASM                                    \
		: "=a"(__ax), "=D"(__di), "=S"(__si), "=d"(__dx),          \
		  "+r"(__pv_sp)                                            \
		: PVSITE_OPERANDS(g, n, PVCLOBBER_ANY)                     \
		: PV_CLOBBERS_STD);                                        \
	(void)__di; (void)__si; (void)__dx;                                \
	(t)__ax; })

#define PVOP_CALL1(t, g, n, a) ({                                          \
	unsigned long __ax, __si, __dx; PV_SP;                             \
	unsigned long __di = (unsigned long)(a);                           \
	__asm__ __volatile__(PVSITE_ASM                                    \
		: "=a"(__ax), "+D"(__di), "=S"(__si), "=d"(__dx),          \
		  "+r"(__pv_sp)                                            \
		: PVSITE_OPERANDS(g, n, PVCLOBBER_ANY)                     \
		: PV_CLOBBERS_STD);                                        \
	(void)__si; (void)__dx;                                            \
	(t)__ax; })

#define PVOP_VCALL0(g, n) ((void)PVOP_CALL0(unsigned long, g, n))
#define PVOP_VCALL1(g, n, a) ((void)PVOP_CALL1(unsigned long, g, n, a))

#define PVOP_VCALL2(g, n, a, b) do {                                       \
	unsigned long __ax, __dx; PV_SP;                                   \
	unsigned long __di = (unsigned long)(a);                           \
	unsigned long __si = (unsigned long)(b);                           \
	__asm__ __volatile__(PVSITE_ASM                                    \
		: "=a"(__ax), "+D"(__di), "+S"(__si), "=d"(__dx),          \
		  "+r"(__pv_sp)                                            \
		: PVSITE_OPERANDS(g, n, PVCLOBBER_ANY)                     \
		: PV_CLOBBERS_STD);                                        \
	(void)__ax; (void)__dx;                                            \
} while (0)

#define PVOP_VCALL3(g, n, a, b, c) do {                                    \
	unsigned long __ax; PV_SP;                                         \
	unsigned long __di = (unsigned long)(a);                           \
	unsigned long __si = (unsigned long)(b);                           \
	unsigned long __dx = (unsigned long)(c);                           \
	__asm__ __volatile__(PVSITE_ASM                                    \
		: "=a"(__ax), "+D"(__di), "+S"(__si), "+d"(__dx),          \
		  "+r"(__pv_sp)                                            \
		: PVSITE_OPERANDS(g, n, PVCLOBBER_ANY)                     \
		: PV_CLOBBERS_STD);                                        \
	(void)__ax;                                                        \
} while (0)

/* ---- class A: a plain indirect call through the table ---- */
#define PVOP_A(g, n) (pv_##g##_ops.n)

#endif
