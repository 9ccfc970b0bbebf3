/*
 * devfs.c — /dev: the character devices, with Linux's numbers
 * (Documentation/admin-guide/devices.txt): null 1:3, zero 1:5, full 1:7,
 * random 1:8, urandom 1:9, tty 5:0, console 5:1.  tty and console are
 * both the console's tty (the only terminal there is, so it is every
 * process's controlling terminal that has one).  random and urandom are
 * core/random.c's generator: not cryptographic, which is fine for what
 * runs here (mktemp names, hash seeds) and nothing may rely on it for keys.
 */
#include "fs.h"
#include "random.h"
#include <string.h>

static long null_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return 0;
}

static long null_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)pos;
	return (long)n;
}

static long zero_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	(void)f, (void)pos;
	memset(buf, 0, n);
	return (long)n;
}

static long full_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -ENOSPC;
}

static long random_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	(void)f, (void)pos;
	random_fill(buf, n);
	return (long)n;
}

static const struct file_ops null_fops = { .read = null_read, .write = null_write };
static const struct file_ops zero_fops = { .read = zero_read, .write = null_write };
static const struct file_ops full_fops = { .read = zero_read, .write = full_write };
static const struct file_ops random_fops = { .read = random_read, .write = null_write };

static const struct {
	const char *name;
	u32 mode;
	u64 rdev;
	const struct file_ops *fops;
} devices[] = {
	{ "null", 0666, MKDEV(1, 3), &null_fops },
	{ "zero", 0666, MKDEV(1, 5), &zero_fops },
	{ "full", 0666, MKDEV(1, 7), &full_fops },
	{ "random", 0666, MKDEV(1, 8), &random_fops },
	{ "urandom", 0666, MKDEV(1, 9), &random_fops },
	{ "tty", 0666, MKDEV(5, 0), &tty_fops },
	{ "console", 0600, MKDEV(5, 1), &tty_fops },
};

void devfs_build(struct inode *dev)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(devices); i++) {
		struct inode *ino = inode_alloc(&devfs_super, S_IFCHR | devices[i].mode);

		if (!ino)
			return;
		ino->rdev = devices[i].rdev;
		ino->fops = devices[i].fops;
		dir_add(dev, devices[i].name, strlen(devices[i].name), ino);
		inode_put(ino);
	}
}
