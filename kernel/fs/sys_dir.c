/*
 * sys_dir.c — the name space: getdents64, getdents, getcwd, chdir,
 * fchdir, mkdir(at), rmdir, unlink(at), rename(at,at2), link(at),
 * symlink(at).  Each copies the user's path, finds where it starts
 * (at_start) and hands the kernel path to vfsops.c.
 */
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "uaccess.h"
#include "syscall.h"
#include <string.h>

/* Run op on the user's path relative to dirfd. */
static long with_path(int dirfd, u64 upath, long (*op)(struct inode *, const char *, void *),
		      void *arg)
{
	struct inode *start;
	char *path;
	long rc = user_path(upath, false, &path);

	if (rc)
		return rc;
	rc = at_start(dirfd, path, &start);
	if (!rc) {
		rc = op(start, path, arg);
		inode_put(start);
	}
	kfree(path);
	return rc;
}

static long op_mkdir(struct inode *s, const char *p, void *a) { return vfs_mkdir(s, p, *(u32 *)a); }
static long op_unlink(struct inode *s, const char *p, void *a) { return vfs_unlink(s, p, *(bool *)a); }

SYSCALL_DEFINE2(mkdir, u64, path, u32, mode) { return with_path(AT_FDCWD, path, op_mkdir, &mode); }
SYSCALL_DEFINE3(mkdirat, int, dirfd, u64, path, u32, mode)
{
	return with_path(dirfd, path, op_mkdir, &mode);
}

SYSCALL_DEFINE1(rmdir, u64, path)
{
	bool dir = true;

	return with_path(AT_FDCWD, path, op_unlink, &dir);
}

SYSCALL_DEFINE1(unlink, u64, path)
{
	bool dir = false;

	return with_path(AT_FDCWD, path, op_unlink, &dir);
}

SYSCALL_DEFINE3(unlinkat, int, dirfd, u64, path, int, flags)
{
	bool dir = flags & AT_REMOVEDIR;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return with_path(dirfd, path, op_unlink, &dir);
}

/* The second name of rename and link, relative to its own dirfd. */
struct two_names {
	int dirfd;
	u64 upath;
	bool follow;
	bool link;
};

static long op_second(struct inode *s1, const char *p1, void *a)
{
	struct two_names *t = a;
	struct inode *s2;
	char *p2;
	long rc = user_path(t->upath, false, &p2);

	if (rc)
		return rc;
	rc = at_start(t->dirfd, p2, &s2);
	if (!rc) {
		rc = t->link ? vfs_link(s1, p1, s2, p2, t->follow) : vfs_rename(s1, p1, s2, p2);
		inode_put(s2);
	}
	kfree(p2);
	return rc;
}

static long do_rename(int olddir, u64 oldpath, int newdir, u64 newpath, unsigned flags)
{
	struct two_names t = { newdir, newpath, false, false };

	if (flags)
		return -EINVAL;                   /* RENAME_NOREPLACE and friends: not here */
	return with_path(olddir, oldpath, op_second, &t);
}

SYSCALL_DEFINE2(rename, u64, from, u64, to) { return do_rename(AT_FDCWD, from, AT_FDCWD, to, 0); }
SYSCALL_DEFINE4(renameat, int, od, u64, from, int, nd, u64, to) { return do_rename(od, from, nd, to, 0); }
SYSCALL_DEFINE5(renameat2, int, od, u64, from, int, nd, u64, to, unsigned, flags)
{
	return do_rename(od, from, nd, to, flags);
}

static long do_link(int olddir, u64 oldpath, int newdir, u64 newpath, int flags)
{
	struct two_names t = { newdir, newpath, flags & AT_SYMLINK_FOLLOW, true };

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return with_path(olddir, oldpath, op_second, &t);
}

SYSCALL_DEFINE2(link, u64, from, u64, to) { return do_link(AT_FDCWD, from, AT_FDCWD, to, 0); }
SYSCALL_DEFINE5(linkat, int, od, u64, from, int, nd, u64, to, int, flags)
{
	return do_link(od, from, nd, to, flags);
}

static long op_symlink(struct inode *s, const char *p, void *a) { return vfs_symlink(s, a, p); }

static long do_symlink(u64 utarget, int dirfd, u64 upath)
{
	char *target;
	long rc = user_path(utarget, false, &target);

	if (rc)
		return rc;
	rc = with_path(dirfd, upath, op_symlink, target);
	kfree(target);
	return rc;
}

