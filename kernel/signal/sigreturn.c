/*
 * sigreturn.c — rt_sigreturn: a handler returned into sa_restorer, which
 * called us with rsp just past the popped return address, i.e. at the
 * frame's ucontext.  Everything comes back from user memory, so nothing
 * is trusted: rip must be a user address, rflags keeps only the bits user
 * mode may change, cs and ss are the kernel's fixed user segments, the
 * FPU image must load (MXCSR reserved bits clear), and the mask never
 * gets SIGKILL or SIGSTOP.  A frame that fails any check is a SIGSEGV,
 * as on Linux.
 */
#include "signal_internal.h"
#include "syscall.h"
#include "uaccess.h"
#include "fpu.h"
#include "layout.h"
#include "pv/ops.h"
#include "lib/fmt.h"
#include <string.h>

#define FXSAVE_MXCSR_OFF 24

static void sigreturn_regs(struct trap_frame *f, const struct linux_sigcontext *sc)
{
	f->r8 = sc->r8;   f->r9 = sc->r9;   f->r10 = sc->r10; f->r11 = sc->r11;
	f->r12 = sc->r12; f->r13 = sc->r13; f->r14 = sc->r14; f->r15 = sc->r15;
	f->rdi = sc->rdi; f->rsi = sc->rsi; f->rbp = sc->rbp; f->rbx = sc->rbx;
	f->rdx = sc->rdx; f->rax = sc->rax; f->rcx = sc->rcx; f->rsp = sc->rsp;
	f->rip = sc->rip;
	f->rflags = sigrules_rflags_restore(f->rflags, sc->eflags);
	f->cs = pv_info.user_cs;
	f->ss = pv_info.user_ss;
}

/* The FPU image at user address ufp (0: none saved, start clean) into
 * p->fpu; false when it cannot be read or would not load. */
static bool sigreturn_fpu(struct proc *p, u64 ufp)
{
	struct fpu_state scratch;
	u32 mxcsr;

	if (ufp && copy_from_user(scratch.fxsave, ufp, sizeof(scratch.fxsave)))
		return false;
	if (ufp) {
		memcpy(&mxcsr, scratch.fxsave + FXSAVE_MXCSR_OFF, sizeof(mxcsr));
		if (mxcsr & ~FPU_MXCSR_MASK_DEFAULT)
			return false;
	}
	if (!fpu_sync(p))
		return false;
	if (ufp)
		memcpy(p->fpu->fxsave, scratch.fxsave, sizeof(scratch.fxsave));
	else
		fpu_state_init(p->fpu);
	fpu_invalidate(p);
	return true;
}

/* A bad frame: SIGSEGV, caught if the process has a handler for it
 * (which then runs on whatever stack rsp names), else the end. */
static long sigreturn_bad(struct proc *p, struct trap_frame *f, u64 uframe)
{
	struct linux_siginfo info;
	char why[80];
	const struct linux_sigaction *a = signal_action(p, SIGSEGV);

	if (a->sa_handler == SIG_DFL || a->sa_handler == SIG_IGN ||
	    (p->sig.blocked & SIG_BIT(SIGSEGV))) {
		fmt_snprintf(why, sizeof(why), "bad rt_sigreturn frame at %#llx",
			     (unsigned long long)uframe);
		signal_die(p, SIGSEGV, why);
	}
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGSEGV;
	info.si_code = SI_KERNEL;
	signal_force(p, SIGSEGV, &info);
	f->error_code = SIGNAL_NO_RESTART;
	return (long)f->rax;
}

SYSCALL_DEFINE_FRAME(rt_sigreturn)
{
	struct proc *p = proc_current();
	u64 uframe = f->rsp - sizeof(u64);
	struct sigrules_frame fr;
	struct linux_stack ss;
	struct linux_sigcontext *sc = &fr.uc.uc_mcontext;

	if (copy_from_user(&fr, uframe, sizeof(fr)))
		return sigreturn_bad(p, f, uframe);
	if (!sigrules_user_rip_ok(sc->rip, USER_TOP))
		return sigreturn_bad(p, f, uframe);
	if (!sigreturn_fpu(p, sc->fpstate))
		return sigreturn_bad(p, f, uframe);

	sigreturn_regs(f, sc);
	p->sig.blocked = fr.uc.uc_sigmask & ~SIGRULES_UNBLOCKABLE;
	/* The alternate stack as it was when the handler was entered (an
	 * SS_AUTODISARM stack is re-armed); refused changes are ignored, as
	 * on Linux. */
	ss = fr.uc.uc_stack;
	(void)sigrules_altstack_set(&p->sig.altstack, &ss, f->rsp);
	/* The restored rax is a value, not this call's error: never restart. */
	f->error_code = SIGNAL_NO_RESTART;
	syscall_need_full_return();
	return (long)f->rax;
}
