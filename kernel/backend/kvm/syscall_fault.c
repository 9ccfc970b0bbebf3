/*
 * syscall_fault.c — a syscall that arrives as a page fault.
 *
 * The KVM on this machine kind (kvm_pvm) runs a guest's ring-3 code
 * natively and its ring-0 code through an instruction emulator.  When user
 * code executes `syscall`, it does what the instruction does to rcx, r11,
 * rflags (FMASK) and rip (LSTAR) but leaves the CPU in ring 3, so fetching
 * the kernel's entry faults: a user-mode #PF whose rip is our syscall
 * entry, with rcx the return address and r11 the flags.  That is exactly
 * a syscall's state, so it is taken as one: dispatched, and returned from
 * through iret like any trap.  On a KVM that switches rings properly this
 * never happens, and the check costs one comparison on user faults.
 */
#include "kvm.h"
#include "trap.h"
#include "layout.h"

/* What user code may have in rflags: the arithmetic flags, TF, DF, AC, ID. */
#define USER_RFLAGS 0x254dd5ull

bool kvm_syscall_fault(struct trap_frame *f)
{
	if (f->vector != VEC_PF || f->rip != (u64)pv_info.entry->syscall)
		return false;
	if (f->rcx >= USER_TOP)            /* iret to it would fault in the kernel */
		return false;
	f->vector = SYSCALL_VECTOR;
	f->error_code = 0;
	f->rip = f->rcx;
	f->rflags = (f->r11 & USER_RFLAGS) | X86_FLAGS_IF | 0x2;
	irq_enable();
	syscall_dispatch(f);
	irq_disable();
	return true;
}
