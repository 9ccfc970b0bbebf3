/*
 * test_blkfront_ring.c — blkfront against a back end simulated in memory:
 * the test plays blkback on the same shared page, answering with bad ids,
 * impossible statuses and operations, a runaway producer index, and
 * checks the front end reports each, goes on, and ends every grant it
 * made.  Also: indirect requests, persistent grants, event suppression,
 * and a grant the "back end" keeps mapped is not reused.
 */
#include "xen/testing.h"
#include "../blkfront/blkfront.h"
#include "errno.h"
#include "mm.h"

struct bf_test {
	struct blkfront_dev dev;
	struct xen_back_ring back;
	u64 ring_pa;
	unsigned notified;
};

static void bf_notify(struct blkfront_dev *dev)
{
	((struct bf_test *)dev)->notified++;
}

static void bf_done(struct blk_req *r)
{
	*(int *)r->priv = r->status == 0 ? 1 : r->status;
}

static bool bf_setup(struct ktest_ctx *t, struct bf_test *b, bool persistent)
{
	memset(b, 0, sizeof(*b));
	if (!xen_ktest_applies(t))
		return false;
	b->ring_pa = frame_alloc();
	if (!b->ring_pa)
		return false;
	xen_sring_init(phys_to_virt(b->ring_pa), PAGE_SIZE);
	xen_front_ring_attach(&b->dev.ring, phys_to_virt(b->ring_pa), PAGE_SIZE,
			      sizeof(union xen_blkif_ring_entry));
	xen_back_ring_attach(&b->back, phys_to_virt(b->ring_pa), PAGE_SIZE,
			     sizeof(union xen_blkif_ring_entry));
	memcpy(b->dev.bd.name, "xvdtest", 8);
	b->dev.bd.sector_size = 512;
	b->dev.bd.nr_sectors = 1u << 20;
	b->dev.bd.max_req_bytes = BLKFRONT_MAX_INDIRECT_SEGS * PAGE_SIZE;
	b->dev.bd.priv = &b->dev;
	b->dev.backend_id = 0;
	b->dev.indirect = true;
	b->dev.persistent = persistent;
	b->dev.flush_op = XEN_BLKIF_OP_FLUSH_DISKCACHE;
	b->dev.notify = bf_notify;
	KT_EXPECT_EQ(t, b->dev.ring.size, 32);
	return blkfront_io_init(&b->dev) == 0;
}

static void bf_teardown(struct ktest_ctx *t, struct bf_test *b)
{
	KT_EXPECT_EQ(t, blkfront_pool_destroy(&b->dev), 0);
	KT_EXPECT_EQ(t, b->dev.grants_live, 0);
	kfree(b->dev.shadow);
	frame_free(b->ring_pa);
}

/* The simulated back end takes the next request (NULL if none). */
static union xen_blkif_ring_entry *bf_take(struct bf_test *b)
{
	union xen_blkif_ring_entry *e;

	if (xen_back_ring_unconsumed(&b->back) <= 0)
		return NULL;
	e = xen_back_ring_req(&b->back, b->back.req_cons);
	b->back.req_cons++;
	return e;
}

static void bf_answer(struct bf_test *b, u64 id, u8 op, s16 status)
{
	struct xen_blkif_response *r = xen_back_ring_next_rsp(&b->back);

	r->id = id;
	r->operation = op;
	r->status = status;
	b->back.rsp_prod_pvt++;
	xen_back_ring_push(&b->back);
	blkfront_handle_responses(&b->dev);
}

static int bf_submit(struct bf_test *b, struct blk_req *r, enum blk_op op, void *buf, size_t len,
		     int *result)
{
	int rc;
	u64 fl = irq_save();

	memset(r, 0, sizeof(*r));
	r->op = op;
	r->sector = 8;
	r->buf = buf;
	r->len = len;
	r->done = bf_done;
	r->priv = result;
	*result = 0;
	rc = blkfront_submit(&b->dev.bd, r);
	irq_restore(fl);
	return rc;
}

static u8 bf_buf[BLKFRONT_MAX_INDIRECT_SEGS * PAGE_SIZE] __aligned(4096);

