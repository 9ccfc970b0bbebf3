/*
 * pipe.c — pipes: a 64 KiB ring shared by a read end and a write end,
 * each a struct file on one S_IFIFO inode.
 *
 * A read blocks until there are bytes or no writer is left (then it is
 * end of file); a write blocks until all of it is in (a write of at most
 * PIPE_BUF bytes goes in whole or not at all), and with no reader left it
 * raises SIGPIPE and fails with EPIPE.  O_NONBLOCK turns each wait into
 * EAGAIN; a signal during a wait is -ERESTARTSYS (the bytes already moved
 * are reported instead).  The ring is touched only with interrupts off,
 * the condition checked and the sleep begun in one stretch (sched.h).
 */
#include "fs.h"
#include "mm.h"
#include "sched.h"
#include "signal.h"
#include "proc.h"
#include "pv/ops.h"
#include "lib/ring.h"

#define PIPE_SIZE (64u * 1024)
#define PIPE_BUF 4096u

struct pipe {
	struct ring ring;
	unsigned readers, writers;
};

const char vfs_poll_chan;

void vfs_poll_wake(void)
{
	sched_wakeup(&vfs_poll_chan);
}

static void pipe_wake(struct pipe *p)
{
	sched_wakeup(p);
	vfs_poll_wake();
}

static long pipe_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	struct pipe *p = f->priv;
	u64 fl = irq_save();
	long rc;

	(void)pos;
	for (;;) {
		if (ring_used(&p->ring)) {
			rc = (long)ring_get(&p->ring, buf, n);
			break;
		}
		if (!p->writers || n == 0) {
			rc = 0;
			break;
		}
		if (f->flags & O_NONBLOCK) {
			rc = -EAGAIN;
			break;
		}
		if (sched_sleep(p)) {
			rc = -ERESTARTSYS;
			break;
		}
	}
	irq_restore(fl);
	if (rc > 0)
		pipe_wake(p);
	return rc;
}

static long pipe_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	struct pipe *p = f->priv;
	const u8 *src = buf;
	size_t done = 0;
	u64 fl = irq_save();
	long rc = 0;

	(void)pos;
	while (done < n) {
		size_t room = ring_free(&p->ring);

		if (!p->readers) {
			if (proc_current())        /* not for the kernel's own tests */
				signal_send(proc_current(), SIGPIPE, NULL);
			rc = -EPIPE;
			break;
		}
		/* Small writes are atomic: wait for room for all of it. */
		if (room && (n > PIPE_BUF || room >= n - done)) {
			done += ring_put(&p->ring, src + done, n - done);
			pipe_wake(p);
			continue;
		}
		if (f->flags & O_NONBLOCK) {
			rc = -EAGAIN;
			break;
		}
		if (sched_sleep(p)) {
			rc = -ERESTARTSYS;
			break;
		}
	}
	irq_restore(fl);
	return done ? (long)done : rc;
}

static unsigned pipe_poll_rd(struct file *f)
{
	struct pipe *p = f->priv;

	return (ring_used(&p->ring) ? POLLIN | POLLRDNORM : 0) | (p->writers ? 0 : POLLHUP);
}

static unsigned pipe_poll_wr(struct file *f)
{
	struct pipe *p = f->priv;

	if (!p->readers)
		return POLLERR;
	return ring_free(&p->ring) >= PIPE_BUF ? POLLOUT | POLLWRNORM : 0;
}

static long pipe_bad_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EBADF;
}

static long pipe_bad_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EBADF;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->priv;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	pipe_wake(p);
	if (!p->readers && !p->writers) {
		kfree(p->ring.buf);
		kfree(p);
	}
}

static long pipe_ioctl(struct file *f, unsigned cmd, u64 arg);

static const struct file_ops pipe_rd_fops = {
	.read = pipe_read, .write = pipe_bad_write, .poll = pipe_poll_rd,
	.release = pipe_release, .ioctl = pipe_ioctl, .stream = true, .one_call = true,
};
static const struct file_ops pipe_wr_fops = {
	.read = pipe_bad_read, .write = pipe_write, .poll = pipe_poll_wr,
	.release = pipe_release, .ioctl = pipe_ioctl, .stream = true, .one_call = true,
};

static long pipe_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	(void)f, (void)cmd, (void)arg;
	return -ENOTTY;                      /* FIONREAD: sys_ioctl asks pipe_fionread */
}

int pipe_create(struct file **rd, struct file **wr, int flags)
{
	struct pipe *p = kzalloc(sizeof(*p));
	void *buf = p ? kmalloc(PIPE_SIZE) : NULL;
	struct inode *ino = buf ? inode_alloc(&pipefs_super, S_IFIFO | 0600) : NULL;

	if (!ino) {
		kfree(buf);
		kfree(p);
		return -ENFILE;
	}
	ring_init(&p->ring, buf, PIPE_SIZE);
	*rd = file_new(ino, &pipe_rd_fops, O_RDONLY | (flags & O_NONBLOCK));
	*wr = *rd ? file_new(ino, &pipe_wr_fops, O_WRONLY | (flags & O_NONBLOCK)) : NULL;
	inode_put(ino);
	if (!*wr) {
		if (*rd)
			kfree(*rd), inode_put(ino);
		kfree(buf);
		kfree(p);
		return -ENFILE;
	}
	(*rd)->priv = (*wr)->priv = p;
	p->readers = p->writers = 1;
	return 0;
}

/* Bytes waiting in a pipe (FIONREAD); false if f is no pipe. */
bool pipe_fionread(struct file *f, int *count)
{
	struct pipe *p = f->priv;

	if (f->ops != &pipe_rd_fops && f->ops != &pipe_wr_fops)
		return false;
	*count = (int)ring_used(&p->ring);
	return true;
}
