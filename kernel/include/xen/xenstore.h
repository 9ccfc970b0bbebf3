/*
 * xen/xenstore.h — the xenstore client of a domU (abi/xenstore.h): read,
 * write, list and watch keys of the store xenstored keeps in dom0.
 *
 * One connection, the page and event channel start_info names; absent on
 * dom0 (it would have to run xenstored itself) and wherever the platform
 * gives no store page, and then every call fails with -ENODEV.
 *
 * The blocking calls sleep until the reply comes, at most XS_TIMEOUT_NS;
 * they are for processes and the boot path (interrupts on).  After one
 * timeout xenstored counts as unresponsive and later calls fail at once
 * with -ETIMEDOUT until it answers anything again, so a dead xenstored
 * costs the boot one timeout, not one per key.
 *
 * Watch callbacks and async completions run in the event channel's
 * interrupt handler: they must not sleep.  They may issue xs_*_async
 * requests and wake sleepers.  A watch fires once when it is registered
 * (xenstored's rule), then on every change under its path.
 */
#ifndef PROTEUS_XEN_XENSTORE_H
#define PROTEUS_XEN_XENSTORE_H

#include "types.h"
#include "abi/xenstore.h"

#define XS_TIMEOUT_NS (10 * 1000000000ull)
#define XS_SLOTS 4                         /* requests in flight at once */

struct xs_conn;

/* Called when an async request is answered (status 0 or -errno; reply
 * NUL-terminated, len bytes before the NUL), in interrupt context. */
typedef void xs_done_fn(int status, const char *reply, u32 len, void *arg);

struct xs_watch {
	const char *path;
	void (*fn)(struct xs_watch *w, const char *path);   /* interrupt context */
	void *priv;
	/* the client's */
	char token[16];
	struct xs_watch *next;
};

bool xs_present(void);

/* Read path's value into buf (NUL-terminated): its length, or -errno
 * (-ENOENT: no such key, -E2BIG: longer than cap - 1). */
int xs_read(const char *path, char *buf, size_t cap);
/* A decimal number; -EINVAL (and a message naming the key and what it
 * held) when the value is not one.  -ENOENT when absent, no message. */
int xs_read_u64(const char *path, u64 *out);
int xs_write(const char *path, const char *value);
int xs_printf(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Transactions: a start gives an id; writes under it become visible
 * together at the end, which fails with -EAGAIN when another writer got
 * in between: the caller then does the whole transaction again. */
int xs_transaction_start(u32 *tx);
int xs_transaction_end(u32 tx, bool commit);
int xs_tx_write(u32 tx, const char *path, const char *value);
int xs_rm(const char *path);
/* The children of path as NUL-separated names in buf: how many, or -errno. */
int xs_directory(const char *path, char *buf, size_t cap);
/* Start and stop watching w->path. */
int xs_watch(struct xs_watch *w);
int xs_unwatch(struct xs_watch *w);
/* Non-blocking forms, for interrupt context: 0 when queued (fn will be
 * called), -errno when not (fn will not be). */
int xs_read_async(const char *path, xs_done_fn *fn, void *arg);
int xs_write_async(const char *path, const char *value, xs_done_fn *fn, void *arg);

/*
 * Save and restore (xen/suspend.c).  xs_suspend stops putting requests on
 * the ring and sleeps until every request already there is answered, so
 * the ring holds no half-told conversation when the domain is saved.
 * xs_resume lets requests flow again: after a restore (new_domain) on the
 * new event channel, with whatever the old xenstored had still queued for
 * us dropped, and every watch registered again — the new xenstored knows
 * none of them, and each fires once on registration, as on first use.
 * xs_resume_ring is its first half, from interrupt-disabled context;
 * xs_rewatch_all the second, which sleeps.
 */
int xs_suspend(void);
void xs_resume_ring(bool new_domain);
void xs_rewatch_all(void);

/* The errno an XS_ERROR name stands for, -EIO for a name we do not know. */
int xs_error_errno(const char *name, u32 len);

/* ---- the connection itself (xenstore.c), for the client and its tests ---- */
struct xs_slot {
	bool used, done, abandoned;
	struct xsd_sockmsg hdr;
	u32 sent;                              /* bytes of header + payload on the ring */
	char buf[XENSTORE_PAYLOAD_MAX + 1];    /* the request payload, then the reply */
	u32 reply_len;
	int status;
	xs_done_fn *fn;                        /* NULL: a sleeper waits on the slot */
	void *arg;
	struct xs_slot *qnext;
};

struct xs_conn {
	volatile struct xenstore_domain_interface *intf;
	void (*notify)(struct xs_conn *c);
	struct xs_slot slots[XS_SLOTS];
	struct xs_slot *qhead, *qtail;         /* not yet wholly on the ring */
	u32 next_id;
	/* the reply or event being received */
	struct xsd_sockmsg rx_hdr;
	u32 rx_got;                            /* bytes of header + payload so far */
	struct xs_slot *rx_slot;               /* whose reply; NULL: an event or dropped */
	char *rx_buf;
	u32 rx_cap;
	char event[XENSTORE_PAYLOAD_MAX + 1];
	bool broken, unresponsive;
	bool frozen;                           /* suspending: nothing new goes on the ring */
	bool pumping, pump_again;
	u64 timeout_ns;                        /* of a blocking call: XS_TIMEOUT_NS */
	struct xs_watch *watches;
	u32 next_watch;
	u64 replies, events, bad_messages;
};

/* Attach c to a shared page (xenstored's or a test's). */
void xs_conn_init(struct xs_conn *c, void *page, void (*notify)(struct xs_conn *c));
/* Queue a request: payload p1 (with its NUL) then p2len bytes of p2.
 * Interrupts disabled.  The slot, or NULL with *err set. */
struct xs_slot *xs_conn_submit(struct xs_conn *c, u32 type, u32 tx_id, const char *p1,
			       const void *p2, u32 p2len, xs_done_fn *fn, void *arg, int *err);
/* Submit and sleep for the reply: its length (the reply is copied to
 * reply, NUL-terminated, when reply is not NULL) or -errno. */
int xs_conn_talk(struct xs_conn *c, u32 type, const char *p1, const void *p2, u32 p2len,
		 char *reply, size_t cap);
/* The same inside transaction tx (0: none). */
int xs_conn_talk_tx(struct xs_conn *c, u32 tx, u32 type, const char *p1, const void *p2, u32 p2len,
		    char *reply, size_t cap);
/* Move queued requests onto the ring and replies off it (the irq's work). */
void xs_conn_pump(struct xs_conn *c);
void xs_conn_free_slot(struct xs_conn *c, struct xs_slot *s);
/* Tests: make c the connection the xs_* calls use (NULL: none); the
 * previous one is returned, to be put back. */
struct xs_conn *xs_ktest_swap(struct xs_conn *c);

#endif
