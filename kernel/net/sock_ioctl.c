/*
 * sock_ioctl.c — requests on a socket that are about the interface under
 * it rather than the socket: PROTEUS_NET_STATS, an interface's frame
 * and notification counts, which the network benchmark reads around each
 * run.  The stack's counts (netdev.c) and the driver's (its ops->stats)
 * are read together with interrupts off, so one snapshot is consistent.
 */
#include "sock.h"
#include "netdev.h"
#include "errno.h"
#include "pv/ops.h"
#include "uaccess.h"
#include "abi/proteus_net.h"
#include <string.h>

static long net_stats_ioctl(u64 arg)
{
	struct proteus_net_stats st;
	struct netdev_stats_drv d = { 0 };
	struct netdev *nd;
	u64 fl;

	if (copy_from_user(&st, arg, sizeof(st)))
		return -EFAULT;
	if (memchr(st.name, 0, sizeof(st.name)) == NULL)
		return -EINVAL;
	nd = st.name[0] ? netdev_find(st.name) : netdev_first();
	if (!nd)
		return -ENODEV;
	memset(&st, 0, sizeof(st));
	st.version = PROTEUS_NET_ABI_VERSION;
	memcpy(st.name, nd->name, sizeof(st.name));
	fl = irq_save();
	if (nd->ops->stats)
		nd->ops->stats(nd, &d);
	st.tx_frames = nd->tx_frames;
	st.rx_frames = nd->rx_frames;
	st.tx_full = nd->tx_full;
	st.tx_dropped = nd->tx_dropped;
	st.rx_dropped = nd->rx_dropped;
	irq_restore(fl);
	st.notifies = d.notifies;
	st.notifies_suppressed = d.notifies_suppressed;
	st.interrupts = d.interrupts;
	return copy_to_user(arg, &st, sizeof(st)) ? -EFAULT : 0;
}

long sock_ioctl(struct sock *s, unsigned cmd, u64 arg)
{
	(void)s;
	if (cmd == PROTEUS_NET_STATS)
		return net_stats_ioctl(arg);
	return -ENOTTY;
}
