/*
 * netdev.c — the list of network interfaces and the two directions
 * through them.  Drivers and the protocol stack meet only here, so either
 * can be built, tested or replaced without the other: a frame that comes
 * in before a stack is there is counted as dropped.
 */
#include "netdev.h"
#include "errno.h"
#include "pv/ops.h"
#include "printk.h"
#include "sched.h"
#include "clock.h"
#include "lib/fmt.h"
#include <string.h>

static struct netdev *netdev_list;
static unsigned netdev_count;
static netdev_rx_fn *netdev_rx_handler;
static unsigned netdev_room_waiters;
/* What waiting senders sleep on: one channel for every device, as a
 * sender does not know which device its route ends at. */
static const char netdev_room_chan;

int netdev_register(struct netdev *nd)
{
	struct netdev **pp;
	u64 fl;

	if (!nd->ops || !nd->ops->xmit || nd->mtu == 0 || nd->mtu > ETH_FRAME_MAX - ETH_HLEN)
		return -EINVAL;
	if (!nd->name[0])
		fmt_snprintf(nd->name, sizeof(nd->name), "eth%u", netdev_count);
	if (netdev_find(nd->name))
		return -EEXIST;
	fl = irq_save();
	nd->next = NULL;
	nd->gone = false;
	for (pp = &netdev_list; *pp; pp = &(*pp)->next)
		;
	*pp = nd;
	netdev_count++;
	irq_restore(fl);
	pr_info("net: %s: MAC %02x:%02x:%02x:%02x:%02x:%02x, MTU %u\n", nd->name, nd->mac[0],
		nd->mac[1], nd->mac[2], nd->mac[3], nd->mac[4], nd->mac[5], nd->mtu);
	return 0;
}

void netdev_unregister(struct netdev *nd)
{
	nd->gone = true;
	pr_info("net: %s is gone\n", nd->name);
	netdev_tx_room(nd);                  /* its waiting senders now get -ENODEV */
}

void netdev_tx_room(struct netdev *nd)
{
	(void)nd;
	if (netdev_room_waiters)
		sched_wakeup(&netdev_room_chan);
}

/* The timed sleep is a guard, not the mechanism: a driver that frees room
 * without saying so costs its senders 100 ms a time, never a hang. */
int netdev_wait_room(void)
{
	int rc;

	netdev_room_waiters++;
	rc = sched_sleep_until(&netdev_room_chan, clock_ns() + 100000000ull);
	netdev_room_waiters--;
	return rc;
}

struct netdev *netdev_find(const char *name)
{
	struct netdev *nd;

	for (nd = netdev_list; nd; nd = nd->next)
		if (!strcmp(nd->name, name))
			return nd;
	return NULL;
}

struct netdev *netdev_first(void)
{
	struct netdev *nd;

	for (nd = netdev_list; nd; nd = nd->next)
		if (!nd->gone)
			return nd;
	return NULL;
}

netdev_rx_fn *netdev_set_rx_handler(netdev_rx_fn *fn)
{
	netdev_rx_fn *old = netdev_rx_handler;

	netdev_rx_handler = fn;
	return old;
}

void netdev_rx(struct netdev *nd, const void *frame, size_t len)
{
	if (nd->gone || !netdev_rx_handler || len < ETH_HLEN || len > ETH_HLEN + (size_t)nd->mtu) {
		nd->rx_dropped++;
		return;
	}
	nd->rx_frames++;
	netdev_rx_handler(nd, frame, len);
}

int netdev_xmit(struct netdev *nd, const void *frame, size_t len)
{
	u64 fl;
	int rc;

	if (nd->gone)
		return -ENODEV;
	if (len < ETH_HLEN || len > ETH_HLEN + (size_t)nd->mtu)
		return -EINVAL;
	fl = irq_save();
	rc = nd->ops->xmit(nd, frame, len);
	irq_restore(fl);
	if (rc == -EAGAIN)
		nd->tx_full++;
	else if (rc)
		nd->tx_dropped++;
	else
		nd->tx_frames++;
	return rc;
}
