/*
 * test_xenstore.c — the xenstore connection against a xenstored played in
 * memory: the test consumes the req ring and feeds the rsp ring in chunks
 * it chooses, with replies that lie (a req_id nobody asked for, the wrong
 * type, an error name we do not know, a length past the payload limit, a
 * producer index more than a ring ahead) and checks each is caught, the
 * waiter told, and the kernel goes on.  Also: messages longer than the
 * 1024-byte rings stream both ways, across the wrap, and watch events
 * reach their watch.  Pure ring logic: runs on every backend.
 */
#include "ktest.h"
#include "xen/xenstore.h"
#include "errno.h"
#include "mm.h"
#include "pv/ops.h"
#include "clock.h"
#include <string.h>

struct xs_fake {
	struct xs_conn c;
	u64 page_pa;
	char req[8192];                 /* bytes of requests consumed */
	u32 req_len;
	char script[8192];              /* bytes to feed as replies */
	u32 script_len, script_off, chunk;
	unsigned notifies;
	bool answer_in_notify;          /* play xenstored inside notify (sync calls) */
};

static void fake_take(struct xs_fake *f)
{
	volatile struct xenstore_domain_interface *in = f->c.intf;

	while (in->req_cons != in->req_prod && f->req_len < sizeof(f->req))
		f->req[f->req_len++] = in->req[XENSTORE_RING_MASK(in->req_cons++)];
}

static bool fake_feed(struct xs_fake *f)
{
	volatile struct xenstore_domain_interface *in = f->c.intf;
	u32 room = XENSTORE_RING_SIZE - (in->rsp_prod - in->rsp_cons), n, i;

	fake_take(f);
	/* xenstored answers a request only once it has all of it. */
	if (f->c.qhead)
		return f->req_len > 0 && in->req_cons == in->req_prod;
	n = MIN(MIN(room, f->script_len - f->script_off), f->chunk);
	for (i = 0; i < n; i++)
		in->rsp[XENSTORE_RING_MASK(in->rsp_prod + i)] = f->script[f->script_off++];
	in->rsp_prod += n;
	return n > 0;
}

static void fake_notify(struct xs_conn *c)
{
	struct xs_fake *f = (struct xs_fake *)c;

	f->notifies++;
	if (f->answer_in_notify && fake_feed(f))
		xs_conn_pump(c);
	else if (!f->answer_in_notify)
		fake_take(f);          /* replies when the test says */
}

static void fake_msg(struct xs_fake *f, u32 type, u32 req_id, const char *p, u32 len)
{
	struct xsd_sockmsg h = { .type = type, .req_id = req_id, .len = len };

	memcpy(f->script + f->script_len, &h, sizeof(h));
	memcpy(f->script + f->script_len + sizeof(h), p, len);
	f->script_len += (u32)sizeof(h) + len;
}

static struct xs_fake *fake_new(struct ktest_ctx *t)
{
	struct xs_fake *f = kzalloc(sizeof(*f));

	KT_EXPECT(t, f != NULL);
	if (!f)
		return NULL;
	f->page_pa = frame_alloc();
	if (!f->page_pa) {
		kfree(f);
		return NULL;
	}
	memset(phys_to_virt(f->page_pa), 0, PAGE_SIZE);
	xs_conn_init(&f->c, phys_to_virt(f->page_pa), fake_notify);
	f->chunk = XENSTORE_RING_SIZE;
	return f;
}

static void fake_free(struct xs_fake *f)
{
	frame_free(f->page_pa);
	kfree(f);
}

/* Feed the script and pump as the irq would, until nothing moves. */
static void fake_run(struct xs_fake *f)
{
	u64 fl = irq_save();

	while (fake_feed(f))
		xs_conn_pump(&f->c);
	irq_restore(fl);
}

struct done_rec { int calls, status; u32 len; char reply[64]; };

static void rec_done(int status, const char *reply, u32 len, void *arg)
{
	struct done_rec *d = arg;

	d->calls++;
	d->status = status;
	d->len = len;
	memcpy(d->reply, reply, MIN(len + 1, sizeof(d->reply)));
}

static struct xs_slot *submit(struct xs_fake *f, u32 type, const char *path, struct done_rec *d)
{
	u64 fl = irq_save();
	int err = 0;
	struct xs_slot *s = xs_conn_submit(&f->c, type, 0, path, NULL, 0, rec_done, d, &err);

