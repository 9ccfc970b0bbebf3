/*
 * suspend.c — waiting for signals: pause, rt_sigsuspend (a temporary
 * mask, atomically with the sleep) and rt_sigtimedwait (take a signal of
 * a set synchronously, without its handler).
 *
 * Each sleeps on its own sig_state, which nothing wakes but a signal's
 * sched_kick (and the clock, for a timeout).  The check and the sleep
 * happen with interrupts off, so a signal from an interrupt cannot fall
 * between them.
 */
#include "signal_internal.h"
#include "syscall.h"
#include "uaccess.h"
#include "sched.h"
#include "pv/ops.h"

#define NSEC_PER_SEC 1000000000ll

/* Sleep until a deliverable signal is pending. */
static void suspend_until_signal(struct proc *p)
{
	u64 flags = irq_save();

	while (!signal_pending(p))
		sched_sleep(&p->sig);
	irq_restore(flags);
}

/* Restarted if the signal had no handler (a stop and continue, say):
 * the caller is still waiting for one that does. */
SYSCALL_DEFINE0(pause)
{
	suspend_until_signal(proc_current());
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, u64, umask, u64, sigsetsize)
{
	struct proc *p = proc_current();
	sigset_t64 mask;

	if (sigsetsize != sizeof(sigset_t64))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	/* signal_deliver puts saved_mask back: into the handler's frame, or
	 * into blocked if no handler runs. */
	p->sig.saved_mask = p->sig.blocked;
	p->sig.restore_mask = true;
	p->sig.blocked = mask & ~SIGRULES_UNBLOCKABLE;
	suspend_until_signal(p);
	return -ERESTARTNOHAND;
}

/* Take the lowest signal of set off the pending set, blocked or not. */
static int sigwait_take(struct proc *p, sigset_t64 set, struct linux_siginfo *info)
{
	int sig = sigrules_lowest(p->sig.pending & set);

	if (sig) {
		p->sig.pending &= ~SIG_BIT(sig);
		*info = p->sig.info[sig - 1];
	}
	return sig;
}

SYSCALL_DEFINE4(rt_sigtimedwait, u64, uset, u64, uinfo, u64, utimeout, u64, sigsetsize)
{
	struct proc *p = proc_current();
	struct linux_siginfo info;
	struct linux_timespec ts;
	sigset_t64 set, blocked;
	u64 deadline = 0, flags;
	bool timed = false;
	int sig;

	if (sigsetsize != sizeof(sigset_t64))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	set &= ~SIGRULES_UNBLOCKABLE;
	if (utimeout) {
		if (copy_from_user(&ts, utimeout, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		/* Past ~292 years a timeout is forever. */
		timed = (u64)ts.tv_sec < 292ull * 365 * 24 * 3600;
		if (timed)
			deadline = clock_ns() + (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	}

	flags = irq_save();
	/* While waiting, the set is unblocked so its signals wake us, and
	 * marked waited-for so an ignored one is not thrown away on arrival. */
	blocked = p->sig.blocked;
	p->sig.waiting = set;
	for (;;) {
		sig = sigwait_take(p, set, &info);
		if (sig || (timed && clock_ns() >= deadline))
			break;
		p->sig.blocked = blocked & ~set;
		if (signal_pending(p) && !(p->sig.pending & set))
			break;                       /* another signal: EINTR */
		if (timed)
			sched_sleep_until(&p->sig, deadline);
		else
			sched_sleep(&p->sig);
		p->sig.blocked = blocked;
	}
	p->sig.blocked = blocked;
	p->sig.waiting = 0;
	irq_restore(flags);

	if (!sig)
		return (timed && clock_ns() >= deadline) ? -EAGAIN : -EINTR;
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}
