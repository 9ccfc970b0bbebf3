/*
 * state.c — a process's signal state over its life: created default,
 * inherited by fork, reset by execve; and the two queries the scheduler
 * and wait4 ask.
 */
#include "signal_internal.h"
#include <string.h>

void signal_init(struct proc *p)
{
	memset(&p->sig, 0, sizeof(p->sig));       /* every action SIG_DFL, nothing blocked */
	p->sig.altstack.ss_flags = SS_DISABLE;
}

/* fork(2): the child has the parent's actions, mask and alternate stack;
 * no pending signals, no timer (alarm_at is the lead's, cleared in fork). */
void signal_fork(struct proc *child, const struct proc *parent)
{
	memcpy(child->sig.action, parent->sig.action, sizeof(child->sig.action));
	child->sig.blocked = parent->sig.blocked;
	child->sig.pending = 0;
	memset(child->sig.info, 0, sizeof(child->sig.info));
	child->sig.altstack = parent->sig.altstack;
	/* A fork from inside rt_sigsuspend cannot happen; be safe anyway. */
	child->sig.restore_mask = false;
	child->sig.saved_mask = 0;
	child->sig.waiting = 0;
	memset(&child->sig.fault, 0, sizeof(child->sig.fault));
	child->sig.itimer_interval_ns = 0;
}

/* execve(2): handlers point into the old image, so caught signals go back
 * to SIG_DFL; ignored ones stay ignored; mask and pending survive; the
 * alternate stack was in the old image too. */
void signal_exec(struct proc *p)
{
	int sig;

	for (sig = 1; sig <= LINUX_NSIG; sig++) {
		struct linux_sigaction *a = signal_action(p, sig);
		u64 h = a->sa_handler;

		memset(a, 0, sizeof(*a));
		if (h == SIG_IGN)
			a->sa_handler = SIG_IGN;
	}
	p->sig.altstack = (struct linux_stack){ .ss_flags = SS_DISABLE };
	memset(&p->sig.fault, 0, sizeof(p->sig.fault));
}

bool signal_pending(const struct proc *p)
{
	return (READ_ONCE(p->sig.pending) & ~p->sig.blocked) != 0;
}

/* Linux's rule (do_notify_parent): SIG_IGN or SA_NOCLDWAIT on SIGCHLD. */
bool signal_child_autoreap(const struct proc *parent)
{
	const struct linux_sigaction *a = &parent->sig.action[SIGCHLD - 1];

	return a->sa_handler == SIG_IGN || (a->sa_flags & SA_NOCLDWAIT);
}

/* A signal nobody will see: ignored (by SIG_IGN or by default) and not
 * blocked — a blocked one stays pending, its action may change — or sent
 * to a kernel thread (the boot thread, kworker), which has no user half
 * to deliver it to: as Linux's kernel threads, they ignore every signal.
 * Kept pending, it would end each of their interruptible sleeps at once
 * (a kernel test's write to a closed pipe raises SIGPIPE at the boot
 * thread). */
bool signal_discarded(const struct proc *p, int sig)
{
	const struct linux_sigaction *a = &p->sig.action[sig - 1];
	enum sig_default d;

	if (!p->us)
		return true;
	if ((p->sig.blocked | p->sig.waiting) & SIG_BIT(sig))
		return false;
	if (a->sa_handler == SIG_IGN)
		return true;
	if (a->sa_handler != SIG_DFL)
		return false;
	d = sigrules_default(sig);
	return d == SIGDFL_IGNORE || d == SIGDFL_CONT;
}
