/*
 * blkfront_xenbus.c — blkfront on xenbus: the handshake with blkback
 * (Xen's public io/blkif.h, "Backend/Frontend XenBus Nodes"), then the
 * disk registered with the block layer as /dev/xvdX.
 *
 *   back end InitWait   it has written max-ring-page-order (optional)
 *   we                  grant the ring's pages, allocate an event channel
 *                       bound to the back end's domain, write ring-ref
 *                       (or ring-page-order + ring-refN), event-channel,
 *                       protocol and feature-persistent; go Initialised
 *   back end Connected  it has written sectors (512-byte units, whatever
 *                       the sector size), sector-size, info and features
 *   we                  check them, go Connected, register the disk
 *
 * Values the back end writes are checked: a ring order beyond anything
 * sane, a capacity that is not a number, a sector size that is not a
 * power of two of at least 512 — each is reported and the device left
 * alone (state Closed).  A back end that closes later makes the disk
 * vanish: requests fail with -EIO/-ENODEV, the kernel goes on.
 */
#include "blkfront.h"
#include "xen/platform.h"
#include "xen/xenbus.h"
#include "errno.h"
#include "irq.h"
#include "mm.h"
#include "printk.h"
#include "lib/fmt.h"
#include <string.h>

#define BLKFRONT_ORDER_SANE 16u                    /* above: the key is garbage */

void blkfront_evtchn_notify(struct blkfront_dev *dev)
{
	xen_evtchn_send(dev->evtchn);
}

void blkfront_irq(unsigned irq, void *arg)
{
	(void)irq;
	blkfront_handle_responses(arg);
}

/* Linux's naming (Documentation/admin-guide/devices.txt, major 202): the
 * virtual device number is major << 8 | minor, 16 minors per disk. */
static bool vdev_name(u32 vdev, struct blockdev *bd)
{
	unsigned major = vdev >> 8, disk = (vdev & 0xff) >> 4;

	if ((vdev & (1u << 28)) || major != XEN_BLKIF_XVD_MAJOR || disk >= 26 || (vdev & 15))
		return false;
	fmt_snprintf(bd->name, sizeof(bd->name), "xvd%c", 'a' + disk);
	bd->major = XEN_BLKIF_XVD_MAJOR;
	bd->minor = disk * 16;
	return true;
}

unsigned blkfront_pick_ring_order(struct blkfront_xb *b, int *err)
{
	u64 max = 0;
	int rc = xenbus_read_backend_u64(b->xd, "max-ring-page-order", &max);

	*err = 0;
	if (rc == -ENOENT)
		return 0;
	if (rc) {
		*err = rc;
		return 0;
	}
	if (max > BLKFRONT_ORDER_SANE) {
		pr_err("blkfront: %s offers max-ring-page-order %llu, which no ring can have\n",
		       b->xd->otherend, (unsigned long long)max);
		*err = -EINVAL;
		return 0;
	}
	return (unsigned)MIN(max, BLKFRONT_MAX_RING_ORDER);
}

/* The ring's pages, empty, granted to the back end. */
int blkfront_ring_grant(struct blkfront_xb *b)
{
	struct blkfront_dev *dev = &b->dev;
	unsigned i, n = 1u << dev->ring_order;

	xen_sring_init(dev->ring_va, (size_t)n * PAGE_SIZE);
	xen_front_ring_attach(&dev->ring, dev->ring_va, (size_t)n * PAGE_SIZE,
			      sizeof(union xen_blkif_ring_entry));
	for (i = 0; i < n; i++) {
		b->ring_ref[i] = xen_grant_access(dev->backend_id,
						  xen_pfn_to_gfn((b->ring_pa >> PAGE_SHIFT) + i), false);
		if (b->ring_ref[i] == XEN_GRANT_REF_NONE)
			return -ENOSPC;
		b->nr_ring_refs = i + 1;
	}
	return 0;
}

static int alloc_ring(struct blkfront_xb *b, unsigned order)
{
	struct blkfront_dev *dev = &b->dev;
	unsigned n = 1u << order;
	int rc;

	b->ring_pa = n == 1 ? frame_alloc() : frame_alloc_contig(n);
	if (!b->ring_pa)
		return -ENOMEM;
	dev->ring_va = phys_to_virt(b->ring_pa);
	dev->ring_order = order;
	rc = blkfront_ring_grant(b);
	if (rc)
		return rc;
	rc = xenbus_alloc_evtchn(b->xd, &dev->evtchn, &b->irq, "blkfront");
	if (rc)
		return rc;
	dev->notify = blkfront_evtchn_notify;
	return blkfront_io_init(dev);
}

