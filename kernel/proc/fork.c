/*
 * fork.c — fork(2), vfork(2) and clone(2) for new processes.
 *
 * The child is a copy: address space copy-on-write (or shared, for
 * CLONE_VM), descriptors, cwd, signal handlers and mask, FPU state,
 * process group and session; its user frame is the parent's with rax 0,
 * so it returns from the same system call.  Threads (CLONE_THREAD and the
 * sharing flags that go with them) are not supported: EINVAL.
 *
 * A vfork parent sleeps, uninterruptibly as on Linux, until the child
 * execs or exits: until then they share one address space.
 */
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "fpu.h"
#include "vfs.h"
#include "syscall.h"
#include "uaccess.h"
#include "trap.h"
#include "pv/ops.h"
#include <string.h>

#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT | \
			 CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

static long proc_clone(struct trap_frame *f, u64 flags, u64 newsp, u64 ptid, u64 ctid, u64 tls)
{
	struct proc *parent = proc_current(), *c;
	struct trap_frame *cf;

	if (flags & ~(u64)CLONE_SUPPORTED)
		return -EINVAL;
	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
		return -EINVAL;              /* a thread in all but name */
	if ((flags & CSIGNAL) > LINUX_NSIG)
		return -EINVAL;
	c = proc_alloc((flags & CLONE_PARENT) ? parent->parent : parent);
	if (!c)
		return -EAGAIN;
	if (flags & CLONE_VM) {
		c->us = parent->us;
		uspace_get(c->us);
	} else {
		c->us = uspace_fork(parent->us);
	}
	c->files = fdtable_dup(parent->files);
	if (!c->us || !c->files || !fpu_fork(c, parent)) {
		proc_free(c);
		return -ENOMEM;
	}
	c->cwd = parent->cwd ? inode_get(parent->cwd) : NULL;
	c->umask = parent->umask;
	c->pgid = parent->pgid;
	c->sid = parent->sid;
	memcpy(c->name, parent->name, sizeof(c->name));
	memcpy(c->rlim, parent->rlim, sizeof(c->rlim));
	c->fs_base = (flags & CLONE_SETTLS) ? tls : parent->fs_base;
	signal_fork(c, parent);

	cf = proc_user_frame(c);
	*cf = *f;
	cf->rax = 0;
	if (newsp)
		cf->rsp = newsp;
	if ((flags & CLONE_PARENT_SETTID) && copy_to_user(ptid, &c->pid, sizeof(int))) {
		proc_free(c);
		return -EFAULT;
	}
	if (flags & CLONE_CHILD_CLEARTID)
		c->clear_child_tid = ctid;
	if (flags & CLONE_VFORK) {
		parent->vfork_done = false;
		c->vfork_parent = parent;
	}
	if ((flags & CLONE_CHILD_SETTID) && !uspace_write(c->us, ctid, &c->pid, sizeof(int))) {
		proc_free(c);
		return -EFAULT;
	}
	sched_add(c);
	if (flags & CLONE_VFORK) {
		u64 fl = irq_save();

		while (!parent->vfork_done)
			sched_sleep_uninterruptible(&parent->vfork_done);
		irq_restore(fl);
	}
	return c->pid;
}

SYSCALL_DEFINE_FRAME(fork)
{
	return proc_clone(f, SIGCHLD, 0, 0, 0, 0);
}

SYSCALL_DEFINE_FRAME(vfork)
{
	return proc_clone(f, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
}

SYSCALL_DEFINE_FRAME(clone)
{
	/* x86-64 order: flags, newsp, parent_tid, child_tid, tls. */
	return proc_clone(f, f->rdi, f->rsi, f->rdx, f->r10, f->r8);
}
