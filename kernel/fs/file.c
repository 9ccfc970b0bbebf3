/*
 * file.c — open files and descriptor tables.
 *
 * A struct file is one open(): its position and status flags are shared
 * by every descriptor dup'ed from it, in this process or (after fork)
 * others; it holds one reference on its inode and goes at its last
 * file_put.  A descriptor table maps numbers to files, each slot holding
 * one reference, with FD_CLOEXEC per slot (not per file, as POSIX says).
 */
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include <string.h>

struct fdtable {
	u32 refs;
	struct file *fd[FD_MAX];
	bool cloexec[FD_MAX];
};

/* ---- regular files and directories ---- */
static long reg_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	long rc = inode_read(f->ino, *pos, buf, n);

	if (rc > 0)
		*pos += (u64)rc;
	return rc;
}

static long reg_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	long rc;

	if (f->ino->sb != &tmpfs_super)
		return -EROFS;
	if (f->flags & O_APPEND)
		*pos = f->ino->size;
	rc = tmpfs_write(f->ino, *pos, buf, n);
	if (rc > 0)
		*pos += (u64)rc;
	return rc;
}

static long dir_rw(struct file *f, void *buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EISDIR;
}

static long dir_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EISDIR;
}

const struct file_ops reg_fops = { .read = reg_read, .write = reg_write };
const struct file_ops dir_fops = { .read = dir_rw, .write = dir_write };

/* ---- open files ---- */
struct file *file_new(struct inode *ino, const struct file_ops *ops, int flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->refs = 1;
	f->flags = (u32)flags & ~(u32)(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	f->ino = inode_get(ino);
	f->ops = ops;
	return f;
}

struct file *file_get(struct file *f)
{
	f->refs++;
	return f;
}

void file_put(struct file *f)
{
	if (!f || --f->refs)
		return;
	if (f->ops->release)
		f->ops->release(f);
	inode_put(f->ino);
	kfree(f);
}

long file_read(struct file *f, void *buf, size_t n)
{
	return f->ops->read(f, buf, n, &f->pos);
}

long file_write(struct file *f, const void *buf, size_t n)
{
	return f->ops->write(f, buf, n, &f->pos);
}

/* ---- descriptor tables ---- */
struct fdtable *fdtable_new(void)
{
	struct fdtable *t = kzalloc(sizeof(*t));

	if (t)
		t->refs = 1;
	return t;
}

struct fdtable *fdtable_dup(struct fdtable *t)
{
	struct fdtable *n = fdtable_new();
	unsigned i;

	if (!n || !t)
		return n;
	for (i = 0; i < FD_MAX; i++)
		if (t->fd[i]) {
			n->fd[i] = file_get(t->fd[i]);
			n->cloexec[i] = t->cloexec[i];
		}
	return n;
}

void fdtable_put(struct fdtable *t)
{
	unsigned i;

	if (!t || --t->refs)
		return;
	for (i = 0; i < FD_MAX; i++)
		file_put(t->fd[i]);
	kfree(t);
}

void fdtable_close_on_exec(struct fdtable *t)
{
	unsigned i;

	for (i = 0; i < FD_MAX; i++)
		if (t->fd[i] && t->cloexec[i]) {
			file_put(t->fd[i]);
			t->fd[i] = NULL;
			t->cloexec[i] = false;
		}
}

int fdtable_open_console(struct fdtable *t)
{
	struct file *f;
	int rc = vfs_open(NULL, "/dev/console", O_RDWR | O_NOCTTY, 0, &f);
	unsigned i;

	if (rc)
		return rc;
	for (i = 0; i < 3; i++) {
		file_put(t->fd[i]);
		t->fd[i] = file_get(f);
		t->cloexec[i] = false;
	}
	file_put(f);
	/* As on Linux, this makes the console nobody's controlling terminal:
	 * a shell that wants job control claims it (TIOCSCTTY, cttyhack). */
	return 0;
}

struct fdtable *fd_table(void)
{
	struct proc *p = proc_current();

	return p ? p->files : NULL;
}

unsigned fd_limit(void)
{
	struct proc *p = proc_current();
	u64 lim = p ? p->rlim[RLIMIT_NOFILE].rlim_cur : FD_MAX;

	/* 0 is taken as "never set" (a process the lead's code has not
	 * given limits): no descriptor at all would be useless. */
	return lim == 0 || lim > FD_MAX ? FD_MAX : (unsigned)lim;
}

struct file *fd_get(int fd)
{
	struct fdtable *t = fd_table();

	if (!t || fd < 0 || fd >= FD_MAX || !t->fd[fd])
		return NULL;
	return file_get(t->fd[fd]);
}

struct inode *fd_inode(int fd)
{
	struct file *f = fd_get(fd);
	struct inode *ino;

	if (!f)
		return NULL;
	ino = inode_get(f->ino);
	file_put(f);
	return ino;
}

int fd_install(struct file *f, int min, bool cloexec)
{
	struct fdtable *t = fd_table();
	unsigned lim = fd_limit();
	int i;

	if (!t)
		return -EBADF;
	if (min < 0 || (unsigned)min >= lim)
		return min < 0 ? -EINVAL : -EMFILE;
	for (i = min; (unsigned)i < lim; i++)
		if (!t->fd[i]) {
			t->fd[i] = f;
			t->cloexec[i] = cloexec;
			return i;
		}
	return -EMFILE;
}

int fd_close(int fd)
{
	struct fdtable *t = fd_table();
	struct file *f;

	if (!t || fd < 0 || fd >= FD_MAX || !t->fd[fd])
		return -EBADF;
	f = t->fd[fd];
	t->fd[fd] = NULL;
	t->cloexec[fd] = false;
	file_put(f);
	return 0;
}

int fd_dup_to(int oldfd, int newfd, bool cloexec)
{
	struct fdtable *t = fd_table();
	struct file *f, *old;

	if (!t || oldfd < 0 || oldfd >= FD_MAX || !t->fd[oldfd])
		return -EBADF;
	if (newfd < 0 || newfd >= FD_MAX)
		return -EBADF;
	if ((unsigned)newfd >= fd_limit())
		return -EBADF;                 /* Linux: EBADF beyond RLIMIT_NOFILE */
	f = file_get(t->fd[oldfd]);
	old = t->fd[newfd];
	t->fd[newfd] = f;
	t->cloexec[newfd] = cloexec;
	file_put(old);
	return newfd;
}

void fd_set_cloexec(int fd, bool on)
{
	struct fdtable *t = fd_table();

	if (t && fd >= 0 && fd < FD_MAX && t->fd[fd])
		t->cloexec[fd] = on;
}

bool fd_cloexec(int fd)
{
	struct fdtable *t = fd_table();

	return t && fd >= 0 && fd < FD_MAX && t->cloexec[fd];
}

int vfs_fd_for_mmap(int fd, struct inode **out, u32 *accmode)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (!S_ISREG(f->ino->mode)) {
		file_put(f);
		return -ENODEV;
	}
	*out = inode_get(f->ino);
	*accmode = f->flags & O_ACCMODE;
	file_put(f);
	return 0;
}
