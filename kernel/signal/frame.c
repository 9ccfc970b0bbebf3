/*
 * frame.c — building a handler's rt_sigframe on the user stack, in
 * Linux's x86-64 layout, so that libc's sa_restorer (mov $15,%eax;
 * syscall) and anything reading the ucontext work unchanged:
 *
 *   interrupted rsp
 *   - 128-byte red zone (or the top of the alternate stack)
 *   fxsave image, 64-byte aligned          <- uc.uc_mcontext.fpstate
 *   struct linux_siginfo                   <- rsi
 *   struct linux_ucontext                  <- rdx
 *   return address = sa_restorer           <- rsp; (rsp + 8) % 16 == 0
 *
 * Nothing in the process changes unless the whole frame was written.
 */
#include "signal_internal.h"
#include "uaccess.h"
#include "fpu.h"
#include "trap.h"
#include "layout.h"
#include "pv/ops.h"
#include <string.h>

#define RFLAGS_TF 0x100ull
#define RFLAGS_DF 0x400ull
#define RFLAGS_RF 0x10000ull

/* Bytes 464..511 of an fxsave image are software's; Linux puts the
 * xstate magic there, which this kernel never uses, so they go out 0. */
#define FXSAVE_HW_BYTES 464

static void frame_fill_mcontext(struct linux_sigcontext *sc, const struct trap_frame *f,
				const struct proc *p, int sig, u64 fpstate)
{
	sc->r8 = f->r8;   sc->r9 = f->r9;   sc->r10 = f->r10; sc->r11 = f->r11;
	sc->r12 = f->r12; sc->r13 = f->r13; sc->r14 = f->r14; sc->r15 = f->r15;
	sc->rdi = f->rdi; sc->rsi = f->rsi; sc->rbp = f->rbp; sc->rbx = f->rbx;
	sc->rdx = f->rdx; sc->rax = f->rax; sc->rcx = f->rcx; sc->rsp = f->rsp;
	sc->rip = f->rip;
	sc->eflags = f->rflags;
	sc->cs = pv_info.user_cs;
	sc->ss = pv_info.user_ss;
	sc->oldmask = p->sig.blocked;
	if (p->sig.fault.sig == sig) {
		sc->trapno = p->sig.fault.vector;
		sc->err = p->sig.fault.error_code;
		sc->cr2 = p->sig.fault.addr;
	}
	sc->fpstate = fpstate;
}

bool signal_setup_frame(struct proc *p, struct trap_frame *f, int sig,
			const struct linux_siginfo *info, const struct linux_sigaction *act)
{
	struct sigrules_frame fr;
	struct sigrules_layout l;
	bool want_alt = (act->sa_flags & SA_ONSTACK) != 0;

	/* x86-64 has no kernel-provided trampoline: without sa_restorer the
	 * handler could not return (Linux refuses it the same way). */
	if (!(act->sa_flags & SA_RESTORER) || act->sa_restorer >= USER_TOP)
		return false;
	if (sigrules_place_frame(f->rsp, &p->sig.altstack, want_alt, &l))
		return false;
	if (!fpu_sync(p))
		return false;
	if (copy_to_user(l.fpstate, p->fpu->fxsave, FXSAVE_HW_BYTES) ||
	    clear_user(l.fpstate + FXSAVE_HW_BYTES, sizeof(p->fpu->fxsave) - FXSAVE_HW_BYTES))
		return false;

	memset(&fr, 0, sizeof(fr));
	fr.pretcode = act->sa_restorer;
	fr.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	fr.uc.uc_stack = sigrules_altstack_get(&p->sig.altstack, f->rsp);
	frame_fill_mcontext(&fr.uc.uc_mcontext, f, p, sig, l.fpstate);
	/* Inside rt_sigsuspend the mask to go back to is the one before it. */
	fr.uc.uc_sigmask = p->sig.restore_mask ? p->sig.saved_mask : p->sig.blocked;
	fr.info = *info;
	if (copy_to_user(l.frame, &fr, sizeof(fr)))
		return false;

	/* Committed: nothing below can fail. */
	if (l.on_altstack && (p->sig.altstack.ss_flags & (int32_t)SS_AUTODISARM))
		p->sig.altstack = (struct linux_stack){ .ss_flags = SS_DISABLE };
	/* The handler starts with a clean FPU, as on Linux: a SIGFPE handler
	 * must not inherit the unmasked exception that raised it. */
	fpu_state_init(p->fpu);
	fpu_invalidate(p);

	f->rsp = l.frame;
	f->rip = act->sa_handler;
	f->rdi = (u64)sig;
	f->rsi = l.frame + offsetof(struct sigrules_frame, info);
	f->rdx = l.frame + offsetof(struct sigrules_frame, uc);
	f->rax = 0;
	f->rflags &= ~(RFLAGS_TF | RFLAGS_DF | RFLAGS_RF);
	f->cs = pv_info.user_cs;
	f->ss = pv_info.user_ss;
	return true;
}
