/*
 * fault.c — a user-mode trap nothing else resolved (demand paging,
 * copy-on-write and the FPU had their turn) becomes a signal, with
 * Linux's choice of signal and si_code (arch/x86 traps), and is forced:
 * blocking or ignoring a fault's signal does not make the faulting
 * instruction go away.
 */
#include "signal_internal.h"
#include "trap.h"
#include "pv/ops.h"
#include "panic.h"
#include <string.h>

#define VEC_DB 1
#define VEC_BP 3
#define VEC_OF 4
#define VEC_BR 5
#define VEC_NP 11
#define VEC_SS 12
#define VEC_MF 16
#define VEC_AC 17
#define VEC_XM 19

#define PF_PRESENT 0x1u            /* error code: a protection violation */

/* The signal and si_code for a trap; si_addr is the fault address for
 * #PF and the faulting instruction for the others (Linux's choice). */
static int fault_signal(const struct trap_frame *f, int *code, u64 *addr)
{
	*addr = f->rip;
	switch (f->vector) {
	case VEC_DE: *code = FPE_INTDIV; return SIGFPE;
	case VEC_MF: *code = FPE_FLTINV; return SIGFPE;
	case VEC_XM: *code = FPE_FLTINV; return SIGFPE;
	case VEC_UD: *code = ILL_ILLOPN; return SIGILL;
	case VEC_DB: *code = TRAP_TRACE; return SIGTRAP;
	case VEC_BP: *code = TRAP_BRKPT; return SIGTRAP;
	case VEC_NP: case VEC_SS: *code = SI_KERNEL; *addr = 0; return SIGBUS;
	case VEC_AC: *code = BUS_ADRALN; return SIGBUS;
	case VEC_PF:
		*addr = read_cr2();
		/* As Linux: an address inside a region whose protection
		 * forbids the access is ACCERR, even when the page is not
		 * present (PROT_NONE); no region at all is MAPERR. */
		*code = (f->error_code & PF_PRESENT) ||
			(proc_current()->us && vma_find(proc_current()->us, *addr)) ?
			SEGV_ACCERR : SEGV_MAPERR;
		return SIGSEGV;
	default:
		/* #GP (privileged instruction, bad segment, non-canonical
		 * address), #OF, #BR and anything else: SIGSEGV from the
		 * kernel, no address (Linux reports 0). */
		*code = SI_KERNEL;
		*addr = 0;
		return SIGSEGV;
	}
}

void signal_from_trap(struct trap_frame *f)
{
	struct proc *p = proc_current();
	struct linux_siginfo info;
	int sig, code;
	u64 addr;

	if (!p)
		panic_frame(f, "user-mode %s with no current process", trap_name((unsigned)f->vector));
	sig = fault_signal(f, &code, &addr);
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.u.fault.addr = addr;
	p->sig.fault = (struct sig_fault){
		.sig = sig, .vector = f->vector, .error_code = f->error_code,
		.addr = f->vector == VEC_PF ? addr : 0, .rip = f->rip,
	};
	signal_force(p, sig, &info);
}
