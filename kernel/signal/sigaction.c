/*
 * sigaction.c — rt_sigaction, rt_sigprocmask and rt_sigpending: a
 * process changing its own actions and mask.  The kernel's sigset is
 * 8 bytes; any other sigsetsize is EINVAL, as on Linux x86-64.
 */
#include "signal_internal.h"
#include "syscall.h"
#include "uaccess.h"
#include "pv/ops.h"

SYSCALL_DEFINE4(rt_sigaction, int, sig, u64, uact, u64, uoact, u64, sigsetsize)
{
	struct proc *p = proc_current();
	struct linux_sigaction act, *slot;
	u64 flags;

	if (sigsetsize != sizeof(sigset_t64) || !sigrules_valid(sig))
		return -EINVAL;
	if (uact) {
		if (copy_from_user(&act, uact, sizeof(act)))
			return -EFAULT;
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
	}
	slot = signal_action(p, sig);
	if (uoact && copy_to_user(uoact, slot, sizeof(*slot)))
		return -EFAULT;
	if (!uact)
		return 0;
	act.sa_mask &= ~SIGRULES_UNBLOCKABLE;
	flags = irq_save();
	*slot = act;
	/* POSIX: setting SIG_IGN (or SIG_DFL of a default-ignored signal)
	 * discards that signal if pending, blocked or not. */
	if (act.sa_handler == SIG_IGN ||
	    (act.sa_handler == SIG_DFL &&
	     (sigrules_default(sig) == SIGDFL_IGNORE || sigrules_default(sig) == SIGDFL_CONT))) {
		p->sig.pending &= ~SIG_BIT(sig);
	}
	irq_restore(flags);
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, u64, uset, u64, uoset, u64, sigsetsize)
{
	struct proc *p = proc_current();
	sigset_t64 set, old = p->sig.blocked, next;

	if (sigsetsize != sizeof(sigset_t64))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		if (sigrules_mask_apply(how, old, set, &next))
			return -EINVAL;
	}
	if (uoset && copy_to_user(uoset, &old, sizeof(old)))
		return -EFAULT;
	if (uset)
		p->sig.blocked = next;   /* unblocked pending ones go out on return */
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, u64, uset, u64, sigsetsize)
{
	struct proc *p = proc_current();
	sigset_t64 set;

	/* Linux lets this one copy out less than the whole set. */
	if (sigsetsize > sizeof(sigset_t64))
		return -EINVAL;
	set = READ_ONCE(p->sig.pending) & p->sig.blocked;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}
