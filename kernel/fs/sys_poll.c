/*
 * sys_poll.c — poll, ppoll, select, pselect6: waiting on several files.
 *
 * Every source of readiness (pipes, the tty) wakes vfs_poll_chan besides
 * its own channel, so a poller scans its files and sleeps on that one
 * channel, both with interrupts off so no wakeup falls between.  Files
 * without a poll op (regular files, devices) are always ready.  A signal
 * ends the wait with EINTR (Linux restarts neither poll nor select after
 * a handler).  ppoll and pselect6 install their signal mask for the wait
 * and leave it to the signal code to restore after a handler runs.
 */
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "uaccess.h"
#include "syscall.h"
#include "pv/ops.h"
#include <string.h>

#define POLL_ALWAYS (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)
#define NO_DEADLINE (~0ull)

static unsigned file_poll(struct file *f)
{
	return f->ops->poll ? f->ops->poll(f) : POLL_ALWAYS;
}

/* Scan (interrupts off): the number of entries with revents. */
static unsigned poll_scan(struct linux_pollfd *pfd, unsigned n)
{
	unsigned i, ready = 0;

	for (i = 0; i < n; i++) {
		struct file *f;

		pfd[i].revents = 0;
		if (pfd[i].fd < 0)
			continue;
		f = fd_get(pfd[i].fd);
		if (!f) {
			pfd[i].revents = POLLNVAL;
		} else {
			pfd[i].revents = (s16)(file_poll(f) &
					       ((u16)pfd[i].events | POLLERR | POLLHUP));
			file_put(f);
		}
		if (pfd[i].revents)
			ready++;
	}
	return ready;
}

/* Sleep until woken or the deadline; -EINTR for a signal. */
static int poll_sleep(u64 deadline)
{
	if (deadline == NO_DEADLINE)
		return sched_sleep(&vfs_poll_chan);
	return sched_sleep_until(&vfs_poll_chan, deadline);
}

/*
 * Scan until something is ready, the deadline passes or a signal comes
 * (-EINTR); scan returns how many are ready.  Interrupts stay off between
 * a scan and the sleep, so a wakeup cannot fall between them.
 */
static long poll_wait(long (*scan)(void *arg), void *arg, u64 deadline)
{
	u64 fl = irq_save();
	long rc;

	for (;;) {
		rc = scan(arg);
		if (rc || (deadline != NO_DEADLINE && clock_ns() >= deadline))
			break;
		if (poll_sleep(deadline)) {
			rc = -EINTR;
			break;
		}
	}
	irq_restore(fl);
	return rc;
}

struct poll_args {
	struct linux_pollfd *pfd;
	unsigned n;
};

static long poll_scan_args(void *arg)
{
	struct poll_args *a = arg;

	return poll_scan(a->pfd, a->n);
}

static long do_poll(u64 ufds, u64 nfds, u64 deadline)
{
	struct linux_pollfd *pfd = NULL;
	size_t bytes = (size_t)nfds * sizeof(*pfd);
	long rc;

	if (nfds > fd_limit())
		return -EINVAL;
	if (nfds) {
		pfd = kmalloc(bytes);
		if (!pfd)
			return -ENOMEM;
		if (copy_from_user(pfd, ufds, bytes)) {
			kfree(pfd);
			return -EFAULT;
		}
	}
	{
		struct poll_args a = { pfd, (unsigned)nfds };

		rc = poll_wait(poll_scan_args, &a, deadline);
	}
	if (rc >= 0 && nfds && copy_to_user(ufds, pfd, bytes))
		rc = -EFAULT;
	kfree(pfd);
	return rc;
}

/* A relative timeout in ns from now; NO_DEADLINE for none. */
static u64 deadline_in(u64 ns)
{
	u64 now = clock_ns();

	return ns >= NO_DEADLINE - now ? NO_DEADLINE - 1 : now + ns;
}

static int timespec_deadline(u64 uts, u64 *deadline)
{
	struct linux_timespec ts;

	*deadline = NO_DEADLINE;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	*deadline = deadline_in((u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec);
	return 0;
}

/* ppoll/pselect6's mask for the wait. */
static int mask_begin(u64 umask, u64 size, bool *set)
{
	struct proc *p = proc_current();
	sigset_t64 m;

	*set = false;
	if (!umask || !p)
		return 0;
	if (size != sizeof(m))
		return -EINVAL;
	if (copy_from_user(&m, umask, sizeof(m)))
		return -EFAULT;
	p->sig.saved_mask = p->sig.blocked;
	p->sig.blocked = m & ~(SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP));
	*set = true;
	return 0;
}

