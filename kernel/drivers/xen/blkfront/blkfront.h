/*
 * blkfront.h — the Xen block front end's state, shared by its files:
 * blkfront_pool.c (pages granted to the back end), blkfront_io.c (the
 * ring: requests out, responses in, each response checked).
 *
 * Data never lives in the caller's buffer while the back end can reach
 * it: every segment is a page of the pool, copied in before a write and
 * out after a read.  So a grant the back end refuses to give back costs
 * one pool page (quarantined until it is released), never memory the
 * rest of the kernel reuses.  With feature-persistent the pool pages stay
 * granted (the back end keeps them mapped); without it each use grants
 * and ends.
 */
#ifndef PROTEUS_BLKFRONT_H
#define PROTEUS_BLKFRONT_H

#include "types.h"
#include "blockdev.h"
#include "xen/ring.h"
#include "abi/xen_blkif.h"

#define BLKFRONT_MAX_RING_ORDER 2u              /* up to 4 pages, 128 requests */
#define BLKFRONT_MAX_RING_SIZE XEN_BLKIF_RING_SIZE(BLKFRONT_MAX_RING_ORDER)
#define BLKFRONT_MAX_INDIRECT_SEGS 64u          /* 256 KiB per request */
#define BLKFRONT_POOL_MAX 256u                  /* pages (and grants) at most */

struct blkfront_page {
	u64 pa;
	u8 *va;
	u32 gref;
	bool granted;
	struct blkfront_page *next;
};

/* One request in flight, found by its ring id (the index). */
struct blkfront_shadow {
	struct blk_req *req;                    /* NULL: the id is free */
	u8 op;                                  /* READ/WRITE/FLUSH sent (indirect: the inner op) */
	bool indirect;
	u16 nr_segs;
	struct blkfront_page *pages[BLKFRONT_MAX_INDIRECT_SEGS];
	struct blkfront_page *ind_page;         /* the segment list of an indirect request */
	u32 next_free;
};

struct blkfront_dev {
	struct blockdev bd;
	u16 backend_id;
	u16 handle;                             /* virtual device number */
	struct xen_front_ring ring;
	void *ring_va;
	unsigned ring_order;
	unsigned evtchn;
	/* negotiated */
	unsigned max_segs;                      /* per request */
	bool indirect, persistent;
	u8 flush_op;                            /* 0 when the back end has no cache to flush */
	/* ids and queues */
	struct blkfront_shadow *shadow;         /* ring.size of them */
	u32 free_id;                            /* head of the free-id list, ring.size = none */
	unsigned inflight;
	struct blk_req *wait_head, *wait_tail;  /* accepted, not yet on the ring */
	/* the page pool */
	struct blkfront_page *free_pages;
	struct blkfront_page *stuck;            /* grants the back end still uses */
	unsigned pages_total, nr_stuck;
	/* how the back end is told (an event; a test's hook) */
	void (*notify)(struct blkfront_dev *dev);
	bool broken;                            /* the back end broke the protocol */
	bool suspended;                         /* saving: nothing new goes on the ring */
	u64 notifies, notifies_suppressed, events, responses, bad_responses, grants_live;
};

/* The device on xenbus (blkfront_xenbus.c, blkfront_suspend.c). */
#define BLKFRONT_CONNECT_NS (60 * 1000000000ull)  /* hotplug scripts under TCG are slow */
#define BLKFRONT_MAX_RING_PAGES (1u << BLKFRONT_MAX_RING_ORDER)
struct xenbus_device;
struct blkfront_xb {
	struct blkfront_dev dev;                /* first: bd.priv points at it */
	struct xenbus_device *xd;
	u64 ring_pa;
	u32 ring_ref[BLKFRONT_MAX_RING_PAGES];
	unsigned nr_ring_refs;
	int irq;
};
unsigned blkfront_pick_ring_order(struct blkfront_xb *b, int *err);
int blkfront_ring_grant(struct blkfront_xb *b);
int blkfront_write_front_keys(struct blkfront_xb *b);
int blkfront_read_disk(struct blkfront_xb *b);
void blkfront_irq(unsigned irq, void *arg);
void blkfront_evtchn_notify(struct blkfront_dev *dev);
/* The back end is lost: requests fail, the disk leaves the block layer. */
void blkfront_gone(struct blkfront_xb *b);
void blkfront_suspend(struct xenbus_device *xd);
void blkfront_resume(struct xenbus_device *xd, bool new_domain);

/* blkfront_pool.c */
struct blkfront_page *blkfront_page_get(struct blkfront_dev *dev, bool readonly);
void blkfront_page_put(struct blkfront_dev *dev, struct blkfront_page *p);
void blkfront_pool_retry_stuck(struct blkfront_dev *dev);
unsigned blkfront_pool_available(const struct blkfront_dev *dev);
/* Free every idle page whose grant can be ended; the pages kept (still
 * granted and in use by the back end) are counted. */
unsigned blkfront_pool_destroy(struct blkfront_dev *dev);
/* A restored domain's grant table is empty: every page's grant ends
 * (and is made again, for the new back end, when the page is next used). */
void blkfront_pool_ungrant_all(struct blkfront_dev *dev);

/* blkfront_io.c */
/* Set up ids and queues for a ring already attached (dev->ring). */
int blkfront_io_init(struct blkfront_dev *dev);
int blkfront_submit(struct blockdev *bd, struct blk_req *r);
/* Consume every response (the event-channel irq's work). */
void blkfront_handle_responses(struct blkfront_dev *dev);
/* Complete with -EIO everything accepted and not answered. */
void blkfront_fail_all(struct blkfront_dev *dev);
/* Complete with -EIO what is on the ring (a back end that is gone). */
void blkfront_fail_inflight(struct blkfront_dev *dev);
/* Let requests onto the ring again after a suspend; those longer than a
 * new back end takes fail with -EIO. */
void blkfront_unfreeze(struct blkfront_dev *dev);
extern const struct blockdev_ops blkfront_ops;

#endif
