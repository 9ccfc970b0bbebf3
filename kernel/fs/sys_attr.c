/*
 * sys_attr.c — changing files' attributes and sizes: chmod, fchmod,
 * fchmodat, chown, fchown, lchown, fchownat, umask, truncate, ftruncate,
 * utimensat, the sync family (nothing to write back: all in memory), and
 * ioctl, which the file's own ioctl answers after the generic ones.
 */
#include "fs.h"
#include "blockdev.h"
#include "mm.h"
#include "proc.h"
#include "uaccess.h"
#include "syscall.h"

static long set_mode(struct inode *ino, u32 mode)
{
	long rc = 0;

	if (ino->sb->readonly && !S_ISCHR(ino->mode))
		rc = -EROFS;
	else {
		ino->mode = (ino->mode & S_IFMT) | (mode & 07777);
		inode_touch(ino, false);
	}
	inode_put(ino);
	return rc;
}

static long do_chmod(int dirfd, u64 path, u32 mode, int flags)
{
	struct inode *ino;
	int rc = vfs_at_inode(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW), false, &ino);

	return rc ? rc : set_mode(ino, mode);
}

SYSCALL_DEFINE2(chmod, u64, path, u32, mode) { return do_chmod(AT_FDCWD, path, mode, 0); }
SYSCALL_DEFINE3(fchmodat, int, dirfd, u64, path, u32, mode) { return do_chmod(dirfd, path, mode, 0); }
SYSCALL_DEFINE2(fchmod, int, fd, u32, mode)
{
	struct inode *ino = fd_inode(fd);

	return ino ? set_mode(ino, mode) : -EBADF;
}

/* Everyone is root: ownership changes are recorded where writable. */
static long set_owner(struct inode *ino, u32 uid, u32 gid)
{
	long rc = 0;

	if (ino->sb->readonly && !S_ISCHR(ino->mode)) {
		rc = -EROFS;
	} else {
		if (uid != (u32)-1)
			ino->uid = uid;
		if (gid != (u32)-1)
			ino->gid = gid;
		inode_touch(ino, false);
	}
	inode_put(ino);
	return rc;
}

static long do_chown(int dirfd, u64 path, u32 uid, u32 gid, int flags)
{
	struct inode *ino;
	int rc;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	rc = vfs_at_inode(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH, &ino);
	return rc ? rc : set_owner(ino, uid, gid);
}

SYSCALL_DEFINE3(chown, u64, path, u32, uid, u32, gid) { return do_chown(AT_FDCWD, path, uid, gid, 0); }
SYSCALL_DEFINE3(lchown, u64, path, u32, uid, u32, gid)
{
	return do_chown(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}
SYSCALL_DEFINE5(fchownat, int, dirfd, u64, path, u32, uid, u32, gid, int, flags)
{
	return do_chown(dirfd, path, uid, gid, flags);
}
SYSCALL_DEFINE3(fchown, int, fd, u32, uid, u32, gid)
{
	struct inode *ino = fd_inode(fd);

	return ino ? set_owner(ino, uid, gid) : -EBADF;
}

SYSCALL_DEFINE1(umask, u32, mask)
{
	struct proc *p = proc_current();
	u32 old;

	if (!p)
		return 022;
	old = p->umask;
	p->umask = mask & 0777;
	return old;
}

SYSCALL_DEFINE2(truncate, u64, path, s64, len)
{
	struct inode *ino;
	int rc;

	if (len < 0)
		return -EINVAL;
	rc = vfs_at_inode(AT_FDCWD, path, true, false, &ino);
	if (rc)
		return rc;
	rc = vfs_truncate_inode(ino, (u64)len);
	inode_put(ino);
	return rc;
}

SYSCALL_DEFINE2(ftruncate, int, fd, s64, len)
{
	struct file *f = fd_get(fd);
	int rc;

	if (!f)
		return -EBADF;
	if (len < 0 || (f->flags & O_ACCMODE) == O_RDONLY || !S_ISREG(f->ino->mode))
		rc = -EINVAL;
	else
		rc = vfs_truncate_inode(f->ino, (u64)len);
	file_put(f);
	return rc;
}

/* Files in memory have nothing to write back; a device may (a disk's
 * write cache). */
static long fd_sync(int fd)
{
	struct file *f = fd_get(fd);
	long rc;

	if (!f)
		return -EBADF;
	rc = f->ops && f->ops->fsync ? f->ops->fsync(f) : 0;
	file_put(f);
	return rc;
}

SYSCALL_DEFINE1(fsync, int, fd) { return fd_sync(fd); }
SYSCALL_DEFINE1(fdatasync, int, fd) { return fd_sync(fd); }
/* sync(2) cannot fail; a disk whose flush failed counts it in its errors. */
SYSCALL_DEFINE0(sync) { blockdev_sync_all(); return 0; }

static bool time_ok(const struct linux_timespec *t)
{
	return t->tv_nsec == UTIME_NOW || t->tv_nsec == UTIME_OMIT ||
	       (t->tv_nsec >= 0 && t->tv_nsec < 1000000000);
}

static void time_set(struct linux_timespec *dst, const struct linux_timespec *t)
{
	if (t->tv_nsec == UTIME_OMIT)
		return;
	*dst = t->tv_nsec == UTIME_NOW ? fs_now() : *t;
}

SYSCALL_DEFINE4(utimensat, int, dirfd, u64, path, u64, utimes, int, flags)
{
	struct linux_timespec ts[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	struct inode *ino;
	int rc;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes && copy_from_user(ts, utimes, sizeof(ts)))
		return -EFAULT;
	if (!time_ok(&ts[0]) || !time_ok(&ts[1]))
		return -EINVAL;
	if (!path) {                              /* futimens: dirfd is the file */
		ino = fd_inode(dirfd);
		if (!ino)
			return -EBADF;
	} else {
		rc = vfs_at_inode(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW),
				  flags & AT_EMPTY_PATH, &ino);
		if (rc)
			return rc;
	}
	rc = 0;
	if (ino->sb->readonly && !S_ISCHR(ino->mode)) {
		rc = -EROFS;
	} else {
		time_set(&ino->atime, &ts[0]);
		time_set(&ino->mtime, &ts[1]);
		ino->ctime = fs_now();
	}
	inode_put(ino);
	return rc;
}

SYSCALL_DEFINE3(ioctl, int, fd, unsigned, cmd, u64, arg)
{
	struct file *f = fd_get(fd);
	int32_t v;
	long rc;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		fd_set_cloexec(fd, cmd == FIOCLEX);
		rc = 0;
		break;
	case FIONBIO:
		rc = copy_from_user(&v, arg, sizeof(v)) ? -EFAULT : 0;
		if (!rc)
			f->flags = v ? f->flags | O_NONBLOCK : f->flags & ~(u32)O_NONBLOCK;
		break;
	case FIONREAD:
		if (pipe_fionread(f, &v)) {
			rc = copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
			break;
		}
		if (S_ISREG(f->ino->mode)) {
			v = (int32_t)(f->ino->size > f->pos ? MIN(f->ino->size - f->pos, 0x7fffffffull) : 0);
			rc = copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
			break;
		}
		__attribute__((fallthrough));        /* the device answers */
	default:
		rc = f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
	}
	file_put(f);
	return rc;
}
