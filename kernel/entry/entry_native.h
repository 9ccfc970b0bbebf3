/*
 * entry_native.h — the class-C macro set for hardware (native, and the
 * hybrid platforms that keep native cpu/irq ops).  Forced in front of
 * entry/entry.S to assemble the native copy of the entry code.
 */
#include "cpu.h"

#define ENTRY_SYM(x) native_##x

/* The CPU already pushed [err] rip cs rflags rsp ss. */
#define TRAP_FRAME_FIXUP
/* Hardware has no failsafe callback; the stub is never installed. */
#define FAILSAFE_FRAME_FIXUP ud2

/* Entered from user mode? Then GS still holds the user's base. */
#define SWAPGS_ENTRY                    \
	testb $3, TF_CS(%rsp);          \
	jz 901f;                        \
	swapgs;                         \
901:

#define SWAPGS_EXIT                     \
	testb $3, TF_CS(%rsp);          \
	jz 902f;                        \
	swapgs;                         \
902:

#define IRQ_DISABLE cli
#define IRQ_ENABLE sti
#define RETURN_FROM_TRAP iretq

/* syscall left rip in rcx and rflags in r11 and did not switch stacks. */
#define SYSCALL_PROLOGUE                                \
	swapgs;                                         \
	mov %rsp, PER_CPU_VAR(cpu_user_sp);             \
	mov PER_CPU_VAR(cpu_kernel_sp), %rsp;           \
	pushq $(GDT_USER_DS | 3);                       \
	pushq PER_CPU_VAR(cpu_user_sp);                 \
	pushq %r11;                                     \
	pushq $(GDT_USER_CS | 3);                       \
	pushq %rcx

/* sysret takes rip from rcx and rflags from r11; the user stack is
 * restored last, after which nothing may touch the kernel stack.  The rip
 * is the one syscall saved, so it is canonical: sysret with a
 * non-canonical rcx would fault in ring 0 on the user stack.  Code that
 * starts editing syscall frames must return through iretq instead. */
#define SYSCALL_RETURN                                  \
	mov 0(%rsp), %rcx;                              \
	mov 16(%rsp), %r11;                             \
	mov 24(%rsp), %rsp;                             \
	swapgs;                                         \
	sysretq
