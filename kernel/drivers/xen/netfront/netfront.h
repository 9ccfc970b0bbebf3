/*
 * netfront.h — the Xen network front end's state, shared by its files:
 * netfront_io.c (the two rings: frames out and in, every response
 * checked) and the xenbus side that connects it to a back end.
 *
 * Every slot of either ring owns one page, granted to the back end once
 * for the life of the device (tx pages read-only, rx pages writable):
 * frames are copied into a tx page before it is posted and out of an rx
 * page into our own buffer before the stack sees them, so the back end can
 * never change a frame while it is parsed, and no grant is made or ended
 * per frame.  Only the first NETFRONT_RX_SLOTS and NETFRONT_TX_SLOTS
 * entries of each 256-entry ring are used: the grant table is shared
 * with every other front end.
 */
#ifndef PROTEUS_NETFRONT_H
#define PROTEUS_NETFRONT_H

#include "types.h"
#include "netdev.h"
#include "xen/ring.h"
#include "abi/xen_netif.h"

#define NETFRONT_RX_SLOTS 64u
#define NETFRONT_TX_SLOTS 32u

struct netfront_buf {
	u64 pa;
	u8 *va;
	u32 gref;
	bool granted;
};

struct netfront_dev {
	struct netdev nd;
	u16 backend_id;
	struct xen_front_ring tx, rx;
	void *tx_ring_va, *rx_ring_va;
	unsigned evtchn;
	struct netfront_buf txb[NETFRONT_TX_SLOTS];
	struct netfront_buf rxb[NETFRONT_RX_SLOTS];
	u16 tx_free[NETFRONT_TX_SLOTS];          /* ids free for a frame */
	unsigned tx_nfree;
	bool tx_busy[NETFRONT_TX_SLOTS];
	unsigned rx_extras;                      /* 1: extra-info slots to skip follow */
	bool rx_dropping;                        /* the frame being gathered is dropped */
	u8 rx_frame[ETH_FRAME_MAX];              /* the frame being gathered */
	size_t rx_len;
	/* how the back end is told (an event; a test's hook) */
	void (*notify)(struct netfront_dev *dev);
	bool broken;                             /* the back end broke the protocol */
	bool suspended;                          /* saving: nothing is sent */
	u64 notifies, notifies_suppressed, events;
	u64 tx_full, bad_responses, rx_errors, tx_errors;
};

/* Allocate and grant the slot pages, post every rx slot: 0 or -errno.
 * The rings are attached and backend_id set before. */
int netfront_io_init(struct netfront_dev *dev);
/* A restored domain: the same pages granted to the new back end (the
 * rings attached and backend_id set before), rx posted again. */
int netfront_io_regrant(struct netfront_dev *dev);
/* The event: reap tx responses, pass received frames up, repost. */
void netfront_io_interrupt(struct netfront_dev *dev);
/* The netdev's xmit, and the ops that name it. */
int netfront_xmit(struct netdev *nd, const void *frame, size_t len);
extern const struct netdev_ops netfront_netdev_ops;
/* End every grant; the number that could not be ended (pages kept). */
unsigned netfront_io_destroy(struct netfront_dev *dev);

/* The device on xenbus (netfront_xenbus.c, netfront_suspend.c). */
#define NETFRONT_CONNECT_NS (60 * 1000000000ull)  /* hotplug scripts under TCG are slow */
struct xenbus_device;
struct netfront_xb {
	struct netfront_dev dev;                 /* first: nd.priv points at it */
	struct xenbus_device *xd;
	u64 tx_pa, rx_pa;
	u32 tx_ref, rx_ref;
	int irq;
};
/* Attach and grant the two rings' pages, empty. */
int netfront_rings_grant(struct netfront_xb *b);
int netfront_write_front_keys(struct netfront_xb *b);
void netfront_evtchn_notify(struct netfront_dev *dev);
void netfront_suspend(struct xenbus_device *xd);
void netfront_resume(struct xenbus_device *xd, bool new_domain);

#endif
