/*
 * virtio_net.c — the virtio network device (virtio 1.x, section 5.1) as
 * a netdev, on either transport.
 *
 * Two queues: receiveq1 (0) and transmitq1 (1).  We negotiate MAC, MTU
 * and STATUS only — no checksum or segmentation offload, no merged
 * receive buffers — so every frame in either direction is one buffer:
 * the 12-byte virtio_net_hdr of VERSION_1 (all zero on transmit) and one
 * whole Ethernet frame.  Receive buffers are posted at probe and put back
 * as soon as their frame has been handed to the stack (netdev_rx copies);
 * transmit buffers come from a small pool, reclaimed when the device has
 * used them — lazily, on the next send, with the transmit interrupt off,
 * so a busy sender takes no interrupt per frame.
 *
 * The device is not trusted: a used length shorter than the header plus
 * an Ethernet header, or a token that is none of our buffers, is counted
 * and the buffer recycled.
 */
#include "virtio.h"
#include "netdev.h"
#include "initcall.h"
#include "errno.h"
#include "mm.h"
#include "printk.h"
#include "random.h"
#include "pv/ops.h"
#include <string.h>

#define VNET_HDR_LEN 12
#define VNET_BUF_LEN (VNET_HDR_LEN + ETH_FRAME_MAX)
#define VNET_RX_BUFS 64
#define VNET_TX_BUFS 32

_Static_assert(sizeof(struct virtio_net_hdr) == VNET_HDR_LEN, "VERSION_1 net header is 12 bytes");

struct vnet {
	struct virtio_dev *dev;
	struct netdev nd;
	struct virtqueue *rx, *tx;
	u8 *rx_buf[VNET_RX_BUFS];
	u8 *tx_buf[VNET_TX_BUFS];
	u8 *tx_free[VNET_TX_BUFS];
	unsigned tx_nfree, rx_posted;
	u64 rx_bad, tx_full;
};

static bool vnet_rx_post(struct vnet *v, u8 *buf)
{
	struct virtq_sg sg = { buf, VNET_BUF_LEN };

	if (virtq_add(v->rx, &sg, 0, 1, buf))
		return false;
	return true;
}

static bool vnet_is_rx_buf(struct vnet *v, const u8 *b)
{
	unsigned i;

	for (i = 0; i < v->rx_posted; i++)
		if (v->rx_buf[i] == b)
			return true;
	return false;
}

/* receiveq1's callback, in the interrupt handler. */
static void vnet_rx_done(struct virtqueue *vq)
{
	struct vnet *v = vq->priv;
	u8 *buf;
	u32 len;

	do {
		virtq_disable_cb(vq);
		while ((buf = virtq_get_used(vq, &len))) {
			if (!vnet_is_rx_buf(v, buf)) {
				v->rx_bad++;
				continue;
			}
			if (len < VNET_HDR_LEN + ETH_HLEN || len > VNET_BUF_LEN) {
				if (!v->rx_bad++)
					pr_err("virtio-net: %s: used length %u is no frame; dropped\n",
					       v->nd.name, len);
				v->nd.rx_dropped++;
			} else {
				netdev_rx(&v->nd, buf + VNET_HDR_LEN, len - VNET_HDR_LEN);
			}
			if (!vnet_rx_post(v, buf))
				v->rx_bad++;
		}
		virtq_kick(vq);
	} while (!virtq_enable_cb(vq));
}

static void vnet_tx_reclaim(struct vnet *v)
{
	u8 *buf;
	u32 len;
	unsigned i;

	while ((buf = virtq_get_used(v->tx, &len))) {
		for (i = 0; i < VNET_TX_BUFS && v->tx_buf[i] != buf; i++)
			;
		if (i == VNET_TX_BUFS || v->tx_nfree == VNET_TX_BUFS) {
			v->rx_bad++;
			continue;
		}
		v->tx_free[v->tx_nfree++] = buf;
	}
}

/* transmitq1's callback: only when the pool ran dry (see vnet_xmit),
 * and a sender may be waiting for the room. */
static void vnet_tx_done(struct virtqueue *vq)
{
	struct vnet *v = vq->priv;

	vnet_tx_reclaim(v);
	if (v->tx_nfree) {
		virtq_disable_cb(vq);
		netdev_tx_room(&v->nd);
	}
}

