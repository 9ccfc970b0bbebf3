/*
 * isa_irq.c — routing the PC's ISA lines.  Where the MADT describes
 * IO-APICs, the lines arrive there (line n at GSI n unless an interrupt
 * source override says otherwise: QEMU's PIT line 0 is GSI 2), and the
 * 8259s are remapped and masked; without a MADT an MP table may say the
 * same (dev/mptable.c); where neither does, the 8259s deliver.
 * The routing is found the first time a driver asks.
 */
#include "dev/isa_irq.h"
#include "dev/acpi.h"
#include "dev/mptable.h"
#include "dev/ioapic.h"
#include "dev/pic.h"
#include "abi/acpi.h"
#include "irq.h"
#include "printk.h"

static bool routed, use_ioapic;
static struct acpi_irq_routing routing;

static void isa_route(void)
{
	unsigned i;

	routed = true;
	pic_init();                       /* remapped and masked either way */
	if (!acpi_irq_routing(&routing) && !mptable_irq_routing(&routing))
		return;
	for (i = 0; i < routing.nr_ioapics; i++)
		use_ioapic |= ioapic_add(routing.ioapic[i].address, routing.ioapic[i].gsi_base);
	pr_info("irq: ISA lines through the %s\n", use_ioapic ? "IO-APIC" : "8259s");
}

int isa_irq_alloc(unsigned line, const char *name)
{
	return isa_irq_alloc_at(line, ISA_GSI_AS_ROUTED, name);
}

int isa_irq_alloc_at(unsigned line, u32 gsi_hint, const char *name)
{
	u32 gsi = line;
	u16 flags = 0;
	unsigned i;

	if (!routed)
		isa_route();
	if (!use_ioapic)
		return gsi_hint == ISA_GSI_AS_ROUTED ? pic_irq_alloc(line, name) : IRQ_NONE;
	for (i = 0; i < routing.nr_iso; i++)
		if (routing.iso[i].isa == line) {
			gsi = routing.iso[i].gsi;
			flags = routing.iso[i].flags;
		}
	if (gsi_hint != ISA_GSI_AS_ROUTED)
		gsi = gsi_hint;
	/* ISA lines are edge-triggered, active high, unless overridden. */
	return ioapic_irq_alloc(gsi, (flags & ACPI_INTI_TRIGGER_MASK) == ACPI_INTI_TRIGGER_LEVEL,
				(flags & ACPI_INTI_POLARITY_MASK) == ACPI_INTI_POLARITY_LOW, name);
}

int gsi_irq_alloc(u32 gsi, bool level, bool active_low, const char *name)
{
	if (!routed)
		isa_route();
	return use_ioapic ? ioapic_irq_alloc(gsi, level, active_low, name) : IRQ_NONE;
}
