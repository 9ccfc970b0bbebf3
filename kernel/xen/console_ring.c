/*
 * console_ring.c — the console of a domU: the PV console ring
 * (abi/xencons.h) shared with xenconsoled in dom0, which a domU must use
 * because Xen refuses it console_io (only the hardware domain, or a
 * domain marked as the console, may write there on a release build).
 *
 * Output: copy into out[] at out_prod, publish out_prod after a write
 * barrier, notify the event channel.  When the ring is full the backend
 * has not caught up; we notify it and wait, polling out_cons with the
 * CPU given to Xen (SCHEDOP_yield: under one physical CPU dom0 must run
 * for the ring to drain) for at most XENCONS_WAIT_NS of Xen's system
 * time.  The wait is bounded because this may be a panic path with a dead
 * backend; what does not fit then is dropped and counted, and the count
 * is reported once the ring has room again.
 *
 * Input: the backend produces into in[] and notifies; the event
 * channel's irq hands the bytes to console_input() and publishes in_cons.
 * An in_prod that claims more than the ring holds is the backend's error:
 * it is reported and the ring resynchronised, never trusted.
 */
#include "xen/platform.h"
#include "abi/xencons.h"
#include "console.h"
#include "irq.h"
#include "mm.h"
#include "layout.h"
#include "printk.h"
#include "pvclock.h"
#include "lib/fmt.h"

#define XENCONS_WAIT_NS (2 * 1000000000ull)

static u64 dropped;                   /* bytes lost to a backend that did not drain */
static bool bad_input_seen;

/* The ring's page (xen_page_va); mapped once mm_init has run, if not RAM. */
static struct xencons_interface *ring(void)
{
	static struct xencons_interface *mapped;

	if (phys_map_offset != PHYS_MAP_BASE)
		return xen_page_va(xen_platform->console_ring_pa);   /* the loader's map */
	if (!mapped)
		mapped = xen_page_va(xen_platform->console_ring_pa);
	return mapped;
}

/* Notify without xen_evtchn_send: a failure must not panic from inside
 * the console (the panic would print through us again). */
static void ring_notify(void)
{
	struct xen_evtchn_send s = { .port = xen_platform->console_evtchn };

	xen_hcall2(XEN_HYPERCALL_event_channel_op, XEN_EVTCHNOP_send, &s);
}

static u64 xen_now(void)
{
	return pvclock_read((const volatile struct pvclock_vcpu_time_info *)
			    &this_cpu_ptr(&xen_vcpu_info)->time);
}

/* Wait until out[] has room; false after XENCONS_WAIT_NS without any. */
static bool ring_wait_room(volatile struct xencons_interface *r, xencons_ring_idx prod)
{
	u64 deadline = xen_now() + XENCONS_WAIT_NS;

	ring_notify();
	while (prod - READ_ONCE(r->out_cons) >= XENCONS_OUT_SIZE) {
		if (xen_now() > deadline)
			return false;
		xen_hcall2(XEN_HYPERCALL_sched_op, XEN_SCHEDOP_yield, 0);
	}
	return true;
}

static void ring_put(const char *s, size_t n)
{
	volatile struct xencons_interface *r = ring();
	xencons_ring_idx prod = r->out_prod;

	while (n) {
		if (prod - READ_ONCE(r->out_cons) >= XENCONS_OUT_SIZE) {
			__atomic_thread_fence(__ATOMIC_RELEASE);
			r->out_prod = prod;
			if (!ring_wait_room(r, prod)) {
				dropped += n;
				break;
			}
		}
		r->out[XENCONS_MASK(prod, XENCONS_OUT_SIZE)] = *s++;
		prod++;
		n--;
	}
	__atomic_thread_fence(__ATOMIC_RELEASE);   /* the bytes before the index */
	r->out_prod = prod;
	ring_notify();
}

static void ring_report_dropped(void)
{
	char msg[80];
	u64 d = dropped;
	int len;

	if (!d)
		return;
	dropped = 0;
	len = fmt_snprintf(msg, sizeof(msg), "\r\nxen: console ring full: %llu bytes dropped\r\n",
			   (unsigned long long)d);
	ring_put(msg, (size_t)len);
}

static void ring_write_raw(const char *s, size_t n)
{
	ring_report_dropped();
	ring_put(s, n);
}

/* The console contract: "\n" goes out as "\r\n" (xenconsoled passes
 * the bytes to a pty as they are). */
static void ring_write(const char *s, size_t n)
{
	size_t start = 0, i;

	ring_report_dropped();
	for (i = 0; i < n; i++)
		if (s[i] == '\n') {
			ring_put(s + start, i - start);
			ring_put("\r\n", 2);
			start = i + 1;
		}
	ring_put(s + start, n - start);
}

static void ring_rx(unsigned irq, void *arg)
{
	volatile struct xencons_interface *r = ring();
	xencons_ring_idx cons = r->in_cons, prod = READ_ONCE(r->in_prod);
	char buf[64];
	size_t n = 0;

	(void)irq, (void)arg;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);   /* the index before the bytes */
	if (prod - cons > XENCONS_IN_SIZE) {
		if (!bad_input_seen)
			pr_err("xen: console backend set in_prod %u with in_cons %u (more than the "
			       "%u-byte ring): input dropped\n", prod, cons, XENCONS_IN_SIZE);
		bad_input_seen = true;
		cons = prod;
	}
	while (cons != prod) {
		buf[n++] = r->in[XENCONS_MASK(cons, XENCONS_IN_SIZE)];
		cons++;
		if (n == sizeof(buf) || cons == prod) {
			console_input(buf, n);
			n = 0;
		}
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);   /* done with the bytes before freeing them */
	r->in_cons = cons;
	ring_notify();
}

static int ring_irq = IRQ_NONE;

static void ring_input_start(void)
{
	int irq = xen_evtchn_irq(xen_platform->console_evtchn, "xen-console-ring");

	if (irq == IRQ_NONE || irq_request((unsigned)irq, ring_rx, NULL)) {
		pr_warn("xen: no irq for the console ring's event channel %u: console input is off\n",
			xen_platform->console_evtchn);
		return;
	}
	ring_irq = irq;
	ring_rx(0, NULL);             /* whatever arrived before the binding */
}

/* The page is ours and stays; a restored domain reaches xenconsoled by
 * another port, which the backend has already put in xen_platform. */
void xen_console_ring_resume(void)
{
	if (ring_irq != IRQ_NONE)
		xen_evtchn_rebind(ring_irq, xen_platform->console_evtchn);
}

static struct console ring_console = {
	.name = "xen-console-ring", .write = ring_write, .write_raw = ring_write_raw,
	.input_start = ring_input_start,
};

bool xen_console_ring_init(void)
{
	if (!xen_platform->console_ring_pa)
		return false;
	console_register(&ring_console);
	return true;
}
