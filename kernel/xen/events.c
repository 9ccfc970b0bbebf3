/*
 * events.c — event channels, Xen's replacement for interrupts, as an irq
 * chip: each bound port is an irq (irq.h), masked and unmasked through
 * the shared_info bitmap and EVTCHNOP_unmask.
 *
 * Xen marks a port pending in shared_info (2-level ABI: a selector word in
 * vcpu_info says which of the 64 pending words to look at) and raises an
 * upcall on the vCPU: a callback into a PV kernel, an interrupt vector in
 * a PVH one; the backend routes it to xen_evtchn_do_upcall.  That clears
 * the vCPU's upcall_pending flag first (a PVH vCPU is interrupted again
 * for as long as it is set), scans selector and words, clears each pending
 * bit before running the port's irq (so a new event during the handler is
 * seen again, and there is nothing left to acknowledge) and skips masked
 * ports.
 */
#include "xen/platform.h"
#include "irq.h"
#include "pv/ops.h"
#include "panic.h"
#include "printk.h"

#define NR_PORTS XEN_EVTCHN_2L_NR_CHANNELS

static s16 port_irq[NR_PORTS];             /* irq + 1, 0 for none */
static u64 unbound_events;

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

void xen_evtchn_do_upcall(void)
{
	struct xen_vcpu_info *vi = this_cpu_ptr(&xen_vcpu_info);

	do {
		u64 sel;

		WRITE_ONCE(vi->evtchn_upcall_pending, 0);
		sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
		while (sel) {
			unsigned w = (unsigned)__builtin_ctzll(sel);
			u64 bits;

			sel &= sel - 1;
			bits = xen_shared->evtchn_pending[w] & ~xen_shared->evtchn_mask[w];
			while (bits) {
				unsigned port = w * 64 + (unsigned)__builtin_ctzll(bits);

				bits &= bits - 1;
				atomic_clear_bit(xen_shared->evtchn_pending, port);
				if (port_irq[port])
					irq_handle((unsigned)port_irq[port] - 1);
				else if (unbound_events++ == 0)
					pr_warn("xen: event on port %u, which no irq is bound to\n", port);
			}
		}
	} while (READ_ONCE(vi->evtchn_upcall_pending));
}

void xen_events_init(void)
{
	unsigned w;

	for (w = 0; w < ARRAY_SIZE(xen_shared->evtchn_mask); w++)
		xen_shared->evtchn_mask[w] = ~0ull;
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

/* An irq whose port was lost to a resume (xen_events_resume) has port
 * NR_PORTS until it is rebound: nothing to mask or unmask. */
static void evtchn_chip_mask(struct irq_desc *d)
{
	if (d->hwirq < NR_PORTS)
		xen_evtchn_mask(d->hwirq);
}

static void evtchn_chip_unmask(struct irq_desc *d)
{
	if (d->hwirq < NR_PORTS)
		xen_evtchn_unmask(d->hwirq);
}

static const struct irq_chip evtchn_chip = {
	.name = "xen-evtchn", .mask = evtchn_chip_mask, .unmask = evtchn_chip_unmask,
};

int xen_evtchn_irq(unsigned port, const char *name)
{
	int irq;

	if (port >= NR_PORTS)
		panic("xen: port %u out of range", port);
	if (port_irq[port])
		return port_irq[port] - 1;
	xen_evtchn_mask(port);
	irq = irq_alloc(&evtchn_chip, port, name);
	if (irq != IRQ_NONE)
		port_irq[port] = (s16)(irq + 1);
	return irq;
}

unsigned xen_bind_virq(unsigned virq)
{
	struct xen_evtchn_bind_virq b = { .virq = virq, .vcpu = this_cpu_read(cpu_number) };

	evtchn_op(XEN_EVTCHNOP_bind_virq, &b, "bind_virq", virq);
	return b.port;
}

/*
 * A domain restored from a save is a new domain: none of the old ports
 * exist, and the numbers will be handed out again, to other channels.
 * Each irq stays allocated, with its handler, but bound to no port, and
 * the new shared_info starts with every port masked.
 */
void xen_events_resume(void)
{
	unsigned port;

	for (port = 0; port < NR_PORTS; port++)
		if (port_irq[port]) {
			irq_desc((unsigned)port_irq[port] - 1)->hwirq = NR_PORTS;
			port_irq[port] = 0;
		}
	xen_events_init();
}

void xen_evtchn_rebind(int irq, unsigned port)
{
	struct irq_desc *d = irq_desc((unsigned)irq);

	if (port >= NR_PORTS || port_irq[port])
		panic("xen: rebinding irq %d to port %u, which is %s", irq, port,
		      port >= NR_PORTS ? "out of range" : "taken");
	if (d->hwirq < NR_PORTS && port_irq[d->hwirq] == irq + 1)
		port_irq[d->hwirq] = 0;
	d->hwirq = port;
	port_irq[port] = (s16)(irq + 1);
	if (d->handler)
		xen_evtchn_unmask(port);
	else
		xen_evtchn_mask(port);
}

void xen_evtchn_send(unsigned port)
{
	struct xen_evtchn_send s = { .port = port };

	evtchn_op(XEN_EVTCHNOP_send, &s, "send", port);
}

void xen_evtchn_close(unsigned port)
{
	struct xen_evtchn_close c = { .port = port };

	xen_evtchn_mask(port);
	if (port < NR_PORTS && port_irq[port]) {
		irq_free((unsigned)port_irq[port] - 1);
		port_irq[port] = 0;
	}
	evtchn_op(XEN_EVTCHNOP_close, &c, "close", port);
	/* Closing one end of a pair notifies the other; nothing may stay
	 * pending on a port that is gone. */
	atomic_clear_bit(xen_shared->evtchn_pending, port);
}
