/*
 * test_netfront_ring.c — netfront against a back end simulated in memory:
 * the test plays netback on both shared pages (it can read and write the
 * granted slot pages directly, being the same domain), sends frames and
 * answers them, delivers frames (in one slot and in several), and lies:
 * responses for ids not in flight, lengths past the page or the frame,
 * a runaway producer index.  The front end must report each, keep
 * its buffers, and go on.
 */
#include "xen/testing.h"
#include "../netfront/netfront.h"
#include "errno.h"
#include "mm.h"

struct nf_test {
	struct netfront_dev dev;
	struct xen_back_ring tx, rx;
	u64 tx_pa, rx_pa;
	unsigned notified;
};

static struct { unsigned frames; size_t len; u8 first, last; struct netdev *nd; } nf_seen;

static void nf_capture(struct netdev *nd, const void *frame, size_t len)
{
	nf_seen.frames++;
	nf_seen.len = len;
	nf_seen.first = ((const u8 *)frame)[0];
	nf_seen.last = ((const u8 *)frame)[len - 1];
	nf_seen.nd = nd;
}

static void nf_notify(struct netfront_dev *dev)
{
	((struct nf_test *)dev)->notified++;
}

static const struct netdev_ops nf_ops = { .xmit = netfront_xmit };

static bool nf_setup(struct ktest_ctx *t, struct nf_test *n)
{
	memset(n, 0, sizeof(*n));
	memset(&nf_seen, 0, sizeof(nf_seen));
	if (!xen_ktest_applies(t))
		return false;
	n->tx_pa = frame_alloc();
	n->rx_pa = frame_alloc();
	if (!n->tx_pa || !n->rx_pa) {
		ktest_fail(t, __FILE__, __LINE__, "no frames for the rings");
		return false;
	}
	xen_sring_init(phys_to_virt(n->tx_pa), PAGE_SIZE);
	xen_sring_init(phys_to_virt(n->rx_pa), PAGE_SIZE);
	xen_front_ring_attach(&n->dev.tx, phys_to_virt(n->tx_pa), PAGE_SIZE,
			      sizeof(union xen_netif_tx_entry));
	xen_front_ring_attach(&n->dev.rx, phys_to_virt(n->rx_pa), PAGE_SIZE,
			      sizeof(union xen_netif_rx_entry));
	xen_back_ring_attach(&n->tx, phys_to_virt(n->tx_pa), PAGE_SIZE,
			     sizeof(union xen_netif_tx_entry));
	xen_back_ring_attach(&n->rx, phys_to_virt(n->rx_pa), PAGE_SIZE,
			     sizeof(union xen_netif_rx_entry));
	memcpy(n->dev.nd.name, "vif-test", 9);
	n->dev.nd.mtu = 1500;
	n->dev.nd.ops = &nf_ops;
	n->dev.nd.priv = &n->dev;
	n->dev.backend_id = 0;
	n->dev.notify = nf_notify;
	return netfront_io_init(&n->dev) == 0;
}

static void nf_teardown(struct ktest_ctx *t, struct nf_test *n)
{
	KT_EXPECT_EQ(t, netfront_io_destroy(&n->dev), 0);
	frame_free(n->tx_pa);
	frame_free(n->rx_pa);
}

static int nf_send(struct nf_test *n, size_t len, u8 fill)
{
	static u8 frame[ETH_FRAME_MAX];
	u64 fl = irq_save();
	int rc;

	memset(frame, fill, len);
	frame[len - 1] = (u8)(fill + 1);
	rc = netfront_xmit(&n->dev.nd, frame, len);
	irq_restore(fl);
	return rc;
}

static void nf_tx_answer(struct nf_test *n, u16 id, s16 status)
{
	struct xen_netif_tx_response *r = xen_back_ring_next_rsp(&n->tx);
	u64 fl;

	r->id = id;
	r->status = status;
	n->tx.rsp_prod_pvt++;
	xen_back_ring_push(&n->tx);
	fl = irq_save();
	netfront_io_interrupt(&n->dev);
	irq_restore(fl);
}

