/*
 * test_xen_events.c — event channels: an interdomain channel from the
 * domain to itself carries a notification each way, a masked port holds
 * its event until unmasked, and VIRQ_TIMER is bound and ticking.
 */
#include "xen/testing.h"
#include "xen/platform.h"
#include "irq.h"

static void count_event(unsigned irq, void *arg)
{
	(void)irq;
	(*(volatile unsigned *)arg)++;
}

KTEST(xen_event_loopback, "an interdomain channel to ourselves delivers events both ways")
{
	struct xen_evtchn_alloc_unbound a = { .dom = XEN_DOMID_SELF, .remote_dom = XEN_DOMID_SELF };
	struct xen_evtchn_bind_interdomain b = { .remote_dom = XEN_DOMID_SELF };
	volatile unsigned hits_a = 0, hits_b = 0;
	int irq_a = IRQ_NONE, irq_b = IRQ_NONE;
	u64 f;
	long rc;

	if (!xen_ktest_applies(t))
		return;
	rc = xen_hcall2(XEN_HYPERCALL_event_channel_op, XEN_EVTCHNOP_alloc_unbound, &a);
	KT_ASSERT(t, rc == 0);
	b.remote_port = a.port;
	/* Xen signals the new local port once it is connected: hold events
	 * back until its handler is in place, then expect that notification. */
	f = irq_save();
	rc = xen_hcall2(XEN_HYPERCALL_event_channel_op, XEN_EVTCHNOP_bind_interdomain, &b);
	if (rc == 0) {
		irq_a = xen_evtchn_irq(a.port, "test-a");
		irq_b = xen_evtchn_irq(b.local_port, "test-b");
		/* Requesting unmasks: what is pending arrives when f is restored. */
		if (irq_a >= 0 && irq_b >= 0) {
			irq_request((unsigned)irq_a, count_event, (void *)&hits_a);
			irq_request((unsigned)irq_b, count_event, (void *)&hits_b);
		}
	}
	irq_restore(f);
	KT_ASSERT(t, rc == 0);
	KT_ASSERT(t, irq_a >= 0 && irq_b >= 0);
	KT_EXPECT(t, b.local_port != a.port);
	KT_EXPECT(t, xen_ktest_wait(&hits_b, 1000000000ull));   /* "connected" */
	KT_EXPECT_EQ(t, hits_a, 0);
	hits_b = 0;

	xen_evtchn_send(b.local_port);           /* arrives on a.port */
	KT_EXPECT(t, xen_ktest_wait(&hits_a, 1000000000ull));
	KT_EXPECT_EQ(t, hits_b, 0);
	xen_evtchn_send(a.port);                 /* and back */
	KT_EXPECT(t, xen_ktest_wait(&hits_b, 1000000000ull));
	KT_EXPECT_EQ(t, hits_a, 1);

	/* Masked: the event waits; unmasking delivers it. */
	irq_mask((unsigned)irq_a);
	xen_evtchn_send(b.local_port);
	clock_sleep_ns(20000000ull);
	KT_EXPECT_EQ(t, hits_a, 1);
	irq_unmask((unsigned)irq_a);
	KT_EXPECT(t, xen_ktest_wait((volatile unsigned *)&hits_a, 1000000000ull) && hits_a == 2);

	/* Closing one end notifies the other: tear both down with events held
	 * back, so the notification is discarded by close, not delivered. */
	{
		u64 f = irq_save();
		xen_evtchn_close(b.local_port);
		xen_evtchn_close(a.port);
		irq_restore(f);
	}
}

KTEST(xen_event_bad_port, "sending on a port that is not ours is refused by Xen")
{
	struct xen_evtchn_send s = { .port = XEN_EVTCHN_2L_NR_CHANNELS - 1 };

	if (!xen_ktest_applies(t))
		return;
	KT_EXPECT(t, xen_hcall2(XEN_HYPERCALL_event_channel_op, XEN_EVTCHNOP_send, &s) < 0);
}
