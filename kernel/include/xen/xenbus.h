/*
 * xen/xenbus.h — the bus of a domU's PV devices: the front ends named
 * under device/<type>/<id> in xenstore, each paired with a back end in
 * another domain (usually dom0) through the keys both sides write, and
 * the XenbusState handshake of Xen's public io/xenbus.h.
 *
 * A front end registers with XENBUS_DRIVER for one device type ("vbd",
 * "vif").  At INIT_BUS the bus lists device/<type> for each driver and
 * calls probe for every id, with the back end's path and domain read and
 * checked, in the boot process: probe may sleep (it usually waits for the
 * back end to connect).  Later changes of the back end's state reach the
 * driver's backend_changed in interrupt context.
 */
#ifndef PROTEUS_XEN_XENBUS_H
#define PROTEUS_XEN_XENBUS_H

#include "types.h"
#include "xen/xenstore.h"

/* XenbusState (io/xenbus.h) */
enum xenbus_state {
	XENBUS_UNKNOWN = 0,
	XENBUS_INITIALISING = 1,
	XENBUS_INITWAIT = 2,          /* back end: waiting for the front end's details */
	XENBUS_INITIALISED = 3,       /* front end: details written */
	XENBUS_CONNECTED = 4,
	XENBUS_CLOSING = 5,
	XENBUS_CLOSED = 6,
	XENBUS_RECONFIGURING = 7,
	XENBUS_RECONFIGURED = 8,
};
const char *xenbus_state_name(unsigned s);

struct xenbus_driver;

struct xenbus_device {
	char nodename[48];            /* "device/vbd/51712" (relative to our home) */
	char otherend[128];           /* the back end's absolute path */
	u16 otherend_id;
	u32 id;                       /* the <id> in the node name */
	const struct xenbus_driver *drv;
	enum xenbus_state state;      /* ours, as last written */
	char be_state_path[144];      /* otherend/state */
	struct xs_watch be_watch;     /* on be_state_path */
	volatile unsigned be_events;  /* counted by be_watch; waiters sleep on it */
	bool probed;                  /* probe succeeded: changes go to backend_changed */
	bool gone;                    /* after a restore, no back end could be found */
	bool be_reading, be_again;    /* an async read of the back end's state is out */
	struct xenbus_device *next;
	void *priv;                   /* the driver's */
};

struct xenbus_driver {
	const char *type;             /* "vbd" */
	/* 0 or -errno; on failure the device is left alone (state Closed). */
	int (*probe)(struct xenbus_device *dev);
	/* The back end's state changed after probe succeeded; may be NULL. */
	void (*backend_changed)(struct xenbus_device *dev, enum xenbus_state s);
	/* Save and restore, in the worker thread (may sleep).  suspend stops
	 * using the back end and waits for what it has in flight; resume
	 * goes on with the same back end when the suspend was cancelled, or
	 * connects to the new domain's back end (the handshake again: its
	 * path, in dev, has been read again; dev->gone if there is none).
	 * Either may be NULL: a driver without them is not saved. */
	void (*suspend)(struct xenbus_device *dev);
	void (*resume)(struct xenbus_device *dev, bool new_domain);
};

#define XENBUS_DRIVER(var)                                                   \
	static const struct xenbus_driver *const xenbus_driver_ptr_##var       \
		__section(".xenbus_drivers") __used = &(var)

/* dev's own key or the back end's: "<node>/<key>" into buf. */
const char *xenbus_path(char *buf, size_t cap, const char *node, const char *key);
/* Read a number from the back end's directory; -ENOENT when absent. */
int xenbus_read_backend_u64(struct xenbus_device *dev, const char *key, u64 *out);
/* A back-end key that is "1" ("feature-persistent"); absent or else: false. */
bool xenbus_backend_feature(struct xenbus_device *dev, const char *key);
int xenbus_write_own(struct xenbus_device *dev, const char *key, const char *value);
int xenbus_printf_own(struct xenbus_device *dev, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Our keys, all at once in one xenstore transaction (retried while it
 * races another writer, as Linux's front ends do): the back end never
 * sees half of them.  0 or -errno, logged. */
struct xenbus_key {
	const char *key, *value;
};
int xenbus_write_keys(struct xenbus_device *dev, const struct xenbus_key *keys, unsigned n);
/* An event channel bound to dev's back end and its irq (requested
 * later by the driver): 0, or -errno with a message naming name. */
int xenbus_alloc_evtchn(struct xenbus_device *dev, unsigned *port, int *irq, const char *name);
/* After a restore: a new event channel to dev's (new) back end, bound
 * to the irq the driver already holds, so its handler stays in place. */
int xenbus_realloc_evtchn(struct xenbus_device *dev, unsigned *port, int irq, const char *name);
/* Go Closed from interrupt context (a back end that went away): the
 * state key is written asynchronously, its result not awaited. */
void xenbus_close_async(struct xenbus_device *dev);
/* Write our state key: 0 or -errno. */
int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state s);
/* Read the back end's state; XENBUS_UNKNOWN when unreadable. */
enum xenbus_state xenbus_backend_state(struct xenbus_device *dev);
/* Sleep until the back end's state is want or a later one (the states
 * are ordered: Closing and Closed come after Connected) and return it,
 * or -ETIMEDOUT once timeout_ns passed. */
int xenbus_wait_backend(struct xenbus_device *dev, enum xenbus_state want, u64 timeout_ns);

/* Save and restore (xen/suspend.c): every device's suspend; then, in a
 * new domain, every back end's path read again and (once the watches are
 * back) every device's resume. */
void xenbus_suspend(void);
void xenbus_resume_paths(void);
void xenbus_resume(bool new_domain);

/* Probe device/<type>/<name> with its driver now (the bus does this at
 * INIT_BUS; tests call it): 0 when the driver took it, or -errno. */
int xenbus_probe_device(const char *type, const char *name);

#endif
