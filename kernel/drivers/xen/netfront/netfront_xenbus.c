/*
 * netfront_xenbus.c — netfront on xenbus: the handshake with netback
 * (Xen's public io/netif.h, "Backend/Frontend XenBus Nodes"), then the
 * interface registered with the network stack as ethN.
 *
 *   back end InitWait   it has written its features (feature-rx-copy is
 *                       required: we never hand pages over, we only
 *                       lend them to be copied into)
 *   we                  grant a tx and an rx ring, allocate an event
 *                       channel bound to the back end's domain, write
 *                       tx-ring-ref, rx-ring-ref, event-channel,
 *                       request-rx-copy, feature-rx-notify, feature-sg
 *                       and feature-no-csum-offload; go Connected
 *   back end Connected  frames may flow
 *
 * One queue: a back end offering multi-queue-max-queues sees none of the
 * multi-queue keys and serves the single queue whose keys sit at the top
 * of our directory, as the protocol allows.  The MAC is the one the
 * toolstack wrote in our own directory ("mac", six hex pairs); a missing
 * or malformed one is reported and the device left alone.  A back end
 * that closes later takes the interface away: the stack stops using it.
 */
#include "netfront.h"
#include "xen/platform.h"
#include "xen/xenbus.h"
#include "errno.h"
#include "irq.h"
#include "mm.h"
#include "printk.h"
#include "lib/fmt.h"
#include <string.h>

void netfront_evtchn_notify(struct netfront_dev *dev)
{
	xen_evtchn_send(dev->evtchn);
}

