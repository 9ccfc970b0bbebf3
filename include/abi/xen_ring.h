/*
 * xen_ring.h — Xen's generic shared I/O ring as Proteus speaks it,
 * version 1.  Our own definitions of the layout described by Xen's public
 * io/ring.h (interface 0x00040e00); the text and the code are ours.
 *
 * A split driver's front end and back end share one or more pages: a
 * 64-byte header of four free-running 32-bit indices, then an array of
 * entries, each a union of one request and one response.  The front end
 * produces requests (req_prod) and consumes responses; the back end the
 * reverse (rsp_prod).  Slots are reused: a response overwrites the
 * request it answers, so at most "size" requests are ever outstanding.
 *
 * Event suppression: each side writes the index at which it wants to be
 * woken (req_event: the back end wants an event when req_prod passes it;
 * rsp_event: the front end, for rsp_prod).  A producer notifies only when
 * the indices it just published cross that mark.  The logic lives in
 * kernel/xen/ring.c; this header only has the layout and the sizes.
 *
 * The number of entries is the largest power of two that fits the pages
 * after the header (indices wrap modulo 2^32, which a power of two
 * divides).
 *
 * Self-contained: needs only <stdint.h>.
 */
#ifndef PROTEUS_ABI_XEN_RING_H
#define PROTEUS_ABI_XEN_RING_H

#define PROTEUS_XEN_RING_ABI_VERSION 1

#include <stdint.h>

typedef uint32_t xen_ring_idx_t;

/* The first 64 bytes of every shared ring. */
struct xen_sring_hdr {
	xen_ring_idx_t req_prod;       /* written by the front end */
	xen_ring_idx_t req_event;      /* written by the back end */
	xen_ring_idx_t rsp_prod;       /* written by the back end */
	xen_ring_idx_t rsp_event;      /* written by the front end */
	uint8_t pvt[48];               /* per-protocol, unused by blkif and netif */
};
#define XEN_SRING_HDR_SIZE 64u

_Static_assert(sizeof(struct xen_sring_hdr) == XEN_SRING_HDR_SIZE, "Xen ring: header size");
_Static_assert(__builtin_offsetof(struct xen_sring_hdr, rsp_event) == 12, "Xen ring: rsp_event");

/* The largest power of two <= n (n >= 1); a constant expression in GCC. */
#define XEN_RING_POW2_FLOOR_(n) ((n) ? 1u << (31 - __builtin_clz((unsigned)(n))) : 0u)

/* Entries of entry_size bytes in a ring of `bytes` (the pages it spans). */
#define XEN_RING_ENTRIES(bytes, entry_size) \
	XEN_RING_POW2_FLOOR_(((bytes) - XEN_SRING_HDR_SIZE) / (entry_size))

/* The largest ring a front end may offer: 2^order pages, order <= this
 * (Xen's public headers bound ring-page-order at XENBUS_MAX_RING_GRANT_ORDER). */
#define XEN_RING_MAX_PAGE_ORDER 4u

#endif
