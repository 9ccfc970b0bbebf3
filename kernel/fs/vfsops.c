/*
 * vfsops.c — operations on names: open (and create), mkdir, unlink,
 * rmdir, rename, symlink, link, truncate, with Linux's errors in Linux's
 * order (a missing name is ENOENT before a read-only file system is
 * EROFS).  Paths are kernel strings resolved from a start directory; the
 * system calls copy the user's path and pick the start (cwd or dirfd).
 * Only tmpfs is writable: the initrd root and /dev are EROFS.
 */
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include <string.h>

static bool is_dot(const struct path_result *r)
{
	return (r->last_len == 1 && r->last[0] == '.') ||
	       (r->last_len == 2 && r->last[0] == '.' && r->last[1] == '.');
}

static u32 apply_umask(u32 mode)
{
	struct proc *p = proc_current();

	return (mode & 07777) & ~(p ? p->umask : 022);
}

/* Walk path (copied into a fresh buffer) with flags. */
static int walk_copy(struct inode *cwd, const char *path, unsigned flags, struct path_result *r,
		     char **bufp)
{
	size_t n = strnlen(path, PATH_MAX);
	char *buf;
	int rc;

	if (n >= PATH_MAX)
		return -ENAMETOOLONG;
	buf = path_buf_alloc();
	if (!buf)
		return -ENOMEM;
	memcpy(buf, path, n + 1);
	rc = vfs_walk(cwd, buf, flags, r);
	if (rc || !bufp)
		kfree(buf);
	else
		*bufp = buf;                    /* r->last points into it */
	return rc;
}

int vfs_open_walked(struct inode *ino, int flags, struct file **out)
{
	int acc = flags & O_ACCMODE;
	struct file *f;
	int rc;

	if (S_ISLNK(ino->mode))
		return -ELOOP;                 /* O_NOFOLLOW met a link */
	if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode))
		return -ENOTDIR;
	if (S_ISDIR(ino->mode) && acc != O_RDONLY)
		return -EISDIR;
	if (S_ISREG(ino->mode) && acc != O_RDONLY && ino->sb->readonly)
		return -EROFS;
	if (S_ISREG(ino->mode) && (flags & O_TRUNC) && acc != O_RDONLY) {
		rc = tmpfs_truncate(ino, 0);
		if (rc)
			return rc;
	}
	f = file_new(ino, ino->fops, flags);
	if (!f)
		return -ENOMEM;
	if (f->ops->open && (rc = f->ops->open(f, flags)) != 0) {
		file_put(f);
		return rc;
	}
	*out = f;
	return 0;
}

int vfs_open_inode(struct inode *ino, int flags, struct file **out)
{
	return vfs_open_walked(ino, flags, out);
}

int vfs_create_at(struct path_result *r, u32 mode, struct inode **out)
{
	struct inode *dir = r->parent, *ino;
	int rc;

	if (!r->last_len || is_dot(r) || r->trailing_slash)
		return -EISDIR;
	if (dir_find(dir, r->last, r->last_len))
		return -EEXIST;
	if (dir->sb->readonly)
		return -EROFS;
	if (!dir->nlink)
		return -ENOENT;                /* the directory was removed */
	ino = inode_alloc(dir->sb, S_IFREG | apply_umask(mode));
	if (!ino)
		return -ENOSPC;
	rc = dir_add(dir, r->last, r->last_len, ino);
	if (rc) {
		inode_put(ino);
		return rc;
	}
	*out = ino;
	return 0;
}

