/*
 * xenstore.h — the xenstore wire protocol as Proteus speaks it, version 1:
 * the message header, the message types, the error names and the shared
 * page a guest talks to xenstored through.  Our own definitions of what
 * Xen's public io/xs_wire.h specifies, and docs/misc/xenstore.txt
 * describes; the text is ours.
 *
 * Every message, either way, is a 16-byte header and `len` payload bytes
 * (at most XENSTORE_PAYLOAD_MAX).  A request carries a req_id the reply
 * echoes, and a tx_id (0 outside a transaction).  Payloads are strings:
 * a path is NUL-terminated, a value written is not; a directory reply is
 * the children's names, each NUL-terminated.  A request that failed is
 * answered with XS_ERROR whose payload is an error name ("ENOENT\0").
 * XS_WATCH_EVENT messages arrive unasked (req_id 0), payload
 * "path\0token\0".
 *
 * A domain's connection is one page (start_info store_mfn for a PV guest)
 * holding two byte rings of 1024: req (we produce, xenstored consumes)
 * and rsp (the reverse), each with free-running 32-bit indices; a message
 * may straddle the ring's end and be longer than the ring, so both sides
 * stream it.  The event channel (start_info store_evtchn) is kicked after
 * publishing either index.
 *
 * Self-contained: needs only <stdint.h>.
 */
#ifndef PROTEUS_ABI_XENSTORE_H
#define PROTEUS_ABI_XENSTORE_H

#define PROTEUS_XENSTORE_ABI_VERSION 1

#include <stdint.h>

/* message types */
#define XS_CONTROL                0   /* formerly XS_DEBUG */
#define XS_DIRECTORY              1
#define XS_READ                   2
#define XS_GET_PERMS              3
#define XS_WATCH                  4
#define XS_UNWATCH                5
#define XS_TRANSACTION_START      6
#define XS_TRANSACTION_END        7
#define XS_INTRODUCE              8
#define XS_RELEASE                9
#define XS_GET_DOMAIN_PATH       10
#define XS_WRITE                 11
#define XS_MKDIR                 12
#define XS_RM                    13
#define XS_SET_PERMS             14
#define XS_WATCH_EVENT           15
#define XS_ERROR                 16
#define XS_IS_DOMAIN_INTRODUCED  17
#define XS_RESUME                18
#define XS_SET_TARGET            19
/* 20 was XS_RESTRICT, withdrawn */
#define XS_RESET_WATCHES         21
#define XS_DIRECTORY_PART        22
#define XS_TYPE_COUNT            23

struct xsd_sockmsg {
	uint32_t type;     /* XS_* */
	uint32_t req_id;   /* echoed in the reply */
	uint32_t tx_id;    /* transaction, 0 for none */
	uint32_t len;      /* payload bytes after the header */
};

/* The error names an XS_ERROR payload carries (then a NUL), and the
 * errno value each stands for (Linux's numbers, as in xs_wire.h's table). */
#define XENSTORE_ERRORS(X)                                                   \
	X(EINVAL, 22) X(EACCES, 13) X(EEXIST, 17) X(EISDIR, 21) X(ENOENT, 2)   \
	X(ENOMEM, 12) X(ENOSPC, 28) X(EIO, 5) X(ENOTEMPTY, 39) X(ENOSYS, 38)   \
	X(EROFS, 30) X(EBUSY, 16) X(EAGAIN, 11) X(EISCONN, 106) X(E2BIG, 7)    \
	X(EPERM, 1)

/* Watch event payload fields, in order. */
#define XS_WATCH_PATH  0
#define XS_WATCH_TOKEN 1

/* ---- the shared page ---- */
#define XENSTORE_RING_SIZE 1024u
#define XENSTORE_RING_MASK(idx) ((idx) & (XENSTORE_RING_SIZE - 1))
typedef uint32_t xenstore_ring_idx_t;

struct xenstore_domain_interface {
	char req[XENSTORE_RING_SIZE];    /* requests to xenstored */
	char rsp[XENSTORE_RING_SIZE];    /* replies and watch events */
	xenstore_ring_idx_t req_cons, req_prod;
	xenstore_ring_idx_t rsp_cons, rsp_prod;
	uint32_t server_features;        /* XENSTORE_SERVER_FEATURE_* */
	uint32_t connection;             /* XENSTORE_CONNECTED / _RECONNECT */
	uint32_t error;                  /* XENSTORE_ERROR_* */
};

#define XENSTORE_SERVER_FEATURE_RECONNECTION 1u
#define XENSTORE_SERVER_FEATURE_ERROR        2u
#define XENSTORE_CONNECTED 0u
#define XENSTORE_RECONNECT 1u
#define XENSTORE_ERROR_NONE    0u
#define XENSTORE_ERROR_COMM    1u
#define XENSTORE_ERROR_RINGIDX 2u
#define XENSTORE_ERROR_PROTO   3u

/* Payload and path limits. */
#define XENSTORE_PAYLOAD_MAX   4096u
#define XENSTORE_ABS_PATH_MAX  3072u
#define XENSTORE_REL_PATH_MAX  2048u

#define XS_ABI_OFF_(f) __builtin_offsetof(struct xenstore_domain_interface, f)
_Static_assert(sizeof(struct xsd_sockmsg) == 16, "xenstore: header size");
_Static_assert(XS_ABI_OFF_(rsp) == 1024, "xenstore: rsp ring offset");
_Static_assert(XS_ABI_OFF_(req_cons) == 2048, "xenstore: req_cons offset");
_Static_assert(XS_ABI_OFF_(rsp_prod) == 2060, "xenstore: rsp_prod offset");
_Static_assert(XS_ABI_OFF_(error) == 2072, "xenstore: error offset");
#undef XS_ABI_OFF_

#endif
