/*
 * netfront_io.c — netfront's two rings (Xen's public io/netif.h): one
 * frame per tx slot (a frame is never more than a page), one rx page per
 * rx slot, no offloads (we offer no feature-gso-*, and our frames carry
 * their own checksums).
 *
 * rx: frames of one slot or, with feature-sg, several, gathered into our
 * own buffer (so the back end cannot change one while it is parsed).
 * Exactly NETFRONT_RX_SLOTS requests are outstanding at all times,
 * and the request at ring index i always names buffer i % RX_SLOTS: the
 * back end answers rx requests in ring order (each response sits at its
 * request's index), so a response's buffer follows from its index, and
 * reposting the buffer at req_prod keeps the rule.  A response whose id
 * is not that buffer's, or whose piece does not fit the page or the frame,
 * is counted and its whole frame dropped; the buffer goes back either way.
 *
 * tx: ids from a free list; a response naming an id not in flight is
 * counted and ignored.  The producer indices of the back end are checked
 * (xen/ring.h); an impossible one marks the device broken: nothing more
 * is sent, and xmit says -ENODEV.
 *
 * Called with interrupts disabled (xmit and the event's handler).
 */
#include "netfront.h"
#include "xen/platform.h"
#include "errno.h"
#include "mm.h"
#include "printk.h"
#include <string.h>

#define EXTRA_FLAG_MORE 1u           /* netif_extra_info: another extra follows */

static bool buf_grant(struct netfront_dev *dev, struct netfront_buf *b, bool readonly)
{
	b->gref = xen_grant_access(dev->backend_id, xen_pfn_to_gfn(b->pa >> PAGE_SHIFT), readonly);
	if (b->gref == XEN_GRANT_REF_NONE)
		return false;                     /* the page is freed with the device */
	b->granted = true;
	return true;
}

static bool buf_setup(struct netfront_dev *dev, struct netfront_buf *b, bool readonly)
{
	b->pa = frame_alloc();
	if (!b->pa)
		return false;
	b->va = phys_to_virt(b->pa);
	return buf_grant(dev, b, readonly);
}

static void rx_post(struct netfront_dev *dev)
{
	xen_ring_idx_t i = dev->rx.req_prod_pvt;
	struct xen_netif_rx_request *req = xen_front_ring_next_req(&dev->rx);
	unsigned slot = i % NETFRONT_RX_SLOTS;

	req->id = (u16)slot;
	req->_pad = 0;
	req->gref = dev->rxb[slot].gref;
	dev->rx.req_prod_pvt++;
}

/* After requests were pushed on r: tell the back end if it asked (its
 * req_event), else count what its event suppression saved. */
static void push(struct netfront_dev *dev, struct xen_front_ring *r)
{
	if (xen_front_ring_push(r)) {
		dev->notifies++;
		dev->notify(dev);
	} else {
		dev->notifies_suppressed++;
	}
}

/* Every tx id free, nothing half received, every rx buffer posted. */
static void io_start(struct netfront_dev *dev)
{
	unsigned i;

	for (i = 0; i < NETFRONT_TX_SLOTS; i++) {
		dev->tx_free[i] = (u16)(NETFRONT_TX_SLOTS - 1 - i);
		dev->tx_busy[i] = false;
	}
	dev->tx_nfree = NETFRONT_TX_SLOTS;
	dev->rx_extras = 0;
	dev->rx_dropping = false;
	dev->rx_len = 0;
	for (i = 0; i < NETFRONT_RX_SLOTS; i++)
		rx_post(dev);
	push(dev, &dev->rx);
}

int netfront_io_init(struct netfront_dev *dev)
{
	unsigned i;

	for (i = 0; i < NETFRONT_TX_SLOTS; i++)
		if (!buf_setup(dev, &dev->txb[i], true))
			return -ENOMEM;
	for (i = 0; i < NETFRONT_RX_SLOTS; i++)
		if (!buf_setup(dev, &dev->rxb[i], false))
			return -ENOMEM;
	io_start(dev);
	return 0;
}

int netfront_io_regrant(struct netfront_dev *dev)
{
	unsigned i;

	for (i = 0; i < NETFRONT_TX_SLOTS + NETFRONT_RX_SLOTS; i++) {
		bool tx = i < NETFRONT_TX_SLOTS;
		struct netfront_buf *b = tx ? &dev->txb[i] : &dev->rxb[i - NETFRONT_TX_SLOTS];

		if (b->granted && !xen_grant_end(b->gref)) {
			pr_err("netfront: %s: grant %u survived the restore\n", dev->nd.name, b->gref);
			return -EBUSY;
		}
		b->granted = false;
		if (!buf_grant(dev, b, tx))
			return -ENOSPC;
	}
	io_start(dev);
	return 0;
}

static void bad(struct netfront_dev *dev, const char *what, unsigned v)
{
	if (!dev->bad_responses++)
		pr_err("netfront: %s: back end %u: %s (%u); dropped, and later ones counted\n",
		       dev->nd.name, dev->backend_id, what, v);
}

static void broken(struct netfront_dev *dev, const char *ring)
{
	if (!dev->broken)
		pr_err("netfront: %s: back end %u moved the %s response index past our requests; "
		       "the device is given up\n", dev->nd.name, dev->backend_id, ring);
	dev->broken = true;
}