int vfs_open(struct inode *cwd, const char *path, int flags, u32 mode, struct file **out)
{
	unsigned follow = (flags & O_NOFOLLOW) ? 0 : PATH_FOLLOW;
	struct path_result r;
	struct inode *ino;
	char *buf;
	int rc = walk_copy(cwd, path, follow, &r, NULL);

	if (!rc) {
		ino = r.node;
		if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
			rc = -EEXIST;
		else if ((flags & O_CREAT) && S_ISDIR(ino->mode))
			rc = -EISDIR;
		else
			rc = vfs_open_walked(ino, flags, out);
		inode_put(ino);
		return rc;
	}
	if (rc != -ENOENT || !(flags & O_CREAT))
		return rc;
	rc = walk_copy(cwd, path, PATH_PARENT, &r, &buf);
	if (rc)
		return rc;
	rc = vfs_create_at(&r, mode, &ino);
	path_result_put(&r);
	kfree(buf);
	if (rc)
		return rc;
	/* A new file: opened for what was asked, even if its mode says no. */
	rc = vfs_open_walked(ino, flags & ~O_TRUNC, out);
	inode_put(ino);
	return rc;
}

int vfs_mkdir_at(struct path_result *r, u32 mode)
{
	struct inode *dir = r->parent, *ino;
	int rc;

	if (!r->last_len || is_dot(r) || dir_find(dir, r->last, r->last_len))
		return -EEXIST;
	if (dir->sb->readonly)
		return -EROFS;
	if (!dir->nlink)
		return -ENOENT;
	ino = dir_new(dir->sb, apply_umask(mode), dir);
	if (!ino)
		return -ENOSPC;
	rc = dir_add(dir, r->last, r->last_len, ino);
	inode_put(ino);                        /* the name keeps it (or it goes) */
	return rc;
}

int vfs_unlink_at(struct path_result *r, bool rmdir)
{
	struct inode *dir = r->parent;
	struct dentry *d;

	if (!r->last_len)
		return rmdir ? -EBUSY : -EISDIR;
	if (is_dot(r))
		return !rmdir ? -EISDIR : r->last_len == 1 ? -EINVAL : -ENOTEMPTY;
	d = dir_find(dir, r->last, r->last_len);
	if (!d)
		return -ENOENT;
	if (dir->sb->readonly)
		return -EROFS;
	if (d->ino->mounted)
		return -EBUSY;
	if (rmdir) {
		if (!S_ISDIR(d->ino->mode))
			return -ENOTDIR;
		if (!dir_empty(d->ino))
			return -ENOTEMPTY;
	} else {
		if (S_ISDIR(d->ino->mode))
			return -EISDIR;
		if (r->trailing_slash)
			return -ENOTDIR;
	}
	dir_remove(dir, d);
	return 0;
}

/* Whether dir is anc or below it (a directory may not move into itself). */
static bool dir_within(struct inode *dir, struct inode *anc)
{
	for (; dir; dir = dir->parent)
		if (dir == anc)
			return true;
	return false;
}

int vfs_rename_at(struct path_result *from, struct path_result *to)
{
	struct inode *fp = from->parent, *tp = to->parent, *src;
	struct dentry *sd, *td;
	int rc;

	if (!from->last_len || !to->last_len || is_dot(from) || is_dot(to))
		return -EBUSY;
	sd = dir_find(fp, from->last, from->last_len);
	if (!sd)
		return -ENOENT;
	src = sd->ino;
	if (fp->sb != tp->sb)
		return -EXDEV;
	if (fp->sb->readonly)
		return -EROFS;
	td = dir_find(tp, to->last, to->last_len);
	if (src->mounted || (td && td->ino->mounted))
		return -EBUSY;
	if (td && td->ino == src)
		return 0;                      /* the same file: nothing to do */
	if (S_ISDIR(src->mode)) {
		if (dir_within(tp, src))
			return -EINVAL;
		if (td && !S_ISDIR(td->ino->mode))
			return -ENOTDIR;
		if (td && !dir_empty(td->ino))
			return -ENOTEMPTY;
	} else {
		if (td && S_ISDIR(td->ino->mode))
			return -EISDIR;
		if (from->trailing_slash || to->trailing_slash)
			return -ENOTDIR;
	}
	inode_get(src);
	if (td)
		dir_remove(tp, td);
	rc = dir_add(tp, to->last, to->last_len, src);
	if (!rc) {
		dir_detach(fp, sd);
		if (S_ISDIR(src->mode) && fp != tp) {
			inode_put(src->parent);
			src->parent = inode_get(tp);
		}
		inode_touch(src, false);
	}
	inode_put(src);
	return rc;
}

