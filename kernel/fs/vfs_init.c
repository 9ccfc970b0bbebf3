/*
 * vfs_init.c — the tree at boot: the initrd as the read-only root, with
 * /tmp (tmpfs) and /dev (devfs) mounted on directories made for them if
 * the archive has none.
 */
#include "fs.h"
#include "panic.h"
#include "printk.h"

/* Linux's statfs magic numbers. */
struct super rootfs_super = { .name = "rootfs", .dev = 1, .magic = 0x858458f6, .readonly = true };
struct super tmpfs_super = { .name = "tmpfs", .dev = 2, .magic = 0x01021994 };
struct super devfs_super = { .name = "devtmpfs", .dev = 3, .magic = 0x01021994, .readonly = true };
struct super pipefs_super = { .name = "pipefs", .dev = 4, .magic = 0x50495045 };

static struct inode *root;

struct inode *vfs_root(void)
{
	return root;
}

/* A mount point in the root: the archive's directory, or a new one. */
static struct inode *mount_point(const char *name, size_t len)
{
	struct dentry *d = dir_find(root, name, len);
	struct inode *ino;

	if (d) {
		if (!S_ISDIR(d->ino->mode))
			panic("vfs: /%s in the initrd is not a directory", name);
		return d->ino;
	}
	ino = dir_new(&rootfs_super, 0755, root);
	if (!ino || dir_add(root, name, len, ino))
		panic("vfs: out of memory making /%s", name);
	inode_put(ino);
	return ino;
}

static struct inode *mount_new(const char *name, size_t len, struct super *sb, u32 perm)
{
	struct inode *mnt = mount_point(name, len);
	struct inode *r = dir_new(sb, perm, NULL);

	if (!r)
		panic("vfs: out of memory mounting %s", sb->name);
	dir_mount(mnt, r);
	return r;
}

void vfs_init(void)
{
	root = dir_new(&rootfs_super, 0755, NULL);
	if (!root)
		panic("vfs: out of memory");
	root->nlink = 2;                         /* never unlinked; the global holds the ref */
	rootfs_build(root);
	mount_new("tmp", 3, &tmpfs_super, 01777);
	devfs_build(mount_new("dev", 3, &devfs_super, 0755));
	tty_init();
	pr_info("vfs: / from the initrd, tmpfs on /tmp, devfs on /dev\n");
}
