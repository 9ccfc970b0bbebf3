/*
 * blkfront_io.c — blkfront's ring: block requests become blkif requests
 * (plain ones of up to 11 segments, BLKIF_OP_INDIRECT ones when the back
 * end offers indirect descriptors), many in flight under ids from a free
 * list; responses come back through the event-channel irq.
 *
 * Nothing the back end writes is believed before it is checked: the
 * response producer index (xen/ring.h), the id (in range and in flight),
 * the operation (the one sent), the status (OKAY, ERROR or EOPNOTSUPP).
 * A bad response is reported and ignored or fails its request with -EIO;
 * the kernel goes on.  Each response is copied out of the shared page
 * once, so the back end cannot change it between check and use.
 *
 * Event suppression: the back end is notified only when the published
 * requests cross its req_event; before the handler returns it sets
 * rsp_event and looks once more (xen_front_ring_final_check).
 * Called with interrupts disabled throughout (submit and the irq).
 */
#include "blkfront.h"
#include "errno.h"
#include "mm.h"
#include "printk.h"
#include "sched.h"
#include <string.h>

int blkfront_io_init(struct blkfront_dev *dev)
{
	unsigned i, n = dev->ring.size;

	dev->shadow = kzalloc(n * sizeof(*dev->shadow));
	if (!dev->shadow)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		dev->shadow[i].next_free = i + 1;
	dev->free_id = 0;
	dev->inflight = 0;
	dev->wait_head = dev->wait_tail = NULL;
	return 0;
}

static unsigned req_pages(const struct blk_req *r)
{
	return (unsigned)((r->len + PAGE_SIZE - 1) / PAGE_SIZE);
}

/*
 * The pages of a request, all or none.  None while grants are short:
 * false, to wait for a completion to give some back; but with nothing in
 * flight no completion will, so the request fails (-ENOMEM) instead of
 * waiting for ever.
 */
static bool take_pages(struct blkfront_dev *dev, struct blk_req *r, unsigned nseg, bool ind,
		       struct blkfront_page **pages, struct blkfront_page **ind_page, bool *failed)
{
	unsigned i;

	*ind_page = NULL;
	for (i = 0; i < nseg; i++)
		if (!(pages[i] = blkfront_page_get(dev, r->op == BLK_WRITE)))
			break;
	if (i == nseg && (!ind || (*ind_page = blkfront_page_get(dev, true))))
		return true;
	while (i--)
		blkfront_page_put(dev, pages[i]);
	*failed = !dev->inflight;
	return false;
}

/* Put r on the ring if there is an id, a slot and pages; false if not yet.
 * True also when r was ended for want of grants (take_pages). */
static bool issue(struct blkfront_dev *dev, struct blk_req *r)
{
	unsigned nseg = r->op == BLK_FLUSH ? 0 : req_pages(r), i;
	bool ind = nseg > XEN_BLKIF_MAX_SEGMENTS_PER_REQUEST;
	bool write = r->op == BLK_WRITE, failed = false;
	struct blkfront_page *pages[BLKFRONT_MAX_INDIRECT_SEGS], *ind_page;
	struct blkfront_shadow *s;
	struct xen_blkif_segment *segs;
	u32 id;

	if (!xen_front_ring_free(&dev->ring) || dev->free_id >= dev->ring.size ||
	    blkfront_pool_available(dev) < nseg + ind)
		return false;
	if (!take_pages(dev, r, nseg, ind, pages, &ind_page, &failed)) {
		if (!failed)
			return false;
		pr_err("blkfront: %s: no grant left for a request; it fails\n", dev->bd.name);
		r->status = -ENOMEM;
		r->done(r);
		return true;
	}
	id = dev->free_id;
	s = &dev->shadow[id];
	dev->free_id = s->next_free;
	s->req = r;
	s->nr_segs = (u16)nseg;
	s->indirect = ind;
	s->op = r->op == BLK_READ ? XEN_BLKIF_OP_READ
		: r->op == BLK_WRITE ? XEN_BLKIF_OP_WRITE : dev->flush_op;
	s->ind_page = ind_page;
	for (i = 0; i < nseg; i++) {
		size_t off = (size_t)i * PAGE_SIZE, n = MIN(r->len - off, PAGE_SIZE);

		s->pages[i] = pages[i];
		if (write)
			memcpy(s->pages[i]->va, (u8 *)r->buf + off, n);
	}
	if (ind) {
		struct xen_blkif_request_indirect *q = xen_front_ring_next_req(&dev->ring);

		segs = (struct xen_blkif_segment *)s->ind_page->va;
		q->operation = XEN_BLKIF_OP_INDIRECT;
		q->indirect_op = s->op;
		q->nr_segments = (u16)nseg;
		q->id = id;
		q->sector_number = r->sector;
		q->handle = dev->handle;
		q->indirect_grefs[0] = s->ind_page->gref;
	} else {
		struct xen_blkif_request *q = xen_front_ring_next_req(&dev->ring);

		q->operation = s->op;
		q->nr_segments = (u8)nseg;
		q->handle = dev->handle;
		q->id = id;
		q->sector_number = r->op == BLK_FLUSH ? 0 : r->sector;
		segs = q->seg;
	}
	for (i = 0; i < nseg; i++) {
		size_t n = MIN(r->len - (size_t)i * PAGE_SIZE, PAGE_SIZE);

		segs[i].gref = s->pages[i]->gref;
		segs[i].first_sect = 0;
		segs[i].last_sect = (u8)(n / XEN_BLKIF_SECTOR_SIZE - 1);
		segs[i]._pad = 0;
	}
	dev->ring.req_prod_pvt++;
	dev->inflight++;
	return true;
}

