/*
 * suspend.c — `xl save` and `xl restore` (and live migration, which is
 * the same two halves on two hosts), from the guest's side.
 *
 * The toolstack asks by writing "suspend" to control/shutdown; control.c
 * hands the request to the worker thread, since everything here may
 * sleep.  The guest then
 *
 *   1. quiesces: each xenbus driver stops using its back end and waits
 *      for what it has in flight; xenstore finishes every conversation
 *      on its ring (a saved ring must hold no half-told request);
 *   2. with interrupts off, notes its clocks and lets the backend
 *      suspend the domain (SCHEDOP_shutdown with SHUTDOWN_suspend).  The
 *      toolstack copies the memory out; the call returns either in the
 *      same domain (the save was cancelled or failed: everything still
 *      holds) or, after `xl restore`, in a new domain that has our
 *      memory and vCPU state and nothing else: other machine frames, a
 *      new shared_info, no event channels but the two the toolstack
 *      made for xenstore and the console, an empty grant table, new
 *      back ends;
 *   3. in a new domain, rebuilds what lives in Xen rather than in our
 *      memory, in dependency order: the backend's own mappings (in
 *      suspend(): shared_info, the grant table's frames — whose entries
 *      are all empty now, so every grant a driver held ends at once —
 *      and the p2m it publishes), event channels (every irq is rebound
 *      to a new port), time, the console ring, xenstore and its watches,
 *      and finally each device's handshake with its new back end.
 *
 * Processes notice nothing but the wall clock jumping by the time the
 * domain spent saved: the monotonic clock goes on from where it stopped,
 * as Linux's does.  This follows Linux's drivers/xen/manage.c do_suspend,
 * without stop_machine (one vCPU, and we hold it with interrupts off).
 */
#include "xen/platform.h"
#include "xen/xenbus.h"
#include "xen/xenstore.h"
#include "xen/suspend.h"
#include "kworker.h"
#include "pv/ops.h"
#include "printk.h"

static void xen_suspend_work(struct kwork *w);
static struct kwork xen_suspend_kwork = { .fn = xen_suspend_work };
static unsigned suspends, cancels;

bool xen_suspend_supported(void)
{
	return xen_platform && xen_platform->suspend;
}

void xen_suspend_request(void)
{
	kwork_queue(&xen_suspend_kwork);
}

static void xen_suspend_work(struct kwork *w)
{
	bool cancelled;
	u64 fl;

	(void)w;
	if (!xen_suspend_supported()) {
		pr_warn("xen: suspend requested, but the %s backend cannot be saved\n",
			xen_platform ? xen_platform->name : "(no)");
		return;
	}
	pr_info("xen: suspending for the toolstack (save or migration)\n");
	xenbus_suspend();
	if (xs_suspend())
		pr_warn("xen: suspending with xenstore requests unanswered: they will fail\n");
	fl = irq_save();
	xen_time_suspend();
	cancelled = xen_platform->suspend();
	if (!cancelled) {
		xen_events_resume();
		xen_time_resume();
		xen_console_ring_resume();
	}
	xs_resume_ring(!cancelled);
	irq_restore(fl);
	if (cancelled) {
		cancels++;
		pr_info("xen: the suspend was cancelled; this domain goes on\n");
	} else {
		suspends++;
		pr_info("xen: resumed in a new domain (restore %u)\n", suspends);
		xenbus_resume_paths();
		xs_rewatch_all();
		xen_control_announce();
	}
	xenbus_resume(!cancelled);
	pr_info("xen: devices %s\n", cancelled ? "running again" : "reconnected");
}