int vfs_symlink_at(struct path_result *r, const char *target, size_t len)
{
	struct inode *dir = r->parent, *ino;
	char *copy;
	int rc;

	if (!r->last_len || is_dot(r) || dir_find(dir, r->last, r->last_len))
		return -EEXIST;
	if (dir->sb->readonly)
		return -EROFS;
	if (len == 0)
		return -ENOENT;
	copy = kmalloc(len + 1);
	ino = copy ? inode_alloc(dir->sb, S_IFLNK | 0777) : NULL;
	if (!ino) {
		kfree(copy);
		return -ENOSPC;
	}
	memcpy(copy, target, len);
	copy[len] = 0;
	ino->u.link.target = copy;
	ino->u.link.len = len;
	ino->u.link.owned = true;
	ino->size = len;
	rc = dir_add(dir, r->last, r->last_len, ino);
	inode_put(ino);
	return rc;
}

int vfs_link_at(struct inode *src, struct path_result *to)
{
	struct inode *dir = to->parent;

	if (!to->last_len || is_dot(to) || dir_find(dir, to->last, to->last_len))
		return -EEXIST;
	if (S_ISDIR(src->mode))
		return -EPERM;
	if (src->sb != dir->sb)
		return -EXDEV;
	if (dir->sb->readonly)
		return -EROFS;
	if (!src->nlink)
		return -ENOENT;
	return dir_add(dir, to->last, to->last_len, src);
}

int vfs_truncate_inode(struct inode *ino, u64 size)
{
	if (S_ISDIR(ino->mode))
		return -EISDIR;
	if (!S_ISREG(ino->mode))
		return -EINVAL;
	if (ino->sb->readonly)
		return -EROFS;
	return tmpfs_truncate(ino, size);
}

/* ---- the same from kernel paths (the kernel's tests, init) ---- */
static int on_parent(struct inode *cwd, const char *path, int (*op)(struct path_result *, void *),
		     void *arg)
{
	struct path_result r;
	char *buf;
	int rc = walk_copy(cwd, path, PATH_PARENT, &r, &buf);

	if (rc)
		return rc;
	rc = op(&r, arg);
	path_result_put(&r);
	kfree(buf);
	return rc;
}

static int op_mkdir(struct path_result *r, void *arg) { return vfs_mkdir_at(r, *(u32 *)arg); }
static int op_unlink(struct path_result *r, void *arg) { return vfs_unlink_at(r, *(bool *)arg); }
static int op_symlink(struct path_result *r, void *arg)
{
	return vfs_symlink_at(r, arg, strlen(arg));
}
static int op_link(struct path_result *r, void *arg) { return vfs_link_at(arg, r); }

int vfs_mkdir(struct inode *cwd, const char *path, u32 mode)
{
	return on_parent(cwd, path, op_mkdir, &mode);
}

int vfs_unlink(struct inode *cwd, const char *path, bool dir)
{
	return on_parent(cwd, path, op_unlink, &dir);
}

int vfs_symlink(struct inode *cwd, const char *target, const char *path)
{
	return on_parent(cwd, path, op_symlink, (void *)target);
}

int vfs_link(struct inode *cwd, const char *from, struct inode *cwd_to, const char *to, bool follow)
{
	struct inode *src;
	int rc = vfs_resolve(cwd, from, follow, &src);

	if (rc)
		return rc;
	rc = on_parent(cwd_to, to, op_link, src);
	inode_put(src);
	return rc;
}

int vfs_rename(struct inode *cwd, const char *from, struct inode *cwd_to, const char *to)
{
	struct path_result a, b;
	char *ba, *bb;
	int rc = walk_copy(cwd, from, PATH_PARENT, &a, &ba);

	if (rc)
		return rc;
	rc = walk_copy(cwd_to, to, PATH_PARENT, &b, &bb);
	if (!rc) {
		rc = vfs_rename_at(&a, &b);
		path_result_put(&b);
		kfree(bb);
	}
	path_result_put(&a);
	kfree(ba);
	return rc;
}
