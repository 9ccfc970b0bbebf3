/*
 * 31_sigregs.S — ut_sigregs_probe(uint64_t gp[16], uint8_t xmm[256],
 *                                 const uint8_t xpat[256])
 *
 * Loads known values into every general register but %rsp and into
 * %xmm0-15, sets CF and DF-clear, executes ud2 (the SIGILL handler skips
 * it and clobbers what it can), then stores every register as it came
 * back from rt_sigreturn.  A fault rather than a system call raises the
 * signal so that %rcx and %r11 are live across it too.
 *
 * gp[] order: rax rbx rcx rdx rsi rdi rbp r8 r9 r10 r11 r12 r13 r14 r15 rflags
 */
	.text
	.globl ut_sigregs_probe
	.type ut_sigregs_probe, @function
ut_sigregs_probe:
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
	push %rdi
	push %rsi
	movdqu 0(%rdx), %xmm0
	movdqu 16(%rdx), %xmm1
	movdqu 32(%rdx), %xmm2
	movdqu 48(%rdx), %xmm3
	movdqu 64(%rdx), %xmm4
	movdqu 80(%rdx), %xmm5
	movdqu 96(%rdx), %xmm6
	movdqu 112(%rdx), %xmm7
	movdqu 128(%rdx), %xmm8
	movdqu 144(%rdx), %xmm9
	movdqu 160(%rdx), %xmm10
	movdqu 176(%rdx), %xmm11
	movdqu 192(%rdx), %xmm12
	movdqu 208(%rdx), %xmm13
	movdqu 224(%rdx), %xmm14
	movdqu 240(%rdx), %xmm15
	movabs $0x1111111111111101, %rax
	movabs $0x2222222222222202, %rbx
	movabs $0x3333333333333303, %rcx
	movabs $0x4444444444444404, %rdx
	movabs $0x5555555555555505, %rsi
	movabs $0x6666666666666606, %rdi
	movabs $0x7777777777777707, %rbp
	movabs $0x8888888888888808, %r8
	movabs $0x9999999999999909, %r9
	movabs $0xaaaaaaaaaaaaaa0a, %r10
	movabs $0xbbbbbbbbbbbbbb0b, %r11
	movabs $0xcccccccccccccc0c, %r12
	movabs $0xdddddddddddddd0d, %r13
	movabs $0xeeeeeeeeeeeeee0e, %r14
	movabs $0xffffffffffffff0f, %r15
	cld
	stc
	.globl ut_sigregs_ud2
ut_sigregs_ud2:
	ud2
	pushfq
	push %r15
	push %r14
	push %r13
	push %r12
	push %r11
	push %r10
	push %r9
	push %r8
	push %rbp
	push %rdi
	push %rsi
	push %rdx
	push %rcx
	push %rbx
	push %rax
	/* 16 values pushed; above them the saved %rsi (xmm) and %rdi (gp). */
	mov 136(%rsp), %rdi
	mov 128(%rsp), %rsi
	mov $0, %ecx
1:	pop %rax
	mov %rax, (%rdi,%rcx,8)
	inc %ecx
	cmp $16, %ecx
	jne 1b
	movdqu %xmm0, 0(%rsi)
	movdqu %xmm1, 16(%rsi)
	movdqu %xmm2, 32(%rsi)
	movdqu %xmm3, 48(%rsi)
	movdqu %xmm4, 64(%rsi)
	movdqu %xmm5, 80(%rsi)
	movdqu %xmm6, 96(%rsi)
	movdqu %xmm7, 112(%rsi)
	movdqu %xmm8, 128(%rsi)
	movdqu %xmm9, 144(%rsi)
	movdqu %xmm10, 160(%rsi)
	movdqu %xmm11, 176(%rsi)
	movdqu %xmm12, 192(%rsi)
	movdqu %xmm13, 208(%rsi)
	movdqu %xmm14, 224(%rsi)
	movdqu %xmm15, 240(%rsi)
	add $16, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	ret
	.size ut_sigregs_probe, . - ut_sigregs_probe
	.section .note.GNU-stack, "", @progbits
