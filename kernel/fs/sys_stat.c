/*
 * sys_stat.c — asking about files: stat, lstat, fstat, newfstatat,
 * statx, access, faccessat, faccessat2, readlink, readlinkat, statfs,
 * fstatfs.  Every caller is root here: permission bits only matter for
 * X_OK (some execute bit) and W_OK on a read-only file system (EROFS).
 */
#include "fs.h"
#include "mm.h"
#include "uaccess.h"
#include "syscall.h"
#include <string.h>

static long stat_out(struct inode *ino, u64 ubuf)
{
	struct linux_stat st;

	inode_stat(ino, &st);
	inode_put(ino);
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static long do_fstatat(int dirfd, u64 path, u64 buf, int flags)
{
	struct inode *ino;
	int rc;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	rc = vfs_at_inode(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH, &ino);
	return rc ? rc : stat_out(ino, buf);
}

SYSCALL_DEFINE2(stat, u64, path, u64, buf) { return do_fstatat(AT_FDCWD, path, buf, 0); }
SYSCALL_DEFINE2(lstat, u64, path, u64, buf)
{
	return do_fstatat(AT_FDCWD, path, buf, AT_SYMLINK_NOFOLLOW);
}
SYSCALL_DEFINE4(newfstatat, int, dirfd, u64, path, u64, buf, int, flags)
{
	return do_fstatat(dirfd, path, buf, flags);
}

SYSCALL_DEFINE2(fstat, int, fd, u64, buf)
{
	struct inode *ino = fd_inode(fd);

	return ino ? stat_out(ino, buf) : -EBADF;
}

static struct linux_statx_timestamp stx_time(struct linux_timespec t)
{
	struct linux_statx_timestamp s = { t.tv_sec, (u32)t.tv_nsec, 0 };

	return s;
}

SYSCALL_DEFINE5(statx, int, dirfd, u64, path, int, flags, u32, mask, u64, buf)
{
	struct linux_statx sx;
	struct inode *ino;
	int rc;

	(void)mask;                       /* everything basic is always there */
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	rc = vfs_at_inode(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH, &ino);
	if (rc)
		return rc;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = 4096;
	sx.stx_nlink = ino->nlink;
	sx.stx_uid = ino->uid;
	sx.stx_gid = ino->gid;
	sx.stx_mode = (u16)ino->mode;
	sx.stx_ino = ino->ino;
	sx.stx_size = ino->size;
	sx.stx_blocks = ALIGN_UP(ino->size, 512) / 512;
	sx.stx_atime = stx_time(ino->atime);
	sx.stx_ctime = stx_time(ino->ctime);
	sx.stx_mtime = stx_time(ino->mtime);
	sx.stx_rdev_major = (u32)(ino->rdev >> 8);
	sx.stx_rdev_minor = (u32)(ino->rdev & 0xff);
	sx.stx_dev_major = 0;
	sx.stx_dev_minor = (u32)ino->sb->dev;
	inode_put(ino);
	return copy_to_user(buf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

static long do_access(int dirfd, u64 path, int mode, int flags)
{
	struct inode *ino;
	int rc;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	rc = vfs_at_inode(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH, &ino);
	if (rc)
		return rc;
	if ((mode & W_OK) && ino->sb->readonly && (S_ISREG(ino->mode) || S_ISDIR(ino->mode) ||
						   S_ISLNK(ino->mode)))
		rc = -EROFS;
	else if ((mode & X_OK) && !S_ISDIR(ino->mode) && !(ino->mode & 0111))
		rc = -EACCES;                 /* root too needs one execute bit */
	inode_put(ino);
	return rc;
}

SYSCALL_DEFINE2(access, u64, path, int, mode) { return do_access(AT_FDCWD, path, mode, 0); }
SYSCALL_DEFINE3(faccessat, int, dirfd, u64, path, int, mode)
{
	return do_access(dirfd, path, mode, 0);
}
SYSCALL_DEFINE4(faccessat2, int, dirfd, u64, path, int, mode, int, flags)
{
	return do_access(dirfd, path, mode, flags);
}

static long do_readlink(int dirfd, u64 upath, u64 buf, int size)
{
	struct inode *ino;
	size_t n;
	int rc;

	if (size <= 0)
		return -EINVAL;
	rc = vfs_at_inode(dirfd, upath, false, false, &ino);
	if (rc)
		return rc;
	if (!S_ISLNK(ino->mode)) {
		inode_put(ino);
		return -EINVAL;
	}
	n = MIN(ino->u.link.len, (size_t)size);
	rc = copy_to_user(buf, ino->u.link.target, n) ? -EFAULT : (int)n;
	inode_put(ino);
	return rc;
}

SYSCALL_DEFINE3(readlink, u64, path, u64, buf, int, size)
{
	return do_readlink(AT_FDCWD, path, buf, size);
}
SYSCALL_DEFINE4(readlinkat, int, dirfd, u64, path, u64, buf, int, size)
{
	return do_readlink(dirfd, path, buf, size);
}

static long statfs_out(struct inode *ino, u64 buf)
{
	struct linux_statfs s;

	memset(&s, 0, sizeof(s));
	s.f_type = (s64)ino->sb->magic;
	s.f_bsize = s.f_frsize = 4096;
	if (ino->sb == &tmpfs_super) {
		s.f_blocks = frames_total();
		s.f_bfree = s.f_bavail = frames_free_count();
	}
	s.f_files = 1u << 20;
	s.f_ffree = s.f_files / 2;
	s.f_fsid[0] = (s32)ino->sb->dev;
	s.f_namelen = NAME_MAX;
	s.f_flags = ino->sb->readonly ? ST_RDONLY : 0;
	inode_put(ino);
	return copy_to_user(buf, &s, sizeof(s)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, u64, path, u64, buf)
{
	struct inode *ino;
	int rc = vfs_at_inode(AT_FDCWD, path, true, false, &ino);

	return rc ? rc : statfs_out(ino, buf);
}

SYSCALL_DEFINE2(fstatfs, int, fd, u64, buf)
{
	struct inode *ino = fd_inode(fd);

	return ino ? statfs_out(ino, buf) : -EBADF;
}
