/*
 * virtio_blk.c — the virtio block device (virtio 1.x, section 5.2) as a
 * blockdev (/dev/vda, vdb, ...), on either transport.
 *
 * One request queue (requestq, 0).  Every request is three parts: the
 * 16-byte header the device reads, the data (read by the device for a
 * write, written for a read; absent for a flush), and one status byte the
 * device writes — one descriptor with INDIRECT_DESC, else three.  The
 * header and status live in a per-request command slot, VBLK_CMDS of
 * them; a request that finds no slot or no room in the ring waits on a
 * FIFO and goes out when a completion frees one, so submit never refuses
 * for being busy (blockdev.h's contract).
 *
 * The data of a blk_req is physically contiguous (blockdev.h), but the
 * device may bound a segment (SIZE_MAX) and the segments per request
 * (SEG_MAX); max_req_bytes is chosen so a request always fits both.
 *
 * The device is not trusted: a completion naming no command in flight,
 * or with no status byte written, is counted and ends its request with
 * -EIO, as does any status other than OK.
 */
#include "virtio.h"
#include "blockdev.h"
#include "errno.h"
#include "mm.h"
#include "printk.h"
#include "pv/ops.h"
#include "lib/fmt.h"
#include <string.h>

#define VBLK_CMDS 32
#define VBLK_MAX_SEGS 16             /* data parts of one request */
#define VBLK_REQ_MAX (128u * 1024)   /* our own bound on one request */

struct vblk_cmd {
	struct virtio_blk_req_hdr hdr;
	u8 status;
	struct blk_req *r;               /* NULL: the slot is free */
};

struct vblk {
	struct virtio_dev *dev;
	struct virtqueue *vq;
	struct blockdev bd;
	struct vblk_cmd *cmds;           /* VBLK_CMDS, one allocation */
	u32 seg_bytes;                   /* the largest data part: SIZE_MAX or unbounded */
	unsigned max_segs;
	struct blk_req *wait_head, *wait_tail;
	u64 bad, waited;
};

static unsigned vblk_count;

static struct vblk_cmd *cmd_get(struct vblk *v)
{
	unsigned i;

	for (i = 0; i < VBLK_CMDS; i++)
		if (!v->cmds[i].r)
			return &v->cmds[i];
	return NULL;
}

/* Post r in slot c: 0, or -ENOSPC when the ring is full (nothing posted). */
static int vblk_post(struct vblk *v, struct vblk_cmd *c, struct blk_req *r)
{
	struct virtq_sg sg[VBLK_MAX_SEGS + 2];
	unsigned n = 0, nout;
	size_t off;
	int rc;

	c->hdr.type = r->op == BLK_READ ? VIRTIO_BLK_T_IN
		    : r->op == BLK_WRITE ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_FLUSH;
	c->hdr.reserved = 0;
	c->hdr.sector = r->sector;
	c->status = 0xff;                /* not a status the device may write */
	sg[n++] = (struct virtq_sg){ &c->hdr, sizeof(c->hdr) };
	for (off = 0; off < r->len; off += v->seg_bytes)
		sg[n++] = (struct virtq_sg){ (u8 *)r->buf + off, (u32)MIN(r->len - off, (size_t)v->seg_bytes) };
	nout = r->op == BLK_READ ? 1 : n;
	sg[n++] = (struct virtq_sg){ &c->status, 1 };
	rc = virtq_add(v->vq, sg, nout, n - nout, c);
	if (rc)
		return rc;
	c->r = r;
	return 0;
}

static void wait_push(struct vblk *v, struct blk_req *r)
{
	r->next = NULL;
	if (v->wait_tail)
		v->wait_tail->next = r;
	else
		v->wait_head = r;
	v->wait_tail = r;
	v->waited++;
}

/* Move waiting requests to the ring while there is room; true if any went. */
static bool wait_drain(struct vblk *v)
{
	bool posted = false;
	struct vblk_cmd *c;

	while (v->wait_head && (c = cmd_get(v)) && !vblk_post(v, c, v->wait_head)) {
		v->wait_head = v->wait_head->next;
		if (!v->wait_head)
			v->wait_tail = NULL;
		posted = true;
	}
	return posted;
}

static void vblk_end(struct blk_req *r, int status)
{
	r->status = status;
	r->done(r);
}

static void vblk_complete(struct vblk *v, struct vblk_cmd *c, u32 len)
{
	struct blk_req *r = c->r;
	int status = 0;

	c->r = NULL;
	if (!len || c->status != VIRTIO_BLK_S_OK) {
		if (!v->bad++ || c->status != VIRTIO_BLK_S_IOERR)
			pr_err("virtio-blk: %s: request at sector %llu ended with status %u (used %u)\n",
			       v->bd.name, (unsigned long long)r->sector, c->status, len);
		status = -EIO;
	}
	vblk_end(r, status);
}

/* requestq's callback, in the interrupt handler. */
static void vblk_done(struct virtqueue *vq)
{
	struct vblk *v = vq->priv;
	struct vblk_cmd *c;
	u32 len;

	do {
		virtq_disable_cb(vq);
		while ((c = virtq_get_used(vq, &len))) {
			if (c < v->cmds || c >= v->cmds + VBLK_CMDS || !c->r) {
				v->bad++;
				continue;
			}
			vblk_complete(v, c, len);
		}
		if (wait_drain(v))
			virtq_kick(vq);
	} while (!virtq_enable_cb(vq));
}

static int vblk_submit(struct blockdev *bd, struct blk_req *r)
{
	struct vblk *v = bd->priv;
	struct vblk_cmd *c;

	if (v->vq->broken)
		return -ENODEV;
	if (r->len > bd->max_req_bytes || (r->op == BLK_FLUSH && !bd->can_flush))
		return -EINVAL;
	if (v->wait_head || !(c = cmd_get(v)) || vblk_post(v, c, r)) {
		wait_push(v, r);
		return 0;
	}
	virtq_kick(v->vq);
	return 0;
}