/* Move waiting requests onto the ring and tell the back end if it asked. */
static void kick(struct blkfront_dev *dev)
{
	bool any = false;

	while (dev->wait_head && !dev->broken && !dev->suspended && issue(dev, dev->wait_head)) {
		dev->wait_head = dev->wait_head->next;
		any = true;
	}
	if (!dev->wait_head)
		dev->wait_tail = NULL;
	if (any && xen_front_ring_push(&dev->ring)) {
		dev->notifies++;
		dev->notify(dev);
	} else if (any) {
		dev->notifies_suppressed++;
	}
}

int blkfront_submit(struct blockdev *bd, struct blk_req *r)
{
	struct blkfront_dev *dev = bd->priv;

	if (dev->broken || bd->gone)
		return -ENODEV;
	if (r->op == BLK_FLUSH) {
		if (!dev->flush_op)
			return -EOPNOTSUPP;
	} else if (r->op != BLK_READ && r->op != BLK_WRITE) {
		return -EINVAL;
	} else if (!r->len || r->len % bd->sector_size || r->len > bd->max_req_bytes ||
		   r->sector + r->len / BLK_SECTOR_SIZE > bd->nr_sectors) {
		return -EINVAL;
	} else if (r->op == BLK_WRITE && bd->readonly) {
		return -EROFS;
	}
	r->next = NULL;
	if (dev->wait_tail)
		dev->wait_tail->next = r;
	else
		dev->wait_head = r;
	dev->wait_tail = r;
	kick(dev);
	return 0;
}

/* Give back r's id and pages and complete it with status. */
static void finish(struct blkfront_dev *dev, u32 id, int status)
{
	struct blkfront_shadow *s = &dev->shadow[id];
	struct blk_req *r = s->req;
	unsigned i;

	for (i = 0; i < s->nr_segs; i++) {
		if (!status && r->op == BLK_READ) {
			size_t off = (size_t)i * PAGE_SIZE;

			memcpy((u8 *)r->buf + off, s->pages[i]->va, MIN(r->len - off, PAGE_SIZE));
		}
		blkfront_page_put(dev, s->pages[i]);
	}
	if (s->ind_page)
		blkfront_page_put(dev, s->ind_page);
	s->req = NULL;
	s->next_free = dev->free_id;
	dev->free_id = id;
	dev->inflight--;
	if (dev->suspended)
		sched_wakeup(&dev->inflight);    /* blkfront_suspend waits for the last one */
	r->status = status;
	r->done(r);
}

