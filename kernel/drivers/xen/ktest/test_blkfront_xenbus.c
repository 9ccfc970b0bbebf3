/*
 * test_blkfront_xenbus.c — blkfront's handshake against a xenstored and a
 * blkback played in memory: a key table answers XS_READ and takes
 * XS_WRITE, the "back end" already Connected.  The keys lie (a ring order
 * no ring can have, a capacity that is no number, a sector size that is
 * no power of two, a backend path that is not absolute, a backend-id that
 * is no domain) and each time the device must be left alone with our
 * state Closed, its grants and event channel given back, the kernel going
 * on.  The good path is the domU row's (blk/xen-domu/xvda) against Linux.
 *
 * Needs a Xen backend (grants, an event channel) and no live xenstore to
 * stand in for.
 */
#include "xen/testing.h"
#include "xen/xenbus.h"
#include "xen/xenstore.h"
#include "blockdev.h"
#include "errno.h"
#include "mm.h"
#include "lib/fmt.h"

#define FX_KEYS 32

struct fx {
	struct xs_conn c;
	u64 page_pa;
	char req[XENSTORE_PAYLOAD_MAX + 16];
	u32 req_got;
	struct { char key[128]; char val[64]; } keys[FX_KEYS];
	unsigned tx_raced;                /* TRANSACTION_ENDs seen: the first gets EAGAIN */
};

static const char *fx_get(struct fx *f, const char *key)
{
	unsigned i;

	for (i = 0; i < FX_KEYS; i++)
		if (f->keys[i].key[0] && !strcmp(f->keys[i].key, key))
			return f->keys[i].val;
	return NULL;
}

static void fx_set(struct fx *f, const char *key, const char *val, size_t len)
{
	unsigned i, free_i = FX_KEYS;

	for (i = 0; i < FX_KEYS; i++) {
		if (f->keys[i].key[0] && !strcmp(f->keys[i].key, key))
			break;
		if (!f->keys[i].key[0] && free_i == FX_KEYS)
			free_i = i;
	}
	if (i == FX_KEYS)
		i = free_i;
	if (i == FX_KEYS)
		return;
	fmt_snprintf(f->keys[i].key, sizeof(f->keys[i].key), "%s", key);
	len = MIN(len, sizeof(f->keys[i].val) - 1);
	memcpy(f->keys[i].val, val, len);
	f->keys[i].val[len] = '\0';
}

static void fx_reply(struct fx *f, u32 type, u32 req_id, const char *p, u32 len)
{
	volatile struct xenstore_domain_interface *in = f->c.intf;
	struct xsd_sockmsg h = { .type = type, .req_id = req_id, .len = len };
	u32 i;

	for (i = 0; i < sizeof(h); i++)
		in->rsp[XENSTORE_RING_MASK(in->rsp_prod + i)] = ((const char *)&h)[i];
	for (i = 0; i < len; i++)
		in->rsp[XENSTORE_RING_MASK(in->rsp_prod + sizeof(h) + i)] = p[i];
	in->rsp_prod += (u32)sizeof(h) + len;
}

/* One whole request is in f->req: answer it. */
static void fx_answer(struct fx *f)
{
	struct xsd_sockmsg *h = (struct xsd_sockmsg *)f->req;
	char *path = f->req + sizeof(*h);
	size_t pl = strnlen(path, h->len);
	const char *v;

	path[MIN(pl, (size_t)h->len - 1)] = '\0';
	switch (h->type) {
	case XS_READ:
		v = fx_get(f, path);
		if (v)
			fx_reply(f, XS_READ, h->req_id, v, (u32)strlen(v));
		else
			fx_reply(f, XS_ERROR, h->req_id, "ENOENT", 7);
		break;
	case XS_WRITE:
		fx_set(f, path, path + pl + 1, h->len - pl - 1);
		fx_reply(f, XS_WRITE, h->req_id, "OK", 3);
		break;
	case XS_TRANSACTION_START:
		fx_reply(f, XS_TRANSACTION_START, h->req_id, "7", 2);
		break;
	case XS_TRANSACTION_END:
		/* The first commit loses a race: the front end must do it all again. */
		if (!f->tx_raced++)
			fx_reply(f, XS_ERROR, h->req_id, "EAGAIN", 7);
		else
			fx_reply(f, XS_TRANSACTION_END, h->req_id, "OK", 3);
		break;
	default:
		fx_reply(f, h->type, h->req_id, "OK", 3);
		break;
	}
}

