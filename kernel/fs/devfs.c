/*
 * devfs.c — /dev: the character devices, with Linux's numbers
 * (Documentation/admin-guide/devices.txt): null 1:3, zero 1:5, full 1:7,
 * random 1:8, urandom 1:9, tty 5:0, console 5:1.  tty and console are
 * both the console's tty (the only terminal there is, so it is every
 * process's controlling terminal that has one).  random and urandom are
 * core/random.c's generator: not cryptographic, which is fine for what
 * runs here (mktemp names, hash seeds) and nothing may rely on it for keys.
 *
 * hypercalls 240:0 is Proteus's own, not Linux's: major 240 is in the
 * range devices.txt reserves for local use (240-254), so no Linux number
 * is taken and nothing Linux ships will ever expect another device there.
 * It is one read-only register, this CPU's hypercall count since boot
 * (pv_hypercalls(): 0 natively), for benchmarks in user space; its rules
 * are at hypercalls_read.  cpu_idle 240:1, also ours, is the TSC ticks
 * this CPU has spent halted, the same way.
 */
#include "fs.h"
#include "random.h"
#include "pv/ops.h"
#include "clock.h"
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

/*
 * Like Linux's /dev/cpu/N/msr: the offset names the register and the
 * position never moves, so a plain read() at position 0 can be repeated
 * and pread(fd, &v, 8, 0) needs no lseek.  There is one register, at
 * offset 0, 8 bytes little-endian (the CPU's order, so a memcpy is the
 * encoding); any other size or offset is EINVAL rather than a partial or
 * shifted value a benchmark would silently misread.  The count is read
 * at the call, so it includes the hypercalls of this read's own entry;
 * user space subtracts the cost of a read by taking two in a row.
 */
static long counter_read(void *buf, size_t n, const u64 *pos, u64 v)
{
	if (n != sizeof(v) || *pos != 0)
		return -EINVAL;
	memcpy(buf, &v, sizeof(v));
	return (long)sizeof(v);
}

/* Offset 0: every trip; offset 8 * (1 + nr): the trips of hypercall nr. */
static long hypercalls_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	u64 at = *pos, zero = 0;

	(void)f;
	if (at && !(at % 8) && at / 8 - 1 < PV_HYPERCALL_NRS)
		return counter_read(buf, n, &zero, pv_hypercalls_of((unsigned)(at / 8 - 1)));
	return counter_read(buf, n, pos, pv_hypercalls());
}

/* cpu_idle 240:1: the same rules, this CPU's TSC ticks spent halted
 * since boot (clock_idle_tsc). */
static long cpu_idle_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	(void)f;
	return counter_read(buf, n, pos, clock_idle_tsc());
}

/* Root may open the 0444 node for writing, as on Linux; a driver without
 * a write method is EINVAL there too (vfs_write). */
static long hypercalls_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EINVAL;
}

static const struct file_ops null_fops = { .read = null_read, .write = null_write };
static const struct file_ops zero_fops = { .read = zero_read, .write = null_write };
static const struct file_ops full_fops = { .read = zero_read, .write = full_write };
static const struct file_ops random_fops = { .read = random_read, .write = null_write };
static const struct file_ops hypercalls_fops = { .read = hypercalls_read, .write = hypercalls_write };
static const struct file_ops cpu_idle_fops = { .read = cpu_idle_read, .write = hypercalls_write };

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
	{ "hypercalls", 0444, MKDEV(240, 0), &hypercalls_fops },   /* Proteus's own */
	{ "cpu_idle", 0444, MKDEV(240, 1), &cpu_idle_fops },       /* Proteus's own */
};

static struct inode *devfs_dir;

void devfs_build(struct inode *dev)
{
	unsigned i;

	devfs_dir = dev;
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

/* Nodes of devices found after boot join the same directory; the table
 * above stays the list of those that always exist. */
int devfs_add(const char *name, u32 mode, u64 rdev, u64 size, const struct file_ops *fops,
	      void *priv)
{
	struct inode *ino;
	int rc;

	if (!devfs_dir)
		return -ENOENT;
	ino = inode_alloc(&devfs_super, mode);
	if (!ino)
		return -ENOMEM;
	ino->rdev = rdev;
	ino->size = size;
	ino->fops = fops;
	ino->u.priv = priv;
	rc = dir_add(devfs_dir, name, strlen(name), ino);
	inode_put(ino);
	return rc;
}