static void handle_one(struct blkfront_dev *dev, const struct xen_blkif_response *rsp)
{
	const char *nm = dev->bd.name;
	struct blkfront_shadow *s;
	int status;

	if (rsp->id >= dev->ring.size || !dev->shadow[rsp->id].req) {
		pr_err("blkfront: %s: response id %llu is not a request in flight; ignored\n", nm,
		       (unsigned long long)rsp->id);
		dev->bad_responses++;
		return;
	}
	s = &dev->shadow[rsp->id];
	if (rsp->operation != s->op && !(s->indirect && rsp->operation == XEN_BLKIF_OP_INDIRECT)) {
		pr_err("blkfront: %s: response %llu has operation %u, the request was %u; "
		       "failing it\n", nm, (unsigned long long)rsp->id, rsp->operation, s->op);
		dev->bad_responses++;
		finish(dev, (u32)rsp->id, -EIO);
		return;
	}
	switch (rsp->status) {
	case XEN_BLKIF_RSP_OKAY:
		status = 0;
		break;
	case XEN_BLKIF_RSP_ERROR:
		pr_warn("blkfront: %s: back end reports an I/O error (op %u, sector %llu)\n", nm,
			s->op, (unsigned long long)s->req->sector);
		status = -EIO;
		break;
	case XEN_BLKIF_RSP_EOPNOTSUPP:
		pr_warn("blkfront: %s: back end does not support op %u%s\n", nm, s->op,
			s->req->op == BLK_FLUSH ? "; flushes disabled" : "");
		if (s->req->op == BLK_FLUSH) {
			dev->flush_op = 0;
			dev->bd.can_flush = false;
		}
		status = -EIO;
		break;
	default:
		pr_err("blkfront: %s: response %llu has impossible status %d; failing it\n", nm,
		       (unsigned long long)rsp->id, rsp->status);
		dev->bad_responses++;
		status = -EIO;
	}
	finish(dev, (u32)rsp->id, status);
}

void blkfront_handle_responses(struct blkfront_dev *dev)
{
	int n;

	dev->events++;
	if (dev->broken)
		return;
	do {
		n = xen_front_ring_unconsumed(&dev->ring);
		if (n < 0) {
			pr_err("blkfront: %s: back end's rsp_prod %u runs past the %u requests "
			       "outstanding; device disabled\n", dev->bd.name,
			       dev->ring.sring->rsp_prod, dev->ring.req_prod_pvt - dev->ring.rsp_cons);
			dev->bad_responses++;
			dev->broken = true;
			blkfront_fail_all(dev);
			return;
		}
		while (n-- > 0) {
			struct xen_blkif_response rsp;

			memcpy(&rsp, (const void *)xen_front_ring_rsp(&dev->ring, dev->ring.rsp_cons),
			       sizeof(rsp));
			dev->ring.rsp_cons++;
			dev->responses++;
			handle_one(dev, &rsp);
		}
	} while (xen_front_ring_final_check(&dev->ring));
	if (dev->nr_stuck)
		blkfront_pool_retry_stuck(dev);
	kick(dev);
}

void blkfront_fail_inflight(struct blkfront_dev *dev)
{
	u32 id;

	for (id = 0; id < dev->ring.size; id++)
		if (dev->shadow[id].req)
			finish(dev, id, -EIO);
}

void blkfront_unfreeze(struct blkfront_dev *dev)
{
	struct blk_req **pp = &dev->wait_head, *r;

	dev->wait_tail = NULL;
	while ((r = *pp)) {
		if (r->op == BLK_FLUSH ? !dev->flush_op : r->len > dev->bd.max_req_bytes) {
			*pp = r->next;
			r->status = -EIO;
			r->done(r);
			continue;
		}
		dev->wait_tail = r;
		pp = &r->next;
	}
	dev->suspended = false;
	kick(dev);
}

void blkfront_fail_all(struct blkfront_dev *dev)
{
	struct blk_req *r;

	blkfront_fail_inflight(dev);
	while ((r = dev->wait_head)) {
		dev->wait_head = r->next;
		r->status = -EIO;
		r->done(r);
	}
	dev->wait_tail = NULL;
}

static void blkfront_stats(struct blockdev *bd, struct blockdev_stats_drv *out)
{
	struct blkfront_dev *dev = bd->priv;

	out->notifies = dev->notifies;
	out->notifies_suppressed = dev->notifies_suppressed;
	out->interrupts = dev->events;
}

const struct blockdev_ops blkfront_ops = { .submit = blkfront_submit, .stats = blkfront_stats };