int blkfront_write_front_keys(struct blkfront_xb *b)
{
	static char refkey[BLKFRONT_MAX_RING_PAGES][16];
	char refs[BLKFRONT_MAX_RING_PAGES][12], order[12], evtchn[12];
	struct xenbus_key keys[BLKFRONT_MAX_RING_PAGES + 5];
	unsigned i, n = 0;

	if (b->nr_ring_refs == 1) {
		fmt_snprintf(refs[0], sizeof(refs[0]), "%u", b->ring_ref[0]);
		keys[n++] = (struct xenbus_key){ "ring-ref", refs[0] };
	} else {
		fmt_snprintf(order, sizeof(order), "%u", b->dev.ring_order);
		keys[n++] = (struct xenbus_key){ "ring-page-order", order };
		for (i = 0; i < b->nr_ring_refs; i++) {
			fmt_snprintf(refkey[i], sizeof(refkey[i]), "ring-ref%u", i);
			fmt_snprintf(refs[i], sizeof(refs[i]), "%u", b->ring_ref[i]);
			keys[n++] = (struct xenbus_key){ refkey[i], refs[i] };
		}
	}
	fmt_snprintf(evtchn, sizeof(evtchn), "%u", b->dev.evtchn);
	keys[n++] = (struct xenbus_key){ "event-channel", evtchn };
	keys[n++] = (struct xenbus_key){ "protocol", XEN_BLKIF_PROTOCOL_X86_64 };
	keys[n++] = (struct xenbus_key){ "feature-persistent", "1" };
	return xenbus_write_keys(b->xd, keys, n) ? -EIO : 0;
}

/* The disk's geometry and features, once the back end is Connected. */
int blkfront_read_disk(struct blkfront_xb *b)
{
	struct blkfront_dev *dev = &b->dev;
	struct xenbus_device *xd = b->xd;
	u64 sectors, ssize = 512, info = 0, ind = 0;
	int rc;

	rc = xenbus_read_backend_u64(xd, "sectors", &sectors);
	if (rc) {
		pr_err("blkfront: %s/sectors unreadable (%d)\n", xd->otherend, rc);
		return rc;
	}
	rc = xenbus_read_backend_u64(xd, "sector-size", &ssize);
	if (rc && rc != -ENOENT)
		return rc;
	if (ssize < 512 || ssize > 65536 || (ssize & (ssize - 1))) {
		pr_err("blkfront: %s/sector-size %llu is not a power of two from 512 to 64 KiB\n",
		       xd->otherend, (unsigned long long)ssize);
		return -EINVAL;
	}
	if (!sectors || sectors % (ssize / 512)) {
		pr_err("blkfront: %s/sectors %llu is no whole number of %llu-byte sectors\n",
		       xd->otherend, (unsigned long long)sectors, (unsigned long long)ssize);
		return -EINVAL;
	}
	rc = xenbus_read_backend_u64(xd, "info", &info);
	if (rc && rc != -ENOENT)
		return rc;
	if (xenbus_read_backend_u64(xd, "feature-max-indirect-segments", &ind))
		ind = 0;
	dev->persistent = xenbus_backend_feature(xd, "feature-persistent");
	dev->flush_op = xenbus_backend_feature(xd, "feature-flush-cache") ? XEN_BLKIF_OP_FLUSH_DISKCACHE
		      : xenbus_backend_feature(xd, "feature-barrier") ? XEN_BLKIF_OP_WRITE_BARRIER : 0;
	dev->indirect = ind > XEN_BLKIF_MAX_SEGMENTS_PER_REQUEST;
	dev->max_segs = dev->indirect ? (unsigned)MIN(ind, BLKFRONT_MAX_INDIRECT_SEGS)
		      : XEN_BLKIF_MAX_SEGMENTS_PER_REQUEST;
	dev->bd.sector_size = (u32)ssize;
	dev->bd.nr_sectors = sectors;
	dev->bd.readonly = (info & XEN_VDISK_READONLY) != 0;
	dev->bd.can_flush = dev->flush_op != 0;
	dev->bd.max_req_bytes = dev->max_segs * PAGE_SIZE;
	dev->bd.ops = &blkfront_ops;
	dev->bd.priv = dev;
	return 0;
}

