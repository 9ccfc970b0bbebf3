/*
 * xen_netif.h — the Xen network device protocol (netif) as Proteus speaks
 * it, version 1: the tx and rx rings' requests and responses.  Our own
 * definitions of what Xen's public io/netif.h specifies for the x86_64
 * ABI (interface 0x00040e00); the text is ours.
 *
 * Two rings.  On tx the front end names granted pages holding a frame:
 * the first slot's size is the whole frame's length, later slots (with
 * NETTXF_more_data on the one before) carry their own piece.  On rx the
 * front end posts empty granted pages; with request-rx-copy the back end
 * copies each arriving frame into them and answers with offset, flags and
 * a status that is the length written (negative: an error).  A frame too
 * big for one page spans slots, NETRXF_more_data on all but the last.
 *
 * Self-contained: needs only <stdint.h> and xen_ring.h.
 */
#ifndef PROTEUS_ABI_XEN_NETIF_H
#define PROTEUS_ABI_XEN_NETIF_H

#define PROTEUS_XEN_NETIF_ABI_VERSION 1

#include <stdint.h>
#include "abi/xen_ring.h"

/* tx request flags */
#define XEN_NETTXF_csum_blank     (1u << 0)
#define XEN_NETTXF_data_validated (1u << 1)
#define XEN_NETTXF_more_data      (1u << 2)
#define XEN_NETTXF_extra_info     (1u << 3)

/* rx response flags */
#define XEN_NETRXF_data_validated (1u << 0)
#define XEN_NETRXF_csum_blank     (1u << 1)
#define XEN_NETRXF_more_data      (1u << 2)
#define XEN_NETRXF_extra_info     (1u << 3)
#define XEN_NETRXF_gso_prefix     (1u << 4)

/* response status */
#define XEN_NETIF_RSP_DROPPED (-2)
#define XEN_NETIF_RSP_ERROR   (-1)
#define XEN_NETIF_RSP_OKAY      0
#define XEN_NETIF_RSP_NULL      1      /* a slot used by an extra-info segment */

/* A back end accepts packets of at least this many slots. */
#define XEN_NETIF_NR_SLOTS_MIN 18u

struct xen_netif_tx_request {
	uint32_t gref;
	uint16_t offset;               /* in the page */
	uint16_t flags;                /* XEN_NETTXF_* */
	uint16_t id;                   /* ours, echoed in the response */
	uint16_t size;                 /* first slot: the whole packet; others: this piece */
};

struct xen_netif_tx_response {
	uint16_t id;
	int16_t status;                /* XEN_NETIF_RSP_* */
};

struct xen_netif_rx_request {
	uint16_t id;
	uint16_t _pad;
	uint32_t gref;
};

struct xen_netif_rx_response {
	uint16_t id;
	uint16_t offset;               /* where the data starts in the page */
	uint16_t flags;                /* XEN_NETRXF_* */
	int16_t status;                /* > 0: bytes; <= 0: XEN_NETIF_RSP_* */
};

/* One slot that carries extra information (GSO, multicast) instead of data. */
struct xen_netif_extra_info {
	uint8_t type;
	uint8_t flags;
	uint16_t u[3];
};

union xen_netif_tx_entry {
	struct xen_netif_tx_request req;
	struct xen_netif_tx_response rsp;
};
union xen_netif_rx_entry {
	struct xen_netif_rx_request req;
	struct xen_netif_rx_response rsp;
};

/* One page each: 256 entries. */
#define XEN_NETIF_TX_RING_SIZE XEN_RING_ENTRIES(4096u, sizeof(union xen_netif_tx_entry))
#define XEN_NETIF_RX_RING_SIZE XEN_RING_ENTRIES(4096u, sizeof(union xen_netif_rx_entry))

_Static_assert(sizeof(struct xen_netif_tx_request) == 12, "netif: tx request");
_Static_assert(sizeof(struct xen_netif_tx_response) == 4, "netif: tx response");
_Static_assert(sizeof(struct xen_netif_rx_request) == 8, "netif: rx request");
_Static_assert(sizeof(struct xen_netif_rx_response) == 8, "netif: rx response");
_Static_assert(sizeof(struct xen_netif_extra_info) == 8, "netif: extra info");
_Static_assert(XEN_NETIF_TX_RING_SIZE == 256, "netif: tx ring");
_Static_assert(XEN_NETIF_RX_RING_SIZE == 256, "netif: rx ring");

#endif
