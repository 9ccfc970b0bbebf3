/*
 * sys_open.c — making and copying descriptors: open, openat, creat,
 * close, dup, dup2, dup3, fcntl, pipe, pipe2.
 */
#include "fs.h"
#include "mm.h"
#include "uaccess.h"
#include "syscall.h"

#define OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | \
		    O_DSYNC | O_ASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW |      \
		    O_NOATIME | O_CLOEXEC | O_PATH | 04000000 /* __O_SYNC */ | 020000000 /* O_TMPFILE bit */)
#define SETFL_FLAGS (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

static long do_open(int dirfd, u64 upath, int flags, u32 mode)
{
	struct inode *start;
	struct file *f;
	char *path;
	int rc;

	/* Unknown bits are ignored, as Linux's open does (openat2 refuses). */
	flags &= OPEN_FLAGS;
	if (flags & 020000000)
		return -EOPNOTSUPP;                /* O_TMPFILE */
	rc = user_path(upath, false, &path);
	if (rc)
		return rc;
	rc = at_start(dirfd, path, &start);
	if (!rc) {
		rc = vfs_open(start, path, flags, mode, &f);
		inode_put(start);
	}
	kfree(path);
	if (rc)
		return rc;
	rc = fd_install(f, 0, flags & O_CLOEXEC);
	if (rc < 0)
		file_put(f);
	return rc;
}

SYSCALL_DEFINE3(open, u64, path, int, flags, u32, mode)
{
	return do_open(AT_FDCWD, path, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dirfd, u64, path, int, flags, u32, mode)
{
	return do_open(dirfd, path, flags, mode);
}

SYSCALL_DEFINE2(creat, u64, path, u32, mode)
{
	return do_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

SYSCALL_DEFINE1(close, int, fd)
{
	return fd_close(fd);
}

SYSCALL_DEFINE1(dup, int, fd)
{
	struct file *f = fd_get(fd);
	int rc;

	if (!f)
		return -EBADF;
	rc = fd_install(f, 0, false);
	if (rc < 0)
		file_put(f);
	return rc;
}

SYSCALL_DEFINE2(dup2, int, oldfd, int, newfd)
{
	struct file *f;

	if (oldfd == newfd) {
		f = fd_get(oldfd);
		if (!f)
			return -EBADF;
		file_put(f);
		return newfd;
	}
	return fd_dup_to(oldfd, newfd, false);
}

SYSCALL_DEFINE3(dup3, int, oldfd, int, newfd, int, flags)
{
	if (oldfd == newfd || (flags & ~O_CLOEXEC))
		return -EINVAL;
	return fd_dup_to(oldfd, newfd, flags & O_CLOEXEC);
}

static long fcntl_dupfd(struct file *f, u64 min, bool cloexec)
{
	int rc;

	if (min >= fd_limit())
		return -EINVAL;                    /* Linux: EINVAL at or past RLIMIT_NOFILE */
	rc = fd_install(file_get(f), (int)min, cloexec);
	if (rc < 0)
		file_put(f);
	return rc;
}

SYSCALL_DEFINE3(fcntl, int, fd, int, cmd, u64, arg)
{
	struct file *f = fd_get(fd);
	struct linux_flock fl;
	long rc = 0;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		rc = fcntl_dupfd(f, arg, cmd == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		rc = fd_cloexec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		fd_set_cloexec(fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		rc = f->flags;
		break;
	case F_SETFL:
		f->flags = (f->flags & ~(u32)SETFL_FLAGS) | ((u32)arg & SETFL_FLAGS);
		break;
	case F_GETLK:
		/* No locks are ever held, so every lock asked about is free. */
		if (copy_from_user(&fl, arg, sizeof(fl)))
			rc = -EFAULT;
		else if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK)
			rc = -EINVAL;
		else {
			fl.l_type = F_UNLCK;
			rc = copy_to_user(arg, &fl, sizeof(fl)) ? -EFAULT : 0;
		}
		break;
	case F_SETLK:
	case F_SETLKW:
		/* Accepted without effect: one user, and busybox asks. */
		rc = copy_from_user(&fl, arg, sizeof(fl)) ? -EFAULT : 0;
		break;
	case F_GETPIPE_SZ:
		rc = S_ISFIFO(f->ino->mode) ? 65536 : -EINVAL;
		break;
	default:
		rc = -EINVAL;
	}
	file_put(f);
	return rc;
}

static long do_pipe(u64 ufds, int flags)
{
	struct file *rd, *wr;
	int fds[2], rc;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	rc = pipe_create(&rd, &wr, flags);
	if (rc)
		return rc;
	fds[0] = fd_install(rd, 0, flags & O_CLOEXEC);
	if (fds[0] < 0) {
		file_put(rd);
		file_put(wr);
		return fds[0];
	}
	fds[1] = fd_install(wr, 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		file_put(wr);
		fd_close(fds[0]);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE1(pipe, u64, fds)
{
	return do_pipe(fds, 0);
}

SYSCALL_DEFINE2(pipe2, u64, fds, int, flags)
{
	return do_pipe(fds, flags);
}
