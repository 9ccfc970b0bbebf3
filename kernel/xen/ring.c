/*
 * ring.c — the index arithmetic of Xen's shared rings (xen/ring.h), with
 * the barriers and the event-suppression test that io/ring.h describes as
 * RING_PUSH_*_AND_CHECK_NOTIFY and RING_FINAL_CHECK_FOR_*.
 *
 * The notify test: a producer that moved its index from old to new must
 * send an event iff the consumer's event index lies in (old, new], i.e.
 * new - event < new - old in modular arithmetic.  The consumer sets its
 * event index to one past what it consumed before it sleeps, then looks
 * again: a response published between its last look and the write is
 * seen on the second look, one published after it raises an event.
 */
#include "xen/ring.h"
#include <string.h>

static inline void ring_mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline void ring_wmb(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
static inline void ring_rmb(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }

void xen_sring_init(void *shared, size_t bytes)
{
	volatile struct xen_sring_hdr *s = shared;

	memset(shared, 0, bytes);
	s->req_event = 1;
	s->rsp_event = 1;
}

void xen_front_ring_attach(struct xen_front_ring *r, void *shared, size_t bytes,
			   unsigned entry_size)
{
	r->sring = shared;
	r->entries = (u8 *)shared + XEN_SRING_HDR_SIZE;
	r->entry_size = entry_size;
	r->size = XEN_RING_ENTRIES(bytes, entry_size);
	r->req_prod_pvt = r->sring->req_prod;
	r->rsp_cons = r->sring->rsp_prod;
}

void xen_back_ring_attach(struct xen_back_ring *r, void *shared, size_t bytes,
			  unsigned entry_size)
{
	r->sring = shared;
	r->entries = (u8 *)shared + XEN_SRING_HDR_SIZE;
	r->entry_size = entry_size;
	r->size = XEN_RING_ENTRIES(bytes, entry_size);
	r->rsp_prod_pvt = r->sring->rsp_prod;
	r->req_cons = r->sring->req_prod;
}

static bool ring_crossed(xen_ring_idx_t old, xen_ring_idx_t new, xen_ring_idx_t event)
{
	return (xen_ring_idx_t)(new - event) < (xen_ring_idx_t)(new - old);
}

bool xen_front_ring_push(struct xen_front_ring *r)
{
	xen_ring_idx_t old = r->sring->req_prod, new = r->req_prod_pvt;

	ring_wmb();             /* the requests before the index that publishes them */
	r->sring->req_prod = new;
	ring_mb();              /* the index before reading the peer's event mark */
	return ring_crossed(old, new, r->sring->req_event);
}

int xen_front_ring_unconsumed(struct xen_front_ring *r)
{
	xen_ring_idx_t prod = r->sring->rsp_prod;
	xen_ring_idx_t n = prod - r->rsp_cons;

	ring_rmb();             /* the index before the responses it covers */
	if (n > r->req_prod_pvt - r->rsp_cons)
		return -1;
	return (int)n;
}

bool xen_front_ring_final_check(struct xen_front_ring *r)
{
	if (r->sring->rsp_prod != r->rsp_cons)
		return true;
	r->sring->rsp_event = r->rsp_cons + 1;
	ring_mb();
	return r->sring->rsp_prod != r->rsp_cons;
}

int xen_back_ring_unconsumed(struct xen_back_ring *r)
{
	xen_ring_idx_t prod = r->sring->req_prod;
	xen_ring_idx_t n = prod - r->req_cons;

	ring_rmb();
	/* Never more requests than free slots (those not awaiting a response). */
	if (n > r->size - (r->req_cons - r->rsp_prod_pvt))
		return -1;
	return (int)n;
}

bool xen_back_ring_push(struct xen_back_ring *r)
{
	xen_ring_idx_t old = r->sring->rsp_prod, new = r->rsp_prod_pvt;

	ring_wmb();
	r->sring->rsp_prod = new;
	ring_mb();
	return ring_crossed(old, new, r->sring->rsp_event);
}

bool xen_back_ring_final_check(struct xen_back_ring *r)
{
	if (r->sring->req_prod != r->req_cons)
		return true;
	r->sring->req_event = r->req_cons + 1;
	ring_mb();
	return r->sring->req_prod != r->req_cons;
}
