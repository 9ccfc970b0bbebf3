/*
 * pvcall.h, PARAVIRT=1 variant: patchable call sites.
 *
 * A class-B op expands to one inline asm block holding
 *     771: call *pv_<group>_ops+<slot>(%rip)      ff 15 disp32
 *          [one NOP of PVPAD bytes]
 *     772:
 * and a struct pvsite record (include/abi/pvsite.h) in .pvsites naming the
 * op, the length and the registers the target may clobber, which is what
 * the op's convention in pvops.def allows.  The compiler never sees a
 * call: arguments are pinned to the SysV registers and the clobber list
 * says what the call may destroy, so the patcher may later put there any
 * body that clobbers no more.
 *
 * Callee-save sites (irq flags, pte converters, cr2) tell the compiler
 * only rax dies, so an inlined `cli` leaves no spill behind.  Their
 * targets must honour that: native stubs in .text.pv_calleesave, or a
 * thunk.  PURE ones (the converters) also promise not to touch memory the
 * caller can see, so the compiler may keep values in registers across them.
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

#define PVSITE_OPERANDS(g, n)                                              \
	[pv_slot] "i"(&pv_##g##_ops.n), [pv_op] "i"(PVOP_##n),            \
	[pv_pad] "i"(PVPAD_##n), [pv_clob] "i"(PVCLOB_##n)

/*
 * `asm inline` (GCC 9): the site is one instruction once patched, but GCC
 * sizes an asm by its lines, and the record pushed into .pvsites would
 * count as several; without this, a function holding a few sites stops
 * being inlined and the patched kernel pays for calls the PARAVIRT=0
 * build never makes.  Linux's asm_inline exists for the same reason.
 */
#define PV_ASM __asm__ __volatile__ __inline__

/* Tells the compiler the asm uses the stack, so the frame exists first. */
#define PV_SP register unsigned long __pv_sp __asm__("rsp")

/* ---- callee-save: only rax is lost ---- */

#define PVOP_CALL_CALLEE_0(g, n, ...) ({                                   \
	unsigned long __ax; PV_SP;                                         \
	PV_ASM(PVSITE_ASM                                    \
		: "=a"(__ax), "+r"(__pv_sp)                                \
		: PVSITE_OPERANDS(g, n)                                    \
		: "memory", "cc");                                         \
	__ax; })

#define PVOP_CALL_CALLEE_1(g, n, a) ({                                     \
	unsigned long __ax; PV_SP;                                         \
	PV_ASM(PVSITE_ASM                                    \
		: "=a"(__ax), "+r"(__pv_sp)                                \
		: "D"((unsigned long)(a)), PVSITE_OPERANDS(g, n)           \
		: "memory", "cc");                                         \
	__ax; })

#define PVOP_CALL_CALLEE_2(g, n, a, b) ({                                  \
	unsigned long __ax; PV_SP;                                         \
	PV_ASM(PVSITE_ASM                                    \
		: "=a"(__ax), "+r"(__pv_sp)                                \
		: "D"((unsigned long)(a)), "S"((unsigned long)(b)),        \
		  PVSITE_OPERANDS(g, n)                                    \
		: "memory", "cc");                                         \
	__ax; })

/* ---- pure callee-save: no memory effects either ---- */

#define PVOP_CALL_PURE_1(g, n, a) ({                                       \
	unsigned long __ax; PV_SP;                                         \
	PV_ASM(PVSITE_ASM                                    \
		: "=a"(__ax), "+r"(__pv_sp)                                \
		: "D"((unsigned long)(a)), PVSITE_OPERANDS(g, n)           \
		: "cc");                                                   \
	__ax; })

/* ---- the C convention: every caller-saved register is lost ---- */

#define PV_CLOBBERS_STD "rcx", "r8", "r9", "r10", "r11", "memory", "cc"

#define PVOP_CALL_STD_0(g, n, ...) ({                                      \
	unsigned long __ax, __di, __si, __dx; PV_SP;                       \
	PV_ASM(PVSITE_ASM                                    \
		: "=a"(__ax), "=D"(__di), "=S"(__si), "=d"(__dx),          \
		  "+r"(__pv_sp)                                            \
		: PVSITE_OPERANDS(g, n)                                    \
		: PV_CLOBBERS_STD);                                        \
	(void)__di; (void)__si; (void)__dx;                                \
	__ax; })

#define PVOP_CALL_STD_1(g, n, a) ({                                        \
	unsigned long __ax, __si, __dx; PV_SP;                             \
	unsigned long __di = (unsigned long)(a);                           \
	PV_ASM(PVSITE_ASM                                    \
		: "=a"(__ax), "+D"(__di), "=S"(__si), "=d"(__dx),          \
		  "+r"(__pv_sp)                                            \
		: PVSITE_OPERANDS(g, n)                                    \
		: PV_CLOBBERS_STD);                                        \
	(void)__di; (void)__si; (void)__dx;                                \
	__ax; })

#define PVOP_CALL_STD_2(g, n, a, b) ({                                     \
	unsigned long __ax, __dx; PV_SP;                                   \
	unsigned long __di = (unsigned long)(a);                           \
	unsigned long __si = (unsigned long)(b);                           \
	PV_ASM(PVSITE_ASM                                    \
		: "=a"(__ax), "+D"(__di), "+S"(__si), "=d"(__dx),          \
		  "+r"(__pv_sp)                                            \
		: PVSITE_OPERANDS(g, n)                                    \
		: PV_CLOBBERS_STD);                                        \
	(void)__di; (void)__si; (void)__dx;                                \
	__ax; })

#define PVOP_CALL_STD_3(g, n, a, b, c) ({                                  \
	unsigned long __ax; PV_SP;                                         \
	unsigned long __di = (unsigned long)(a);                           \
	unsigned long __si = (unsigned long)(b);                           \
	unsigned long __dx = (unsigned long)(c);                           \
	PV_ASM(PVSITE_ASM                                    \
		: "=a"(__ax), "+D"(__di), "+S"(__si), "+d"(__dx),          \
		  "+r"(__pv_sp)                                            \
		: PVSITE_OPERANDS(g, n)                                    \
		: PV_CLOBBERS_STD);                                        \
	(void)__di; (void)__si; (void)__dx;                                \
	__ax; })

/* How the wrappers reach an op (pv/ops.h). */
#define PVOP_BODY_B(g, n, conv, argc, args) \
	PV_APPLY(PVOP_CALL_##conv##_##argc, g, n, PV_NAMES(argc, args))
#define PVOP_BODY_A(g, n, conv, argc, args) pv_##g##_ops.n(PV_NAMES(argc, args))

#endif
