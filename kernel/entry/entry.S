/*
 * entry.S — trap, interrupt and system-call entry and the return paths,
 * written once for every privilege model.
 *
 * This file is assembled once per backend, each time with that backend's
 * macro set forced in front of it (-include entry_<backend>.h), and every
 * copy is linked in; the backend installs its own at boot through its
 * struct entry_table (class-C pv ops, the IA64 pv_cpu_asm_ops lesson).
 * Everything privileged goes through a macro:
 *
 *   ENTRY_SYM(x)          the copy's symbol for x
 *   ENTRY_NAME            the copy's name, a string
 *   TRAP_FRAME_FIXUP      turn what the CPU/hypervisor pushed into the
 *                         hardware frame [err] rip cs rflags rsp ss
 *   SWAPGS_ENTRY/EXIT     switch to/from the kernel GS when the frame at
 *                         %rsp came from/returns to user mode
 *   IRQ_DISABLE/ENABLE    the interrupt flag
 *   RETURN_FROM_TRAP      return through the hardware frame at %rsp
 *   SYSCALL_PROLOGUE      from the syscall instruction to a hardware
 *                         frame on the kernel stack
 *   SYSCALL_RETURN        back to user mode from such a frame at %rsp
 *   FAILSAFE_FRAME_FIXUP  drop the extra words of a failsafe frame
 *
 * Besides the vector stubs there are two software entries a hypervisor
 * calls back into (the event upcall and the failsafe callback); a
 * backend that has no such callbacks never installs them.
 *
 * mk/check-entry.sh fails the build if a privileged instruction appears
 * here outside those macros.
 */
#include "trap.h"
#include "percpu.h"

	.text

/* Exception/interrupt stubs: normalise to [vector][error] + hardware frame. */
.macro STUB_NOERR n
	.balign 16
ENTRY_SYM(vec_\n):
	TRAP_FRAME_FIXUP
	pushq $0
	pushq $\n
	jmp ENTRY_SYM(trap_common)
.endm
.macro STUB_ERR n
	.balign 16
ENTRY_SYM(vec_\n):
	TRAP_FRAME_FIXUP
	pushq $\n
	jmp ENTRY_SYM(trap_common)
.endm

.macro PUSH_REGS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm
.macro POP_REGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
.endm

/* The vectors that push an error code: #DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP. */
STUB_NOERR 0
STUB_NOERR 1
STUB_NOERR 2
STUB_NOERR 3
STUB_NOERR 4
STUB_NOERR 5
STUB_NOERR 6
STUB_NOERR 7
STUB_ERR 8
STUB_NOERR 9
STUB_ERR 10
STUB_ERR 11
STUB_ERR 12
STUB_ERR 13
STUB_ERR 14
STUB_NOERR 15
STUB_NOERR 16
STUB_ERR 17
STUB_NOERR 18
STUB_NOERR 19
STUB_NOERR 20
STUB_ERR 21
.irp n, 22,23,24,25,26,27,28,29,30,31
STUB_NOERR \n
.endr
/* External interrupts: every vector a chip may program, and spurious. */
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
STUB_NOERR \n
.endr
.irp n, 48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
STUB_NOERR \n
.endr
.irp n, 64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79
STUB_NOERR \n
.endr
.irp n, 80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95
STUB_NOERR \n
.endr
.irp n, 96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111
STUB_NOERR \n
.endr
.irp n, 112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127
STUB_NOERR \n
.endr
.irp n, 128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143
STUB_NOERR \n
.endr
.irp n, 144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159
STUB_NOERR \n
.endr
.irp n, 160,161,162,163,164,165,166,167,168,169,170,171,172,173,174,175
STUB_NOERR \n
.endr
.irp n, 176,177,178,179,180,181,182,183,184,185,186,187,188,189,190,191
STUB_NOERR \n
.endr
.irp n, 192,193,194,195,196,197,198,199,200,201,202,203,204,205,206,207
STUB_NOERR \n
.endr
.irp n, 208,209,210,211,212,213,214,215,216,217,218,219,220,221,222,223
STUB_NOERR \n
.endr
.irp n, 224,225,226,227,228,229,230,231,232,233,234,235,236,237,238,239
STUB_NOERR \n
.endr
.irp n, 240,241,242,243,244,245,246,247,248,249,250,251,252,253,254,255
STUB_NOERR \n
.endr

/* Event upcall: an interrupt-like frame with no error code. */
	.balign 16
	.globl ENTRY_SYM(vec_upcall)
ENTRY_SYM(vec_upcall):
	TRAP_FRAME_FIXUP
	pushq $0
	pushq $UPCALL_VECTOR
	jmp ENTRY_SYM(trap_common)

	.balign 16
	.globl ENTRY_SYM(vec_failsafe)
ENTRY_SYM(vec_failsafe):
	FAILSAFE_FRAME_FIXUP
	pushq $0
	pushq $FAILSAFE_VECTOR
	jmp ENTRY_SYM(trap_common)

ENTRY_SYM(trap_common):
	PUSH_REGS
	SWAPGS_ENTRY
	xor %ebp, %ebp                 /* a trap ends the interrupted backtrace */
	mov %rsp, %rdi
	cld
	call trap_dispatch
	/* fall through: return through the (possibly edited) frame at %rsp */

/* enter_user(frame): the return path, used also to start a process. */
	.globl ENTRY_SYM(trap_return)
ENTRY_SYM(trap_return):
	SWAPGS_EXIT
	POP_REGS
	add $16, %rsp                  /* vector, error */
	RETURN_FROM_TRAP

	.globl ENTRY_SYM(enter_user)
ENTRY_SYM(enter_user):
	mov %rdi, %rsp
	jmp ENTRY_SYM(trap_return)

	.globl ENTRY_SYM(syscall_entry)
ENTRY_SYM(syscall_entry):
	SYSCALL_PROLOGUE
	pushq $0
	pushq $SYSCALL_VECTOR
	PUSH_REGS
	xor %ebp, %ebp
	mov %rsp, %rdi
	IRQ_ENABLE
	cld
	call syscall_dispatch
	IRQ_DISABLE
	/* A rewritten frame (execve, a signal, rt_sigreturn) returns through
	 * iret, which restores every register; the fast path may not. */
	test %al, %al
	jnz ENTRY_SYM(trap_return)
	POP_REGS
	add $16, %rsp
	SYSCALL_RETURN

/* The vector table the backend installs, indexed by vector number. */
	.section .rodata
	.balign 8
	.globl ENTRY_SYM(vectors)
ENTRY_SYM(vectors):
.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 160,161,162,163,164,165,166,167,168,169,170,171,172,173,174,175
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 176,177,178,179,180,181,182,183,184,185,186,187,188,189,190,191
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 192,193,194,195,196,197,198,199,200,201,202,203,204,205,206,207
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 208,209,210,211,212,213,214,215,216,217,218,219,220,221,222,223
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 224,225,226,227,228,229,230,231,232,233,234,235,236,237,238,239
	.quad ENTRY_SYM(vec_\n)
.endr
.irp n, 240,241,242,243,244,245,246,247,248,249,250,251,252,253,254,255
	.quad ENTRY_SYM(vec_\n)
.endr
