/*
 * send.c — queueing a signal for a process: the side effects a signal
 * has when it is sent rather than when it is delivered (SIGCONT and the
 * stop signals cancel each other, SIGKILL and SIGCONT resume a stopped
 * process, an interruptible sleeper wakes), init's protection, and the
 * SIGCHLD a parent gets.
 *
 * Callable from interrupts (the tty's ^C, the alarm clock): pending and
 * info change with interrupts off, and nothing here sleeps.
 */
#include "signal_internal.h"
#include "sched.h"
#include "pv/ops.h"
#include <string.h>

static bool proc_alive(const struct proc *p)
{
	return p->state != PROC_ZOMBIE;
}

/* Put sig on p's pending set with its siginfo (once: a signal pending
 * already keeps its first siginfo) and wake p if it can take it. */
static void signal_queue(struct proc *p, int sig, const struct linux_siginfo *info)
{
	u64 bit = SIG_BIT(sig);

	if (!(p->sig.pending & bit)) {
		if (info) {
			p->sig.info[sig - 1] = *info;
		} else {
			memset(&p->sig.info[sig - 1], 0, sizeof(p->sig.info[0]));
			p->sig.info[sig - 1].si_code = SI_KERNEL;
		}
		p->sig.info[sig - 1].si_signo = sig;
		p->sig.pending |= bit;
	}
	if (!(p->sig.blocked & bit))
		sched_kick(p);
}

/* Effects at send time (Linux prepare_signal), even for a signal that is
 * then ignored: SIGCONT resumes and cancels stops, a stop cancels SIGCONT. */
static void signal_send_effects(struct proc *p, int sig)
{
	if (sig == SIGCONT) {
		p->sig.pending &= ~SIGRULES_STOP_SET;
		if (p->state == PROC_STOPPED) {
			p->cont_report = true;
			p->stop_report = false;
			sched_continue(p);
			signal_notify_parent(p, CLD_CONTINUED, SIGCONT);
		}
	} else if (SIG_BIT(sig) & SIGRULES_STOP_SET) {
		p->sig.pending &= ~SIG_BIT(SIGCONT);
	} else if (sig == SIGKILL && p->state == PROC_STOPPED) {
		sched_continue(p);           /* it must run to die */
	}
}

int signal_send(struct proc *p, int sig, const struct linux_siginfo *info)
{
	u64 flags;

	if (!sigrules_valid(sig))
		return -EINVAL;
	flags = irq_save();
	if (!proc_alive(p))
		goto out;
	/* Init takes only the signals it has a handler for: no default
	 * action (not even SIGKILL's) ever ends or stops it.  A signal it
	 * blocks or waits for is kept, as Linux keeps it: the handler may
	 * change before it is unblocked, and busybox init takes its
	 * shutdown signals with sigtimedwait, handler-less. */
	if (p->pid == 1 && p->sig.action[sig - 1].sa_handler == SIG_DFL &&
	    !((p->sig.blocked | p->sig.waiting) & SIG_BIT(sig)))
		goto out;
	signal_send_effects(p, sig);
	if (signal_discarded(p, sig))
		goto out;
	signal_queue(p, sig, info);
out:
	irq_restore(flags);
	return 0;
}

/* A synchronous fault's signal: it cannot be ignored or blocked, or
 * the faulting instruction would run again forever (Linux force_sig). */
void signal_force(struct proc *p, int sig, const struct linux_siginfo *info)
{
	struct linux_sigaction *a = signal_action(p, sig);
	u64 flags = irq_save();

	if (a->sa_handler == SIG_IGN || (p->sig.blocked & SIG_BIT(sig))) {
		a->sa_handler = SIG_DFL;
		p->sig.blocked &= ~SIG_BIT(sig);
	}
	/* The fault's own siginfo replaces a pending sent one. */
	p->sig.pending &= ~SIG_BIT(sig);
	signal_queue(p, sig, info);
	irq_restore(flags);
}

int signal_send_pgrp(int pgid, int sig, const struct linux_siginfo *info)
{
	struct proc *p;
	bool found = false;

	if (!sigrules_valid(sig))
		return -EINVAL;
	if (pgid <= 0)
		return -ESRCH;
	proc_for_each(p) {
		if (p->pgid == pgid && proc_alive(p)) {
			found = true;
			signal_send(p, sig, info);
		}
	}
	return found ? 0 : -ESRCH;
}

void signal_notify_parent(struct proc *child, int code, int status)
{
	struct proc *parent = child->parent;
	const struct linux_sigaction *a;
	struct linux_siginfo info;
	bool send = true;

	if (!parent)
		return;
	if (code == 0) {                 /* from proc_exit: a wait status */
		if ((status & 0x7f) == 0) {
			code = CLD_EXITED;
			status = (status >> 8) & 0xff;
		} else {
			code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
			status &= 0x7f;
		}
	}
	a = &parent->sig.action[SIGCHLD - 1];
	if (code == CLD_STOPPED || code == CLD_CONTINUED)
		send = !(a->sa_flags & SA_NOCLDSTOP);
	else
		send = a->sa_handler != SIG_IGN;   /* SA_NOCLDWAIT still signals */
	if (send) {
		memset(&info, 0, sizeof(info));
		info.si_signo = SIGCHLD;
		info.si_code = code;
		info.u.chld.pid = child->pid;
		info.u.chld.uid = 0;
		info.u.chld.status = status;
		signal_send(parent, SIGCHLD, &info);
	}
	sched_wakeup(parent);            /* wait4 sleeps on the parent */
}