/* The back end fills the next posted rx buffer and answers it. */
static void nf_rx_deliver(struct nf_test *n, int16_t status, u16 offset, u16 flags, int id_delta)
{
	struct xen_netif_rx_request *q = xen_back_ring_req(&n->rx, n->rx.req_cons);
	struct xen_netif_rx_response *r;
	u8 *page = n->dev.rxb[q->id % NETFRONT_RX_SLOTS].va;
	u16 id = q->id;
	u64 fl;

	if (status > 0 && (u64)offset + (u64)status <= PAGE_SIZE) {
		memset(page + offset, 0xab, (size_t)status);
		page[offset + status - 1] = 0xcd;
	}
	n->rx.req_cons++;
	r = xen_back_ring_next_rsp(&n->rx);
	r->id = (u16)(id + id_delta);
	r->offset = offset;
	r->flags = flags;
	r->status = status;
	n->rx.rsp_prod_pvt++;
	xen_back_ring_push(&n->rx);
	fl = irq_save();
	netfront_io_interrupt(&n->dev);
	irq_restore(fl);
}

KTEST(netfront_tx_frames, "netfront puts a frame in a granted page, frees its id on the answer, and says EAGAIN when all are out")
{
	struct nf_test n;
	struct xen_netif_tx_request *q;
	unsigned i;

	if (!nf_setup(t, &n))
		return;
	KT_EXPECT_EQ(t, xen_back_ring_unconsumed(&n.rx), NETFRONT_RX_SLOTS);
	KT_ASSERT(t, nf_send(&n, 60, 0x11) == 0);
	KT_ASSERT(t, xen_back_ring_unconsumed(&n.tx) == 1);
	q = xen_back_ring_req(&n.tx, n.tx.req_cons++);
	KT_ASSERT(t, q->id < NETFRONT_TX_SLOTS);
	KT_EXPECT_EQ(t, q->size, 60);
	KT_EXPECT_EQ(t, q->gref, n.dev.txb[q->id].gref);
	KT_EXPECT(t, n.dev.txb[q->id].va[0] == 0x11 && n.dev.txb[q->id].va[59] == 0x12);
	nf_tx_answer(&n, q->id, XEN_NETIF_RSP_OKAY);
	KT_EXPECT_EQ(t, n.dev.tx_nfree, NETFRONT_TX_SLOTS);
	/* Every id out: the next frame is refused, not queued. */
	for (i = 0; i < NETFRONT_TX_SLOTS; i++)
		KT_ASSERT(t, nf_send(&n, 100, (u8)i) == 0);
	KT_EXPECT_EQ(t, nf_send(&n, 100, 0), -EAGAIN);
	KT_EXPECT_EQ(t, n.dev.tx_full, 1);
	q = xen_back_ring_req(&n.tx, n.tx.req_cons++);
	nf_tx_answer(&n, q->id, XEN_NETIF_RSP_DROPPED);
	KT_EXPECT_EQ(t, n.dev.tx_errors, 1);
	KT_EXPECT_EQ(t, nf_send(&n, 100, 0), 0);
	while (xen_back_ring_unconsumed(&n.tx) > 0) {
		q = xen_back_ring_req(&n.tx, n.tx.req_cons++);
		nf_tx_answer(&n, q->id, XEN_NETIF_RSP_OKAY);
	}
	KT_EXPECT_EQ(t, n.dev.tx_nfree, NETFRONT_TX_SLOTS);
	KT_EXPECT_EQ(t, n.dev.bad_responses, 0);
	nf_teardown(t, &n);
}

KTEST(netfront_tx_bad_id, "netfront ignores tx answers for ids not in flight (out of range, answered twice)")
{
	struct nf_test n;
	struct xen_netif_tx_request *q[4];
	unsigned i;

	if (!nf_setup(t, &n))
		return;
	for (i = 0; i < 4; i++) {
		KT_ASSERT(t, nf_send(&n, 60, (u8)i) == 0);
		q[i] = xen_back_ring_req(&n.tx, n.tx.req_cons++);
	}
	nf_tx_answer(&n, 4000, XEN_NETIF_RSP_OKAY);
	KT_EXPECT_EQ(t, n.dev.bad_responses, 1);
	nf_tx_answer(&n, q[0]->id, XEN_NETIF_RSP_OKAY);
	nf_tx_answer(&n, q[0]->id, XEN_NETIF_RSP_OKAY);
	KT_EXPECT_EQ(t, n.dev.bad_responses, 2);
	nf_tx_answer(&n, q[1]->id, XEN_NETIF_RSP_OKAY);
	/* The two whose answer slots the lies took stay in flight: lost, not reused. */
	KT_EXPECT_EQ(t, n.dev.tx_nfree, NETFRONT_TX_SLOTS - 2);
	KT_EXPECT(t, !n.dev.broken);
	KT_EXPECT_EQ(t, nf_send(&n, 60, 9), 0);
	nf_teardown(t, &n);
}

