/*
 * test_irqchip.c — the irq layer: numbers, handlers, chips and delivery
 * by vector, with a chip that counts what is asked of it; and the clock
 * event device is an ordinary irq.
 */
#include "ktest.h"
#include "irq.h"
#include "trap.h"
#include "clock.h"
#include "pv/ops.h"

static unsigned masks, unmasks, eois;
static volatile unsigned handled, depth_seen;

static void test_mask(struct irq_desc *d) { (void)d; masks++; }
static void test_unmask(struct irq_desc *d) { (void)d; unmasks++; }
static void test_eoi(struct irq_desc *d) { (void)d; eois++; }

static const struct irq_chip test_chip = {
	.name = "test", .mask = test_mask, .unmask = test_unmask, .eoi = test_eoi,
};

static void test_handler(unsigned irq, void *arg)
{
	(void)irq;
	handled += *(unsigned *)arg;
	depth_seen = in_interrupt();
}

KTEST(irq_chip_lifecycle, "request unmasks, delivery runs the handler then the EOI, release masks")
{
	static unsigned one = 1;
	int irq = irq_alloc(&test_chip, 7, "test");
	unsigned vector;

	KT_ASSERT(t, irq != IRQ_NONE);
	masks = unmasks = eois = handled = 0;
	KT_EXPECT_EQ(t, irq_request((unsigned)irq, test_handler, &one), 0);
	KT_EXPECT_EQ(t, unmasks, 1);
	KT_EXPECT(t, irq_request((unsigned)irq, test_handler, &one) < 0);   /* busy */
	KT_EXPECT(t, !in_interrupt());
	irq_handle((unsigned)irq);
	KT_EXPECT_EQ(t, handled, 1);
	KT_EXPECT_EQ(t, eois, 1);
	KT_EXPECT(t, depth_seen);
	KT_EXPECT(t, !in_interrupt());
	/* Native delivery goes through the vector the chip programmed. */
	vector = irq_vector_alloc();
	KT_ASSERT(t, vector);
	irq_bind_vector((unsigned)irq, vector);
	irq_dispatch_vector(vector);
	KT_EXPECT_EQ(t, handled, 2);
	KT_EXPECT_EQ(t, irq_desc((unsigned)irq)->count, 2);
	irq_release((unsigned)irq);
	KT_EXPECT_EQ(t, masks, 1);
	irq_free((unsigned)irq);
	/* The vector is free again and reaches nothing. */
	handled = 0;
	irq_dispatch_vector(vector);
	KT_EXPECT_EQ(t, handled, 0);
	KT_EXPECT(t, irq_stray_count() >= 1);
}

KTEST(irq_clock_is_irq, "the clock event device delivers through an ordinary irq")
{
	u64 e0, e1, before, after, f;
	unsigned i;
	int found = IRQ_NONE;

	for (i = 0; i < NR_IRQS; i++) {
		struct irq_desc *d = irq_desc(i);
		if (d && d->handler == clock_event_fire)
			found = (int)i;
	}
	KT_ASSERT(t, found != IRQ_NONE);
	/* Each pair is read with interrupts off, so no event falls between. */
	f = irq_save();
	before = irq_desc((unsigned)found)->count;
	e0 = clock_events();
	irq_restore(f);
	clock_sleep_ns(30000000ull);
	f = irq_save();
	after = irq_desc((unsigned)found)->count;
	e1 = clock_events();
	irq_restore(f);
	KT_EXPECT(t, e1 > e0);
	KT_EXPECT_EQ(t, after - before, e1 - e0);
}