static void tx_reap(struct netfront_dev *dev)
{
	bool was_full = !dev->tx_nfree;
	int n;

	do {
		n = xen_front_ring_unconsumed(&dev->tx);
		if (n < 0) {
			broken(dev, "tx");
			return;
		}
		while (n--) {
			struct xen_netif_tx_response rsp =
				*(volatile struct xen_netif_tx_response *)xen_front_ring_rsp(&dev->tx, dev->tx.rsp_cons);

			dev->tx.rsp_cons++;
			if (rsp.status == XEN_NETIF_RSP_NULL)
				continue;                 /* the slot of an extra: we send none */
			if (rsp.id >= NETFRONT_TX_SLOTS || !dev->tx_busy[rsp.id]) {
				bad(dev, "tx response for an id not in flight", rsp.id);
				continue;
			}
			if (rsp.status != XEN_NETIF_RSP_OKAY)
				dev->tx_errors++;
			dev->tx_busy[rsp.id] = false;
			dev->tx_free[dev->tx_nfree++] = rsp.id;
		}
	} while (xen_front_ring_final_check(&dev->tx));
	if (was_full && dev->tx_nfree)
		netdev_tx_room(&dev->nd);
}

int netfront_xmit(struct netdev *nd, const void *frame, size_t len)
{
	struct netfront_dev *dev = nd->priv;
	struct xen_netif_tx_request *req;
	u16 id;

	if (dev->broken)
		return -ENODEV;
	if (dev->suspended)
		return -EAGAIN;                   /* the frame is dropped, as on a full ring */
	tx_reap(dev);
	if (dev->broken)
		return -ENODEV;
	if (!dev->tx_nfree) {
		dev->tx_full++;
		return -EAGAIN;
	}
	id = dev->tx_free[--dev->tx_nfree];
	dev->tx_busy[id] = true;
	memcpy(dev->txb[id].va, frame, len);
	req = xen_front_ring_next_req(&dev->tx);
	req->gref = dev->txb[id].gref;
	req->offset = 0;
	req->flags = 0;                       /* checksums are in the frame */
	req->id = id;
	req->size = (u16)len;
	dev->tx.req_prod_pvt++;
	push(dev, &dev->tx);
	return 0;
}

static void netfront_stats(struct netdev *nd, struct netdev_stats_drv *out)
{
	struct netfront_dev *dev = nd->priv;

	out->notifies = dev->notifies;
	out->notifies_suppressed = dev->notifies_suppressed;
	out->interrupts = dev->events;
}

const struct netdev_ops netfront_netdev_ops = { .xmit = netfront_xmit, .stats = netfront_stats };

static void rx_frame_end(struct netfront_dev *dev)
{
	if (!dev->rx_dropping && dev->rx_len)
		netdev_rx(&dev->nd, dev->rx_frame, dev->rx_len);
	else if (dev->rx_dropping)
		dev->nd.rx_dropped++;
	dev->rx_len = 0;
	dev->rx_dropping = false;
}

/*
 * One rx response at the consumer index.  A frame is one slot or, with
 * feature-sg, several (more_data on all but the last), each slot's status
 * its own length; the pieces are gathered in our buffer and the frame
 * handed up whole.  Extra-info slots after a flagged one are skipped.
 */
static void rx_one(struct netfront_dev *dev)
{
	xen_ring_idx_t i = dev->rx.rsp_cons;
	unsigned slot = i % NETFRONT_RX_SLOTS;
	struct xen_netif_rx_response rsp =
		*(volatile struct xen_netif_rx_response *)xen_front_ring_rsp(&dev->rx, i);
	bool more = rsp.flags & XEN_NETRXF_more_data;
	size_t room = ETH_HLEN + (size_t)dev->nd.mtu - dev->rx_len;

	if (dev->rx_extras) {                 /* this slot holds an extra, not data */
		const struct xen_netif_extra_info *x = (const void *)&rsp;
		if (!(x->flags & EXTRA_FLAG_MORE))
			dev->rx_extras = 0;
		return;
	}
	if (rsp.flags & XEN_NETRXF_extra_info)
		dev->rx_extras = 1;
	if (rsp.id != slot) {
		bad(dev, "rx response id is not the buffer of its slot", rsp.id);
		dev->rx_dropping = true;
	} else if (rsp.status <= 0) {
		dev->rx_errors++;
		dev->rx_dropping = true;
	} else if ((unsigned)rsp.offset + (unsigned)rsp.status > PAGE_SIZE ||
		   (size_t)rsp.status > room) {
		bad(dev, "rx piece does not fit the page or the frame", (unsigned)rsp.status);
		dev->rx_dropping = true;
	} else if (!dev->rx_dropping) {
		memcpy(dev->rx_frame + dev->rx_len, dev->rxb[slot].va + rsp.offset, (size_t)rsp.status);
		dev->rx_len += (size_t)rsp.status;
	}
	if (!more)
		rx_frame_end(dev);
}

void netfront_io_interrupt(struct netfront_dev *dev)
{
	bool posted = false;
	int n;

	dev->events++;
	if (dev->broken)
		return;
	do {
		n = xen_front_ring_unconsumed(&dev->rx);
		if (n < 0) {
			broken(dev, "rx");
			return;
		}
		while (n--) {
			rx_one(dev);
			dev->rx.rsp_cons++;
			rx_post(dev);                 /* the same buffer, NETFRONT_RX_SLOTS on */
			posted = true;
		}
	} while (xen_front_ring_final_check(&dev->rx));
	if (posted)
		push(dev, &dev->rx);
	tx_reap(dev);
}

static unsigned buf_release(struct netfront_buf *b)
{
	if (b->granted && !xen_grant_end(b->gref))
		return 1;                         /* the back end still has it: keep the page */
	b->granted = false;
	if (b->pa)
		frame_free(b->pa);
	b->pa = 0;
	return 0;
}

unsigned netfront_io_destroy(struct netfront_dev *dev)
{
	unsigned i, kept = 0;

	for (i = 0; i < NETFRONT_TX_SLOTS; i++)
		kept += buf_release(&dev->txb[i]);
	for (i = 0; i < NETFRONT_RX_SLOTS; i++)
		kept += buf_release(&dev->rxb[i]);
	return kept;
}
