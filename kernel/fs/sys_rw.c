/*
 * sys_rw.c — read, write, readv, writev, pread64, pwrite64, lseek.
 *
 * File operations work on kernel buffers; the bytes cross to and from
 * user space here, a bounce buffer at a time (a page, or 64 KiB for big
 * transfers).  A short count
 * from the file ends the transfer (end of file, a full pipe taken in
 * part), as does the first call on a file whose reads may block.  Bytes
 * already moved win over a later error, as on Linux.
 */
#include "fs.h"
#include "mm.h"
#include "uaccess.h"
#include "syscall.h"

#define IO_CHUNK 4096
#define IO_BIG 65536
#define IO_SMALL 256
#define RW_MAX 0x7ffff000ull               /* Linux's MAX_RW_COUNT */

static bool readable(const struct file *f) { return (f->flags & O_ACCMODE) != O_WRONLY; }
static bool writable(const struct file *f) { return (f->flags & O_ACCMODE) != O_RDONLY; }

/* One buffer's worth; *pos is the file's or an explicit offset. */
static long io_read(struct file *f, u64 ubuf, u64 len, u64 *pos, char *kbuf, size_t chunk)
{
	u64 done = 0;

	while (done < len) {
		size_t n = (size_t)MIN(len - done, (u64)chunk);
		long rc;

		/* A pipe or tty read consumes what it returns: make sure it can
		 * be delivered before taking it (Linux leaves it in the pipe). */
		if (!user_access_ok(ubuf + done, n, true))
			return done ? (long)done : -EFAULT;
		rc = f->ops->read(f, kbuf, n, pos);
		if (rc < 0)
			return done ? (long)done : rc;
		if (rc && copy_to_user(ubuf + done, kbuf, (size_t)rc))
			return done ? (long)done : -EFAULT;
		done += (u64)rc;
		if ((size_t)rc < n || f->ops->one_call)
			break;
	}
	return (long)done;
}

static long io_write(struct file *f, u64 ubuf, u64 len, u64 *pos, char *kbuf, size_t chunk)
{
	u64 done = 0;

	while (done < len) {
		size_t n = (size_t)MIN(len - done, (u64)chunk);
		long rc;

		if (copy_from_user(kbuf, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		rc = f->ops->write(f, kbuf, n, pos);
		if (rc < 0)
			return done ? (long)done : rc;
		done += (u64)rc;
		if ((size_t)rc < n)
			break;
	}
	return (long)done;
}

/* The shared body: vector (or one buffer), explicit offset or not. */
static long do_rw(int fd, const struct linux_iovec *iov, unsigned cnt, s64 off, bool explicit,
		  bool write)
{
	struct file *f = fd_get(fd);
	char small[IO_SMALL], *kbuf;
	u64 pos, total = 0, left = RW_MAX, asked = 0;
	size_t chunk;
	long rc = 0;
	unsigned i;

	if (!f)
		return -EBADF;
	if (write ? !writable(f) : !readable(f)) {
		file_put(f);
		return -EBADF;
	}
	/* As Linux: a buffer outside user space is EFAULT (access_ok), then
	 * a count with the sign bit set is EINVAL (rw_verify_area). */
	for (i = 0; i < cnt; i++)
		if (!user_range_ok(iov[i].iov_base, iov[i].iov_len) || (s64)iov[i].iov_len < 0) {
			file_put(f);
			return user_range_ok(iov[i].iov_base, iov[i].iov_len) ? -EINVAL : -EFAULT;
		}
	if (explicit && (f->ops->stream || off < 0)) {
		file_put(f);
		return f->ops->stream ? -ESPIPE : -EINVAL;
	}
	/* Small transfers (a byte to a pipe, a tty line) bounce through the
	 * stack: a heap buffer per call would cost more than the call.  Big
	 * ones through IO_BIG at a time, so a 64 KiB read of a disk is one
	 * request to it, not sixteen. */
	for (i = 0; i < cnt && asked < IO_BIG; i++)
		asked += iov[i].iov_len;
	chunk = asked >= IO_BIG ? IO_BIG : IO_CHUNK;
	kbuf = asked <= IO_SMALL ? small : kmalloc(chunk);
	if (!kbuf) {
		file_put(f);
		return -ENOMEM;
	}
	pos = explicit ? (u64)off : f->pos;
	for (i = 0; i < cnt && left; i++) {
		u64 want = MIN(iov[i].iov_len, left);

		if (!want)
			continue;
		rc = write ? io_write(f, iov[i].iov_base, want, &pos, kbuf, chunk)
			   : io_read(f, iov[i].iov_base, want, &pos, kbuf, chunk);
		if (rc < 0)
			break;
		total += (u64)rc;
		left -= (u64)rc;
		if ((u64)rc < want)
			break;
	}
	if (!explicit && !f->ops->stream)
		f->pos = pos;
	if (kbuf != small)
		kfree(kbuf);
	file_put(f);
	return total ? (long)total : rc;
}

static long rw_vec(int fd, u64 uiov, int cnt, s64 off, bool explicit, bool write)
{
	struct linux_iovec *iov;
	long rc;
	int i;

	if (cnt < 0 || cnt > UIO_MAXIOV)
		return -EINVAL;
	if (cnt == 0)
		return 0;
	iov = kmalloc((size_t)cnt * sizeof(*iov));
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, uiov, (size_t)cnt * sizeof(*iov))) {
		kfree(iov);
		return -EFAULT;
	}
	for (i = 0; i < cnt; i++)
		if ((s64)iov[i].iov_len < 0) {
			kfree(iov);
			return -EINVAL;
		}
	rc = do_rw(fd, iov, (unsigned)cnt, off, explicit, write);
	kfree(iov);
	return rc;
}

SYSCALL_DEFINE3(read, int, fd, u64, buf, u64, len)
{
	struct linux_iovec v = { buf, len };

	return do_rw(fd, &v, 1, 0, false, false);
}

SYSCALL_DEFINE3(write, int, fd, u64, buf, u64, len)
{
	struct linux_iovec v = { buf, len };

	return do_rw(fd, &v, 1, 0, false, true);
}

SYSCALL_DEFINE4(pread64, int, fd, u64, buf, u64, len, s64, off)
{
	struct linux_iovec v = { buf, len };

	return do_rw(fd, &v, 1, off, true, false);
}

SYSCALL_DEFINE4(pwrite64, int, fd, u64, buf, u64, len, s64, off)
{
	struct linux_iovec v = { buf, len };

	return do_rw(fd, &v, 1, off, true, true);
}

SYSCALL_DEFINE3(readv, int, fd, u64, iov, int, cnt)
{
	return rw_vec(fd, iov, cnt, 0, false, false);
}

SYSCALL_DEFINE3(writev, int, fd, u64, iov, int, cnt)
{
	return rw_vec(fd, iov, cnt, 0, false, true);
}

SYSCALL_DEFINE3(lseek, int, fd, s64, off, unsigned, whence)
{
	struct file *f = fd_get(fd);
	s64 base, pos;

	if (!f)
		return -EBADF;
	if (f->ops->stream) {
		file_put(f);
		return -ESPIPE;
	}
	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (s64)f->pos; break;
	case SEEK_END: base = (s64)f->ino->size; break;
	default:
		file_put(f);
		return -EINVAL;
	}
	pos = base + off;
	if ((off > 0 && pos < base) || pos < 0) {
		file_put(f);
		return off > 0 ? -EOVERFLOW : -EINVAL;
	}
	f->pos = (u64)pos;
	file_put(f);
	return pos;
}
