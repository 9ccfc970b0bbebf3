/*
 * xenbus.c — finding a domU's PV devices in xenstore and the XenbusState
 * handshake with their back ends (xen/xenbus.h; Xen's public io/xenbus.h
 * and docs/misc/xenstore-paths).
 *
 * The toolstack writes, for each device, device/<type>/<id>/backend (the
 * back end's directory, absolute) and backend-id (its domain); the back
 * end's directory has its own state key, which we watch.  What those keys
 * hold is checked before use: an id that is not a number, a backend path
 * that is not absolute or does not fit, a backend-id that is no domain —
 * each is reported and the device left alone.
 */
#include "xen/xenbus.h"
#include "xen/platform.h"
#include "xen/hypercall.h"
#include "irq.h"
#include "abi/xen.h"
#include "clock.h"
#include "pv/ops.h"
#include "errno.h"
#include "initcall.h"
#include "mm.h"
#include "printk.h"
#include "sched.h"
#include "lib/fmt.h"
#include <stdarg.h>
#include <string.h>


extern const struct xenbus_driver *const __xenbus_drivers_start[], *const __xenbus_drivers_end[];

static struct xenbus_device *xenbus_devices;

const char *xenbus_state_name(unsigned s)
{
	static const char *const names[] = {
		"Unknown", "Initialising", "InitWait", "Initialised", "Connected",
		"Closing", "Closed", "Reconfiguring", "Reconfigured",
	};

	return s < sizeof(names) / sizeof(names[0]) ? names[s] : "(bad state)";
}

const char *xenbus_path(char *buf, size_t cap, const char *node, const char *key)
{
	fmt_snprintf(buf, cap, "%s/%s", node, key);
	return buf;
}

int xenbus_read_backend_u64(struct xenbus_device *dev, const char *key, u64 *out)
{
	char p[192];

	return xs_read_u64(xenbus_path(p, sizeof(p), dev->otherend, key), out);
}

bool xenbus_backend_feature(struct xenbus_device *dev, const char *key)
{
	char p[192], v[8];

	return xs_read(xenbus_path(p, sizeof(p), dev->otherend, key), v, sizeof(v)) == 1 &&
	       v[0] == '1';
}

int xenbus_write_own(struct xenbus_device *dev, const char *key, const char *value)
{
	char p[96];
	int rc = xs_write(xenbus_path(p, sizeof(p), dev->nodename, key), value);

	if (rc)
		pr_err("xenbus: writing %s = '%s' failed: %d\n", p, value, rc);
	return rc;
}

int xenbus_printf_own(struct xenbus_device *dev, const char *key, const char *fmt, ...)
{
	char v[64];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	return xenbus_write_own(dev, key, v);
}

#define XENBUS_TX_TRIES 16

int xenbus_write_keys(struct xenbus_device *dev, const struct xenbus_key *keys, unsigned n)
{
	char p[96];
	unsigned tries, i;
	u32 tx;
	int rc;

	for (tries = 0; tries < XENBUS_TX_TRIES; tries++) {
		tx = 0;
		rc = xs_transaction_start(&tx);
		for (i = 0; !rc && i < n; i++)
			rc = xs_tx_write(tx, xenbus_path(p, sizeof(p), dev->nodename, keys[i].key),
					 keys[i].value);
		if (rc && rc != -EAGAIN && tx) {
			xs_transaction_end(tx, false);
			break;
		}
		if (!rc)
			rc = xs_transaction_end(tx, true);
		if (rc != -EAGAIN)
			break;
	}
	if (rc)
		pr_err("xenbus: %s: writing %u keys in a transaction failed: %d%s\n", dev->nodename, n, rc,
		       rc == -EAGAIN ? " (every try raced another writer)" : "");
	return rc;
}

int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state s)
{
	int rc = xenbus_printf_own(dev, "state", "%u", (unsigned)s);

	if (!rc)
		dev->state = s;
	return rc;
}

static enum xenbus_state parse_state(const char *v, u32 len)
{
	if (len == 1 && v[0] >= '0' && v[0] <= '8')
		return (enum xenbus_state)(v[0] - '0');
	return XENBUS_UNKNOWN;
}

enum xenbus_state xenbus_backend_state(struct xenbus_device *dev)
{
	char v[16];
	int n = xs_read(dev->be_state_path, v, sizeof(v));

	return n > 0 ? parse_state(v, (u32)n) : XENBUS_UNKNOWN;
}

