/*
 * entry_xenpv.h — the class-C macro set for a 64-bit Xen PV kernel, which
 * runs in ring 3 and is entered through bounce frames Xen builds on its
 * stack.  Forced in front of entry/entry.S to assemble the xenpv copy.
 *
 * Xen pushes rcx and r11 (it used them to return to us) on top of a
 * hardware-like frame; popping them gives back the interrupted values and
 * leaves exactly the frame the native CPU would have pushed.  Xen swaps
 * the GS base itself on every kernel/user transition, so there is no
 * swapgs.  The interrupt flag is the upcall mask in our vcpu_info, and
 * every return goes through the iret hypercall: its stub pushes rax, r11
 * and rcx live, we push the flags word (VGCF_in_syscall lets Xen use
 * sysret and clobber rcx/r11, as a syscall return may).
 */
#include "abi/xen.h"

#define ENTRY_SYM(x) xenpv_##x

#define TRAP_FRAME_FIXUP        \
	popq %rcx;              \
	popq %r11

/* rcx, r11, then ds es fs gs, then the usual frame. */
#define FAILSAFE_FRAME_FIXUP    \
	popq %rcx;              \
	popq %r11;              \
	addq $32, %rsp

#define SWAPGS_ENTRY
#define SWAPGS_EXIT

#define IRQ_DISABLE movb $1, PER_CPU_VAR(xen_vcpu_info + XEN_VCPU_INFO_upcall_mask)
/* Enabling may have to deliver a pending event: the callee-save stub. */
#define IRQ_ENABLE call xen_irq_enable_callee

#define XEN_IRET_STUB (xen_hypercall_page + XEN_HYPERCALL_iret * XEN_HYPERCALL_ENTRY_SIZE)

/* Every return is the iret hypercall; it is counted like the others
 * (xen_stats.hypercalls is the struct's first field), or a benchmark
 * would miss one hypercall per kernel exit. */
#define XEN_COUNT_IRET incq PER_CPU_VAR(xen_stats)

#define RETURN_FROM_TRAP        \
	XEN_COUNT_IRET;         \
	pushq $0;               \
	jmp XEN_IRET_STUB

/* Xen entered on the kernel stack with [rcx r11 rip cs rflags rsp ss];
 * rcx and r11 hold the user's rip and rflags, as after a real syscall. */
#define SYSCALL_PROLOGUE        \
	popq %rcx;              \
	popq %r11

#define SYSCALL_RETURN                  \
	XEN_COUNT_IRET;                 \
	pushq $XEN_VGCF_in_syscall;     \
	jmp XEN_IRET_STUB
