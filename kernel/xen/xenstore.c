/*
 * xenstore.c — one xenstore connection: requests streamed onto the req
 * ring, replies and watch events streamed off the rsp ring
 * (abi/xenstore.h), matched to the request that waits for them.
 *
 * A request lives in one of XS_SLOTS slots owned by the connection, not
 * by its caller: a caller that gives up waiting leaves its slot marked
 * abandoned, and the late reply frees it.  A message may be longer than a
 * ring, so both directions keep a byte count across interrupts.
 *
 * Nothing xenstored writes is believed before it is checked: the ring
 * indices (a producer more than a ring ahead), the length (at most
 * XENSTORE_PAYLOAD_MAX), the req_id (a request that is waiting), the type
 * (the request's own or XS_ERROR), the error name.  A reply for nobody is
 * reported and dropped; a broken index or length leaves no way to find
 * the next message in the stream, so the connection is declared broken:
 * every waiter gets -EIO, later requests are refused, the kernel goes on.
 *
 * Everything here runs with interrupts disabled.
 */
#include "xen/xenstore.h"
#include "errno.h"
#include "printk.h"
#include "sched.h"
#include "lib/fmt.h"
#include <stdarg.h>
#include <string.h>

void xs_conn_init(struct xs_conn *c, void *page, void (*notify)(struct xs_conn *c))
{
	memset(c, 0, sizeof(*c));
	c->intf = page;
	c->notify = notify;
	c->next_id = 1;
	c->timeout_ns = XS_TIMEOUT_NS;
}

static void complete(struct xs_conn *c, struct xs_slot *s, int status);

static __attribute__((format(printf, 2, 3))) void conn_break(struct xs_conn *c,
							      const char *fmt, ...)
{
	char why[120];
	va_list ap;
	unsigned i;

	va_start(ap, fmt);
	fmt_vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	pr_err("xenstore: %s: connection given up, xenstore requests now fail with -EIO\n", why);
	c->broken = true;
	c->qhead = c->qtail = NULL;
	for (i = 0; i < XS_SLOTS; i++)
		if (c->slots[i].used && !c->slots[i].done)
			complete(c, &c->slots[i], -EIO);
}

void xs_conn_free_slot(struct xs_conn *c, struct xs_slot *s)
{
	(void)c;
	s->used = false;
}

static void complete(struct xs_conn *c, struct xs_slot *s, int status)
{
	s->status = status;
	s->done = true;
	if (c->frozen)
		sched_wakeup(c);          /* xs_suspend waits for the last answer */
	if (s->abandoned) {
		xs_conn_free_slot(c, s);
	} else if (s->fn) {
		s->fn(status, s->buf, s->reply_len, s->arg);
		xs_conn_free_slot(c, s);
	} else {
		sched_wakeup(s);
	}
}

struct xs_slot *xs_conn_submit(struct xs_conn *c, u32 type, u32 tx_id, const char *p1,
			       const void *p2, u32 p2len, xs_done_fn *fn, void *arg, int *err)
{
	size_t l1 = strlen(p1) + 1;
	struct xs_slot *s = NULL;
	unsigned i;

	if (c->broken) {
		*err = -EIO;
		return NULL;
	}
	if (l1 + p2len > XENSTORE_PAYLOAD_MAX) {
		*err = -E2BIG;
		return NULL;
	}
	for (i = 0; i < XS_SLOTS && !s; i++)
		if (!c->slots[i].used)
			s = &c->slots[i];
	if (!s) {
		pr_err("xenstore: all %u request slots are taken (xenstored is not answering)\n",
		       XS_SLOTS);
		*err = -EBUSY;
		return NULL;
	}
	memset(s, 0, offsetof(struct xs_slot, buf));
	s->used = true;
	s->hdr.type = type;
	s->hdr.req_id = c->next_id++;
	s->hdr.tx_id = tx_id;
	s->hdr.len = (u32)(l1 + p2len);
	memcpy(s->buf, p1, l1);
	if (p2len)
		memcpy(s->buf + l1, p2, p2len);
	s->fn = fn;
	s->arg = arg;
	if (c->qtail)
		c->qtail->qnext = s;
	else
		c->qhead = s;
	c->qtail = s;
	xs_conn_pump(c);
	return s;
}

/* Requests onto the req ring, as far as it has room. */
static bool tx(struct xs_conn *c)
{
	volatile struct xenstore_domain_interface *in = c->intf;
	xenstore_ring_idx_t prod = in->req_prod, cons;
	bool wrote = false;

	while (c->qhead) {
		struct xs_slot *s = c->qhead;
		u32 total = (u32)sizeof(s->hdr) + s->hdr.len;

		cons = READ_ONCE(in->req_cons);
		if (prod - cons > XENSTORE_RING_SIZE) {
			conn_break(c, "req_cons %u is more than a ring behind req_prod %u", cons, prod);
			return false;
		}
		if (prod - cons == XENSTORE_RING_SIZE)
			break;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);   /* read cons before reusing its bytes */
		while (s->sent < total && prod - cons < XENSTORE_RING_SIZE) {
			u32 k = s->sent++;

			in->req[XENSTORE_RING_MASK(prod)] =
				k < sizeof(s->hdr) ? ((const char *)&s->hdr)[k] : s->buf[k - sizeof(s->hdr)];
			prod++;
		}
		__atomic_thread_fence(__ATOMIC_RELEASE);   /* the bytes before the index */
		in->req_prod = prod;
		wrote = true;
		if (s->sent < total)
			break;
		c->qhead = s->qnext;
		if (!c->qhead)
			c->qtail = NULL;
	}
	return wrote;
}