static void mask_end(bool set, long rc)
{
	struct proc *p = proc_current();

	if (!set)
		return;
	if (rc == -EINTR)
		p->sig.restore_mask = true;      /* after the handler ran under the wait's mask */
	else
		p->sig.blocked = p->sig.saved_mask;
}

SYSCALL_DEFINE3(poll, u64, fds, u64, nfds, int, timeout_ms)
{
	u64 deadline = timeout_ms < 0 ? NO_DEADLINE : deadline_in((u64)timeout_ms * 1000000ull);

	return do_poll(fds, nfds, deadline);
}

SYSCALL_DEFINE5(ppoll, u64, fds, u64, nfds, u64, uts, u64, umask, u64, masksize)
{
	u64 deadline;
	bool set;
	long rc = timespec_deadline(uts, &deadline);

	if (rc || (rc = mask_begin(umask, masksize, &set)))
		return rc;
	rc = do_poll(fds, nfds, deadline);
	mask_end(set, rc);
	return rc;
}

/* ---- select: three bitmaps over descriptors 0..nfds-1 ---- */
#define SEL_WORDS (FD_SETSIZE / 64)

struct sel_sets {
	u64 in[3][SEL_WORDS], out[3][SEL_WORDS];
};

static long select_scan(struct sel_sets *s, int nfds)
{
	long ready = 0;
	int fd;

	memset(s->out, 0, sizeof(s->out));
	for (fd = 0; fd < nfds; fd++) {
		u64 bit = 1ull << (fd % 64);
		unsigned w = (unsigned)fd / 64, ev, k;
		struct file *f;

		if (!((s->in[0][w] | s->in[1][w] | s->in[2][w]) & bit))
			continue;
		f = fd_get(fd);
		if (!f)
			return -EBADF;
		ev = file_poll(f);
		file_put(f);
		unsigned want[3] = { POLLIN | POLLRDNORM | POLLHUP | POLLERR,
				     POLLOUT | POLLWRNORM | POLLERR, POLLPRI };
		for (k = 0; k < 3; k++)
			if ((s->in[k][w] & bit) && (ev & want[k])) {
				s->out[k][w] |= bit;
				ready++;
			}
	}
	return ready;
}

struct select_args {
	struct sel_sets *s;
	int nfds;
};

static long select_scan_args(void *arg)
{
	struct select_args *a = arg;

	return select_scan(a->s, a->nfds);
}

static long do_select(int nfds, u64 uset[3], u64 deadline)
{
	struct sel_sets *s;
	size_t bytes;
	long rc = 0;
	unsigned k;

	if (nfds < 0)
		return -EINVAL;
	if (nfds > FD_SETSIZE)
		nfds = FD_SETSIZE;
	bytes = ALIGN_UP((size_t)nfds, 64) / 8;
	s = kzalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	for (k = 0; k < 3; k++)
		if (uset[k] && copy_from_user(s->in[k], uset[k], bytes))
			rc = -EFAULT;
	if (rc) {
		kfree(s);
		return rc;
	}
	{
		struct select_args a = { s, nfds };

		rc = poll_wait(select_scan_args, &a, deadline);
	}
	for (k = 0; rc >= 0 && k < 3; k++)
		if (uset[k] && copy_to_user(uset[k], s->out[k], bytes))
			rc = -EFAULT;
	kfree(s);
	return rc;
}

SYSCALL_DEFINE5(select, int, nfds, u64, rd, u64, wr, u64, ex, u64, utv)
{
	u64 sets[3] = { rd, wr, ex }, deadline = NO_DEADLINE;
	struct linux_timeval tv;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		deadline = deadline_in((u64)tv.tv_sec * 1000000000ull + (u64)tv.tv_usec * 1000);
	}
	return do_select(nfds, sets, deadline);
}

SYSCALL_DEFINE6(pselect6, int, nfds, u64, rd, u64, wr, u64, ex, u64, uts, u64, usig)
{
	u64 sets[3] = { rd, wr, ex }, deadline, sig[2] = { 0, 0 };
	bool set;
	long rc = timespec_deadline(uts, &deadline);

	if (rc)
		return rc;
	/* The sixth argument points at { const sigset_t *ss; size_t ss_len; }. */
	if (usig && copy_from_user(sig, usig, sizeof(sig)))
		return -EFAULT;
	rc = mask_begin(sig[0], sig[1], &set);
	if (rc)
		return rc;
	rc = do_select(nfds, sets, deadline);
	mask_end(set, rc);
	return rc;
}