static int vnet_xmit(struct netdev *nd, const void *frame, size_t len)
{
	struct vnet *v = nd->priv;
	struct virtq_sg sg;
	u8 *buf;

	vnet_tx_reclaim(v);
	if (!v->tx_nfree) {
		/* Hear when room comes back (vnet_tx_done); buffers used
		 * before the callback was on are taken now instead. */
		if (!virtq_enable_cb(v->tx))
			vnet_tx_reclaim(v);
		if (!v->tx_nfree) {
			v->tx_full++;
			return -EAGAIN;
		}
		virtq_disable_cb(v->tx);
	}
	buf = v->tx_free[--v->tx_nfree];
	memset(buf, 0, VNET_HDR_LEN);
	memcpy(buf + VNET_HDR_LEN, frame, len);
	sg.buf = buf;
	sg.len = (u32)(VNET_HDR_LEN + len);
	if (virtq_add(v->tx, &sg, 1, 0, buf)) {
		v->tx_free[v->tx_nfree++] = buf;
		return v->tx->broken ? -ENODEV : -EAGAIN;
	}
	virtq_kick(v->tx);
	return 0;
}

/* Both queues' kicks, and the device's interrupts (one may serve both queues). */
static void vnet_stats(struct netdev *nd, struct netdev_stats_drv *out)
{
	struct vnet *v = nd->priv;

	out->notifies = v->rx->kicks + v->tx->kicks;
	out->notifies_suppressed = v->rx->kicks_suppressed + v->tx->kicks_suppressed;
	out->interrupts = v->dev->interrupts;
}

static const struct netdev_ops vnet_ops = { .xmit = vnet_xmit, .stats = vnet_stats };

static void vnet_read_identity(struct vnet *v)
{
	struct virtio_dev *d = v->dev;
	unsigned i;

	v->nd.mtu = 1500;
	if (virtio_has(d, VIRTIO_NET_F_MAC)) {
		for (i = 0; i < ETH_ALEN; i++)
			v->nd.mac[i] = (u8)virtio_config_read(d, VIRTIO_NET_CFG_MAC + i, 1);
	} else {
		random_fill(v->nd.mac, ETH_ALEN);
		v->nd.mac[0] = (u8)((v->nd.mac[0] & 0xfe) | 0x02);  /* unicast, locally administered */
	}
	if (virtio_has(d, VIRTIO_NET_F_MTU)) {
		u16 mtu = (u16)virtio_config_read(d, VIRTIO_NET_CFG_MTU, 2);

		if (mtu < 68)
			pr_err("virtio-net: %s: MTU %u is below IPv4's 68; using 1500\n", d->name, mtu);
		else if (mtu < 1500)
			v->nd.mtu = mtu;
	}
	if (virtio_has(d, VIRTIO_NET_F_STATUS) &&
	    !(virtio_config_read(d, VIRTIO_NET_CFG_STATUS, 2) & VIRTIO_NET_S_LINK_UP))
		pr_info("virtio-net: %s: link is down\n", d->name);
}

static int vnet_probe(struct virtio_dev *d)
{
	struct vnet *v = kzalloc(sizeof(*v));
	unsigned i;
	u64 fl;
	int rc;

	if (!v)
		return -ENOMEM;
	v->dev = d;
	d->priv = v;
	vnet_read_identity(v);
	v->rx = virtio_vq_create(d, 0, 128, vnet_rx_done, v);
	v->tx = v->rx ? virtio_vq_create(d, 1, 64, vnet_tx_done, v) : NULL;
	if (!v->tx)
		return -EIO;
	for (i = 0; i < VNET_TX_BUFS; i++) {
		v->tx_buf[i] = kmalloc(VNET_BUF_LEN);
		if (!v->tx_buf[i])
			return -ENOMEM;
		v->tx_free[v->tx_nfree++] = v->tx_buf[i];
	}
	for (i = 0; i < VNET_RX_BUFS && i < v->rx->size; i++) {
		v->rx_buf[i] = kmalloc(VNET_BUF_LEN);
		if (!v->rx_buf[i])
			return -ENOMEM;
	}
	v->rx_posted = i;
	v->nd.ops = &vnet_ops;
	v->nd.priv = v;
	virtio_ready(d);
	fl = irq_save();
	for (i = 0; i < v->rx_posted; i++)
		if (!vnet_rx_post(v, v->rx_buf[i]))
			break;
	virtq_kick(v->rx);
	virtq_disable_cb(v->tx);
	irq_restore(fl);
	if (i < v->rx_posted) {
		virtio_fail(d, "the receive queue took fewer buffers than it has room for");
		return -EIO;
	}
	rc = netdev_register(&v->nd);
	if (rc)
		pr_err("virtio-net: %s: netdev_register: %d\n", d->name, rc);
	return rc;
}

static const struct virtio_driver vnet_driver = {
	.name = "virtio-net",
	.type = VIRTIO_ID_NET,
	.features = (1ull << VIRTIO_NET_F_MAC) | (1ull << VIRTIO_NET_F_MTU) |
		    (1ull << VIRTIO_NET_F_STATUS),
	.probe = vnet_probe,
};
VIRTIO_DRIVER(vnet_driver);
