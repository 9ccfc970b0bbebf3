/*
 * xenstore_api.c — the domU's connection to xenstored and the calls the
 * rest of the kernel makes (xen/xenstore.h): blocking ones that sleep on
 * their slot with a deadline, async ones for interrupt context, watches.
 *
 * The connection comes up at INIT_CORE, before xenbus enumerates
 * devices at INIT_BUS: the page of start_info store_mfn (the backend
 * gives its pseudo-physical address; it is one of our own frames, as the
 * console ring's is) and the event channel store_evtchn, whose irq pumps
 * the rings.
 */
#include "xen/xenstore.h"
#include "xen/platform.h"
#include "clock.h"
#include "errno.h"
#include "initcall.h"
#include "irq.h"
#include "mm.h"
#include "printk.h"
#include "sched.h"
#include "lib/fmt.h"
#include <stdarg.h>
#include <string.h>

static struct xs_conn xs_main;
static int xs_irq_nr;
static struct xs_conn *xs_cur;          /* the connection calls use; NULL: none */

bool xs_present(void) { return xs_cur != NULL; }

struct xs_conn *xs_ktest_swap(struct xs_conn *c)
{
	struct xs_conn *old = xs_cur;

	xs_cur = c;
	return old;
}

int xs_error_errno(const char *name, u32 len)
{
	static const struct { const char *name; int err; } names[] = {
#define XS_ERR_ROW_(n, v) { #n, v },
		XENSTORE_ERRORS(XS_ERR_ROW_)
#undef XS_ERR_ROW_
	};
	unsigned i;

	if (len && strnlen(name, len) < len)
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (!strcmp(names[i].name, name))
				return -names[i].err;
	pr_err("xenstore: XS_ERROR with an error name we do not know (%u bytes): taken as EIO\n",
	       len);
	return -EIO;
}

int xs_conn_talk(struct xs_conn *c, u32 type, const char *p1, const void *p2, u32 p2len,
		 char *reply, size_t cap)
{
	return xs_conn_talk_tx(c, 0, type, p1, p2, p2len, reply, cap);
}

int xs_conn_talk_tx(struct xs_conn *c, u32 tx, u32 type, const char *p1, const void *p2, u32 p2len,
		    char *reply, size_t cap)
{
	u64 fl = irq_save(), deadline = clock_ns() + c->timeout_ns;
	struct xs_slot *s;
	int err = 0;

	if (c->unresponsive) {
		irq_restore(fl);
		return -ETIMEDOUT;
	}
	s = xs_conn_submit(c, type, tx, p1, p2, p2len, NULL, NULL, &err);
	if (!s) {
		irq_restore(fl);
		return err;
	}
	while (!s->done) {
		if (clock_ns() >= deadline) {
			s->abandoned = true;
			c->unresponsive = true;
			irq_restore(fl);
			pr_err("xenstore: no answer to request type %u for '%s' within %llu ms: "
			       "xenstored counts as unresponsive\n", type, p1,
			       (unsigned long long)(c->timeout_ns / 1000000ull));
			return -ETIMEDOUT;
		}
		sched_sleep_until(s, deadline);
	}
	err = s->status;
	if (!err) {
		err = (int)s->reply_len;
		if (reply && s->reply_len >= cap)
			err = -E2BIG;
		else if (reply)
			memcpy(reply, s->buf, s->reply_len + 1);
	}
	xs_conn_free_slot(c, s);
	irq_restore(fl);
	return err;
}

static int talk_tx(u32 tx, u32 type, const char *p1, const void *p2, u32 p2len, char *reply,
		   size_t cap)
{
	if (!xs_cur)
		return -ENODEV;
	return xs_conn_talk_tx(xs_cur, tx, type, p1, p2, p2len, reply, cap);
}

static int talk(u32 type, const char *p1, const void *p2, u32 p2len, char *reply, size_t cap)
{
	return talk_tx(0, type, p1, p2, p2len, reply, cap);
}

/* docs/misc/xenstore.txt: TRANSACTION_START's payload is empty (one NUL)
 * and its reply the id in decimal; requests name it in their header;
 * TRANSACTION_END takes "T" to commit, "F" to abort. */