static void fx_notify(struct xs_conn *c)
{
	struct fx *f = (struct fx *)c;
	volatile struct xenstore_domain_interface *in = c->intf;
	bool answered = false;

	while (in->req_cons != in->req_prod) {
		f->req[f->req_got++] = in->req[XENSTORE_RING_MASK(in->req_cons++)];
		if (f->req_got >= sizeof(struct xsd_sockmsg) &&
		    f->req_got == sizeof(struct xsd_sockmsg) + ((struct xsd_sockmsg *)f->req)->len) {
			fx_answer(f);
			f->req_got = 0;
			answered = true;
		}
	}
	if (answered)
		xs_conn_pump(c);
}

#define FX_BE "/local/domain/0/backend/vbd/9/51712"

static struct fx *fx_start(struct ktest_ctx *t, struct xs_conn **old)
{
	struct fx *f;

	if (!xen_ktest_applies(t))
		return NULL;
	if (xs_present()) {
		ktest_skip(t, "a live xenstore is connected; the fake would stand in its way");
		return NULL;
	}
	f = kzalloc(sizeof(*f));
	if (!f)
		return NULL;
	f->page_pa = frame_alloc();
	if (!f->page_pa) {
		kfree(f);
		return NULL;
	}
	memset(phys_to_virt(f->page_pa), 0, PAGE_SIZE);
	xs_conn_init(&f->c, phys_to_virt(f->page_pa), fx_notify);
	fx_set(f, "device/vbd/51712/backend", FX_BE, sizeof(FX_BE) - 1);
	fx_set(f, "device/vbd/51712/backend-id", "0", 1);
	fx_set(f, FX_BE "/state", "4", 1);
	fx_set(f, FX_BE "/sectors", "8192", 4);
	fx_set(f, FX_BE "/sector-size", "512", 3);
	fx_set(f, FX_BE "/info", "0", 1);
	*old = xs_ktest_swap(&f->c);
	return f;
}

static void fx_end(struct fx *f, struct xs_conn *old)
{
	xs_ktest_swap(old);
	frame_free(f->page_pa);
	kfree(f);
}

static void fx_expect_refused(struct ktest_ctx *t, const char *key, const char *val, int want)
{
	struct xs_conn *old;
	struct fx *f = fx_start(t, &old);
	unsigned grants;
	const char *state;

	if (!f)
		return;
	fx_set(f, key, val, strlen(val));
	grants = xen_grant_nr_free();
	KT_EXPECT_EQ(t, xenbus_probe_device("vbd", "51712"), want);
	state = fx_get(f, "device/vbd/51712/state");
	/* Refused before anything was written, or closed after. */
	KT_EXPECT(t, !state || !strcmp(state, "6"));
	KT_EXPECT_EQ(t, xen_grant_nr_free(), grants);
	KT_EXPECT(t, !blockdev_find("xvda"));
	KT_EXPECT(t, !f->c.broken);
	fx_end(f, old);
}

KTEST(blkfront_bad_ring_order, "a max-ring-page-order no ring can have leaves the disk alone")
{
	fx_expect_refused(t, FX_BE "/max-ring-page-order", "99", -EINVAL);
}

KTEST(blkfront_bad_sectors, "a capacity that is not a number leaves the disk alone, grants given back")
{
	fx_expect_refused(t, FX_BE "/sectors", "12x", -EINVAL);
}

KTEST(blkfront_bad_sector_size, "a sector size that is not a power of two of 512 or more is refused")
{
	fx_expect_refused(t, FX_BE "/sector-size", "1000", -EINVAL);
}

KTEST(xenbus_bad_backend_keys, "a relative backend path or a backend-id that is no domain is refused")
{
	fx_expect_refused(t, "device/vbd/51712/backend", "backend/vbd/9/51712", -EINVAL);
	fx_expect_refused(t, "device/vbd/51712/backend-id", "70000", -EINVAL);
}

KTEST(xenbus_keys_transaction, "a front end's keys go in one transaction, done again when the commit races")
{
	static struct xenbus_device xd = { .nodename = "device/vbd/51712" };
	const struct xenbus_key keys[] = { { "ring-ref", "8" }, { "event-channel", "5" } };
	struct xs_conn *old;
	struct fx *f = fx_start(t, &old);
	const char *v;

	if (!f)
		return;
	KT_EXPECT_EQ(t, xenbus_write_keys(&xd, keys, 2), 0);
	KT_EXPECT_EQ(t, f->tx_raced, 2);            /* EAGAIN once, then committed */
	v = fx_get(f, "device/vbd/51712/ring-ref");
	KT_EXPECT(t, v && !strcmp(v, "8"));
	v = fx_get(f, "device/vbd/51712/event-channel");
	KT_EXPECT(t, v && !strcmp(v, "5"));
	fx_end(f, old);
}
