/*
 * dir.c — directories: a list of named entries, plus the parent link
 * that answers "..", and mount points (an inode whose `mounted` names
 * the root laid over it).  Crossing goes both ways: a lookup that lands
 * on a mount point continues at the mounted root, and the mounted root's
 * parent is the mount point's parent, so ".." from /tmp is /.
 */
#include "fs.h"
#include "mm.h"
#include <string.h>

struct dentry *dir_find(struct inode *dir, const char *name, size_t len)
{
	struct dentry *d;

	for (d = dir->u.entries; d; d = d->next)
		if (d->len == len && !memcmp(d->name, name, len))
			return d;
	return NULL;
}

/* Positions 0 and 1 are "." and "..". */
static u64 dentry_seq = 2;

int dir_add(struct inode *dir, const char *name, size_t len, struct inode *child)
{
	struct dentry *d, **tail;

	if (len == 0 || len > NAME_MAX)
		return len ? -ENAMETOOLONG : -ENOENT;
	d = kmalloc(sizeof(*d) + len + 1);
	if (!d)
		return -ENOMEM;
	d->next = NULL;
	d->ino = child;
	d->seq = dentry_seq++;
	d->len = (u8)len;
	memcpy(d->name, name, len);
	d->name[len] = 0;
	/* Appended, so getdents offsets of earlier entries stay put. */
	for (tail = &dir->u.entries; *tail; tail = &(*tail)->next)
		;
	*tail = d;
	if (S_ISDIR(child->mode)) {
		if (!child->nlink)
			child->nlink = 2;      /* new; a renamed one keeps its count */
		dir->nlink++;
	} else {
		child->nlink++;
	}
	inode_touch(dir, true);
	return 0;
}

void dir_remove(struct inode *dir, struct dentry *d)
{
	struct dentry **pp;
	struct inode *child = d->ino;

	for (pp = &dir->u.entries; *pp && *pp != d; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = d->next;
	kfree(d);
	if (S_ISDIR(child->mode)) {
		child->nlink = 0;
		dir->nlink--;
	} else {
		child->nlink--;
	}
	inode_touch(dir, true);
	inode_touch(child, false);
	inode_unlinked(child);
}

void dir_detach(struct inode *dir, struct dentry *d)
{
	struct dentry **pp;

	for (pp = &dir->u.entries; *pp && *pp != d; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = d->next;
	if (S_ISDIR(d->ino->mode))
		dir->nlink--;
	else
		d->ino->nlink--;
	kfree(d);
	inode_touch(dir, true);
}

bool dir_empty(const struct inode *dir)
{
	return dir->u.entries == NULL;
}

struct inode *dir_lookup(struct inode *dir, const char *name, size_t len, int *err)
{
	struct dentry *d;
	struct inode *ino;

	if (len == 1 && name[0] == '.')
		return inode_get(dir);
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return inode_get(dir->parent ? dir->parent : dir);
	d = dir_find(dir, name, len);
	if (!d) {
		*err = -ENOENT;
		return NULL;
	}
	ino = d->ino;
	while (ino->mounted)
		ino = ino->mounted;
	return inode_get(ino);
}

struct inode *dir_new(struct super *sb, u32 perm, struct inode *parent)
{
	struct inode *ino = inode_alloc(sb, S_IFDIR | (perm & 07777));

	if (ino)
		ino->parent = inode_get(parent);
	return ino;
}

void dir_mount(struct inode *mnt, struct inode *root)
{
	mnt->mounted = root;                   /* the mount holds root's reference */
	inode_put(root->parent);
	root->parent = inode_get(mnt->parent);
	root->nlink = 2;                       /* never unlinked */
}
