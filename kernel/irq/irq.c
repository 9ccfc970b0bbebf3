/*
 * irq.c — irq numbers, handlers, and native delivery by vector (irq.h).
 *
 * Handlers run with interrupts disabled and irq_depth raised, so code can
 * ask in_interrupt() (the lazy modes must not batch there).  The chip's
 * eoi runs after the handler: a level-triggered source that is still
 * asserted then interrupts again, rather than being lost.
 *
 * The tables are the boot CPU's; an irq and its vector are the same on
 * every CPU the day there are more.
 */
#include "irq.h"
#include "trap.h"
#include "percpu.h"
#include "panic.h"
#include "printk.h"

#include "errno.h"

static u16 vector_irq[256];               /* irq + 1, 0 for none */
static u8 vector_used[256];
static u64 stray;
static struct irq_desc irqs[NR_IRQS];   /* chip NULL: free */

const struct irq_chip irq_chip_none = { .name = "none" };

int irq_alloc(const struct irq_chip *chip, u32 hwirq, const char *name)
{
	unsigned i;

	for (i = 0; i < NR_IRQS; i++)
		if (!irqs[i].chip) {
			irqs[i] = (struct irq_desc){ .chip = chip, .hwirq = hwirq, .name = name };
			return (int)i;
		}
	return IRQ_NONE;
}

void irq_free(unsigned irq)
{
	struct irq_desc *d = irq_desc(irq);

	if (!d)
		return;
	irq_release(irq);
	if (d->vector) {
		vector_irq[d->vector] = 0;
		vector_used[d->vector] = 0;
	}
	*d = (struct irq_desc){ 0 };
}

struct irq_desc *irq_desc(unsigned irq)
{
	return irq < NR_IRQS && irqs[irq].chip ? &irqs[irq] : NULL;
}

void irq_mask(unsigned irq)
{
	struct irq_desc *d = irq_desc(irq);

	if (d && d->chip->mask)
		d->chip->mask(d);
}

void irq_unmask(unsigned irq)
{
	struct irq_desc *d = irq_desc(irq);

	if (d && d->chip->unmask)
		d->chip->unmask(d);
}

int irq_request(unsigned irq, irq_handler_fn *fn, void *arg)
{
	struct irq_desc *d = irq_desc(irq);

	if (!d)
		return -EINVAL;
	if (d->handler)
		return -EBUSY;
	d->arg = arg;
	d->handler = fn;
	irq_unmask(irq);
	return 0;
}

void irq_release(unsigned irq)
{
	struct irq_desc *d = irq_desc(irq);

	if (!d)
		return;
	irq_mask(irq);
	d->handler = NULL;
	d->arg = NULL;
}

void irq_handle(unsigned irq)
{
	struct irq_desc *d = irq_desc(irq);

	if (!d)
		panic("irq: delivery of irq %u, which was never allocated", irq);
	this_cpu_write(irq_depth, this_cpu_read(irq_depth) + 1);
	d->count++;
	if (d->handler)
		d->handler(irq, d->arg);
	if (d->chip->eoi)
		d->chip->eoi(d);
	this_cpu_write(irq_depth, this_cpu_read(irq_depth) - 1);
}

unsigned irq_vector_alloc(void)
{
	unsigned v;

	for (v = IRQ_VECTOR_FIRST; v <= IRQ_VECTOR_LAST; v++)
		if (!vector_used[v]) {
			vector_used[v] = 1;
			return v;
		}
	return 0;
}

void irq_bind_vector(unsigned irq, unsigned vector)
{
	struct irq_desc *d = irq_desc(irq);

	if (!d || vector < 32 || vector > 255)
		panic("irq: cannot bind irq %u to vector %u", irq, vector);
	if (vector_irq[vector] && vector_irq[vector] != irq + 1)
		panic("irq: vector %u is already irq %u's", vector, vector_irq[vector] - 1u);
	vector_used[vector] = 1;
	vector_irq[vector] = (u16)(irq + 1);
	d->vector = vector;
}

void irq_dispatch_vector(unsigned vector)
{
	unsigned irq = vector < 256 ? vector_irq[vector] : 0;

	if (!irq) {
		if (stray++ == 0)
			pr_warn("irq: interrupt on vector %u, which no irq is bound to\n", vector);
		return;
	}
	irq_handle(irq - 1);
}

u64 irq_stray_count(void)
{
	return stray;
}
