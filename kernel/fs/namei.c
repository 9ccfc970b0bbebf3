/*
 * namei.c — names to inodes: lib/path.c's walk over the inode tree, the
 * user-pointer and dirfd flavours the system calls need, and the way
 * back (getcwd).
 */
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "uaccess.h"
#include <string.h>

static void *walk_lookup(void *ctx, void *dir, const char *name, size_t len, int *err)
{
	(void)ctx;
	return dir_lookup(dir, name, len, err);
}

static enum path_kind walk_kind(void *ctx, void *node)
{
	u32 m = ((struct inode *)node)->mode;

	(void)ctx;
	return S_ISDIR(m) ? PATH_KIND_DIR : S_ISLNK(m) ? PATH_KIND_LINK : PATH_KIND_OTHER;
}

static int walk_readlink(void *ctx, void *node, const char **t, size_t *len)
{
	struct inode *ino = node;

	(void)ctx;
	*t = ino->u.link.target;
	*len = ino->u.link.len;
	return 0;
}

static void *walk_get(void *ctx, void *node) { (void)ctx; return inode_get(node); }
static void walk_put(void *ctx, void *node) { (void)ctx; inode_put(node); }

static const struct path_ops walk_ops = {
	.lookup = walk_lookup, .kind = walk_kind, .readlink = walk_readlink,
	.get = walk_get, .put = walk_put,
};

int vfs_walk(struct inode *cwd, char *buf, unsigned flags, struct path_result *r)
{
	return path_walk(&walk_ops, NULL, vfs_root(), cwd ? cwd : vfs_root(), buf, flags, r);
}

void path_result_put(struct path_result *r)
{
	inode_put(r->node);
	inode_put(r->parent);
	r->node = r->parent = NULL;
}

char *path_buf_alloc(void)
{
	return kmalloc(PATH_MAX);
}

int vfs_resolve(struct inode *cwd, const char *path, bool follow, struct inode **out)
{
	char *buf = path_buf_alloc();
	struct path_result r;
	size_t n = strnlen(path, PATH_MAX);
	int rc;

	if (!buf)
		return -ENOMEM;
	if (n >= PATH_MAX) {
		kfree(buf);
		return -ENAMETOOLONG;
	}
	memcpy(buf, path, n + 1);
	rc = vfs_walk(cwd, buf, follow ? PATH_FOLLOW : 0, &r);
	kfree(buf);
	if (!rc)
		*out = r.node;
	return rc;
}

struct inode *vfs_cwd(void)
{
	struct proc *p = proc_current();

	return p && p->cwd ? p->cwd : vfs_root();
}

int vfs_at_dir(int dirfd, struct inode **out)
{
	struct file *f;

	if (dirfd == AT_FDCWD) {
		*out = inode_get(vfs_cwd());
		return 0;
	}
	f = fd_get(dirfd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->ino->mode)) {
		file_put(f);
		return -ENOTDIR;
	}
	*out = inode_get(f->ino);
	file_put(f);
	return 0;
}

int user_path(u64 upath, bool allow_empty, char **out)
{
	char *buf = path_buf_alloc();
	long n;

	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, upath, PATH_MAX);
	if (n < 0 || (n == 0 && !allow_empty)) {
		kfree(buf);
		return n < 0 ? (int)n : -ENOENT;
	}
	*out = buf;
	return 0;
}

int at_start(int dirfd, const char *path, struct inode **out)
{
	*out = NULL;
	if (path[0] == '/')
		return 0;                       /* an absolute name ignores dirfd, as Linux */
	return vfs_at_dir(dirfd, out);
}

/* The inode path names (from dirfd, following a last link or not), or
 * with AT_EMPTY_PATH and "" the one dirfd itself is. */
int vfs_at_inode(int dirfd, u64 upath, bool follow, bool empty_ok, struct inode **out)
{
	struct inode *start;
	char *path;
	int rc = user_path(upath, empty_ok, &path);

	if (rc)
		return rc;
	if (!path[0]) {
		kfree(path);
		if (dirfd == AT_FDCWD) {
			*out = inode_get(vfs_cwd());
			return 0;
		}
		{
			struct file *f = fd_get(dirfd);

			if (!f)
				return -EBADF;
			*out = inode_get(f->ino);
			file_put(f);
			return 0;
		}
	}
	rc = at_start(dirfd, path, &start);
	if (!rc) {
		rc = vfs_resolve(start, path, follow, out);
		inode_put(start);
	}
	kfree(path);
	return rc;
}

/* The name dir has in its parent (a mount point stands for the root on it). */
static struct dentry *name_in_parent(struct inode *parent, struct inode *dir)
{
	struct dentry *d;

	for (d = parent->u.entries; d; d = d->next) {
		struct inode *ino = d->ino;

		while (ino->mounted)
			ino = ino->mounted;
		if (ino == dir)
			return d;
	}
	return NULL;
}

long vfs_path_of(struct inode *dir, char *buf, size_t cap)
{
	size_t pos = cap, len;
	struct inode *cur = dir;

	if (cap < 2)
		return -ERANGE;
	buf[--pos] = 0;
	while (cur != vfs_root()) {
		struct inode *parent = cur->parent;
		struct dentry *d;

		if (!parent || !cur->nlink)
			return -ENOENT;            /* removed: Linux says ENOENT too */
		d = name_in_parent(parent, cur);
		if (!d)
			return -ENOENT;
		if (pos < (size_t)d->len + 1)
			return -ERANGE;
		pos -= d->len;
		memcpy(buf + pos, d->name, d->len);
		buf[--pos] = '/';
		cur = parent;
	}
	if (pos == cap - 1)
		buf[--pos] = '/';
	len = cap - pos;
	memmove(buf, buf + pos, len);
	return (long)len;
}

int vfs_lookup_exec(const char *path, struct inode *cwd, struct inode **out)
{
	struct inode *ino;
	int rc = vfs_resolve(cwd, path, true, &ino);

	if (rc)
		return rc;
	if (!S_ISREG(ino->mode) || !(ino->mode & 0111)) {
		inode_put(ino);
		return -EACCES;
	}
	*out = ino;
	return 0;
}
