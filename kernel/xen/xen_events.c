/*
 * xen_events.c — event channels, the PV replacement for interrupts.
 *
 * Xen marks a port pending in shared_info (2-level ABI: a selector word in
 * vcpu_info says which of the 64 pending words to look at) and, unless the
 * vCPU's upcall mask is set, enters the event callback registered by
 * xen_entry.c.  The callback arrives as UPCALL_VECTOR in trap_dispatch;
 * xen_evtchn_upcall scans selector and words, clears each pending bit
 * before running its handler (so a new event during the handler is seen
 * again) and skips masked ports.
 */
#include "xen/xen.h"
#include "pv/ops.h"
#include "trap.h"
#include "mm.h"
#include "panic.h"
#include "printk.h"

#define NR_PORTS XEN_EVTCHN_2L_NR_CHANNELS

struct xen_shared_info *xen_shared;
static struct { xen_evtchn_handler_t fn; void *arg; } handlers[NR_PORTS];

static void evtchn_op(unsigned cmd, void *arg, const char *what, unsigned port)
{
	long rc = xen_hcall2(XEN_HYPERCALL_event_channel_op, cmd, arg);

	if (rc)
		xen_fail("event_channel_op", rc, "%s, port %u", what, port);
}

static void atomic_clear_bit(volatile u64 *words, unsigned bit)
{
	__asm__ __volatile__("lock btrq %1, %0" : "+m"(words[bit / 64]) : "r"((u64)(bit % 64)) : "memory");
}

static void atomic_set_bit(volatile u64 *words, unsigned bit)
{
	__asm__ __volatile__("lock btsq %1, %0" : "+m"(words[bit / 64]) : "r"((u64)(bit % 64)) : "memory");
}

static void xen_evtchn_upcall(struct trap_frame *f)
{
	(void)f;
	do {
		u64 sel;

		xen_vcpu_info.evtchn_upcall_pending = 0;
		sel = __atomic_exchange_n(&xen_vcpu_info.evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
		while (sel) {
			unsigned w = (unsigned)__builtin_ctzll(sel);
			u64 bits;

			sel &= sel - 1;
			bits = xen_shared->evtchn_pending[w] & ~xen_shared->evtchn_mask[w];
			while (bits) {
				unsigned port = w * 64 + (unsigned)__builtin_ctzll(bits);

				bits &= bits - 1;
				atomic_clear_bit(xen_shared->evtchn_pending, port);
				if (handlers[port].fn)
					handlers[port].fn(port, handlers[port].arg);
				else
					pr_warn("xen: event on unbound port %u\n", port);
			}
		}
	} while (xen_vcpu_info.evtchn_upcall_pending);
}

void xen_events_init(void)
{
	void *va = ioremap_reserve(PAGE_SIZE);

	xen_map_machine((u64)va, xen_boot_info.shared_info_maddr >> PAGE_SHIFT, true);
	xen_shared = va;
	irq_set_handler(UPCALL_VECTOR, xen_evtchn_upcall);
}

void xen_evtchn_bind(unsigned port, xen_evtchn_handler_t fn, void *arg)
{
	if (port >= NR_PORTS)
		panic("xen: port %u out of range", port);
	handlers[port].arg = arg;
	handlers[port].fn = fn;
}

void xen_evtchn_unbind(unsigned port)
{
	xen_evtchn_mask(port);
	handlers[port].fn = NULL;
}

void xen_evtchn_mask(unsigned port)
{
	atomic_set_bit(xen_shared->evtchn_mask, port);
}

/* Xen re-raises the event if it became pending while masked. */
void xen_evtchn_unmask(unsigned port)
{
	struct xen_evtchn_unmask u = { .port = port };

	evtchn_op(XEN_EVTCHNOP_unmask, &u, "unmask", port);
}

unsigned xen_bind_virq(unsigned virq)
{
	struct xen_evtchn_bind_virq b = { .virq = virq, .vcpu = 0 };

	evtchn_op(XEN_EVTCHNOP_bind_virq, &b, "bind_virq", virq);
	return b.port;
}

void xen_evtchn_send(unsigned port)
{
	struct xen_evtchn_send s = { .port = port };

	evtchn_op(XEN_EVTCHNOP_send, &s, "send", port);
}

void xen_evtchn_close(unsigned port)
{
	struct xen_evtchn_close c = { .port = port };

	xen_evtchn_unbind(port);
	evtchn_op(XEN_EVTCHNOP_close, &c, "close", port);
	/* Closing one end of a pair notifies the other; nothing may stay
	 * pending on a port that is gone. */
	atomic_clear_bit(xen_shared->evtchn_pending, port);
}
