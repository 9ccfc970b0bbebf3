/*
 * blkfront_suspend.c — the disk across `xl save` / `xl restore`.
 *
 * Suspend lets nothing new onto the ring and waits for the back end to
 * answer what is on it, so no request is half done when the memory is
 * copied out.  Requests submitted meanwhile wait in the driver's queue.
 *
 * If the save was cancelled, the same back end is still connected: the
 * queue just moves again.  In a restored domain it is a new back end
 * (blkback for the new domain id) with nothing of ours: the old event
 * channel and every grant are gone.  The pages stay — the ring's, the
 * pool's — and are granted again; the handshake runs as at probe time,
 * reusing the ring's order and the irq (bound to the new channel); the
 * disk must come back with the size and sector size it had, since the
 * block layer and open files know it by those.  Then the queue moves.
 * Linux's blkfront (blkfront_resume, blkif_recover) re-queues what was
 * in flight instead of waiting; waiting is simpler and loses nothing.
 */
#include "blkfront.h"
#include "xen/platform.h"
#include "xen/xenbus.h"
#include "clock.h"
#include "errno.h"
#include "pv/ops.h"
#include "printk.h"
#include "sched.h"

#define BLKFRONT_SUSPEND_NS (30 * 1000000000ull)

void blkfront_suspend(struct xenbus_device *xd)
{
	struct blkfront_xb *b = xd->priv;
	struct blkfront_dev *dev = b ? &b->dev : NULL;
	u64 fl, deadline = clock_ns() + BLKFRONT_SUSPEND_NS;

	if (!dev || dev->broken)
		return;
	fl = irq_save();
	dev->suspended = true;
	while (dev->inflight && !dev->broken && clock_ns() < deadline)
		sched_sleep_until(&dev->inflight, deadline);
	if (dev->inflight)
		pr_err("blkfront: %s: %u request(s) unanswered at the suspend; "
		       "after a restore they fail\n", dev->bd.name, dev->inflight);
	irq_restore(fl);
}

/* Everything the old domain's Xen held for us is gone; forget it without
 * closing anything (the port numbers now name other channels). */
static void forget_old_domain(struct blkfront_xb *b)
{
	struct blkfront_dev *dev = &b->dev;
	unsigned i;

	dev->evtchn = 0;
	for (i = 0; i < b->nr_ring_refs; i++)
		if (!xen_grant_end(b->ring_ref[i]))
			pr_err("blkfront: %s: ring grant %u survived the restore\n", dev->bd.name,
			       b->ring_ref[i]);
	b->nr_ring_refs = 0;
	blkfront_fail_inflight(dev);
	blkfront_pool_ungrant_all(dev);
}

static int reconnect(struct blkfront_xb *b)
{
	struct blkfront_dev *dev = &b->dev;
	struct xenbus_device *xd = b->xd;
	u64 sectors = dev->bd.nr_sectors, fl;
	u32 ssize = dev->bd.sector_size;
	unsigned order;
	int rc, s;

	if (xd->gone)
		return -ENODEV;
	dev->backend_id = xd->otherend_id;
	s = xenbus_wait_backend(xd, XENBUS_INITWAIT, BLKFRONT_CONNECT_NS);
	if (s != XENBUS_INITWAIT && s != XENBUS_CONNECTED)
		return s < 0 ? s : -EIO;
	order = blkfront_pick_ring_order(b, &rc);
	if (rc)
		return rc;
	if (order < dev->ring_order) {
		pr_err("blkfront: %s: the new back end takes rings of order %u, ours is %u\n",
		       dev->bd.name, order, dev->ring_order);
		return -EINVAL;
	}
	fl = irq_save();
	rc = blkfront_ring_grant(b);
	irq_restore(fl);
	if (rc)
		return rc;
	rc = xenbus_realloc_evtchn(xd, &dev->evtchn, b->irq, "blkfront");
	if (rc)
		return rc;
	rc = blkfront_write_front_keys(b);
	if (!rc)
		rc = xenbus_switch_state(xd, XENBUS_INITIALISED);
	if (rc)
		return rc;
	s = xenbus_wait_backend(xd, XENBUS_CONNECTED, BLKFRONT_CONNECT_NS);
	if (s != XENBUS_CONNECTED)
		return s < 0 ? s : -EIO;
	rc = blkfront_read_disk(b);
	if (rc)
		return rc;
	if (dev->bd.nr_sectors != sectors || dev->bd.sector_size != ssize) {
		pr_err("blkfront: %s: the disk came back with %llu sectors of %u bytes, not %llu of "
		       "%u\n", dev->bd.name, (unsigned long long)dev->bd.nr_sectors,
		       dev->bd.sector_size, (unsigned long long)sectors, ssize);
		return -EINVAL;
	}
	return xenbus_switch_state(xd, XENBUS_CONNECTED);
}

void blkfront_resume(struct xenbus_device *xd, bool new_domain)
{
	struct blkfront_xb *b = xd->priv;
	int rc = 0;
	u64 fl;

	if (!b || b->dev.broken)
		return;
	if (new_domain) {
		fl = irq_save();
		forget_old_domain(b);
		irq_restore(fl);
		rc = reconnect(b);
	}
	fl = irq_save();
	if (rc) {
		pr_err("blkfront: %s: no back end after the restore (%d): the disk is gone\n",
		       b->dev.bd.name, rc);
		b->dev.suspended = false;
		blkfront_gone(b);
	} else {
		blkfront_unfreeze(&b->dev);
	}
	irq_restore(fl);
	if (rc)
		xenbus_switch_state(xd, XENBUS_CLOSED);
	else if (new_domain)
		pr_info("blkfront: %s: reconnected to %s\n", b->dev.bd.name, xd->otherend);
}