int xenbus_wait_backend(struct xenbus_device *dev, enum xenbus_state want, u64 timeout_ns)
{
	u64 deadline = clock_ns() + timeout_ns;

	for (;;) {
		unsigned seen = dev->be_events;
		enum xenbus_state s = xenbus_backend_state(dev);
		u64 fl;

		if (s >= want)
			return (int)s;
		if (clock_ns() >= deadline) {
			pr_err("xenbus: %s: back end %s still %s after %llu ms, want %s\n",
			       dev->nodename, dev->otherend, xenbus_state_name(s),
			       (unsigned long long)(timeout_ns / 1000000), xenbus_state_name(want));
			return -ETIMEDOUT;
		}
		fl = irq_save();
		while (dev->be_events == seen && clock_ns() < deadline)
			sched_sleep_until((const void *)&dev->be_events, deadline);
		irq_restore(fl);
	}
}

/* ---- back-end state changes after probe (interrupt context) ---- */
static void be_state_read(struct xenbus_device *dev);

static void be_state_done(int status, const char *reply, u32 len, void *arg)
{
	struct xenbus_device *dev = arg;

	dev->be_reading = false;
	if (status == 0 && dev->drv->backend_changed)
		dev->drv->backend_changed(dev, parse_state(reply, len));
	if (dev->be_again)
		be_state_read(dev);
}

static void be_state_read(struct xenbus_device *dev)
{
	if (dev->be_reading) {
		dev->be_again = true;
		return;
	}
	dev->be_again = false;
	dev->be_reading = xs_read_async(dev->be_state_path, be_state_done, dev) == 0;
}

static void be_watch_fn(struct xs_watch *w, const char *path)
{
	struct xenbus_device *dev = w->priv;

	(void)path;
	dev->be_events++;
	sched_wakeup((const void *)&dev->be_events);
	if (dev->probed && dev->drv->backend_changed)
		be_state_read(dev);
}

/* ---- enumeration ---- */
static bool parse_id(const char *s, u32 *out)
{
	u64 v = 0;
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || v > 0xffffffffu / 10)
			return false;
		v = v * 10 + (u64)(s[i] - '0');
	}
	*out = (u32)v;
	return i > 0 && v <= 0xffffffffu;
}

static int read_otherend(struct xenbus_device *dev)
{
	char p[96];
	u64 be_id;
	int n;

	n = xs_read(xenbus_path(p, sizeof(p), dev->nodename, "backend"), dev->otherend,
		    sizeof(dev->otherend));
	if (n < 0) {
		pr_err("xenbus: %s has no readable backend key (%d): device left alone\n",
		       dev->nodename, n);
		return n;
	}
	if (n < 2 || dev->otherend[0] != '/' || (size_t)n + 7 > sizeof(dev->be_state_path)) {
		pr_err("xenbus: %s/backend is '%s', not an absolute path we can use: device left "
		       "alone\n", dev->nodename, dev->otherend);
		return -EINVAL;
	}
	n = xs_read_u64(xenbus_path(p, sizeof(p), dev->nodename, "backend-id"), &be_id);
	if (n)
		return n;
	if (be_id >= XEN_DOMID_FIRST_RESERVED) {
		pr_err("xenbus: %s/backend-id %llu is no domain: device left alone\n",
		       dev->nodename, (unsigned long long)be_id);
		return -EINVAL;
	}
	dev->otherend_id = (u16)be_id;
	xenbus_path(dev->be_state_path, sizeof(dev->be_state_path), dev->otherend, "state");
	return 0;
}

static int probe_one(const struct xenbus_driver *drv, const char *name)
{
	struct xenbus_device *dev;
	u32 id;
	int rc;

	if (!parse_id(name, &id)) {
		pr_err("xenbus: device/%s/%s: the id is not a number: ignored\n", drv->type, name);
		return -EINVAL;
	}
	dev = kzalloc(sizeof(*dev));
	if (!dev)
		return -ENOMEM;
	dev->id = id;
	dev->drv = drv;
	fmt_snprintf(dev->nodename, sizeof(dev->nodename), "device/%s/%u", drv->type, id);
	rc = read_otherend(dev);
	if (rc) {
		kfree(dev);
		return rc;
	}
	dev->be_watch.path = dev->be_state_path;
	dev->be_watch.fn = be_watch_fn;
	dev->be_watch.priv = dev;
	rc = xs_watch(&dev->be_watch);
	if (rc) {
		pr_err("xenbus: %s: cannot watch %s (%d): device left alone\n", dev->nodename,
		       dev->be_state_path, rc);
		kfree(dev);
		return rc;
	}
	pr_info("xenbus: %s, back end %s in domain %u\n", dev->nodename, dev->otherend,
		dev->otherend_id);
	rc = drv->probe(dev);
	if (rc) {
		pr_err("xenbus: %s: %s front end failed (%d): device left alone\n", dev->nodename,
		       drv->type, rc);
		xenbus_switch_state(dev, XENBUS_CLOSED);
		xs_unwatch(&dev->be_watch);
		kfree(dev);
		return rc;
	}
	dev->probed = true;
	dev->next = xenbus_devices;
	xenbus_devices = dev;
	return 0;
}

