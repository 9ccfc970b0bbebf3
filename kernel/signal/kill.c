/*
 * kill.c — kill, tkill, tgkill: one process signalling others.  There
 * are no users here (everything is uid 0), so the only errors are a bad
 * signal (EINVAL) and nobody to send to (ESRCH).  Signal 0 only checks
 * that the target exists.
 */
#include "signal_internal.h"
#include "syscall.h"
#include <string.h>

static void kill_info(struct linux_siginfo *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->u.kill.pid = proc_current()->pid;
	info->u.kill.uid = 0;
}

static int kill_one(struct proc *p, int sig, const struct linux_siginfo *info)
{
	if (!p)
		return -ESRCH;
	return sig ? signal_send(p, sig, info) : 0;
}

static int kill_group(int pgid, int sig, const struct linux_siginfo *info)
{
	struct proc *p;

	if (sig)
		return signal_send_pgrp(pgid, sig, info);
	proc_for_each(p)
		if (p->pgid == pgid && p->state != PROC_ZOMBIE)
			return 0;
	return -ESRCH;
}

/* kill(-1, sig): every user process but init and the caller (Linux
 * skips kernel threads too: they have no user half to deliver to). */
static int kill_all(int sig, const struct linux_siginfo *info)
{
	struct proc *self = proc_current(), *p;
	bool found = false;

	proc_for_each(p) {
		if (p->pid == 1 || p == self || p->state == PROC_ZOMBIE || !p->us)
			continue;
		found = true;
		if (sig)
			signal_send(p, sig, info);
	}
	return found ? 0 : -ESRCH;
}

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	struct linux_siginfo info;

	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	kill_info(&info, sig, SI_USER);
	if (pid > 0)
		return kill_one(proc_by_pid(pid), sig, &info);
	if (pid == 0)
		return kill_group(proc_current()->pgid, sig, &info);
	if (pid == -1)
		return kill_all(sig, &info);
	if (pid == -2147483647 - 1)        /* -INT_MIN does not exist */
		return -ESRCH;
	return kill_group(-pid, sig, &info);
}

SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
	struct linux_siginfo info;

	if (tid <= 0 || sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	kill_info(&info, sig, SI_TKILL);
	return kill_one(proc_by_pid(tid), sig, &info);
}

/* One thread per process: the thread tid exists in group tgid only when
 * they are the same number. */
SYSCALL_DEFINE3(tgkill, int, tgid, int, tid, int, sig)
{
	struct linux_siginfo info;
	struct proc *p;

	if (tgid <= 0 || tid <= 0 || sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	p = proc_by_pid(tid);
	if (p && p->pid != tgid)
		p = NULL;
	if (tgid != tid)
		p = NULL;
	kill_info(&info, sig, SI_TKILL);
	return kill_one(p, sig, &info);
}
