/*
 * native_time.c — the native pv_time ops: the TSC as clocksource,
 * calibrated against the PIT, and a periodic tick from the local APIC timer
 * (or the PIT through the 8259 where there is no APIC, or timer=pit).
 *
 * clock_ns converts with a 32.32 fixed-point multiplier so the hot path is
 * one rdtsc and one multiply, no division.
 */
#include "pv/ops.h"
#include "dev/pit.h"
#include "dev/pic.h"
#include "dev/lapic.h"
#include "options.h"
#include "clock.h"
#include "trap.h"
#include "printk.h"
#include "panic.h"
#include <string.h>

static u64 tsc_hz, tsc_base, ns_mult;   /* ns = (tsc - base) * mult >> 32 */
static bool tick_from_pit;
static char timer_choice[8] = "auto";
KOPT_CHOICE(timer, "timer", timer_choice,
	    "tick source on bare hardware: the local APIC, the PIT, or auto (the APIC if present)",
	    "auto", "lapic", "pit");

u64 native_clock_ns(void)
{
	u64 d = native_read_tsc() - tsc_base;

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
	ns_mult = (1000000000ull << 32) / tsc_hz;
	tsc_base = native_read_tsc();
	clock_mark_running();
	pr_info("time: TSC %llu.%03llu MHz (calibrated against the PIT)\n",
		(unsigned long long)(tsc_hz / 1000000),
		(unsigned long long)(tsc_hz / 1000 % 1000));
}

static void native_tick(struct trap_frame *f)
{
	(void)f;
	clock_tick();
}

void native_timer_init(unsigned hz)
{
	u64 lapic_hz;

	pic_init();
	irq_set_handler(TIMER_VECTOR, native_tick);
	tick_from_pit = !strcmp(timer_choice, "pit") || !lapic_present();
	if (!strcmp(timer_choice, "lapic") && tick_from_pit)
		panic("time: timer=lapic but this CPU has no local APIC");
	if (tick_from_pit) {
		pit_start_periodic(hz);
		pic_unmask(0);
		pr_info("time: tick from the PIT at %u Hz\n", hz);
		return;
	}
	lapic_init();
	lapic_hz = lapic_measure_timer_hz(tsc_hz);
	if (lapic_hz < hz)
		panic("time: the local APIC timer does not count");
	lapic_timer_start((u32)(lapic_hz / hz), TIMER_VECTOR);
	pr_info("time: tick from the local APIC timer at %u Hz (input %llu kHz)\n",
		hz, (unsigned long long)(lapic_hz / 1000));
}

void native_timer_ack(void)
{
	if (tick_from_pit)
		pic_eoi(0);
	else
		lapic_eoi();
}