KTEST(blkfront_bad_response_id, "blkfront ignores a response whose id is not in flight and goes on")
{
	struct bf_test b;
	struct blk_req r1, r2, r3;
	union xen_blkif_ring_entry *e1, *e2, *e3;
	int res1, res2, res3;

	if (!bf_setup(t, &b, false))
		return;
	KT_ASSERT(t, bf_submit(&b, &r1, BLK_READ, bf_buf, 4096, &res1) == 0);
	KT_ASSERT(t, bf_submit(&b, &r2, BLK_READ, bf_buf, 4096, &res2) == 0);
	e1 = bf_take(&b);
	e2 = bf_take(&b);
	KT_ASSERT(t, e1 && e1->req.operation == XEN_BLKIF_OP_READ && e1->req.nr_segments == 1);
	KT_ASSERT(t, e2);
	KT_EXPECT_EQ(t, e1->req.seg[0].last_sect, 7);
	KT_EXPECT_EQ(t, b.dev.grants_live, 2);
	/* The back end answers r2's slot with an id out of range. */
	bf_answer(&b, 999, XEN_BLKIF_OP_READ, XEN_BLKIF_RSP_OKAY);
	KT_EXPECT_EQ(t, b.dev.bad_responses, 1);
	KT_EXPECT(t, res1 == 0 && res2 == 0);
	bf_answer(&b, e1->req.id, XEN_BLKIF_OP_READ, XEN_BLKIF_RSP_OKAY);
	KT_EXPECT_EQ(t, res1, 1);
	/* The device goes on; an id answered twice is not in flight. */
	KT_ASSERT(t, bf_submit(&b, &r3, BLK_WRITE, bf_buf, 4096, &res3) == 0);
	e3 = bf_take(&b);
	KT_ASSERT(t, e3);
	bf_answer(&b, e1->req.id == e3->req.id ? 5 : e1->req.id, XEN_BLKIF_OP_READ,
		  XEN_BLKIF_RSP_OKAY);
	KT_EXPECT_EQ(t, b.dev.bad_responses, 2);
	KT_EXPECT(t, !b.dev.broken);
	KT_ASSERT(t, bf_submit(&b, &r1, BLK_READ, bf_buf, 512, &res1) == 0);
	e1 = bf_take(&b);
	KT_ASSERT(t, e1);
	bf_answer(&b, e1->req.id, XEN_BLKIF_OP_READ, XEN_BLKIF_RSP_OKAY);
	KT_EXPECT_EQ(t, res1, 1);
	/* r2 and r3 were never answered: disconnecting fails them, grants end. */
	blkfront_fail_all(&b.dev);
	KT_EXPECT(t, res2 == -EIO && res3 == -EIO);
	KT_EXPECT_EQ(t, b.dev.inflight, 0);
	KT_EXPECT_EQ(t, b.dev.grants_live, 0);
	bf_teardown(t, &b);
}

KTEST(blkfront_bad_status_op, "an impossible status or a mismatched operation fails the request with -EIO")
{
	struct bf_test b;
	struct blk_req r1, r2;
	union xen_blkif_ring_entry *e1, *e2;
	int res1, res2;

	if (!bf_setup(t, &b, false))
		return;
	KT_ASSERT(t, bf_submit(&b, &r1, BLK_WRITE, bf_buf, 8192, &res1) == 0);
	KT_ASSERT(t, bf_submit(&b, &r2, BLK_READ, bf_buf, 512, &res2) == 0);
	e1 = bf_take(&b);
	e2 = bf_take(&b);
	KT_ASSERT(t, e1 && e2 && e1->req.id != e2->req.id);
	KT_EXPECT_EQ(t, e2->req.seg[0].last_sect, 0);
	bf_answer(&b, e1->req.id, XEN_BLKIF_OP_WRITE, 7);
	bf_answer(&b, e2->req.id, XEN_BLKIF_OP_WRITE, XEN_BLKIF_RSP_OKAY);
	KT_EXPECT_EQ(t, res1, -EIO);
	KT_EXPECT_EQ(t, res2, -EIO);
	KT_EXPECT_EQ(t, b.dev.bad_responses, 2);
	KT_EXPECT_EQ(t, b.dev.grants_live, 0);
	/* The device goes on: the next request works. */
	KT_ASSERT(t, bf_submit(&b, &r1, BLK_FLUSH, NULL, 0, &res1) == 0);
	e1 = bf_take(&b);
	KT_ASSERT(t, e1 && e1->req.operation == XEN_BLKIF_OP_FLUSH_DISKCACHE);
	KT_EXPECT_EQ(t, e1->req.nr_segments, 0);
	bf_answer(&b, e1->req.id, XEN_BLKIF_OP_FLUSH_DISKCACHE, XEN_BLKIF_RSP_OKAY);
	KT_EXPECT_EQ(t, res1, 1);
	bf_teardown(t, &b);
}

KTEST(blkfront_runaway_rsp_prod, "a producer index past the outstanding requests disables the device, failing them")
{
	struct bf_test b;
	struct blk_req r;
	int res;

	if (!bf_setup(t, &b, false))
		return;
	KT_ASSERT(t, bf_submit(&b, &r, BLK_READ, bf_buf, 4096, &res) == 0);
	KT_ASSERT(t, bf_take(&b));
	b.dev.ring.sring->rsp_prod += 5;
	blkfront_handle_responses(&b.dev);
	KT_EXPECT(t, b.dev.broken);
	KT_EXPECT_EQ(t, res, -EIO);
	KT_EXPECT_EQ(t, b.dev.grants_live, 0);
	KT_EXPECT_EQ(t, bf_submit(&b, &r, BLK_READ, bf_buf, 4096, &res), -ENODEV);
	bf_teardown(t, &b);
}

