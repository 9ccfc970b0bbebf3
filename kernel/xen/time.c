/*
 * time.c — time for a Xen guest, replacing the TSC/PIT/LAPIC trio:
 *
 *   clocksource  vcpu_info.time (pvclock): Xen publishes a TSC timestamp,
 *                the system time at that instant and a scale; a reader
 *                retries while the version is odd or changed
 *   clockevent   VIRQ_TIMER, bound to an event channel (an irq), armed
 *                one event at a time with VCPUOP_set_singleshot_timer
 *                (Xen's default periodic timer, which only PV guests
 *                have, is stopped)
 *   steal        the runstate area: time spent runnable but not running,
 *                plus offline
 */
#include "xen/platform.h"
#include "pv/ops.h"
#include "clock.h"
#include "printk.h"
#include "panic.h"
#include "pvclock.h"
#include "irq.h"

/* Per CPU: each vCPU has its own pvclock, runstate area and timer. */
struct xen_time {
	struct pvclock_clock since_boot;
	struct xen_vcpu_runstate_info runstate __aligned(64);
	/* Steal before our clock started: a domU's vCPU sits runnable or
	 * offline while the toolstack builds it (paused), which is not ours. */
	u64 steal_base;
	int timer_irq;
	u64 suspended_ns, suspended_steal;   /* the clocks when the domain was saved */
};
static DEFINE_PER_CPU(struct xen_time, xen_time);

_Static_assert(sizeof(struct xen_vcpu_time_info) == sizeof(struct pvclock_vcpu_time_info),
	       "Xen's vcpu_time_info is a pvclock");

/* The pvclock in this CPU's vcpu_info. */
static const volatile struct pvclock_vcpu_time_info *xen_pvclock(void)
{
	return (const volatile struct pvclock_vcpu_time_info *)&this_cpu_ptr(&xen_vcpu_info)->time;
}

u64 xen_clock_ns(void)
{
	return pvclock_clock_ns(&this_cpu_ptr(&xen_time)->since_boot, xen_pvclock());
}