	irq_restore(fl);
	return s;
}

KTEST(xenstore_round_trip, "xenstore replies are matched by req_id, values and XS_ERROR names decoded")
{
	struct xs_fake *f = fake_new(t);
	char v[32];

	if (!f)
		return;
	f->answer_in_notify = true;
	fake_msg(f, XS_READ, 1, "hello", 5);
	KT_EXPECT_EQ(t, xs_conn_talk(&f->c, XS_READ, "device/x", NULL, 0, v, sizeof(v)), 5);
	KT_EXPECT(t, !strcmp(v, "hello"));
	KT_EXPECT(t, f->req_len == sizeof(struct xsd_sockmsg) + 9 && !strcmp(f->req + 16, "device/x"));
	fake_msg(f, XS_ERROR, 2, "ENOENT", 7);
	KT_EXPECT_EQ(t, xs_conn_talk(&f->c, XS_READ, "nope", NULL, 0, v, sizeof(v)), -ENOENT);
	fake_msg(f, XS_ERROR, 3, "EWHATEVER", 10);
	KT_EXPECT_EQ(t, xs_conn_talk(&f->c, XS_READ, "odd", NULL, 0, v, sizeof(v)), -EIO);
	fake_msg(f, XS_READ, 4, "0123456789", 10);
	KT_EXPECT_EQ(t, xs_conn_talk(&f->c, XS_READ, "long", NULL, 0, v, 8), -E2BIG);
	KT_EXPECT(t, !f->c.broken);
	fake_free(f);
}

KTEST(xenstore_lying_replies, "a reply for nobody is dropped, a wrong type fails its request, the link lives on")
{
	struct xs_fake *f = fake_new(t);
	struct done_rec d = { 0 };

	if (!f)
		return;
	KT_ASSERT(t, submit(f, XS_READ, "a", &d) != NULL);
	fake_msg(f, XS_READ, 99, "stray", 5);           /* nobody asked */
	fake_msg(f, XS_DIRECTORY, 1, "x", 2);            /* the wrong type */
	fake_run(f);
	KT_EXPECT_EQ(t, d.calls, 1);
	KT_EXPECT_EQ(t, d.status, -EIO);
	KT_EXPECT_EQ(t, f->c.bad_messages, 2);
	KT_EXPECT(t, !f->c.broken);
	memset(&d, 0, sizeof(d));
	KT_ASSERT(t, submit(f, XS_READ, "b", &d) != NULL);
	fake_msg(f, XS_READ, 2, "fine", 4);
	fake_run(f);
	KT_EXPECT(t, d.calls == 1 && d.status == 0 && !strcmp(d.reply, "fine"));
	fake_free(f);
}

KTEST(xenstore_broken_stream, "an oversized length or a runaway rsp_prod gives the connection up: waiters get EIO")
{
	struct xs_fake *f = fake_new(t);
	struct done_rec d = { 0 };
	struct xsd_sockmsg h = { .type = XS_READ, .req_id = 1, .len = XENSTORE_PAYLOAD_MAX + 1 };
	volatile struct xenstore_domain_interface *in;
	int err = 0;
	u64 fl;

	if (!f)
		return;
	KT_ASSERT(t, submit(f, XS_READ, "a", &d) != NULL);
	memcpy(f->script, &h, sizeof(h));
	f->script_len = sizeof(h);
	fake_run(f);
	KT_EXPECT(t, f->c.broken && d.calls == 1 && d.status == -EIO);
	fl = irq_save();
	KT_EXPECT(t, xs_conn_submit(&f->c, XS_READ, 0, "b", NULL, 0, rec_done, &d, &err) == NULL);
	irq_restore(fl);
	KT_EXPECT_EQ(t, err, -EIO);
	fake_free(f);

	f = fake_new(t);
	if (!f)
		return;
	memset(&d, 0, sizeof(d));
	KT_ASSERT(t, submit(f, XS_READ, "a", &d) != NULL);
	in = f->c.intf;
	in->rsp_prod = in->rsp_cons + XENSTORE_RING_SIZE + 1;
	fl = irq_save();
	xs_conn_pump(&f->c);
	irq_restore(fl);
	KT_EXPECT(t, f->c.broken && d.calls == 1 && d.status == -EIO);
	fake_free(f);
}