KTEST(blkfront_indirect, "a 256 KiB write goes out as one BLKIF_OP_INDIRECT request of 64 segments")
{
	struct bf_test b;
	struct blk_req r;
	union xen_blkif_ring_entry *e;
	struct xen_blkif_segment *segs;
	int res;

	if (!bf_setup(t, &b, false))
		return;
	KT_ASSERT(t, bf_submit(&b, &r, BLK_WRITE, bf_buf, sizeof(bf_buf), &res) == 0);
	e = bf_take(&b);
	KT_ASSERT(t, e && e->ind.operation == XEN_BLKIF_OP_INDIRECT);
	KT_EXPECT_EQ(t, e->ind.indirect_op, XEN_BLKIF_OP_WRITE);
	KT_EXPECT_EQ(t, e->ind.nr_segments, 64);
	KT_EXPECT_EQ(t, e->ind.sector_number, 8);
	KT_EXPECT_EQ(t, b.dev.grants_live, 65);
	segs = (struct xen_blkif_segment *)b.dev.shadow[e->ind.id].ind_page->va;
	KT_EXPECT_EQ(t, b.dev.shadow[e->ind.id].ind_page->gref, e->ind.indirect_grefs[0]);
	KT_EXPECT_EQ(t, segs[63].last_sect, 7);
	KT_EXPECT(t, segs[0].gref != segs[63].gref);
	bf_answer(&b, e->ind.id, XEN_BLKIF_OP_WRITE, XEN_BLKIF_RSP_OKAY);
	KT_EXPECT_EQ(t, res, 1);
	KT_EXPECT_EQ(t, b.dev.grants_live, 0);
	bf_teardown(t, &b);
}

KTEST(blkfront_persistent, "with persistent grants a page keeps its grant and is reused by the next request")
{
	struct bf_test b;
	struct blk_req r;
	union xen_blkif_ring_entry *e;
	u32 gref;
	int res;

	if (!bf_setup(t, &b, true))
		return;
	KT_ASSERT(t, bf_submit(&b, &r, BLK_READ, bf_buf, 4096, &res) == 0);
	e = bf_take(&b);
	KT_ASSERT(t, e);
	gref = e->req.seg[0].gref;
	bf_answer(&b, e->req.id, XEN_BLKIF_OP_READ, XEN_BLKIF_RSP_OKAY);
	KT_EXPECT_EQ(t, res, 1);
	KT_EXPECT_EQ(t, b.dev.grants_live, 1);
	KT_ASSERT(t, bf_submit(&b, &r, BLK_WRITE, bf_buf, 4096, &res) == 0);
	e = bf_take(&b);
	KT_ASSERT(t, e);
	KT_EXPECT_EQ(t, e->req.seg[0].gref, gref);
	bf_answer(&b, e->req.id, XEN_BLKIF_OP_WRITE, XEN_BLKIF_RSP_OKAY);
	KT_EXPECT_EQ(t, b.dev.grants_live, 1);
	bf_teardown(t, &b);
}

KTEST(blkfront_event_suppression, "blkfront notifies only when the back end's req_event is crossed")
{
	struct bf_test b;
	struct blk_req r1, r2;
	int res1, res2;

	if (!bf_setup(t, &b, false))
		return;
	KT_ASSERT(t, bf_submit(&b, &r1, BLK_READ, bf_buf, 512, &res1) == 0);
	KT_EXPECT_EQ(t, b.notified, 1);          /* req_event starts at 1 */
	/* The back end is busy: it asks to hear again only at request 10. */
	b.dev.ring.sring->req_event = 10;
	KT_ASSERT(t, bf_submit(&b, &r2, BLK_READ, bf_buf, 512, &res2) == 0);
	KT_EXPECT_EQ(t, b.notified, 1);
	KT_ASSERT(t, bf_take(&b) && bf_take(&b));
	bf_answer(&b, 0, XEN_BLKIF_OP_READ, XEN_BLKIF_RSP_OKAY);
	bf_answer(&b, 1, XEN_BLKIF_OP_READ, XEN_BLKIF_RSP_OKAY);
	KT_EXPECT(t, res1 == 1 && res2 == 1);
	/* The front end asked for an event at the next response. */
	KT_EXPECT_EQ(t, b.dev.ring.sring->rsp_event, b.dev.ring.rsp_cons + 1);
	bf_teardown(t, &b);
}
