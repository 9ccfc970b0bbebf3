/*
 * blockdev_file.c — disks as files: /dev/NAME (S_IFBLK, the disk's
 * numbers) and /dev/disk0 for the first disk, a second node of the same
 * device.  Reads and writes take any offset and length: whole sectors go
 * through a bounce buffer of up to BLK_BOUNCE bytes at a time, and a
 * partial sector at either end is read, patched and written back.
 * st_size is the capacity; BLKGETSIZE64 and BLKSSZGET answer as on Linux;
 * fsync is a flush of the device's write cache.  PROTEUS_BLK_STATS
 * (abi/proteus_blk.h) is our own: what the disk has cost, for benchmarks.
 */
#include "block.h"
#include "kernel/fs/fs.h"
#include "uaccess.h"
#include "mm.h"
#include "printk.h"
#include "errno.h"
#include "pv/ops.h"
#include "abi/proteus_blk.h"
#include <string.h>

#define BLK_BOUNCE (64u * 1024)
#define BLKSSZGET 0x1268u            /* Linux's _IO(0x12, 104) */
#define BLKGETSIZE64 0x80081272u     /* Linux's _IOR(0x12, 114, size_t) */

static struct blockdev *bd_of(struct file *f) { return f->ino->u.priv; }

/* Move n bytes at byte offset pos of bd to or from kbuf. */
static long blk_io(struct blockdev *bd, bool write, u8 *kbuf, size_t n, u64 pos)
{
	u64 cap = bd->nr_sectors * BLK_SECTOR_SIZE, ss = bd->sector_size;
	size_t done = 0;
	u8 *bounce;
	long rc = 0;

	if (pos >= cap)
		return write && n ? -ENOSPC : 0;
	n = (size_t)MIN((u64)n, cap - pos);
	bounce = kmalloc(BLK_BOUNCE);
	if (!bounce)
		return -ENOMEM;
	while (done < n) {
		u64 at = pos + done, start = ALIGN_DOWN(at, ss);
		size_t head = (size_t)(at - start);
		size_t span = (size_t)MIN(ALIGN_UP(head + (n - done), ss), (u64)BLK_BOUNCE);
		size_t take = MIN(span - head, n - done);
		int r;

		if (write) {
			/* Sectors only partly written are read first. */
			if (head || (head + take) % ss) {
				r = blockdev_rw(bd, BLK_READ, start / BLK_SECTOR_SIZE, bounce, span);
				if (r) { rc = r; break; }
			}
			memcpy(bounce + head, kbuf + done, take);
			r = blockdev_rw(bd, BLK_WRITE, start / BLK_SECTOR_SIZE, bounce, span);
		} else {
			r = blockdev_rw(bd, BLK_READ, start / BLK_SECTOR_SIZE, bounce, span);
			if (!r)
				memcpy(kbuf + done, bounce + head, take);
		}
		if (r) { rc = r; break; }
		done += take;
	}
	kfree(bounce);
	return done ? (long)done : rc;
}

static long blk_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	long rc = blk_io(bd_of(f), false, buf, n, *pos);

	if (rc > 0)
		*pos += (u64)rc;
	return rc;
}

static long blk_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	long rc = blk_io(bd_of(f), true, (u8 *)buf, n, *pos);

	if (rc > 0)
		*pos += (u64)rc;
	return rc;
}

static long blk_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	struct blockdev *bd = bd_of(f);
	u64 size = bd->nr_sectors * BLK_SECTOR_SIZE;
	int ss = (int)bd->sector_size;

	if (cmd == BLKGETSIZE64)
		return copy_to_user(arg, &size, sizeof(size)) ? -EFAULT : 0;
	if (cmd == BLKSSZGET)
		return copy_to_user(arg, &ss, sizeof(ss)) ? -EFAULT : 0;
	if (cmd == PROTEUS_BLK_STATS) {
		struct blockdev_stats_drv d = { 0 };
		struct proteus_blk_stats st = { .version = PROTEUS_BLK_ABI_VERSION };
		u64 fl = irq_save();

		if (bd->ops->stats)
			bd->ops->stats(bd, &d);
		st.requests = bd->requests;
		st.errors = bd->errors;
		irq_restore(fl);
		st.notifies = d.notifies;
		st.notifies_suppressed = d.notifies_suppressed;
		st.interrupts = d.interrupts;
		return copy_to_user(arg, &st, sizeof(st)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

static int blk_fsync(struct file *f)
{
	return blockdev_rw(bd_of(f), BLK_FLUSH, 0, NULL, 0);
}

static const struct file_ops blk_fops = {
	.read = blk_read, .write = blk_write, .ioctl = blk_ioctl, .fsync = blk_fsync,
};

int blockdev_register_node(struct blockdev *bd, bool first)
{
	u64 rdev = MKDEV(bd->major, bd->minor), size = bd->nr_sectors * BLK_SECTOR_SIZE;
	u32 mode = S_IFBLK | (bd->readonly ? 0444 : 0660);
	int rc = devfs_add(bd->name, mode, rdev, size, &blk_fops, bd);

	if (!rc && first)
		rc = devfs_add("disk0", mode, rdev, size, &blk_fops, bd);
	if (rc)
		pr_err("blk: %s: no /dev node (%d)\n", bd->name, rc);
	return rc;
}