KTEST(xenstore_streams_long_messages, "requests and replies longer than the 1 KiB rings stream across the wrap")
{
	struct xs_fake *f = fake_new(t);
	static char big[3000], got[3001];
	u64 fl;
	int err = 0, i;
	struct xs_slot *s;

	if (!f)
		return;
	for (i = 0; i < (int)sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	f->chunk = 100;                                  /* xenstored reads and writes in bits */
	fl = irq_save();
	s = xs_conn_submit(&f->c, XS_WRITE, 0, "k", big, sizeof(big), NULL, NULL, &err);
	irq_restore(fl);
	KT_ASSERT(t, s != NULL);
	fake_msg(f, XS_WRITE, 1, big, sizeof(big));      /* an echo as long as the request */
	fake_run(f);
	KT_EXPECT_EQ(t, f->req_len, 16 + 2 + sizeof(big));
	KT_EXPECT(t, !memcmp(f->req + 18, big, sizeof(big)));
	KT_EXPECT(t, s->done && s->status == 0 && s->reply_len == sizeof(big));
	memcpy(got, s->buf, sizeof(got));
	KT_EXPECT(t, !memcmp(got, big, sizeof(big)) && got[sizeof(big)] == '\0');
	xs_conn_free_slot(&f->c, s);
	fake_free(f);
}

static unsigned watch_hits;
static char watch_path[32];

static void watch_fn(struct xs_watch *w, const char *path)
{
	(void)w;
	watch_hits++;
	memcpy(watch_path, path, MIN(strlen(path) + 1, sizeof(watch_path)));
}

KTEST(xenstore_watch_events, "watch events reach the watch of their token; malformed ones are dropped")
{
	struct xs_fake *f = fake_new(t);
	struct xs_watch w = { .path = "control/shutdown", .fn = watch_fn, .token = "pw7" };

	if (!f)
		return;
	watch_hits = 0;
	f->c.watches = &w;
	fake_msg(f, XS_WATCH_EVENT, 0, "control/shutdown\0pw7", 21);
	fake_msg(f, XS_WATCH_EVENT, 0, "control/shutdown\0pw8", 21);   /* someone else's */
	fake_msg(f, XS_WATCH_EVENT, 0, "no-token-nul\0pw7", 16);       /* token not terminated */
	fake_run(f);
	KT_EXPECT_EQ(t, watch_hits, 1);
	KT_EXPECT(t, !strcmp(watch_path, "control/shutdown"));
	KT_EXPECT_EQ(t, f->c.bad_messages, 1);
	KT_EXPECT(t, !f->c.broken);
	fake_free(f);
}

KTEST(xenstore_silent_server, "a xenstored that never answers costs one bounded wait, and a late reply heals")
{
	struct xs_fake *f = fake_new(t);
	char v[16];
	u64 t0;

	if (!f)
		return;
	f->c.timeout_ns = 50000000ull;                   /* 50 ms, not the real 10 s */
	t0 = clock_ns();
	KT_EXPECT_EQ(t, xs_conn_talk(&f->c, XS_READ, "a", NULL, 0, v, sizeof(v)), -ETIMEDOUT);
	KT_EXPECT(t, clock_ns() - t0 >= f->c.timeout_ns);
	t0 = clock_ns();
	KT_EXPECT_EQ(t, xs_conn_talk(&f->c, XS_READ, "b", NULL, 0, v, sizeof(v)), -ETIMEDOUT);
	KT_EXPECT(t, clock_ns() - t0 < f->c.timeout_ns);  /* failed at once */
	KT_EXPECT(t, f->c.slots[0].used && f->c.slots[0].abandoned);
	fake_msg(f, XS_READ, 1, "late", 4);              /* the abandoned one's answer */
	fake_run(f);
	KT_EXPECT(t, !f->c.slots[0].used && !f->c.unresponsive);
	f->answer_in_notify = true;
	fake_msg(f, XS_READ, 2, "ok", 2);
	KT_EXPECT_EQ(t, xs_conn_talk(&f->c, XS_READ, "c", NULL, 0, v, sizeof(v)), 2);
	fake_free(f);
}