/* A header is in: decide where the payload goes. */
static bool rx_start(struct xs_conn *c)
{
	struct xsd_sockmsg *h = &c->rx_hdr;
	unsigned i;

	if (h->len > XENSTORE_PAYLOAD_MAX) {
		conn_break(c, "message of type %u claims %u payload bytes", h->type, h->len);
		return false;
	}
	c->rx_slot = NULL;
	c->rx_buf = NULL;
	c->rx_cap = 0;
	if (h->type == XS_WATCH_EVENT) {
		c->rx_buf = c->event;
		c->rx_cap = XENSTORE_PAYLOAD_MAX;
		return true;
	}
	for (i = 0; i < XS_SLOTS; i++) {
		struct xs_slot *s = &c->slots[i];

		if (s->used && !s->done && s->hdr.req_id == h->req_id &&
		    s->sent == sizeof(s->hdr) + s->hdr.len) {
			c->rx_slot = s;
			c->rx_buf = s->buf;
			c->rx_cap = XENSTORE_PAYLOAD_MAX;
			return true;
		}
	}
	c->bad_messages++;
	pr_err("xenstore: reply of type %u with req_id %u that no request waits for: dropped\n",
	       h->type, h->req_id);
	return true;
}

static void rx_event(struct xs_conn *c, u32 len)
{
	const char *path = c->event, *token;
	size_t pl = strnlen(path, len);
	struct xs_watch *w;

	c->events++;
	token = path + pl + 1;
	if (pl + 1 >= len || strnlen(token, len - pl - 1) == len - pl - 1) {
		c->bad_messages++;
		pr_err("xenstore: watch event without a NUL-terminated path and token: dropped\n");
		return;
	}
	for (w = c->watches; w; w = w->next)
		if (!strcmp(w->token, token)) {
			w->fn(w, path);
			return;
		}
	/* An event for a watch just removed is normal: xenstored may have
	 * queued it before the XS_UNWATCH. */
}

/* A whole message is in. */
static void rx_end(struct xs_conn *c)
{
	struct xsd_sockmsg *h = &c->rx_hdr;
	struct xs_slot *s = c->rx_slot;

	c->replies++;
	c->unresponsive = false;
	if (c->rx_buf)
		c->rx_buf[h->len] = '\0';
	if (h->type == XS_WATCH_EVENT) {
		rx_event(c, h->len);
		return;
	}
	if (!s)
		return;
	s->reply_len = h->len;
	if (h->type == XS_ERROR) {
		complete(c, s, xs_error_errno(s->buf, h->len));
	} else if (h->type != s->hdr.type) {
		c->bad_messages++;
		pr_err("xenstore: request %u of type %u answered with type %u\n", h->req_id,
		       s->hdr.type, h->type);
		complete(c, s, -EIO);
	} else {
		complete(c, s, 0);
	}
}

/* Replies and events off the rsp ring. */
static bool rx(struct xs_conn *c)
{
	volatile struct xenstore_domain_interface *in = c->intf;
	xenstore_ring_idx_t cons = in->rsp_cons, prod = READ_ONCE(in->rsp_prod);
	bool took = false;

	__atomic_thread_fence(__ATOMIC_ACQUIRE);           /* the index before the bytes */
	if (prod - cons > XENSTORE_RING_SIZE) {
		conn_break(c, "rsp_prod %u is more than a ring ahead of rsp_cons %u", prod, cons);
		return false;
	}
	while (cons != prod && !c->broken) {
		char b = in->rsp[XENSTORE_RING_MASK(cons)];
		u32 k = c->rx_got++;

		cons++;
		took = true;
		if (k < sizeof(c->rx_hdr)) {
			((char *)&c->rx_hdr)[k] = b;
			if (k + 1 < sizeof(c->rx_hdr) || !rx_start(c))
				continue;
		} else if (c->rx_buf && k - sizeof(c->rx_hdr) < c->rx_cap) {
			c->rx_buf[k - sizeof(c->rx_hdr)] = b;
		}
		if (c->rx_got == sizeof(c->rx_hdr) + c->rx_hdr.len) {
			c->rx_got = 0;
			rx_end(c);
		}
	}
	if (took) {
		__atomic_thread_fence(__ATOMIC_SEQ_CST);   /* done with the bytes before freeing them */
		in->rsp_cons = cons;
	}
	return took;
}

/* A completion may submit a request, which pumps: the nested call only
 * marks that the outer one must go round again, so rx never re-enters
 * itself on bytes whose consumption it has not yet published. */
void xs_conn_pump(struct xs_conn *c)
{
	bool kick = false;

	if (c->pumping) {
		c->pump_again = true;
		return;
	}
	c->pumping = true;
	do {
		c->pump_again = false;
		if (!c->broken)
			kick |= rx(c);
		if (!c->broken && !c->frozen)
			kick |= tx(c);
	} while (c->pump_again && !c->broken);
	c->pumping = false;
	if (kick && !c->broken)
		c->notify(c);
}
