/*
 * rootfs.c — the root file system: the initrd's newc archive laid out as
 * a read-only tree.  Regular files and symlinks point straight at the
 * archive's bytes (it stays mapped for the kernel's life), so nothing is
 * copied; directories and modes come from the headers, and directories a
 * path implies but the archive does not list are made (0755).  Entries
 * that do not fit (a file where a directory is needed, a duplicate,
 * device nodes: /dev is devfs's) are skipped with a warning.
 */
#include "fs.h"
#include "initrd.h"
#include "printk.h"
#include "lib/cpio.h"
#include <string.h>

/* The directory name[0..len) under dir, made if missing; NULL if a
 * non-directory is in the way or memory ran out. */
static struct inode *rootfs_dir(struct inode *dir, const char *name, size_t len)
{
	struct dentry *d = dir_find(dir, name, len);
	struct inode *ino;

	if (d)
		return S_ISDIR(d->ino->mode) ? d->ino : NULL;
	ino = dir_new(&rootfs_super, 0755, dir);
	if (!ino)
		return NULL;
	if (dir_add(dir, name, len, ino)) {
		inode_put(ino);
		return NULL;
	}
	inode_put(ino);                         /* the name holds it now */
	return ino;
}

static void rootfs_add(struct inode *root, const struct cpio_entry *e)
{
	const char *p = e->name, *name, *next;
	struct inode *dir = root, *ino;
	long n;

	/* Walk to the parent, making directories on the way. */
	for (;;) {
		n = path_next(&p, &name);
		if (n <= 0)
			return;                 /* "." or "/" (or a name too long) */
		next = p;
		while (*next == '/')
			next++;
		if (!*next)
			break;
		if ((n == 1 && name[0] == '.') || (n == 2 && !memcmp(name, "..", 2)))
			continue;
		dir = rootfs_dir(dir, name, (size_t)n);
		if (!dir)
			goto skip;
	}
	if ((n == 1 && name[0] == '.') || (n == 2 && !memcmp(name, "..", 2)))
		return;
	if (S_ISDIR(e->mode)) {
		ino = rootfs_dir(dir, name, (size_t)n);
		if (ino)
			ino->mode = S_IFDIR | (e->mode & 07777);
		return;
	}
	if (!S_ISREG(e->mode) && !S_ISLNK(e->mode))
		goto skip;
	if (dir_find(dir, name, (size_t)n))
		goto skip;
	ino = inode_alloc(&rootfs_super, e->mode);
	if (!ino)
		goto skip;
	ino->size = e->size;
	if (S_ISREG(e->mode)) {
		ino->u.ro_data = e->data;
	} else {
		ino->u.link.target = e->data;
		ino->u.link.len = e->size;
	}
	if (dir_add(dir, name, (size_t)n, ino))
		pr_warn("rootfs: out of memory at %s\n", e->name);
	inode_put(ino);
	return;
skip:
	pr_warn("rootfs: %s skipped\n", e->name);
}

void rootfs_build(struct inode *root)
{
	struct cpio_iter it;
	struct cpio_entry e;
	const void *data;
	size_t size;
	unsigned n = 0;

	if (!initrd_archive(&data, &size))
		return;
	cpio_iter_init(&it, data, size);
	while (cpio_next(&it, &e) == CPIO_OK) {
		rootfs_add(root, &e);
		n++;
	}
	pr_info("rootfs: %u initrd entries\n", n);
}