int xenbus_probe_device(const char *type, const char *name)
{
	const struct xenbus_driver *const *p;

	for (p = __xenbus_drivers_start; p < __xenbus_drivers_end; p++)
		if (!strcmp((*p)->type, type))
			return probe_one(*p, name);
	return -ENODEV;
}

static void xenbus_probe_all(void)
{
	const struct xenbus_driver *const *p;
	static char list[1024];

	if (!xs_present())
		return;
	for (p = __xenbus_drivers_start; p < __xenbus_drivers_end; p++) {
		char path[32];
		const char *name;
		int n;

		n = xs_directory(xenbus_path(path, sizeof(path), "device", (*p)->type), list,
				 sizeof(list));
		if (n == -ENOENT || n == 0)
			continue;
		if (n < 0) {
			pr_err("xenbus: cannot list %s: %d\n", path, n);
			continue;
		}
		for (name = list; n--; name += strlen(name) + 1)
			probe_one(*p, name);
	}
}
DEVICE_INIT(INIT_BUS, xenbus_probe_all);

static int alloc_port(struct xenbus_device *dev, unsigned *port, const char *name)
{
	struct xen_evtchn_alloc_unbound au = { .dom = XEN_DOMID_SELF, .remote_dom = dev->otherend_id };
	long rc = xen_hcall2(XEN_HYPERCALL_event_channel_op, XEN_EVTCHNOP_alloc_unbound, &au);

	if (rc) {
		pr_err("%s: no event channel to domain %u: %s\n", name, dev->otherend_id, xen_strerror(rc));
		return -EIO;
	}
	*port = au.port;
	return 0;
}

int xenbus_alloc_evtchn(struct xenbus_device *dev, unsigned *port, int *irq, const char *name)
{
	int rc = alloc_port(dev, port, name);

	if (rc)
		return rc;
	*irq = xen_evtchn_irq(*port, name);
	return *irq == IRQ_NONE ? -EBUSY : 0;
}

int xenbus_realloc_evtchn(struct xenbus_device *dev, unsigned *port, int irq, const char *name)
{
	int rc = alloc_port(dev, port, name);

	if (!rc)
		xen_evtchn_rebind(irq, *port);
	return rc;
}

static void closed_written(int status, const char *reply, u32 len, void *arg)
{
	(void)status, (void)reply, (void)len, (void)arg;
}

void xenbus_close_async(struct xenbus_device *dev)
{
	char p[96];

	dev->state = XENBUS_CLOSED;
	xs_write_async(xenbus_path(p, sizeof(p), dev->nodename, "state"), "6", closed_written, NULL);
}

/* ---- save and restore ---- */
void xenbus_suspend(void)
{
	struct xenbus_device *dev;

	for (dev = xenbus_devices; dev; dev = dev->next)
		if (dev->drv->suspend)
			dev->drv->suspend(dev);
}

/* The toolstack builds the restored domain's devices afresh: the back
 * end's directory names the new domain, and its domain may differ too. */
void xenbus_resume_paths(void)
{
	struct xenbus_device *dev;

	for (dev = xenbus_devices; dev; dev = dev->next) {
		dev->gone = read_otherend(dev) != 0;
		dev->state = XENBUS_INITIALISING;
		if (dev->gone)
			pr_err("xenbus: %s has no back end after the restore\n", dev->nodename);
	}
}

void xenbus_resume(bool new_domain)
{
	struct xenbus_device *dev;

	for (dev = xenbus_devices; dev; dev = dev->next)
		if (dev->drv->resume)
			dev->drv->resume(dev, new_domain);
}