SYSCALL_DEFINE2(symlink, u64, target, u64, path) { return do_symlink(target, AT_FDCWD, path); }
SYSCALL_DEFINE3(symlinkat, u64, target, int, dirfd, u64, path)
{
	return do_symlink(target, dirfd, path);
}

/* ---- the working directory ---- */
static long set_cwd(struct inode *ino)
{
	struct proc *p = proc_current();

	if (!S_ISDIR(ino->mode)) {
		inode_put(ino);
		return -ENOTDIR;
	}
	if (!p) {
		inode_put(ino);
		return -ESRCH;
	}
	inode_put(p->cwd);
	p->cwd = ino;
	return 0;
}

SYSCALL_DEFINE1(chdir, u64, path)
{
	struct inode *ino;
	int rc = vfs_at_inode(AT_FDCWD, path, true, false, &ino);

	return rc ? rc : set_cwd(ino);
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct inode *ino = fd_inode(fd);

	return ino ? set_cwd(ino) : -EBADF;
}

SYSCALL_DEFINE2(getcwd, u64, buf, u64, size)
{
	char *k = path_buf_alloc();
	long n;

	if (!k)
		return -ENOMEM;
	n = vfs_path_of(vfs_cwd(), k, (size_t)MIN(size, (u64)PATH_MAX));
	if (n > 0 && copy_to_user(buf, k, (size_t)n))
		n = -EFAULT;
	kfree(k);
	return n;
}

/* ---- reading directories: the position is an entry index ---- */
static u8 dirent_type(u32 mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return DT_DIR;
	case S_IFREG: return DT_REG;
	case S_IFLNK: return DT_LNK;
	case S_IFCHR: return DT_CHR;
	case S_IFIFO: return DT_FIFO;
	}
	return DT_UNKNOWN;
}

/* One record for name at position pos into rec; its length. */
static size_t dirent_fill(char *rec, bool is64, const char *name, struct inode *ino, u64 pos)
{
	size_t len = strlen(name), reclen;

	if (is64) {
		struct linux_dirent64 *e = (void *)rec;

		reclen = ALIGN_UP(sizeof(*e) + len + 1, 8);
		memset(rec, 0, reclen);
		e->d_ino = ino->ino;
		e->d_off = (s64)pos + 1;
		e->d_reclen = (u16)reclen;
		e->d_type = dirent_type(ino->mode);
		memcpy(e->d_name, name, len);
	} else {
		struct linux_dirent *e = (void *)rec;

		reclen = ALIGN_UP(sizeof(*e) + len + 2, 8);
		memset(rec, 0, reclen);
		e->d_ino = ino->ino;
		e->d_off = (s64)pos + 1;
		e->d_reclen = (u16)reclen;
		memcpy(e->d_name, name, len);
		rec[reclen - 1] = (char)dirent_type(ino->mode);
	}
	return reclen;
}

/*
 * The file position is the next entry's seq (0 and 1 for "." and ".."),
 * so entries removed while a directory is read do not make the reader
 * skip the ones after them (rm -r deletes as it reads).
 */
static long do_getdents(int fd, u64 ubuf, u64 size, bool is64)
{
	struct file *f = fd_get(fd);
	struct dentry *d;
	u64 done = 0;
	char rec[NAME_MAX + 32];
	long rc = 0;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->ino->mode)) {
		file_put(f);
		return -ENOTDIR;
	}
	d = f->ino->u.entries;
	for (;;) {
		struct inode *ino;
		const char *name;
		u64 pos;
		size_t reclen;

		if (f->pos < 2) {
			pos = f->pos;
			name = pos ? ".." : ".";
			ino = pos && f->ino->parent ? f->ino->parent : f->ino;
		} else {
			while (d && d->seq < f->pos)
				d = d->next;
			if (!d)
				break;
			pos = d->seq;
			name = d->name;
			ino = d->ino;
		}
		reclen = dirent_fill(rec, is64, name, ino, pos);
		if (done + reclen > size) {
			rc = done ? 0 : -EINVAL;       /* too small for even one record */
			break;
		}
		if (copy_to_user(ubuf + done, rec, reclen)) {
			rc = -EFAULT;
			break;
		}
		done += reclen;
		f->pos = pos + 1;
	}
	file_put(f);
	return rc ? rc : (long)done;
}

SYSCALL_DEFINE3(getdents64, int, fd, u64, buf, u64, size) { return do_getdents(fd, buf, size, true); }
SYSCALL_DEFINE3(getdents, int, fd, u64, buf, u64, size) { return do_getdents(fd, buf, size, false); }
