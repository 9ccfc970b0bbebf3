/*
 * switch.S — context_switch(save, next): the only place kernel stacks
 * change hands.  Callee-saved registers live on each stack; everything
 * else the C caller already assumes lost across a call.
 */
	.text
	.globl context_switch
	.type context_switch, @function
context_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	mov %rsp, (%rdi)
	mov %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
