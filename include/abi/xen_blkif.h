/*
 * xen_blkif.h — the Xen block device protocol (blkif) as Proteus speaks
 * it, version 1: requests, responses and the xenstore keys of the
 * handshake.  Our own definitions of what Xen's public io/blkif.h
 * specifies for the x86_64 ABI (interface 0x00040e00); the text is ours.
 *
 * A request names sectors of 512 bytes and up to 11 segments, each a
 * granted page and the first and last sector used inside it (so a plain
 * request carries at most 11 pages, 44 KiB).  With feature-max-indirect-
 * segments a BLKIF_OP_INDIRECT request instead names up to 8 granted
 * pages full of segment descriptors (512 per page), so one request can
 * carry as many segments as the back end offers.  The response echoes
 * the request's id and operation, and a status.
 *
 * Self-contained: needs only <stdint.h> and xen_ring.h.
 */
#ifndef PROTEUS_ABI_XEN_BLKIF_H
#define PROTEUS_ABI_XEN_BLKIF_H

#define PROTEUS_XEN_BLKIF_ABI_VERSION 1

#include <stdint.h>
#include "abi/xen_ring.h"

/* operations */
#define XEN_BLKIF_OP_READ            0
#define XEN_BLKIF_OP_WRITE           1
#define XEN_BLKIF_OP_WRITE_BARRIER   2   /* feature-barrier */
#define XEN_BLKIF_OP_FLUSH_DISKCACHE 3   /* feature-flush-cache */
#define XEN_BLKIF_OP_DISCARD         5   /* feature-discard */
#define XEN_BLKIF_OP_INDIRECT        6   /* feature-max-indirect-segments */

/* response status */
#define XEN_BLKIF_RSP_EOPNOTSUPP (-2)
#define XEN_BLKIF_RSP_ERROR      (-1)
#define XEN_BLKIF_RSP_OKAY         0

/* "info" key bits */
#define XEN_VDISK_CDROM     0x1
#define XEN_VDISK_REMOVABLE 0x2
#define XEN_VDISK_READONLY  0x4

#define XEN_BLKIF_SECTOR_SIZE 512u
#define XEN_BLKIF_MAX_SEGMENTS_PER_REQUEST 11u
#define XEN_BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST 8u
/* The Linux major for xvd* disks: names xvda, xvdb, ... */
#define XEN_BLKIF_XVD_MAJOR 202u

/* The protocol string a 64-bit front end writes to "protocol". */
#define XEN_BLKIF_PROTOCOL_X86_64 "x86_64-abi"

struct xen_blkif_segment {
	uint32_t gref;                 /* the granted page */
	uint8_t first_sect;            /* first 512-byte sector used in it, 0..7 */
	uint8_t last_sect;             /* last one, first_sect..7 */
	uint16_t _pad;
};

/* Segment descriptors in one indirect page. */
#define XEN_BLKIF_SEGS_PER_INDIRECT_FRAME (4096u / sizeof(struct xen_blkif_segment))

struct xen_blkif_request {             /* READ, WRITE, FLUSH_DISKCACHE, WRITE_BARRIER */
	uint8_t operation;
	uint8_t nr_segments;           /* 0 for a flush */
	uint16_t handle;               /* the virtual device number (unused by Linux) */
	uint32_t _pad;
	uint64_t id;                   /* ours, echoed in the response */
	uint64_t sector_number;        /* first 512-byte sector */
	struct xen_blkif_segment seg[XEN_BLKIF_MAX_SEGMENTS_PER_REQUEST];
};

struct xen_blkif_request_indirect {
	uint8_t operation;             /* XEN_BLKIF_OP_INDIRECT */
	uint8_t indirect_op;           /* READ or WRITE */
	uint16_t nr_segments;          /* segments described by the indirect pages */
	uint32_t _pad1;
	uint64_t id;
	uint64_t sector_number;
	uint16_t handle;
	uint16_t _pad2;
	uint32_t indirect_grefs[XEN_BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
	uint32_t _pad3;
};

struct xen_blkif_response {
	uint64_t id;                   /* the request's */
	uint8_t operation;             /* the request's (an indirect one's indirect_op) */
	uint8_t _pad;
	int16_t status;                /* XEN_BLKIF_RSP_* */
	uint32_t _pad2;
};

union xen_blkif_ring_entry {
	struct xen_blkif_request req;
	struct xen_blkif_request_indirect ind;
	struct xen_blkif_response rsp;
};

/* Ring entries in 2^order pages: 32 for one page. */
#define XEN_BLKIF_RING_SIZE(order) \
	XEN_RING_ENTRIES(4096u << (order), sizeof(union xen_blkif_ring_entry))

#define XEN_BLKIF_OFF_(type, f) __builtin_offsetof(struct type, f)
_Static_assert(sizeof(struct xen_blkif_segment) == 8, "blkif: segment size");
_Static_assert(XEN_BLKIF_OFF_(xen_blkif_request, id) == 8, "blkif: request.id");
_Static_assert(XEN_BLKIF_OFF_(xen_blkif_request, sector_number) == 16, "blkif: sector_number");
_Static_assert(XEN_BLKIF_OFF_(xen_blkif_request, seg) == 24, "blkif: request.seg");
_Static_assert(sizeof(struct xen_blkif_request) == 112, "blkif: request size");
_Static_assert(XEN_BLKIF_OFF_(xen_blkif_request_indirect, nr_segments) == 2, "blkif: ind.nr_segments");
_Static_assert(XEN_BLKIF_OFF_(xen_blkif_request_indirect, id) == 8, "blkif: ind.id");
_Static_assert(XEN_BLKIF_OFF_(xen_blkif_request_indirect, handle) == 24, "blkif: ind.handle");
_Static_assert(XEN_BLKIF_OFF_(xen_blkif_request_indirect, indirect_grefs) == 28, "blkif: ind.grefs");
_Static_assert(sizeof(struct xen_blkif_request_indirect) == 64, "blkif: indirect size");
_Static_assert(XEN_BLKIF_OFF_(xen_blkif_response, operation) == 8, "blkif: response.operation");
_Static_assert(XEN_BLKIF_OFF_(xen_blkif_response, status) == 10, "blkif: response.status");
_Static_assert(sizeof(struct xen_blkif_response) == 16, "blkif: response size");
_Static_assert(sizeof(union xen_blkif_ring_entry) == 112, "blkif: ring entry");
_Static_assert(XEN_BLKIF_RING_SIZE(0) == 32, "blkif: one-page ring");
_Static_assert(XEN_BLKIF_SEGS_PER_INDIRECT_FRAME == 512, "blkif: segments per indirect page");

#endif
