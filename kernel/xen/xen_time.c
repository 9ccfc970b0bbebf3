/*
 * xen_time.c — time for a PV guest, replacing the TSC/PIT/LAPIC trio:
 *
 *   clocksource  vcpu_info.time (pvclock): Xen publishes a TSC timestamp,
 *                the system time at that instant and a scale; a reader
 *                retries while the version is odd or changed
 *   clockevent   VIRQ_TIMER, bound to an event channel, armed one tick at
 *                a time with VCPUOP_set_singleshot_timer (Xen's default
 *                periodic timer is stopped)
 *   steal        the runstate area: time spent runnable but not running,
 *                plus offline
 */
#include "xen/xen.h"
#include "pv/ops.h"
#include "clock.h"
#include "printk.h"
#include "panic.h"

static u64 boot_system_time, tick_period_ns, next_deadline, last_ns;
static struct xen_vcpu_runstate_info runstate __aligned(64);

/* Xen system time in ns, from the pvclock in our vcpu_info. */
static u64 pvclock_read(void)
{
	const volatile struct xen_vcpu_time_info *t = &xen_vcpu_info.time;
	u32 version;
	u64 delta, ns;

	do {
		version = t->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		delta = native_read_tsc() - t->tsc_timestamp;
		if (t->tsc_shift >= 0)
			delta <<= t->tsc_shift;
		else
			delta >>= -t->tsc_shift;
		ns = t->system_time + (u64)(((unsigned __int128)delta * t->tsc_to_system_mul) >> 32);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != t->version);
	return ns;
}

u64 xen_clock_ns(void)
{
	u64 ns = pvclock_read() - boot_system_time;

	/* One CPU: a reading behind the last one can only be scale jitter. */
	if (ns < last_ns)
		return last_ns;
	last_ns = ns;
	return ns;
}

u64 xen_steal_clock(void)
{
	u64 entry, steal;

	do {
		entry = READ_ONCE(runstate.state_entry_time);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		steal = runstate.time[XEN_RUNSTATE_runnable] + runstate.time[XEN_RUNSTATE_offline];
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((entry & XEN_RUNSTATE_UPDATE) || entry != READ_ONCE(runstate.state_entry_time));
	return steal;
}

static void vcpu_op(unsigned cmd, void *arg, const char *what)
{
	long rc = xen_hcall3(XEN_HYPERCALL_vcpu_op, cmd, 0, arg);

	if (rc)
		xen_fail("vcpu_op", rc, "%s, vcpu 0", what);
}

const struct xen_vcpu_runstate_info *xen_runstate(void)
{
	return &runstate;
}

void xen_clock_init(void)
{
	struct xen_vcpu_register_runstate_memory_area area = { .addr = (u64)&runstate };

	long rc;

	boot_system_time = pvclock_read();
	/* Xen keeps the area current from now on, behind the UPDATE flag.
	 * Without the flag a reader can still see a torn update; it then
	 * rereads until state_entry_time is the same before and after, which
	 * xen_steal_clock does either way. */
	rc = xen_hcall2(XEN_HYPERCALL_vm_assist, XEN_VMASST_CMD_enable,
			XEN_VMASST_TYPE_runstate_update_flag);
	if (rc)
		pr_warn("xen: vm_assist(runstate_update_flag) refused: %s (%ld); "
			"steal time is read without it\n", xen_strerror(rc), rc);
	vcpu_op(XEN_VCPUOP_register_runstate_memory_area, &area, "register_runstate_memory_area");
	clock_mark_running();
	pr_info("time: Xen pvclock (tsc_to_system_mul %u, shift %d)\n",
		xen_vcpu_info.time.tsc_to_system_mul, xen_vcpu_info.time.tsc_shift);
}

static void timer_arm(void)
{
	struct xen_vcpu_set_singleshot_timer t;
	u64 now = pvclock_read();

	/* Catch up without a storm if ticks were missed. */
	next_deadline += tick_period_ns;
	if (next_deadline <= now)
		next_deadline = now + tick_period_ns;
	t.timeout_abs_ns = next_deadline;
	t.flags = 0;
	vcpu_op(XEN_VCPUOP_set_singleshot_timer, &t, "set_singleshot_timer");
}

static void timer_event(unsigned port, void *arg)
{
	(void)port;
	(void)arg;
	clock_tick();
	timer_arm();
}

void xen_timer_init(unsigned hz)
{
	unsigned port;

	tick_period_ns = 1000000000ull / hz;
	xen_events_init();
	vcpu_op(XEN_VCPUOP_stop_periodic_timer, NULL, "stop_periodic_timer");
	port = xen_bind_virq(XEN_VIRQ_TIMER);
	xen_evtchn_bind(port, timer_event, NULL);
	xen_evtchn_unmask(port);
	next_deadline = pvclock_read();
	timer_arm();
	pr_info("time: tick from VIRQ_TIMER (port %u), single-shot at %u Hz\n", port, hz);
}

void xen_timer_ack(void) {}
