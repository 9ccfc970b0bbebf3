/*
 * pic.c — the legacy 8259 pair, as an irq chip: line n raises vector
 * 32 + n (away from the exceptions), each line masked until requested.
 * When an IO-APIC routes the ISA lines instead, the PIC stays remapped
 * and fully masked, so a stray edge cannot pose as an exception.
 */
#include "dev/pic.h"
#include "irq.h"
#include "x86/io.h"

#define PIC1 0x20
#define PIC2 0xa0
#define PIC_EOI 0x20
#define CASCADE 2

static u8 mask1 = 0xff, mask2 = 0xff;
static bool initialised;

static void pic_write_masks(void)
{
	outb(PIC1 + 1, mask1);
	outb(PIC2 + 1, mask2);
}

void pic_init(void)
{
	if (initialised)
		return;
	outb(PIC1, 0x11);                       /* ICW1: edge, cascade, ICW4 */
	outb(PIC2, 0x11);
	outb(PIC1 + 1, PIC_VECTOR_BASE);        /* ICW2: vectors */
	outb(PIC2 + 1, PIC_VECTOR_BASE + 8);
	outb(PIC1 + 1, 1u << CASCADE);          /* ICW3: slave on line 2 */
	outb(PIC2 + 1, CASCADE);
	outb(PIC1 + 1, 1);                      /* ICW4: 8086 mode */
	outb(PIC2 + 1, 1);
	pic_write_masks();
	initialised = true;
}

static void pic_mask(struct irq_desc *d)
{
	if (d->hwirq < 8)
		mask1 |= (u8)(1u << d->hwirq);
	else
		mask2 |= (u8)(1u << (d->hwirq - 8));
	pic_write_masks();
}

static void pic_unmask(struct irq_desc *d)
{
	if (d->hwirq < 8) {
		mask1 &= (u8)~(1u << d->hwirq);
	} else {
		mask2 &= (u8)~(1u << (d->hwirq - 8));
		mask1 &= (u8)~(1u << CASCADE);
	}
	pic_write_masks();
}

static void pic_eoi(struct irq_desc *d)
{
	if (d->hwirq >= 8)
		outb(PIC2, PIC_EOI);
	outb(PIC1, PIC_EOI);
}

static const struct irq_chip pic_chip = {
	.name = "pic", .mask = pic_mask, .unmask = pic_unmask, .eoi = pic_eoi,
};

int pic_irq_alloc(unsigned line, const char *name)
{
	int irq;

	if (line >= 16 || line == CASCADE)
		return IRQ_NONE;
	pic_init();
	irq = irq_alloc(&pic_chip, line, name);
	if (irq != IRQ_NONE)
		irq_bind_vector((unsigned)irq, PIC_VECTOR_BASE + line);
	return irq;
}
