/*
 * irq_stubs.S — the interrupt flag of a PV guest: not EFLAGS.IF, which the
 * guest cannot change from ring 3, but the upcall mask byte in this CPU's
 * vcpu_info (1 = events held back), reached %gs-relative so one copy of
 * each stub serves every CPU.  Only a CPU writes its own mask and reads
 * its own pending byte, so plain byte moves suffice.
 *
 * These are callee-save targets (only rax may change), so they live in
 * .text.pv_calleesave and may be called directly from patched sites.
 * Enabling must look at upcall_pending: an event that arrived while masked
 * is only delivered if we ask Xen, which any hypercall does on its way out.
 */
#include "abi/xen.h"
#include "percpu.h"

#define MASK    PER_CPU_VAR(xen_vcpu_info + XEN_VCPU_INFO_upcall_mask)
#define PENDING PER_CPU_VAR(xen_vcpu_info + XEN_VCPU_INFO_upcall_pending)
#define STUB(name) .globl name; .type name, @function; name:

	.section .text.pv_calleesave, "ax"

/* save_fl: IF (bit 9) set when events are not masked. */
STUB(xen_save_fl_callee)
	xor %eax, %eax
	testb $0xff, MASK
	setz %ah
	addb %ah, %ah
	ret

STUB(xen_irq_disable_callee)
	movb $1, MASK
	ret

STUB(xen_irq_enable_callee)
	movb $0, MASK
	testb $0xff, PENDING
	jnz xen_check_events
	ret

/* restore_fl(rdi): bit 9 decides. */
STUB(xen_restore_fl_callee)
	testl $0x200, %edi
	jz xen_irq_disable_callee
	jmp xen_irq_enable_callee

STUB(xen_read_cr2_callee)
	mov PER_CPU_VAR(xen_vcpu_info + XEN_VCPU_INFO_cr2), %rax
	ret

/* Callee-save thunks: a C call, saving what the convention lets it clobber. */
.macro CALLEE_THUNK name, fn
STUB(\name)
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	call \fn
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	ret
.endm
	CALLEE_THUNK xen_make_pte_callee, xen_make_pte
	CALLEE_THUNK xen_pte_val_callee, xen_pte_val
	CALLEE_THUNK xen_pte_read_callee, xen_pte_read
	CALLEE_THUNK xen_set_pte_callee, xen_set_pte
	CALLEE_THUNK xen_set_pmd_callee, xen_set_pmd
	CALLEE_THUNK xen_set_pud_callee, xen_set_pud
	CALLEE_THUNK xen_set_pgd_callee, xen_set_pgd
	CALLEE_THUNK xen_flush_tlb_one_callee, xen_flush_tlb_one
/* Deliver what is pending (irq_enable's slow path). */
	CALLEE_THUNK xen_check_events, xen_force_evtchn_callback
