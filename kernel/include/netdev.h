/*
 * netdev.h — network interfaces, whoever carries their frames (virtio-net
 * natively, netfront on Xen).  A driver registers a struct netdev, sends
 * the Ethernet frames the stack gives it, and hands every frame it
 * receives to netdev_rx.  The stack (kernel/net/) sits on top and never
 * sees a ring.
 *
 * Frames are whole Ethernet frames: destination, source, type, payload;
 * no preamble, no FCS, no virtio or netif header.  Both directions copy,
 * so neither side holds the other's memory after a call returns.
 */
#ifndef PROTEUS_NETDEV_H
#define PROTEUS_NETDEV_H

#include "types.h"

#define ETH_ALEN 6
#define ETH_HLEN 14
#define ETH_FRAME_MAX 1514           /* 1500 bytes of payload and the header */

struct netdev;

/* What the device has cost its driver, for PROTEUS_NET_STATS. */
struct netdev_stats_drv {
	u64 notifies, notifies_suppressed, interrupts;
};

struct netdev_ops {
	/* Send one frame of len bytes (ETH_HLEN <= len <= ETH_HLEN + mtu),
	 * copied before return.  0, or -EAGAIN when the device has no room
	 * (the stack drops the frame, as a full NIC queue would), -ENODEV
	 * when the device is gone.  Called with interrupts disabled, possibly
	 * from an interrupt handler (a reply to an arriving frame). */
	int (*xmit)(struct netdev *nd, const void *frame, size_t len);
	/* Fill out (may be NULL: all 0).  Called with interrupts disabled. */
	void (*stats)(struct netdev *nd, struct netdev_stats_drv *out);
};

struct netdev {
	char name[16];               /* "eth0" */
	u8 mac[ETH_ALEN];
	u16 mtu;                     /* payload bytes: 1500 unless the device says less */
	const struct netdev_ops *ops;
	void *priv;                  /* the driver's */
	/* the stack's */
	struct netdev *next;
	void *proto;                 /* the protocol state bound to this device */
	bool gone;
	u64 rx_frames, tx_frames, rx_dropped, tx_dropped;
	u64 tx_full;                 /* xmits the device had no room for */
};

/* Make nd known, naming it ethN when name is empty: 0 or -errno. */
int netdev_register(struct netdev *nd);
/* The device vanished: the stack stops sending to it. */
void netdev_unregister(struct netdev *nd);
struct netdev *netdev_find(const char *name);
struct netdev *netdev_first(void);
/* The driver received a frame: the stack copies what it keeps before
 * returning.  Callable from interrupt handlers. */
void netdev_rx(struct netdev *nd, const void *frame, size_t len);
/* Send through nd's ops, counting; what the stack calls. */
int netdev_xmit(struct netdev *nd, const void *frame, size_t len);
/* The driver has room again after an xmit said -EAGAIN (or the device
 * went away): senders waiting in netdev_wait_room try again.  Callable
 * from interrupt handlers. */
void netdev_tx_room(struct netdev *nd);
/* Sleep until a device has room; interrupts disabled, as sched_sleep.
 * 0 (try again), or -EINTR when a signal is pending. */
int netdev_wait_room(void);

/* The stack's entry for received frames (one stack: the last to set it;
 * a driver's test borrows it and puts back the one returned). */
typedef void netdev_rx_fn(struct netdev *nd, const void *frame, size_t len);
netdev_rx_fn *netdev_set_rx_handler(netdev_rx_fn *fn);

#endif
