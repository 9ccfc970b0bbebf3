/*
 * inode.c — allocating, counting and freeing inodes (fs.h has the
 * lifetime rule: freed when neither a reference nor a name is left).
 */
#include "fs.h"
#include "mm.h"
#include "pv/ops.h"
#include "clock.h"
#include <string.h>

static u64 next_ino = 1;

struct linux_timespec fs_now(void)
{
	/* Time since boot: there is no wall clock to offset it by. */
	u64 ns = clock_running() ? clock_realtime_ns() : 0;
	struct linux_timespec ts = { (s64)(ns / NSEC_PER_SEC), (s64)(ns % NSEC_PER_SEC) };

	return ts;
}

struct inode *inode_alloc(struct super *sb, u32 mode)
{
	struct inode *ino = kzalloc(sizeof(*ino));

	if (!ino)
		return NULL;
	ino->refs = 1;
	ino->mode = mode;
	ino->sb = sb;
	ino->ino = next_ino++;
	ino->atime = ino->mtime = ino->ctime = fs_now();
	ino->fops = S_ISDIR(mode) ? &dir_fops : &reg_fops;
	return ino;
}

struct inode *inode_get(struct inode *ino)
{
	if (ino)
		ino->refs++;
	return ino;
}

static void inode_free(struct inode *ino)
{
	struct inode *parent = ino->parent;

	if (S_ISREG(ino->mode) && ino->sb == &tmpfs_super)
		tmpfs_free(ino);
	else if (S_ISLNK(ino->mode) && ino->u.link.owned)
		kfree((void *)ino->u.link.target);
	else if (S_ISDIR(ino->mode))
		while (ino->u.entries)             /* empty unless a mount is torn down */
			dir_remove(ino, ino->u.entries);
	kfree(ino);
	inode_put(parent);
}

void inode_put(struct inode *ino)
{
	if (!ino)
		return;
	if (--ino->refs == 0 && ino->nlink == 0)
		inode_free(ino);
}

/* dir_remove's half: a name went away; maybe the last thing holding it. */
void inode_unlinked(struct inode *ino)
{
	if (ino->refs == 0 && ino->nlink == 0)
		inode_free(ino);
}

u64 inode_size(const struct inode *ino)
{
	return ino->size;
}

long inode_read(struct inode *ino, u64 off, void *buf, size_t n)
{
	if (S_ISDIR(ino->mode))
		return -EISDIR;
	if (!S_ISREG(ino->mode))
		return -EINVAL;
	if (ino->sb == &tmpfs_super)
		return tmpfs_read(ino, off, buf, n);
	if (off >= ino->size)
		return 0;
	n = MIN(n, ino->size - off);
	memcpy(buf, ino->u.ro_data + off, n);
	return (long)n;
}

void inode_touch(struct inode *ino, bool data)
{
	ino->ctime = fs_now();
	if (data)
		ino->mtime = ino->ctime;
}

void inode_stat(const struct inode *ino, struct linux_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = ino->sb->dev;
	st->st_ino = ino->ino;
	st->st_nlink = ino->nlink;
	st->st_mode = ino->mode;
	st->st_uid = ino->uid;
	st->st_gid = ino->gid;
	st->st_rdev = ino->rdev;
	st->st_size = (s64)ino->size;
	st->st_blksize = 4096;
	st->st_blocks = (s64)(ALIGN_UP(ino->size, 512) / 512);
	st->st_atime = (u64)ino->atime.tv_sec;
	st->st_atime_nsec = (u64)ino->atime.tv_nsec;
	st->st_mtime = (u64)ino->mtime.tv_sec;
	st->st_mtime_nsec = (u64)ino->mtime.tv_nsec;
	st->st_ctime = (u64)ino->ctime.tv_sec;
	st->st_ctime_nsec = (u64)ino->ctime.tv_nsec;
}
