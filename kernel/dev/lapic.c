/*
 * lapic.c — the local APIC timer, the native tick source.  Its input clock
 * is not architecturally known, so it is measured against the TSC once.
 */
#include "dev/lapic.h"
#include "x86/insn.h"
#include "pv/ops.h"
#include "mm.h"

#define MSR_APIC_BASE 0x1bu
#define LAPIC_EOI 0x0b0
#define LAPIC_SVR 0x0f0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3e0
#define LVT_MASKED 0x10000u
#define LVT_PERIODIC 0x20000u

static volatile u32 *lapic;

static void lapic_write(unsigned reg, u32 v) { lapic[reg / 4] = v; }
static u32 lapic_read(unsigned reg) { return lapic[reg / 4]; }

bool lapic_present(void)
{
	struct cpuid_regs r;

	cpuid(1, 0, &r);
	return (r.edx >> 9) & 1;
}

void lapic_init(void)
{
	u64 base = read_msr(MSR_APIC_BASE);

	write_msr(MSR_APIC_BASE, base | 0x800);   /* global enable */
	lapic = ioremap(base & 0xfffff000u, 4096);
	lapic_write(LAPIC_SVR, 0x100 | 0xff);     /* software enable, spurious 255 */
	lapic_write(LAPIC_TIMER_DIV, 0x3);        /* divide by 16 */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
}

u64 lapic_measure_timer_hz(u64 tsc_hz)
{
	u64 t0, window = tsc_hz / 100;   /* 10 ms */
	u32 c0, c1;

	lapic_write(LAPIC_TIMER_INIT, 0xffffffffu);
	c0 = lapic_read(LAPIC_TIMER_CUR);
	t0 = x86_rdtsc();
	while (x86_rdtsc() - t0 < window)
		;
	c1 = lapic_read(LAPIC_TIMER_CUR);
	lapic_write(LAPIC_TIMER_INIT, 0);
	return (u64)(c0 - c1) * 100;
}

void lapic_timer_start(u32 initial_count, unsigned vector)
{
	lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | vector);
	lapic_write(LAPIC_TIMER_INIT, initial_count);
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}