KTEST(netfront_rx_frames, "netfront hands received frames up from its own copy and reposts every buffer, good or bad")
{
	struct nf_test n;
	netdev_rx_fn *stack;
	unsigned i;

	if (!nf_setup(t, &n))
		return;
	stack = netdev_set_rx_handler(nf_capture);
	nf_rx_deliver(&n, 60, 0, 0, 0);
	KT_EXPECT_EQ(t, nf_seen.frames, 1);
	KT_EXPECT(t, nf_seen.len == 60 && nf_seen.first == 0xab && nf_seen.last == 0xcd);
	KT_EXPECT(t, nf_seen.nd == &n.dev.nd);
	nf_rx_deliver(&n, 1514, 2000, 0, 0);          /* at an offset, still in the page */
	KT_EXPECT(t, nf_seen.frames == 2 && nf_seen.len == 1514);
	/* Lies: past the page, shorter than a header, the wrong id, an error. */
	nf_rx_deliver(&n, 1000, 3500, 0, 0);
	nf_rx_deliver(&n, 6, 0, 0, 0);
	nf_rx_deliver(&n, 60, 0, 0, 1);
	nf_rx_deliver(&n, XEN_NETIF_RSP_ERROR, 0, 0, 0);
	KT_EXPECT_EQ(t, nf_seen.frames, 2);
	KT_EXPECT_EQ(t, n.dev.bad_responses, 2);       /* the short one is the stack's to drop */
	KT_EXPECT_EQ(t, n.dev.rx_errors, 1);
	/* feature-sg: a frame over two slots arrives whole; one over-long, not at all. */
	nf_rx_deliver(&n, 1000, 0, XEN_NETRXF_more_data, 0);
	KT_EXPECT_EQ(t, nf_seen.frames, 2);
	nf_rx_deliver(&n, 500, 100, 0, 0);
	KT_EXPECT(t, nf_seen.frames == 3 && nf_seen.len == 1500 && nf_seen.last == 0xcd);
	nf_rx_deliver(&n, 1000, 0, XEN_NETRXF_more_data, 0);
	nf_rx_deliver(&n, 1000, 0, 0, 0);
	KT_EXPECT_EQ(t, nf_seen.frames, 3);
	KT_EXPECT_EQ(t, n.dev.bad_responses, 3);
	/* A bad piece in the middle drops the frame, not the next one. */
	nf_rx_deliver(&n, 600, 0, XEN_NETRXF_more_data, 0);
	nf_rx_deliver(&n, 600, 0, XEN_NETRXF_more_data, 1);
	nf_rx_deliver(&n, 100, 0, 0, 0);
	nf_rx_deliver(&n, 60, 0, 0, 0);
	KT_EXPECT(t, nf_seen.frames == 4 && nf_seen.len == 60);
	/* Every buffer went back, many times round the ring. */
	for (i = 0; i < 3 * NETFRONT_RX_SLOTS; i++)
		nf_rx_deliver(&n, 64, 0, 0, 0);
	KT_EXPECT_EQ(t, nf_seen.frames, 4 + 3 * NETFRONT_RX_SLOTS);
	KT_EXPECT_EQ(t, xen_back_ring_unconsumed(&n.rx), NETFRONT_RX_SLOTS);
	netdev_set_rx_handler(stack);
	nf_teardown(t, &n);
}

KTEST(netfront_runaway_index, "netfront gives the device up when the back end answers more than was asked")
{
	struct nf_test n;

	if (!nf_setup(t, &n))
		return;
	n.rx.sring->rsp_prod = n.dev.rx.rsp_cons + NETFRONT_RX_SLOTS + 5;
	{
		u64 fl = irq_save();
		netfront_io_interrupt(&n.dev);
		irq_restore(fl);
	}
	KT_EXPECT(t, n.dev.broken);
	KT_EXPECT_EQ(t, nf_send(&n, 60, 0), -ENODEV);
	nf_teardown(t, &n);
}
