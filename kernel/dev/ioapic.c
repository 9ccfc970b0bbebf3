/*
 * ioapic.c — IO-APICs as irq chips: a pin's redirection entry names the
 * vector it raises on the boot CPU's local APIC, its trigger mode and
 * polarity, and a mask bit.  Acknowledging is the local APIC's EOI (a
 * level-triggered pin that is still asserted then raises again).
 */
#include "dev/ioapic.h"
#include "dev/lapic.h"
#include "irq.h"
#include "mm.h"
#include "printk.h"

#define IOREGSEL 0x00
#define IOWIN 0x10
#define IOAPIC_VER 0x01
#define IOAPIC_REDTBL(pin) (0x10 + 2 * (pin))
#define RTE_MASKED (1u << 16)
#define RTE_LEVEL (1u << 15)
#define RTE_ACTIVE_LOW (1u << 13)
#define MAX_IOAPICS 8

struct ioapic {
	volatile u32 *regs;
	u32 gsi_base, nr_pins;
};

struct ioapic_pin {
	struct ioapic *io;
	u32 pin;
	u32 low;                      /* the entry's low word, less the mask bit */
};

static struct ioapic ioapics[MAX_IOAPICS];
static unsigned nr_ioapics;
static struct ioapic_pin pins[64];
static unsigned nr_pins_used;

static u32 io_read(struct ioapic *io, u32 reg)
{
	io->regs[IOREGSEL / 4] = reg;
	return io->regs[IOWIN / 4];
}

static void io_write(struct ioapic *io, u32 reg, u32 v)
{
	io->regs[IOREGSEL / 4] = reg;
	io->regs[IOWIN / 4] = v;
}

/* The pin count from the version register; 0 if pa does not answer like an IO-APIC. */
static u32 pins_of(struct ioapic *io, u64 pa)
{
	u32 ver;

	io->regs = ioremap(pa, 0x20);
	ver = io_read(io, IOAPIC_VER);
	if (ver == 0xffffffffu || (ver & 0xff) < 0x10) {
		pr_warn("ioapic: nothing like an IO-APIC at %#llx (version register %#x)\n",
			(unsigned long long)pa, ver);
		return 0;
	}
	return ((ver >> 16) & 0xff) + 1;
}

u32 ioapic_count_pins(u64 pa)
{
	struct ioapic probe;

	return pins_of(&probe, pa);
}

bool ioapic_add(u64 pa, u32 gsi_base)
{
	struct ioapic *io;
	u32 pin;

	if (nr_ioapics == MAX_IOAPICS)
		return false;
	io = &ioapics[nr_ioapics];
	io->gsi_base = gsi_base;
	io->nr_pins = pins_of(io, pa);
	if (!io->nr_pins)
		return false;
	for (pin = 0; pin < io->nr_pins; pin++) {
		io_write(io, IOAPIC_REDTBL(pin) + 1, 0);
		io_write(io, IOAPIC_REDTBL(pin), RTE_MASKED);
	}
	nr_ioapics++;
	pr_info("ioapic: %u pins for GSIs %u..%u at %#llx\n", io->nr_pins, gsi_base,
		gsi_base + io->nr_pins - 1, (unsigned long long)pa);
	return true;
}

static void rte_mask(struct irq_desc *d)
{
	struct ioapic_pin *p = d->chip_data;

	io_write(p->io, IOAPIC_REDTBL(p->pin), p->low | RTE_MASKED);
}

static void rte_unmask(struct irq_desc *d)
{
	struct ioapic_pin *p = d->chip_data;

	io_write(p->io, IOAPIC_REDTBL(p->pin), p->low);
}

static void rte_eoi(struct irq_desc *d)
{
	(void)d;
	lapic_eoi();
}

static const struct irq_chip ioapic_chip = {
	.name = "ioapic", .mask = rte_mask, .unmask = rte_unmask, .eoi = rte_eoi,
};

int ioapic_irq_alloc(u32 gsi, bool level, bool active_low, const char *name)
{
	struct ioapic *io = NULL;
	struct ioapic_pin *p;
	unsigned i, vector;
	int irq;

	for (i = 0; i < nr_ioapics; i++)
		if (gsi >= ioapics[i].gsi_base && gsi - ioapics[i].gsi_base < ioapics[i].nr_pins)
			io = &ioapics[i];
	if (!io || nr_pins_used == ARRAY_SIZE(pins) || !(vector = irq_vector_alloc()))
		return IRQ_NONE;
	irq = irq_alloc(&ioapic_chip, gsi, name);
	if (irq == IRQ_NONE)
		return IRQ_NONE;
	p = &pins[nr_pins_used++];
	p->io = io;
	p->pin = gsi - io->gsi_base;
	/* Fixed delivery, physical destination: the boot CPU. */
	p->low = vector | (level ? RTE_LEVEL : 0) | (active_low ? RTE_ACTIVE_LOW : 0);
	io_write(io, IOAPIC_REDTBL(p->pin) + 1, lapic_id() << 24);
	io_write(io, IOAPIC_REDTBL(p->pin), p->low | RTE_MASKED);
	irq_desc((unsigned)irq)->chip_data = p;
	irq_bind_vector((unsigned)irq, vector);
	return irq;
}
