/*
 * netfront_suspend.c — the interface across `xl save` / `xl restore`.
 *
 * Suspend stops sending (xmit drops, as on a full ring: the network
 * loses frames anyway, and the protocols above retry).  A cancelled save
 * just sends again.  In a restored domain the back end is a new netback
 * with nothing of ours: the rings' and buffers' pages stay and are
 * granted again, the irq is bound to a new channel, the keys are written
 * again and the rx ring refilled; the interface keeps its name, MAC and
 * address, so sockets never notice.  Frames in flight at the save are
 * gone, as they would be on a real wire.
 */
#include "netfront.h"
#include "xen/platform.h"
#include "xen/xenbus.h"
#include "errno.h"
#include "pv/ops.h"
#include "printk.h"

void netfront_suspend(struct xenbus_device *xd)
{
	struct netfront_xb *b = xd->priv;
	u64 fl;

	if (!b || b->dev.broken)
		return;
	fl = irq_save();
	b->dev.suspended = true;
	irq_restore(fl);
}

static int reconnect(struct netfront_xb *b)
{
	struct netfront_dev *dev = &b->dev;
	struct xenbus_device *xd = b->xd;
	u64 fl;
	int rc, s;

	if (xd->gone)
		return -ENODEV;
	dev->backend_id = xd->otherend_id;
	s = xenbus_wait_backend(xd, XENBUS_INITWAIT, NETFRONT_CONNECT_NS);
	if (s != XENBUS_INITWAIT && s != XENBUS_CONNECTED)
		return s < 0 ? s : -EIO;
	if (!xenbus_backend_feature(xd, "feature-rx-copy")) {
		pr_err("netfront: %s: the new back end offers no feature-rx-copy\n", dev->nd.name);
		return -EOPNOTSUPP;
	}
	rc = netfront_rings_grant(b);
	if (rc)
		return rc;
	rc = xenbus_realloc_evtchn(xd, &dev->evtchn, b->irq, "netfront");
	if (rc)
		return rc;
	rc = netfront_write_front_keys(b);
	if (rc)
		return rc;
	fl = irq_save();
	rc = netfront_io_regrant(dev);
	irq_restore(fl);
	if (!rc)
		rc = xenbus_switch_state(xd, XENBUS_CONNECTED);
	if (rc)
		return rc;
	s = xenbus_wait_backend(xd, XENBUS_CONNECTED, NETFRONT_CONNECT_NS);
	return s == XENBUS_CONNECTED ? 0 : s < 0 ? s : -EIO;
}

void netfront_resume(struct xenbus_device *xd, bool new_domain)
{
	struct netfront_xb *b = xd->priv;
	int rc = 0;
	u64 fl;

	if (!b || b->dev.broken)
		return;
	if (new_domain) {
		/* The old channel and ring grants died with the old domain:
		 * nothing to close, only to forget. */
		b->dev.evtchn = 0;
		if (!xen_grant_end(b->tx_ref) || !xen_grant_end(b->rx_ref))
			pr_err("netfront: %s: a ring grant survived the restore\n", b->dev.nd.name);
		b->tx_ref = b->rx_ref = XEN_GRANT_REF_NONE;
		rc = reconnect(b);
	}
	fl = irq_save();
	b->dev.suspended = false;
	netdev_tx_room(&b->dev.nd);          /* senders held by the suspend go on */
	if (rc) {
		pr_err("netfront: %s: no back end after the restore (%d): the interface is gone\n",
		       b->dev.nd.name, rc);
		b->dev.broken = true;
		netdev_unregister(&b->dev.nd);
	}
	irq_restore(fl);
	if (rc)
		xenbus_switch_state(xd, XENBUS_CLOSED);
	else if (new_domain)
		pr_info("netfront: %s: reconnected to %s\n", b->dev.nd.name, xd->otherend);
}
