/*
 * lapic.c — the local APIC: enabling it, acknowledging interrupts, and its
 * timer as an irq chip of one line (the timer LVT), run one-shot so the
 * kernel can arm exactly the next event it needs.  Its input clock is not
 * architecturally known, so it is measured against the TSC once.
 */
#include "dev/lapic.h"
#include "irq.h"
#include "pv/ops.h"
#include "mm.h"
#include "x86/insn.h"
#include "clock.h"
#include "busywait.h"
#include "printk.h"

#define MSR_APIC_BASE 0x1bu
#define APIC_BASE_ENABLE 0x800u
#define LAPIC_ID 0x020
#define LAPIC_TPR 0x080
#define LAPIC_EOI 0x0b0
#define LAPIC_SVR 0x0f0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3e0
#define LVT_MASKED 0x10000u
#define SVR_ENABLE 0x100u
#define SPURIOUS 0xff

static volatile u32 *lapic;
static bool (*eoi_skip)(void);

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
	u64 base;

	if (lapic)
		return;
	base = read_msr(MSR_APIC_BASE);
	write_msr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = ioremap(base & 0xfffff000u, 4096);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, SVR_ENABLE | SPURIOUS);
	lapic_write(LAPIC_TIMER_DIV, 0x3);          /* divide by 16 */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
}

u32 lapic_id(void)
{
	lapic_init();
	return lapic_read(LAPIC_ID) >> 24;
}

#define LAPIC_IRR 0x200

bool lapic_pending(unsigned vector)
{
	return (lapic_read(LAPIC_IRR + (vector / 32) * 0x10) >> (vector % 32)) & 1;
}

void lapic_set_eoi_skip(bool (*skip)(void))
{
	eoi_skip = skip;
}

void lapic_eoi(void)
{
	if (eoi_skip && eoi_skip())
		return;
	lapic_write(LAPIC_EOI, 0);
}

/* ---- the timer ---- */

static void lvt_mask(struct irq_desc *d)
{
	lapic_write(d->hwirq, lapic_read(d->hwirq) | LVT_MASKED);
}

static void lvt_unmask(struct irq_desc *d)
{
	lapic_write(d->hwirq, (lapic_read(d->hwirq) & ~LVT_MASKED & ~0xffu) | d->vector);
}

static void lvt_eoi(struct irq_desc *d)
{
	(void)d;
	lapic_eoi();
}

static const struct irq_chip lapic_chip = {
	.name = "lapic", .mask = lvt_mask, .unmask = lvt_unmask, .eoi = lvt_eoi,
};

int lapic_timer_irq(const char *name)
{
	int irq;
	unsigned vector;

	lapic_init();
	vector = irq_vector_alloc();
	if (!vector)
		return IRQ_NONE;
	irq = irq_alloc(&lapic_chip, LAPIC_LVT_TIMER, name);
	if (irq == IRQ_NONE)
		return IRQ_NONE;
	irq_bind_vector((unsigned)irq, vector);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | vector);    /* one-shot mode */
	return irq;
}

u64 lapic_timer_measure_hz(u64 tsc_hz)
{
	u64 t0, window = tsc_hz / 100;   /* 10 ms */
	u32 c0, c1;

	lapic_init();
	lapic_write(LAPIC_TIMER_INIT, 0xffffffffu);
	c0 = lapic_read(LAPIC_TIMER_CUR);
	t0 = x86_rdtsc();
	while (x86_rdtsc() - t0 < window)
		;
	c1 = lapic_read(LAPIC_TIMER_CUR);
	busywait_account(t0);
	lapic_write(LAPIC_TIMER_INIT, 0);
	return (u64)(c0 - c1) * 100;
}

void lapic_timer_oneshot(u32 count)
{
	lapic_write(LAPIC_TIMER_INIT, count);
}

/* ---- the timer as the clock event device ---- */

static u64 count_mult;        /* input cycles per ns, 32.32 */

bool lapic_clockevent_init(u64 tsc_hz)
{
	u64 hz = lapic_timer_measure_hz(tsc_hz);
	int irq;

	if (hz < 1000)
		return false;
	count_mult = (hz << 32) / NSEC_PER_SEC;
	irq = lapic_timer_irq("lapic-timer");
	if (irq == IRQ_NONE || irq_request((unsigned)irq, clock_event_fire, NULL))
		return false;
	pr_info("time: clock events from the local APIC timer (input %llu kHz, vector %u)\n",
		(unsigned long long)(hz / 1000), irq_desc((unsigned)irq)->vector);
	return true;
}

void lapic_clockevent_set_next(u64 deadline_ns)
{
	u64 now = clock_ns(), count;

	count = deadline_ns > now ? (u64)(((unsigned __int128)(deadline_ns - now) * count_mult) >> 32) : 0;
	/* 0 would stop the timer; a deadline beyond the counter's range
	 * fires early and is re-armed. */
	lapic_timer_oneshot(count == 0 ? 1 : count > 0xffffffffu ? 0xffffffffu : (u32)count);
}
