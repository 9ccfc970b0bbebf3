/*
 * wait.c — exit(2), exit_group(2) and wait4(2).
 *
 * wait4 scans the caller's children for one that matches pid (a pid, a
 * process group, or any) and has something to report: a zombie (reaped
 * here: its status is copied out first, so a bad status pointer loses
 * nothing), or with WUNTRACED/WCONTINUED a stop or continue not reported
 * yet.  Otherwise it sleeps on the caller's own struct proc, which a
 * child's exit, stop or continue wakes.
 */
#include "proc.h"
#include "sched.h"
#include "syscall.h"
#include "uaccess.h"
#include "pv/ops.h"
#include <string.h>

SYSCALL_DEFINE1(exit, int, code)
{
	proc_exit(W_EXITCODE(code));
}
SYSCALL_ALIAS(exit_group, exit);

static bool wait_matches(const struct proc *c, const struct proc *self, int pid)
{
	if (c->parent != self)
		return false;
	if (pid > 0)
		return c->pid == pid;
	if (pid == 0)
		return c->pgid == self->pgid;
	if (pid < -1)
		return c->pgid == -pid;
	return true;
}

/* Something to report about c: its pid, with *status; 0 if nothing. */
static int wait_report(struct proc *c, int options, int *status, bool *reap)
{
	*reap = false;
	if (c->state == PROC_ZOMBIE) {
		*status = c->exit_status;
		*reap = true;
		return c->pid;
	}
	if ((options & WUNTRACED) && c->stop_report) {
		*status = W_STOPCODE(c->stop_sig ? c->stop_sig : SIGSTOP);
		c->stop_report = false;
		return c->pid;
	}
	if ((options & WCONTINUED) && c->cont_report) {
		*status = 0xffff;
		c->cont_report = false;
		return c->pid;
	}
	return 0;
}

SYSCALL_DEFINE4(wait4, int, pid, u64, ustatus, int, options, u64, urusage)
{
	struct proc *self = proc_current(), *c;
	long rc = 0;
	u64 fl;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	fl = irq_save();
	for (;;) {
		bool any = false, reap;
		int status = 0, got = 0;

		proc_for_each(c) {
			if (!wait_matches(c, self, pid))
				continue;
			any = true;
			if ((got = wait_report(c, options, &status, &reap)))
				break;
		}
		if (got) {
			struct linux_rusage ru;

			memset(&ru, 0, sizeof(ru));
			if ((ustatus && copy_to_user(ustatus, &status, sizeof(status))) ||
			    (urusage && copy_to_user(urusage, &ru, sizeof(ru)))) {
				rc = -EFAULT;
				break;
			}
			if (reap) {
				self->cutime_ticks += c->utime_ticks + c->cutime_ticks;
				self->cstime_ticks += c->stime_ticks + c->cstime_ticks;
				proc_free(c);
			}
			rc = got;
			break;
		}
		if (!any) {
			rc = -ECHILD;
			break;
		}
		if (options & WNOHANG)
			break;
		if (sched_sleep(self)) {
			rc = -ERESTARTSYS;
			break;
		}
	}
	irq_restore(fl);
	return rc;
}
