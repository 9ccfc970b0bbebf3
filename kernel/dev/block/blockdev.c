/*
 * blockdev.c — the block layer's core (blockdev.h): the list of disks and
 * blockdev_rw, which cuts a transfer into requests of at most the
 * driver's max_req_bytes, keeps up to BLK_INFLIGHT of them at the driver
 * at once, and sleeps until the last is done.  Completions may come from
 * an interrupt handler, so the count of outstanding requests is changed
 * with interrupts off and the sleep follows sched.h's rule.
 */
#include "block.h"
#include "sched.h"
#include "pv/ops.h"
#include "printk.h"
#include "errno.h"
#include <string.h>

#define BLK_INFLIGHT 8

static struct blockdev *disks;
static unsigned nr_disks;

struct rw_ctx {
	struct blk_req reqs[BLK_INFLIGHT];
	u32 busy;                    /* bit i: reqs[i] is the driver's */
	unsigned pending;
	int status;
};

int blockdev_register(struct blockdev *bd)
{
	struct blockdev **p;
	bool first = !disks;
	int rc;

	if (!bd->name[0] || !bd->ops || !bd->ops->submit || bd->sector_size < BLK_SECTOR_SIZE ||
	    (bd->sector_size & (bd->sector_size - 1)) || bd->max_req_bytes < bd->sector_size)
		return -EINVAL;
	if (blockdev_find(bd->name))
		return -EEXIST;
	bd->next = NULL;
	bd->gone = false;
	for (p = &disks; *p; p = &(*p)->next)
		;
	*p = bd;
	if (!bd->major) {
		bd->major = 254;
		bd->minor = nr_disks * 16;
	}
	nr_disks++;
	pr_info("blk: %s: %llu sectors (%llu MiB), %u-byte blocks%s%s, requests up to %u KiB\n",
		bd->name, (unsigned long long)bd->nr_sectors,
		(unsigned long long)(bd->nr_sectors >> 11), bd->sector_size,
		bd->readonly ? ", read-only" : "", bd->can_flush ? ", write cache" : "",
		bd->max_req_bytes / 1024);
	rc = blockdev_register_node(bd, first);
	/* The disk stays listed (a node may name it) but takes no request. */
	if (rc)
		bd->gone = true;
	return rc;
}

void blockdev_unregister(struct blockdev *bd)
{
	bd->gone = true;
}

struct blockdev *blockdev_find(const char *name)
{
	struct blockdev *bd;

	for (bd = disks; bd; bd = bd->next)
		if (!strcmp(bd->name, name))
			return bd;
	return NULL;
}

struct blockdev *blockdev_first(void)
{
	return disks;
}

static void rw_done(struct blk_req *r)
{
	struct rw_ctx *c = r->priv;

	if (r->status && !c->status)
		c->status = r->status;
	c->busy &= ~(1u << (r - c->reqs));
	c->pending--;
	sched_wakeup(c);
}

int blockdev_rw(struct blockdev *bd, enum blk_op op, u64 sector, void *buf, size_t len)
{
	struct rw_ctx c = { .pending = 0 };
	u64 flags, spb = bd->sector_size / BLK_SECTOR_SIZE;
	size_t done = 0, chunk_max = ALIGN_DOWN(bd->max_req_bytes, bd->sector_size);
	unsigned slot;
	int rc = 0;

	if (bd->gone)
		return -ENODEV;
	if (op == BLK_WRITE && bd->readonly)
		return -EROFS;
	if (op != BLK_FLUSH && (len % bd->sector_size || sector % spb ||
				sector + len / BLK_SECTOR_SIZE > bd->nr_sectors))
		return -EINVAL;
	if (op == BLK_FLUSH && !bd->can_flush)
		return 0;
	flags = irq_save();
	do {
		size_t n = MIN(len - done, chunk_max);
		struct blk_req *r;

		while (c.pending == BLK_INFLIGHT)
			sched_sleep_uninterruptible(&c);
		for (slot = 0; c.busy & (1u << slot); slot++)
			;
		r = &c.reqs[slot];
		*r = (struct blk_req){ .op = op, .sector = op == BLK_FLUSH ? 0 : sector + done / BLK_SECTOR_SIZE,
				       .buf = (u8 *)buf + done, .len = op == BLK_FLUSH ? 0 : n,
				       .done = rw_done, .priv = &c };
		c.pending++;
		c.busy |= 1u << slot;
		bd->requests++;
		rc = bd->ops->submit(bd, r);
		if (rc) {
			c.pending--;
			c.busy &= ~(1u << slot);
			if (!c.status)
				c.status = rc;
			break;
		}
		done += n;
	} while (done < len && !c.status);
	while (c.pending)
		sched_sleep_uninterruptible(&c);
	irq_restore(flags);
	if (c.status) {
		bd->errors++;
		return c.status;
	}
	if (op == BLK_READ)
		bd->reads++;
	else if (op == BLK_WRITE)
		bd->writes++;
	else
		bd->flushes++;
	return 0;
}

int blockdev_sync_all(void)
{
	struct blockdev *bd;
	int rc = 0, r;

	for (bd = disks; bd; bd = bd->next)
		if (!bd->gone && !bd->readonly && (r = blockdev_rw(bd, BLK_FLUSH, 0, NULL, 0)) && !rc)
			rc = r;
	return rc;
}