static void netfront_irq(unsigned irq, void *arg)
{
	(void)irq;
	netfront_io_interrupt(arg);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* "00:16:3e:00:00:02" into mac: 0, or -EINVAL with a message. */
static int read_mac(struct netfront_xb *b)
{
	char path[80], s[32];
	int rc = xs_read(xenbus_path(path, sizeof(path), b->xd->nodename, "mac"), s, sizeof(s));
	unsigned i;

	if (rc < 0) {
		pr_err("netfront: %s/mac unreadable (%d)\n", b->xd->nodename, rc);
		return rc;
	}
	for (i = 0; i < ETH_ALEN; i++) {
		int hi = hexval(s[3 * i]), lo = hexval(s[3 * i + 1]);
		char sep = s[3 * i + 2];

		if (hi < 0 || lo < 0 || sep != (i == ETH_ALEN - 1 ? '\0' : ':')) {
			pr_err("netfront: %s/mac is '%.31s', no MAC address\n", b->xd->nodename, s);
			return -EINVAL;
		}
		b->dev.nd.mac[i] = (u8)(hi << 4 | lo);
	}
	if (b->dev.nd.mac[0] & 1) {
		pr_err("netfront: %s/mac %.31s is a multicast address\n", b->xd->nodename, s);
		return -EINVAL;
	}
	return 0;
}

static u32 ring_grant(struct netfront_xb *b, u64 pa, struct xen_front_ring *r, size_t entry)
{
	xen_sring_init(phys_to_virt(pa), PAGE_SIZE);
	xen_front_ring_attach(r, phys_to_virt(pa), PAGE_SIZE, entry);
	return xen_grant_access(b->dev.backend_id, xen_pfn_to_gfn(pa >> PAGE_SHIFT), false);
}

int netfront_rings_grant(struct netfront_xb *b)
{
	struct netfront_dev *dev = &b->dev;

	b->tx_ref = ring_grant(b, b->tx_pa, &dev->tx, sizeof(union xen_netif_tx_entry));
	b->rx_ref = ring_grant(b, b->rx_pa, &dev->rx, sizeof(union xen_netif_rx_entry));
	return b->tx_ref == XEN_GRANT_REF_NONE || b->rx_ref == XEN_GRANT_REF_NONE ? -ENOSPC : 0;
}

static int alloc_rings(struct netfront_xb *b)
{
	int rc;

	b->tx_pa = frame_alloc();
	b->rx_pa = frame_alloc();
	if (!b->tx_pa || !b->rx_pa)
		return -ENOMEM;
	rc = netfront_rings_grant(b);
	if (rc)
		return rc;
	rc = xenbus_alloc_evtchn(b->xd, &b->dev.evtchn, &b->irq, "netfront");
	if (rc)
		return rc;
	b->dev.notify = netfront_evtchn_notify;
	/* The rx buffers are posted (and the back end told) once it may look. */
	return 0;
}

int netfront_write_front_keys(struct netfront_xb *b)
{
	char tx[12], rx[12], ev[12];
	const struct xenbus_key keys[] = {
		{ "tx-ring-ref", tx }, { "rx-ring-ref", rx }, { "event-channel", ev },
		{ "request-rx-copy", "1" }, { "feature-rx-notify", "1" }, { "feature-sg", "1" },
		/* Frames to us must carry their checksums: we verify, never complete them. */
		{ "feature-no-csum-offload", "1" },
	};

	fmt_snprintf(tx, sizeof(tx), "%u", b->tx_ref);
	fmt_snprintf(rx, sizeof(rx), "%u", b->rx_ref);
	fmt_snprintf(ev, sizeof(ev), "%u", b->dev.evtchn);
	return xenbus_write_keys(b->xd, keys, sizeof(keys) / sizeof(keys[0])) ? -EIO : 0;
}

static void release(struct netfront_xb *b)
{
	bool all = true;

	if (b->dev.evtchn)
		xen_evtchn_close(b->dev.evtchn);
	all &= netfront_io_destroy(&b->dev) == 0;
	if (b->tx_ref != XEN_GRANT_REF_NONE && b->tx_pa)
		all &= xen_grant_end(b->tx_ref);
	if (b->rx_ref != XEN_GRANT_REF_NONE && b->rx_pa)
		all &= xen_grant_end(b->rx_ref);
	/* Pages the back end may still hold are never reused. */
	if (all) {
		if (b->tx_pa)
			frame_free(b->tx_pa);
		if (b->rx_pa)
			frame_free(b->rx_pa);
		kfree(b);
	}
}

static int netfront_probe(struct xenbus_device *xd)
{
	struct netfront_xb *b = kzalloc(sizeof(*b));
	struct netfront_dev *dev;
	u64 fl;
	int rc, s;

	if (!b)
		return -ENOMEM;
	b->xd = xd;
	b->tx_ref = b->rx_ref = XEN_GRANT_REF_NONE;
	b->irq = IRQ_NONE;
	dev = &b->dev;
	dev->backend_id = xd->otherend_id;
	dev->nd.mtu = 1500;
	dev->nd.ops = &netfront_netdev_ops;
	dev->nd.priv = dev;
	rc = read_mac(b);
	if (rc)
		goto fail;
	s = xenbus_wait_backend(xd, XENBUS_INITWAIT, NETFRONT_CONNECT_NS);
	if (s != XENBUS_INITWAIT && s != XENBUS_CONNECTED) {
		rc = s < 0 ? s : -EIO;
		goto fail;
	}
	if (!xenbus_backend_feature(xd, "feature-rx-copy")) {
		pr_err("netfront: %s offers no feature-rx-copy, the only receive mode we speak\n",
		       xd->otherend);
		rc = -EOPNOTSUPP;
		goto fail;
	}
	rc = alloc_rings(b);
	if (!rc)
		rc = netfront_write_front_keys(b);
	if (!rc)
		rc = irq_request((unsigned)b->irq, netfront_irq, dev);
	if (rc)
		goto fail;
	fl = irq_save();
	rc = netfront_io_init(dev);
	irq_restore(fl);
	if (!rc)
		rc = xenbus_switch_state(xd, XENBUS_CONNECTED);
	if (rc)
		goto fail;
	s = xenbus_wait_backend(xd, XENBUS_CONNECTED, NETFRONT_CONNECT_NS);
	if (s != XENBUS_CONNECTED) {
		if (s >= 0)
			pr_err("netfront: %s: back end went %s instead of Connected\n", xd->nodename,
			       xenbus_state_name((unsigned)s));
		rc = s < 0 ? s : -EIO;
		goto fail;
	}
	rc = netdev_register(&dev->nd);
	if (rc)
		goto fail;
	xd->priv = b;
	pr_info("netfront: %s: MAC %02x:%02x:%02x:%02x:%02x:%02x, back end %s%s\n", dev->nd.name,
		dev->nd.mac[0], dev->nd.mac[1], dev->nd.mac[2], dev->nd.mac[3], dev->nd.mac[4],
		dev->nd.mac[5], xd->otherend,
		xenbus_backend_feature(xd, "feature-sg") ? ", scatter-gather" : "");
	return 0;
fail:
	if (b->irq != IRQ_NONE)
		irq_release((unsigned)b->irq);   /* the handler must not outlive b */
	release(b);
	return rc;
}

/* Interrupt context. */
static void netfront_backend_changed(struct xenbus_device *xd, enum xenbus_state s)
{
	struct netfront_xb *b = xd->priv;

	/* While suspended the old back end may close and the new one goes
	 * through the handshake: netfront_resume is watching. */
	if (!b || s < XENBUS_CLOSING || b->dev.broken || b->dev.suspended)
		return;
	pr_warn("netfront: %s: back end %s is %s: the interface is gone\n", b->dev.nd.name,
		xd->otherend, xenbus_state_name(s));
	b->dev.broken = true;
	netdev_unregister(&b->dev.nd);
	xenbus_close_async(xd);
}

static const struct xenbus_driver netfront_driver = {
	.type = "vif", .probe = netfront_probe, .backend_changed = netfront_backend_changed,
	.suspend = netfront_suspend, .resume = netfront_resume,
};
XENBUS_DRIVER(netfront_driver);