int xs_transaction_start(u32 *tx)
{
	char v[16];
	int n = talk(XS_TRANSACTION_START, "", NULL, 0, v, sizeof(v)), i;
	u64 id = 0;

	if (n < 0)
		return n;
	if (n > 0 && v[n - 1] == '\0')
		n--;                      /* xenstored sends the id with its NUL */
	for (i = 0; i < n && v[i] >= '0' && v[i] <= '9' && id <= 0xffffffffull; i++)
		id = id * 10 + (u64)(v[i] - '0');
	if (n == 0 || i < n || id == 0 || id > 0xffffffffull) {
		pr_err("xenstore: TRANSACTION_START answered '%.15s', no transaction id\n", v);
		return -EIO;
	}
	*tx = (u32)id;
	return 0;
}

int xs_transaction_end(u32 tx, bool commit)
{
	int n = talk_tx(tx, XS_TRANSACTION_END, commit ? "T" : "F", NULL, 0, NULL, 0);

	return n < 0 ? n : 0;
}

int xs_tx_write(u32 tx, const char *path, const char *value)
{
	int n = talk_tx(tx, XS_WRITE, path, value, (u32)strlen(value), NULL, 0);

	return n < 0 ? n : 0;
}

int xs_read(const char *path, char *buf, size_t cap)
{
	return talk(XS_READ, path, NULL, 0, buf, cap);
}

int xs_read_u64(const char *path, u64 *out)
{
	char v[32];
	int n = xs_read(path, v, sizeof(v)), i;
	u64 x = 0;

	if (n < 0) {
		if (n == -E2BIG)
			pr_err("xenstore: %s holds more than a number\n", path);
		return n == -E2BIG ? -EINVAL : n;
	}
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9' || x > (~0ull - 9) / 10)
			break;
		x = x * 10 + (u64)(v[i] - '0');
	}
	if (n == 0 || i < n) {
		pr_err("xenstore: %s holds '%s', not a decimal number\n", path, v);
		return -EINVAL;
	}
	*out = x;
	return 0;
}

int xs_write(const char *path, const char *value)
{
	int n = talk(XS_WRITE, path, value, (u32)strlen(value), NULL, 0);

	return n < 0 ? n : 0;
}

int xs_printf(const char *path, const char *fmt, ...)
{
	char v[64];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	return xs_write(path, v);
}

int xs_rm(const char *path)
{
	int n = talk(XS_RM, path, NULL, 0, NULL, 0);

	return n < 0 ? n : 0;
}

int xs_directory(const char *path, char *buf, size_t cap)
{
	int n = talk(XS_DIRECTORY, path, NULL, 0, buf, cap), count = 0, i;

	if (n <= 0)
		return n;
	if (buf[n - 1] != '\0') {
		pr_err("xenstore: the listing of %s does not end in a NUL: ignored\n", path);
		return -EIO;
	}
	for (i = 0; i < n; i++)
		count += buf[i] == '\0';
	return count;
}

int xs_watch(struct xs_watch *w)
{
	u64 fl;
	int n;

	if (!xs_cur)
		return -ENODEV;
	fl = irq_save();
	fmt_snprintf(w->token, sizeof(w->token), "pw%u", xs_cur->next_watch++);
	w->next = xs_cur->watches;
	xs_cur->watches = w;
	irq_restore(fl);
	n = talk(XS_WATCH, w->path, w->token, (u32)strlen(w->token) + 1, NULL, 0);
	if (n < 0)
		xs_unwatch(w);
	return n < 0 ? n : 0;
}

