/*
 * xen/ring.h — our side of a Xen shared I/O ring (abi/xen_ring.h): the
 * private producer and consumer indices, and the publish / check steps
 * with event suppression, for a front end and (for tests and any back end
 * of ours) a back end.
 *
 * The shared indices are the peer's to write half of the time and are
 * never trusted: xen_front_ring_unconsumed() refuses a response producer
 * that claims more answers than there are outstanding requests.
 */
#ifndef PROTEUS_XEN_RING_H
#define PROTEUS_XEN_RING_H

#include "types.h"
#include "abi/xen_ring.h"

struct xen_front_ring {
	volatile struct xen_sring_hdr *sring;
	u8 *entries;                 /* just after the header */
	unsigned size;               /* entries, a power of two */
	unsigned entry_size;
	xen_ring_idx_t req_prod_pvt; /* requests written, not all published */
	xen_ring_idx_t rsp_cons;     /* responses consumed */
};

struct xen_back_ring {
	volatile struct xen_sring_hdr *sring;
	u8 *entries;
	unsigned size;
	unsigned entry_size;
	xen_ring_idx_t rsp_prod_pvt;
	xen_ring_idx_t req_cons;
};

/* Clear a shared ring of `bytes` (its pages) and set the indices so that
 * the first response or request raises an event. */
void xen_sring_init(void *shared, size_t bytes);
void xen_front_ring_attach(struct xen_front_ring *r, void *shared, size_t bytes,
			   unsigned entry_size);
void xen_back_ring_attach(struct xen_back_ring *r, void *shared, size_t bytes,
			  unsigned entry_size);

static inline void *xen_ring_slot(u8 *entries, unsigned size, unsigned entry_size,
				  xen_ring_idx_t i)
{
	return entries + (size_t)(i & (size - 1)) * entry_size;
}

/* Slots free for new requests. */
static inline unsigned xen_front_ring_free(const struct xen_front_ring *r)
{
	return r->size - (r->req_prod_pvt - r->rsp_cons);
}
/* The slot of the next request to write (check free first). */
static inline void *xen_front_ring_next_req(struct xen_front_ring *r)
{
	return xen_ring_slot(r->entries, r->size, r->entry_size, r->req_prod_pvt);
}
/* Publish the requests written: true when the back end asked to be told. */
bool xen_front_ring_push(struct xen_front_ring *r);
/* Responses ready to consume (with a read barrier after the index), or -1
 * when the back end's rsp_prod is impossible: it answers more requests
 * than were published. */
int xen_front_ring_unconsumed(struct xen_front_ring *r);
static inline void *xen_front_ring_rsp(struct xen_front_ring *r, xen_ring_idx_t i)
{
	return xen_ring_slot(r->entries, r->size, r->entry_size, i);
}
/* After consuming: ask for an event at the next response and check once
 * more, so a response that raced the request is not slept past.  True
 * when there is more to consume. */
bool xen_front_ring_final_check(struct xen_front_ring *r);

/* ---- the back end's half (in-memory back ends of the tests) ---- */
int xen_back_ring_unconsumed(struct xen_back_ring *r);
static inline void *xen_back_ring_req(struct xen_back_ring *r, xen_ring_idx_t i)
{
	return xen_ring_slot(r->entries, r->size, r->entry_size, i);
}
static inline void *xen_back_ring_next_rsp(struct xen_back_ring *r)
{
	return xen_ring_slot(r->entries, r->size, r->entry_size, r->rsp_prod_pvt);
}
bool xen_back_ring_push(struct xen_back_ring *r);
bool xen_back_ring_final_check(struct xen_back_ring *r);

#endif