static u64 xen_steal_raw(void)
{
	const struct xen_vcpu_runstate_info *rs = &this_cpu_ptr(&xen_time)->runstate;
	u64 entry, steal;

	do {
		entry = READ_ONCE(rs->state_entry_time);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		steal = rs->time[XEN_RUNSTATE_runnable] + rs->time[XEN_RUNSTATE_offline];
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((entry & XEN_RUNSTATE_UPDATE) || entry != READ_ONCE(rs->state_entry_time));
	return steal;
}

u64 xen_steal_clock(void)
{
	return xen_steal_raw() - this_cpu_ptr(&xen_time)->steal_base;
}

static void vcpu_op(unsigned cmd, void *arg, const char *what)
{
	unsigned cpu = this_cpu_read(cpu_number);
	long rc = xen_hcall3(XEN_HYPERCALL_vcpu_op, cmd, cpu, arg);

	if (rc)
		xen_fail("vcpu_op", rc, "%s, vcpu %u", what, cpu);
}

const struct xen_vcpu_runstate_info *xen_runstate(void)
{
	return &this_cpu_ptr(&xen_time)->runstate;
}

/* shared_info's wall clock: the time of day at Xen system time 0, by
 * the version protocol (odd or changed: being updated, read again). */
static u64 xen_wallclock_at_system_zero(void)
{
	const volatile struct xen_shared_info *sh = xen_shared;
	u32 v;
	u64 sec, nsec;

	do {
		v = sh->wc_version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		sec = ((u64)sh->wc_sec_hi << 32) | sh->wc_sec;
		nsec = sh->wc_nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((v & 1) || v != sh->wc_version);
	return sec * NSEC_PER_SEC + nsec;
}

/* Have Xen keep this vCPU's runstate area current, behind the UPDATE
 * flag.  Without the flag a reader can still see a torn update; it then
 * rereads until state_entry_time is the same before and after, which
 * xen_steal_clock does either way. */
static void runstate_register(struct xen_time *x)
{
	struct xen_vcpu_register_runstate_memory_area area = { .addr = (u64)&x->runstate };
	long rc;

	rc = xen_hcall2(XEN_HYPERCALL_vm_assist, XEN_VMASST_CMD_enable,
			XEN_VMASST_TYPE_runstate_update_flag);
	if (rc)
		pr_warn("xen: vm_assist(runstate_update_flag) refused: %s (%ld); "
			"steal time is read without it\n", xen_strerror(rc), rc);
	vcpu_op(XEN_VCPUOP_register_runstate_memory_area, &area, "register_runstate_memory_area");
}

void xen_clock_init(void)
{
	struct xen_time *x = this_cpu_ptr(&xen_time);
	const volatile struct pvclock_vcpu_time_info *t = xen_pvclock();

	pvclock_start(&x->since_boot, t);
	runstate_register(x);
	x->steal_base = xen_steal_raw();
	clock_mark_running();
	pr_info("time: Xen pvclock (tsc_to_system_mul %u, shift %d: TSC %llu kHz)\n",
		t->tsc_to_system_mul, t->tsc_shift,
		(unsigned long long)pvclock_tsc_khz(t));
	if (xen_shared)
		clock_set_epoch(xen_wallclock_at_system_zero() + pvclock_read(t));
}

/* One VIRQ_TIMER event at Xen system time boot + deadline. */
void xen_timer_set_next(u64 deadline_ns)
{
	struct xen_vcpu_set_singleshot_timer t = {
		/* A deadline already past fires at once (flags 0: never -ETIME). */
		.timeout_abs_ns = this_cpu_ptr(&xen_time)->since_boot.start + deadline_ns,
		.flags = 0,
	};

	vcpu_op(XEN_VCPUOP_set_singleshot_timer, &t, "set_singleshot_timer");
}

void xen_timer_init(void)
{
	unsigned port;
	int irq;

	/* Only a PV vCPU has a periodic timer; stopping is harmless on HVM. */
	vcpu_op(XEN_VCPUOP_stop_periodic_timer, NULL, "stop_periodic_timer");
	port = xen_bind_virq(XEN_VIRQ_TIMER);
	irq = xen_evtchn_irq(port, "xen-timer");
	if (irq == IRQ_NONE || irq_request((unsigned)irq, clock_event_fire, NULL))
		panic("xen: no irq for VIRQ_TIMER (port %u)", port);
	this_cpu_ptr(&xen_time)->timer_irq = irq;
	pr_info("time: clock events from VIRQ_TIMER (port %u, irq %d), single-shot\n", port, irq);
}

void xen_time_suspend(void)
{
	struct xen_time *x = this_cpu_ptr(&xen_time);

	x->suspended_ns = xen_clock_ns();
	x->suspended_steal = xen_steal_clock();
}

/*
 * In a new domain (restored, perhaps on another host) Xen's system time
 * has another origin, the vCPU's runstate counts start again and the
 * VIRQ_TIMER binding, the runstate area and the stopped periodic timer
 * are gone.  Our clock goes on from the reading at the save, as Linux's
 * CLOCK_MONOTONIC does (time saved is not time run); the time of day
 * jumps by however long the domain was saved; steal goes on from its
 * value at the save.  The timer fires at once, so the clock code arms
 * whatever deadline is next.
 */
void xen_time_resume(void)
{
	struct xen_time *x = this_cpu_ptr(&xen_time);
	const volatile struct pvclock_vcpu_time_info *t = xen_pvclock();
	unsigned port;

	x->since_boot.start = pvclock_read(t) - x->suspended_ns;
	x->since_boot.last = x->suspended_ns;
	runstate_register(x);
	x->steal_base = xen_steal_raw() - x->suspended_steal;
	if (xen_shared)
		clock_set_epoch(xen_wallclock_at_system_zero() + pvclock_read(t));
	vcpu_op(XEN_VCPUOP_stop_periodic_timer, NULL, "stop_periodic_timer");
	port = xen_bind_virq(XEN_VIRQ_TIMER);
	xen_evtchn_rebind(x->timer_irq, port);
	xen_timer_set_next(x->suspended_ns);
}

const struct pv_time_ops xen_time_ops = {
	.clock_ns = xen_clock_ns,
	.steal_clock = xen_steal_clock,
	.clock_init = xen_clock_init,
	.timer_init = xen_timer_init,
	.timer_set_next = xen_timer_set_next,
};