int xs_unwatch(struct xs_watch *w)
{
	struct xs_watch **pp;
	u64 fl = irq_save();
	int n;

	if (!xs_cur)
		return -ENODEV;
	for (pp = &xs_cur->watches; *pp; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	irq_restore(fl);
	n = talk(XS_UNWATCH, w->path, w->token, (u32)strlen(w->token) + 1, NULL, 0);
	return n < 0 ? n : 0;
}

static int submit_async(u32 type, const char *path, const void *p2, u32 p2len, xs_done_fn *fn,
			void *arg)
{
	u64 fl;
	int err = 0;

	if (!xs_cur)
		return -ENODEV;
	fl = irq_save();
	xs_conn_submit(xs_cur, type, 0, path, p2, p2len, fn, arg, &err);
	irq_restore(fl);
	return err;
}

int xs_read_async(const char *path, xs_done_fn *fn, void *arg)
{
	return submit_async(XS_READ, path, NULL, 0, fn, arg);
}

int xs_write_async(const char *path, const char *value, xs_done_fn *fn, void *arg)
{
	return submit_async(XS_WRITE, path, value, (u32)strlen(value), fn, arg);
}

/* ---- the connection to dom0's xenstored ---- */
static void xs_notify(struct xs_conn *c)
{
	(void)c;
	xen_evtchn_send(xen_platform->store_evtchn);
}

static void xs_irq(unsigned irq, void *arg)
{
	(void)irq, (void)arg;
	xs_conn_pump(&xs_main);
}

static void xs_init(void)
{
	volatile struct xenstore_domain_interface *in;
	u64 fl;
	int irq;

	if (!xen_platform || xen_platform->dom0 || !xen_platform->store_ring_pa)
		return;               /* no xenstore: xenbus finds nothing */
	xs_conn_init(&xs_main, xen_page_va(xen_platform->store_ring_pa), xs_notify);
	in = xs_main.intf;
	if ((in->server_features & XENSTORE_SERVER_FEATURE_ERROR) && in->error) {
		pr_err("xenstore: the ring reports error %u before we used it: no xenstore\n",
		       in->error);
		return;
	}
	irq = xen_evtchn_irq(xen_platform->store_evtchn, "xenstore");
	if (irq == IRQ_NONE || irq_request((unsigned)irq, xs_irq, NULL)) {
		pr_err("xenstore: no irq for event channel %u: no xenstore\n",
		       xen_platform->store_evtchn);
		return;
	}
	xs_cur = &xs_main;
	xs_irq_nr = irq;
	fl = irq_save();
	xs_conn_pump(&xs_main);       /* whatever arrived before the binding */
	irq_restore(fl);
	pr_info("xenstore: ring at pa %#llx, event channel %u\n",
		(unsigned long long)xen_platform->store_ring_pa, xen_platform->store_evtchn);
}
DEVICE_INIT(INIT_CORE, xs_init);

/* ---- save and restore ---- */

/* Requests wholly or partly on the ring whose reply has not come. */
static unsigned xs_unanswered(const struct xs_conn *c)
{
	unsigned i, n = 0;

	for (i = 0; i < XS_SLOTS; i++)
		n += c->slots[i].used && !c->slots[i].done && !c->slots[i].abandoned &&
		     c->slots[i].sent > 0;
	return n;
}

int xs_suspend(void)
{
	struct xs_conn *c = &xs_main;
	u64 fl, deadline = clock_ns() + XS_TIMEOUT_NS;
	int rc = 0;

	if (xs_cur != c)
		return 0;
	fl = irq_save();
	c->frozen = true;
	/* A request half on the ring must be finished first: xenstored
	 * cannot answer half a message.  tx stops at message boundaries only
	 * when the ring is full, so pump by hand until it is all out. */
	while ((c->qhead && c->qhead->sent) || xs_unanswered(c)) {
		if (clock_ns() >= deadline || c->broken) {
			pr_err("xenstore: %u request(s) still unanswered at the suspend\n",
			       xs_unanswered(c));
			rc = -ETIMEDOUT;
			break;
		}
		if (c->qhead && c->qhead->sent) {
			c->frozen = false;
			xs_conn_pump(c);
			c->frozen = true;
		}
		sched_sleep_until(c, deadline);
	}
	irq_restore(fl);
	return rc;
}

void xs_resume_ring(bool new_domain)
{
	struct xs_conn *c = &xs_main;
	volatile struct xenstore_domain_interface *in = c->intf;

	if (xs_cur != c)
		return;
	if (new_domain) {
		if (in->req_prod != in->req_cons)
			pr_warn("xenstore: the request ring is not empty after the restore "
				"(prod %u, cons %u)\n", in->req_prod, in->req_cons);
		if (in->rsp_prod != in->rsp_cons) {
			pr_warn("xenstore: %u byte(s) the old xenstored sent are dropped\n",
				in->rsp_prod - in->rsp_cons);
			in->rsp_cons = in->rsp_prod;
		}
		c->rx_got = 0;
		xen_evtchn_rebind(xs_irq_nr, xen_platform->store_evtchn);
	}
	c->frozen = false;
	xs_conn_pump(c);
}

void xs_rewatch_all(void)
{
	struct xs_watch *w;

	if (xs_cur != &xs_main)
		return;
	for (w = xs_main.watches; w; w = w->next) {
		int n = talk(XS_WATCH, w->path, w->token, (u32)strlen(w->token) + 1, NULL, 0);

		if (n < 0)
			pr_err("xenstore: watch on %s not restored (%d): its changes will not reach "
			       "us\n", w->path, n);
	}
}
