/*
 * sys_ids.c — identity: process ids, process groups and sessions as a
 * shell's job control needs them (Linux rules for setpgid and setsid),
 * and the user and group ids of the one user there is, root.
 */
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"

SYSCALL_DEFINE0(getpid) { return proc_current()->pid; }
SYSCALL_DEFINE0(gettid) { return proc_current()->pid; }

SYSCALL_DEFINE0(getppid)
{
	struct proc *parent = proc_current()->parent;

	return parent ? parent->pid : 0;
}

SYSCALL_DEFINE0(getuid) { return 0; }
SYSCALL_DEFINE0(geteuid) { return 0; }
SYSCALL_DEFINE0(getgid) { return 0; }
SYSCALL_DEFINE0(getegid) { return 0; }

/* Only root exists: becoming root again succeeds, anyone else is EPERM. */
SYSCALL_DEFINE1(setuid, u32, uid) { return uid == 0 ? 0 : -EPERM; }
SYSCALL_DEFINE1(setgid, u32, gid) { return gid == 0 ? 0 : -EPERM; }

SYSCALL_DEFINE3(getresuid, u64, r, u64, e, u64, s)
{
	u32 zero = 0;

	if (copy_to_user(r, &zero, 4) || copy_to_user(e, &zero, 4) || copy_to_user(s, &zero, 4))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresgid, u64, r, u64, e, u64, s)
{
	u32 zero = 0;

	if (copy_to_user(r, &zero, 4) || copy_to_user(e, &zero, 4) || copy_to_user(s, &zero, 4))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(getgroups, int, size, u64, list)
{
	(void)list;
	return size < 0 ? -EINVAL : 0;
}

SYSCALL_DEFINE2(setgroups, u64, size, u64, list)
{
	(void)list;
	return size > 65536 ? -EINVAL : 0;
}

SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct proc *self = proc_current(), *p = pid ? proc_by_pid(pid) : self, *q;
	bool group_in_session = false;

	if (pgid < 0)
		return -EINVAL;
	if (!p || (p != self && p->parent != self))
		return -ESRCH;
	if (p->pid == p->sid)
		return -EPERM;                 /* a session leader keeps its group */
	if (p->sid != self->sid)
		return -EPERM;
	if (!pgid)
		pgid = p->pid;
	/* A zombie not yet waited for is still in its group (as on Linux):
	 * a shell's pipeline joins its first member's group even when that
	 * one has already exited. */
	proc_for_each(q)
		if (q->pgid == pgid && q->sid == self->sid)
			group_in_session = true;
	if (pgid != p->pid && !group_in_session)
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	struct proc *p = pid ? proc_by_pid(pid) : proc_current();

	return p ? p->pgid : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp) { return proc_current()->pgid; }

SYSCALL_DEFINE1(getsid, int, pid)
{
	struct proc *p = pid ? proc_by_pid(pid) : proc_current();

	return p ? p->sid : -ESRCH;
}

SYSCALL_DEFINE0(setsid)
{
	struct proc *self = proc_current(), *q;

	proc_for_each(q)
		if (q->pgid == self->pid)
			return -EPERM;         /* already a group leader */
	self->sid = self->pgid = self->pid;
	return self->sid;
}
