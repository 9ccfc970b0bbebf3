/*
 * deliver.c — on every return to user mode: take the pending unblocked
 * signals, lowest first, run their default actions or build handler
 * frames (frame.c), and settle an interrupted system call: restarted
 * (rax = orig_rax, rip back over the 2-byte syscall instruction) or
 * failed with EINTR, by Linux's rules:
 *
 *   -ERESTARTSYS     restart if no handler ran or it has SA_RESTART
 *   -ERESTARTNOHAND  restart if no handler ran (pause, rt_sigsuspend)
 *   -ERESTARTNOINTR  always restart
 *
 * Several handlers may stack up in one return, as on Linux: the last
 * frame built runs first and returns into the one below.
 */
#include "signal_internal.h"
#include "syscall.h"
#include "trap.h"
#include "layout.h"
#include "pv/ops.h"
#include "lib/fmt.h"

#define SYSCALL_INSN_LEN 2

/* Take the lowest deliverable signal off the pending set, 0 if none. */
static int signal_dequeue(struct proc *p, struct linux_siginfo *info)
{
	u64 flags = irq_save();
	int sig = sigrules_lowest(p->sig.pending & ~p->sig.blocked);

	if (sig) {
		p->sig.pending &= ~SIG_BIT(sig);
		*info = p->sig.info[sig - 1];
	}
	irq_restore(flags);
	return sig;
}

/* A system call's error that asks to be restarted or turned into EINTR;
 * false for frames that are no system call, or no longer one. */
static bool syscall_interrupted(const struct trap_frame *f)
{
	long ret = (long)f->rax;

	if (f->vector != SYSCALL_VECTOR || f->error_code == SIGNAL_NO_RESTART)
		return false;
	return ret == -ERESTARTSYS || ret == -ERESTARTNOHAND || ret == -ERESTARTNOINTR;
}

static void syscall_restart(struct trap_frame *f)
{
	f->rax = f->error_code;
	f->rip -= SYSCALL_INSN_LEN;
}

/* The interrupted call, before a handler for act runs. */
static void syscall_settle_for_handler(struct trap_frame *f, const struct linux_sigaction *act)
{
	long ret = (long)f->rax;

	if (ret == -ERESTARTNOINTR || (ret == -ERESTARTSYS && (act->sa_flags & SA_RESTART)))
		syscall_restart(f);
	else
		f->rax = (u64)-EINTR;
}

static void signal_run_handler(struct proc *p, struct trap_frame *f, int sig,
			       const struct linux_siginfo *info)
{
	struct linux_sigaction *a = signal_action(p, sig);
	struct linux_sigaction act = *a;
	char why[96];

	if (act.sa_handler >= USER_TOP) {
		fmt_snprintf(why, sizeof(why), "handler %#llx for %s is not in user space",
			     (unsigned long long)act.sa_handler, sigrules_name(sig));
		signal_die(p, SIGSEGV, why);
	}
	if (!signal_setup_frame(p, f, sig, info, &act)) {
		fmt_snprintf(why, sizeof(why), "cannot write the frame for %s (rsp %#llx)",
			     sigrules_name(sig), (unsigned long long)f->rsp);
		signal_die(p, SIGSEGV, why);
	}
	if (p->sig.fault.sig == sig)
		p->sig.fault.sig = 0;        /* handled: no longer the cause of anything */
	/* The handler runs with its mask: the current one (inside
	 * rt_sigsuspend, the temporary one), sa_mask, and sig itself. */
	p->sig.blocked |= act.sa_mask;
	if (!(act.sa_flags & SA_NODEFER))
		p->sig.blocked |= SIG_BIT(sig);
	p->sig.blocked &= ~SIGRULES_UNBLOCKABLE;
	if (act.sa_flags & SA_RESETHAND)
		a->sa_handler = SIG_DFL;
	/* The frame holds the mask to go back to. */
	p->sig.restore_mask = false;
}

bool signal_deliver(struct trap_frame *f)
{
	struct proc *p = proc_current();
	struct linux_siginfo info;
	bool interrupted, handled = false;
	int sig;

	if (!p || !trap_from_user(f))
		return false;
	interrupted = syscall_interrupted(f);
	for (;;) {
		while ((sig = signal_dequeue(p, &info)) != 0) {
			const struct linux_sigaction *a = signal_action(p, sig);

			if (a->sa_handler == SIG_IGN)
				continue;
			if (a->sa_handler == SIG_DFL) {
				signal_default_action(p, sig);   /* returns unless it kills */
				continue;
			}
			if (interrupted) {
				syscall_settle_for_handler(f, a);
				interrupted = false;
			}
			signal_run_handler(p, f, sig, &info);
			handled = true;
		}
		if (interrupted) {
			syscall_restart(f);      /* nobody saw it: as if never interrupted */
			interrupted = false;
		}
		/* rt_sigsuspend with no handler run: back to the old mask, which
		 * may let more signals through (Linux restore_saved_sigmask). */
		if (!p->sig.restore_mask)
			break;
		p->sig.blocked = p->sig.saved_mask;
		p->sig.restore_mask = false;
	}
	if (handled)
		syscall_need_full_return();
	return handled;
}
