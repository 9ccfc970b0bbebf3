/*
 * callee.S — native targets for callee-save sites.
 *
 * A callee-save site promises the compiler that only rax is clobbered, so
 * its target must be written to keep that promise.  These stubs live in
 * .text.pv_calleesave; the patcher will only emit a direct call from a
 * callee-save site to an address inside that section.  pv_nop and pv_ident
 * are here too because they clobber nothing (beyond rax), and the patcher
 * recognises them to emit NOPs or `mov %rdi,%rax` inline.
 */
	.section .text.pv_calleesave, "ax"

#define STUB(name) .globl name; .type name, @function; name:

STUB(native_save_fl_callee)
	pushfq
	popq %rax
	ret
STUB(native_restore_fl_callee)
	pushq %rdi
	popfq
	ret
STUB(native_irq_disable_callee)
	cli
	ret
STUB(native_irq_enable_callee)
	sti
	ret
STUB(native_read_cr2_callee)
	mov %cr2, %rax
	ret
STUB(native_pte_read_callee)
	mov (%rdi), %rax
	ret
STUB(native_set_pte_callee)
STUB(native_set_pmd_callee)
STUB(native_set_pud_callee)
STUB(native_set_pgd_callee)
	mov %rsi, (%rdi)
	ret
STUB(native_flush_tlb_one_callee)
	invlpg (%rdi)
	ret
STUB(pv_nop)
	ret
STUB(pv_ident)
	mov %rdi, %rax
	ret