static void vblk_stats(struct blockdev *bd, struct blockdev_stats_drv *out)
{
	struct vblk *v = bd->priv;

	out->notifies = v->vq->kicks;
	out->notifies_suppressed = v->vq->kicks_suppressed;
	out->interrupts = v->vq->interrupts;
}

static const struct blockdev_ops vblk_ops = { .submit = vblk_submit, .stats = vblk_stats };

/* The limits the device states, and ours: how long one request may be. */
static void vblk_limits(struct vblk *v)
{
	struct virtio_dev *d = v->dev;
	u32 size_max = 0, seg_max = 0;

	if (virtio_has(d, VIRTIO_BLK_F_SIZE_MAX))
		size_max = (u32)virtio_config_read(d, VIRTIO_BLK_CFG_SIZE_MAX, 4);
	if (virtio_has(d, VIRTIO_BLK_F_SEG_MAX))
		seg_max = (u32)virtio_config_read(d, VIRTIO_BLK_CFG_SEG_MAX, 4);
	/* A size_max below a sector would make no request possible: ignore it. */
	v->seg_bytes = size_max >= v->bd.sector_size ? ALIGN_DOWN(size_max, v->bd.sector_size)
						      : VBLK_REQ_MAX;
	v->max_segs = seg_max ? MIN(seg_max, (u32)VBLK_MAX_SEGS) : VBLK_MAX_SEGS;
	/* Without indirect descriptors every part is a ring entry. */
	if (!v->vq->indirect)
		v->max_segs = MIN(v->max_segs, (unsigned)v->vq->size - 2);
	v->bd.max_req_bytes = (u32)MIN((u64)v->seg_bytes * v->max_segs, (u64)VBLK_REQ_MAX);
	v->bd.max_req_bytes = ALIGN_DOWN(v->bd.max_req_bytes, v->bd.sector_size);
}

static void vblk_config_changed(struct virtio_dev *d)
{
	struct vblk *v = d->priv;
	u64 cap = virtio_config_read(d, VIRTIO_BLK_CFG_CAPACITY, 8);

	if (v && cap != v->bd.nr_sectors) {
		pr_info("virtio-blk: %s: capacity now %llu sectors\n", v->bd.name,
			(unsigned long long)cap);
		v->bd.nr_sectors = cap;
	}
}

/* A probe that fails leaves nothing behind: the core then sets FAILED,
 * resets the device and frees its queues; no request was ever posted, so
 * the device never saw our command slots. */
static int vblk_fail(struct virtio_dev *d, struct vblk *v, int rc)
{
	d->priv = NULL;
	kfree(v->cmds);
	kfree(v);
	return rc;
}

static int vblk_probe(struct virtio_dev *d)
{
	struct vblk *v = kzalloc(sizeof(*v));
	int rc;

	if (!v)
		return -ENOMEM;
	v->cmds = kzalloc(VBLK_CMDS * sizeof(*v->cmds));
	if (!v->cmds)
		return vblk_fail(d, v, -ENOMEM);
	v->dev = d;
	fmt_snprintf(v->bd.name, sizeof(v->bd.name), "vd%c", 'a' + (int)(vblk_count % 26));
	v->bd.nr_sectors = virtio_config_read(d, VIRTIO_BLK_CFG_CAPACITY, 8);
	v->bd.sector_size = BLK_SECTOR_SIZE;
	if (virtio_has(d, VIRTIO_BLK_F_BLK_SIZE)) {
		u32 bs = (u32)virtio_config_read(d, VIRTIO_BLK_CFG_BLK_SIZE, 4);
		if (bs >= BLK_SECTOR_SIZE && bs <= 65536 && !(bs & (bs - 1)))
			v->bd.sector_size = bs;
		else
			pr_err("virtio-blk: %s: block size %u makes no sense; using 512\n", d->name, bs);
	}
	v->bd.readonly = virtio_has(d, VIRTIO_BLK_F_RO);
	v->bd.can_flush = virtio_has(d, VIRTIO_BLK_F_FLUSH);
	v->bd.ops = &vblk_ops;
	v->bd.priv = v;
	v->vq = virtio_vq_create(d, 0, 128, vblk_done, v);
	if (!v->vq)
		return vblk_fail(d, v, -EIO);
	vblk_limits(v);
	/* Registered before DRIVER_OK: a disk the layer refuses is never live. */
	rc = blockdev_register(&v->bd);
	if (rc == -EEXIST || rc == -EINVAL) {
		pr_err("virtio-blk: %s: blockdev_register: %d\n", d->name, rc);
		return vblk_fail(d, v, rc);
	}
	if (rc) {
		/* Listed but gone: the layer may still name v, which stays. */
		pr_err("virtio-blk: %s: no /dev node (%d); the disk is unusable\n", d->name, rc);
		d->priv = NULL;
		return rc;
	}
	d->priv = v;
	virtio_ready(d);
	vblk_count++;
	return 0;
}

static const struct virtio_driver vblk_driver = {
	.name = "virtio-blk",
	.type = VIRTIO_ID_BLOCK,
	.features = (1ull << VIRTIO_BLK_F_SIZE_MAX) | (1ull << VIRTIO_BLK_F_SEG_MAX) |
		    (1ull << VIRTIO_BLK_F_RO) | (1ull << VIRTIO_BLK_F_BLK_SIZE) |
		    (1ull << VIRTIO_BLK_F_FLUSH),
	.probe = vblk_probe,
	.config_changed = vblk_config_changed,
};
VIRTIO_DRIVER(vblk_driver);