static void release(struct blkfront_xb *b)
{
	unsigned i;
	bool all = true;

	if (b->dev.evtchn)
		xen_evtchn_close(b->dev.evtchn);
	for (i = 0; i < b->nr_ring_refs; i++)
		all &= xen_grant_end(b->ring_ref[i]);
	/* A ring whose grant the back end still holds is never reused. */
	if (all && b->ring_pa && b->nr_ring_refs == 1)
		frame_free(b->ring_pa);
	if (b->dev.shadow)
		kfree(b->dev.shadow);
	if (all)
		kfree(b);
}

static int blkfront_probe(struct xenbus_device *xd)
{
	struct blkfront_xb *b = kzalloc(sizeof(*b));
	struct blkfront_dev *dev;
	unsigned order;
	int rc, s;

	if (!b)
		return -ENOMEM;
	b->xd = xd;
	b->irq = IRQ_NONE;
	dev = &b->dev;
	dev->backend_id = xd->otherend_id;
	dev->handle = (u16)xd->id;
	if (!vdev_name(xd->id, &dev->bd)) {
		pr_err("blkfront: %s: virtual device %u is not an xvd disk we can name\n",
		       xd->nodename, xd->id);
		kfree(b);
		return -EINVAL;
	}
	s = xenbus_wait_backend(xd, XENBUS_INITWAIT, BLKFRONT_CONNECT_NS);
	if (s != XENBUS_INITWAIT && s != XENBUS_CONNECTED) {
		rc = s < 0 ? s : -EIO;
		goto fail;
	}
	order = blkfront_pick_ring_order(b, &rc);
	if (rc)
		goto fail;
	rc = alloc_ring(b, order);
	if (!rc)
		rc = blkfront_write_front_keys(b);
	if (!rc)
		rc = xenbus_switch_state(xd, XENBUS_INITIALISED);
	if (rc)
		goto fail;
	s = xenbus_wait_backend(xd, XENBUS_CONNECTED, BLKFRONT_CONNECT_NS);
	if (s != XENBUS_CONNECTED) {
		if (s >= 0)
			pr_err("blkfront: %s: back end went %s instead of Connected\n", xd->nodename,
			       xenbus_state_name((unsigned)s));
		rc = s < 0 ? s : -EIO;
		goto fail;
	}
	rc = blkfront_read_disk(b);
	if (rc)
		goto fail;
	rc = irq_request((unsigned)b->irq, blkfront_irq, dev);
	if (!rc)
		rc = xenbus_switch_state(xd, XENBUS_CONNECTED);
	if (rc)
		goto fail;
	rc = blockdev_register(&dev->bd);
	if (rc == -EEXIST || rc == -EINVAL)
		goto fail;
	xd->priv = b;
	if (rc) {
		/* Listed but gone (blockdev.h): the layer may still name dev, which stays. */
		pr_err("blkfront: %s: no /dev node (%d); the disk is unusable\n", dev->bd.name, rc);
		dev->broken = true;
		return rc;
	}
	pr_info("blkfront: %s: %llu sectors of %u bytes%s, ring of %u page(s), %u segments per "
		"request%s%s%s\n", dev->bd.name, (unsigned long long)dev->bd.nr_sectors,
		dev->bd.sector_size, dev->bd.readonly ? ", read-only" : "", b->nr_ring_refs,
		dev->max_segs, dev->indirect ? " (indirect)" : "", dev->persistent ? ", persistent" : "",
		dev->flush_op ? ", flush" : "");
	return 0;
fail:
	if (b->irq != IRQ_NONE)
		irq_release((unsigned)b->irq);   /* the handler must not outlive b */
	release(b);
	return rc;
}

/* Interrupt context. */
static void blkfront_backend_changed(struct xenbus_device *xd, enum xenbus_state s)
{
	struct blkfront_xb *b = xd->priv;

	/* While suspended the old back end may close and the new one goes
	 * through the handshake: blkfront_resume is watching. */
	if (!b || s < XENBUS_CLOSING || b->dev.broken || b->dev.suspended)
		return;
	pr_warn("blkfront: %s: back end %s is %s: the disk is gone\n", b->dev.bd.name,
		xd->otherend, xenbus_state_name(s));
	blkfront_gone(b);
	xenbus_close_async(xd);
}

void blkfront_gone(struct blkfront_xb *b)
{
	b->dev.broken = true;
	blockdev_unregister(&b->dev.bd);
	blkfront_fail_all(&b->dev);
}

static const struct xenbus_driver blkfront_driver = {
	.type = "vbd", .probe = blkfront_probe, .backend_changed = blkfront_backend_changed,
	.suspend = blkfront_suspend, .resume = blkfront_resume,
};
XENBUS_DRIVER(blkfront_driver);
