/*
 * time.c — the native pv_time ops: the TSC as clocksource, calibrated
 * against the PIT, and one-shot clock events from the local APIC timer,
 * or from the PIT where there is no APIC (or timer=pit).
 *
 * clock_ns converts with a 32.32 fixed-point multiplier so the hot path is
 * one rdtsc and one multiply, no division.
 */
#include "pv/ops.h"
#include "dev/pit.h"
#include "dev/isa_irq.h"
#include "dev/lapic.h"
#include "dev/pic.h"
#include "irq.h"
#include "options.h"
#include "busywait.h"
#include "clock.h"
#include "dev/rtc_cmos.h"
#include "printk.h"
#include "panic.h"
#include <string.h>

static u64 tsc_hz, tsc_base, ns_mult;   /* ns = (tsc - base) * mult >> 32 */
static bool events_from_pit;
static char timer_choice[8] = "auto";
KOPT_CHOICE(timer, "timer", timer_choice,
	    "clock events on bare hardware: the local APIC, the PIT, or auto (the APIC if present)",
	    "auto", "lapic", "pit");

u64 native_clock_ns(void)
{
	u64 d = x86_rdtsc() - tsc_base;

	return (u64)(((unsigned __int128)d * ns_mult) >> 32);
}

u64 native_steal_clock(void)
{
	return 0;   /* nobody steals from bare hardware */
}

void native_clock_init(void)
{
	bool ok;
	u64 cycles = pit_measure_tsc(PIT_HZ / 20, &ok);   /* 50 ms */

	if (!ok || cycles == 0)
		panic("time: the PIT does not count; cannot calibrate the TSC");
	tsc_hz = cycles * 20;
	ns_mult = (NSEC_PER_SEC << 32) / tsc_hz;
	tsc_base = x86_rdtsc();
	clock_mark_running();
	pr_info("time: TSC %llu.%03llu MHz (calibrated against the PIT)\n",
		(unsigned long long)(tsc_hz / 1000000),
		(unsigned long long)(tsc_hz / 1000 % 1000));
	rtc_cmos_set_wallclock();
}

/*
 * Does an event armed on the PIT reach the vector irq is bound to?  Asked
 * with interrupts off, through the local APIC's request register, within
 * 200 ms of arming a 1 ms event: an emulator on a loaded host can deliver
 * a timer interrupt many milliseconds late, and a wrong answer here is a
 * panic, while the wait is paid once, at boot, only on a machine whose
 * tables misroute the PIT.
 */
static bool pit_reaches(int irq)
{
	struct irq_desc *d = irq_desc((unsigned)irq);
	bool seen = false;
	u64 t0, spin;

	if (!d->vector || d->vector == PIC_VECTOR_BASE)   /* the PIC: trusted */
		return true;
	irq_unmask((unsigned)irq);
	pit_oneshot(PIT_HZ / 1000);
	spin = x86_rdtsc();
	for (t0 = native_clock_ns(); !seen && native_clock_ns() - t0 < 200000000ull;)
		seen = lapic_pending(d->vector);
	busywait_account(spin);
	irq_mask((unsigned)irq);
	return seen;
}

/*
 * The PIT's line 0 usually reaches the IO-APIC at GSI 2, and the MADT says
 * so with an override; QEMU's microvm wires it there but omits the
 * override.  So, as Linux does, check that the routed line ticks, and try
 * GSI 2 when it does not.
 */
static void pit_events_init(void)
{
	int irq = isa_irq_alloc(0, "pit");

	if (irq != IRQ_NONE && !pit_reaches(irq)) {
		irq_free((unsigned)irq);
		irq = isa_irq_alloc_at(0, 2, "pit");
		if (irq != IRQ_NONE && !pit_reaches(irq))
			panic("time: the PIT's interrupt reaches neither its routed input nor GSI 2");
		pr_info("time: the PIT arrives on GSI 2, which the tables did not say\n");
	}
	if (irq == IRQ_NONE || irq_request((unsigned)irq, clock_event_fire, NULL))
		panic("time: no interrupt line for the PIT");
	events_from_pit = true;
	pr_info("time: clock events from the PIT (irq %d, vector %u)\n", irq,
		irq_desc((unsigned)irq)->vector);
}

void native_timer_init(void)
{
	bool want_pit = !strcmp(timer_choice, "pit");

	if (!strcmp(timer_choice, "lapic") && !lapic_present())
		panic("time: timer=lapic but this CPU has no local APIC");
	if (want_pit || !lapic_present()) {
		pit_events_init();
		return;
	}
	if (!lapic_clockevent_init(tsc_hz))
		panic("time: the local APIC timer does not count");
}

void native_timer_set_next(u64 deadline_ns)
{
	u64 now, delta;

	if (!events_from_pit) {
		lapic_clockevent_set_next(deadline_ns);
		return;
	}
	now = native_clock_ns();
	delta = deadline_ns > now ? (deadline_ns - now) * PIT_HZ / NSEC_PER_SEC : 0;
	/* Beyond the 16-bit counter (55 ms) the event comes early and is re-armed. */
	pit_oneshot(delta < 1 ? 1 : delta > 0xffff ? 0xffff : (u16)delta);
}
