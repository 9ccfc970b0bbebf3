/*
 * pci_irq.c — a function's interrupts.  MSI-X (PCI Local Bus 3.0, 6.8.2):
 * a table in one of the function's BARs, one entry per message; each
 * entry is an irq of the "msix" chip whose message is a write of the
 * vector to the boot CPU's local APIC (address 0xfee00000 | id << 12,
 * fixed delivery, edge: Intel SDM vol. 3, 11.11), masked by the entry's
 * vector-control bit.  INTx, when there is no MSI-X: the line the
 * firmware wrote into the Interrupt Line register, which on the PC is an
 * IO-APIC input, level-triggered and active low as PCI interrupts are.
 */
#include "dev/pci.h"
#include "dev/isa_irq.h"
#include "dev/lapic.h"
#include "irq.h"
#include "printk.h"

#define MSIX_CTRL 2
#define MSIX_CTRL_SIZE 0x7ffu
#define MSIX_CTRL_MASKALL 0x4000u
#define MSIX_CTRL_ENABLE 0x8000u
#define MSIX_TABLE 4
#define MSIX_ENTRY_WORDS 4              /* address lo, hi, data, vector control */
#define MSIX_VECTOR_MASKED 1u
#define MSI_ADDRESS 0xfee00000u

static volatile u32 *entry_of(struct irq_desc *d) { return d->chip_data; }

static void msix_mask(struct irq_desc *d)
{
	entry_of(d)[3] = MSIX_VECTOR_MASKED;
	(void)entry_of(d)[3];                /* posted: read back so it is done */
}

static void msix_unmask(struct irq_desc *d)
{
	entry_of(d)[3] = 0;
}

static void msix_eoi(struct irq_desc *d)
{
	(void)d;
	lapic_eoi();
}

static const struct irq_chip msix_chip = {
	.name = "msix", .mask = msix_mask, .unmask = msix_unmask, .eoi = msix_eoi,
};

unsigned pci_msix_enable(struct pci_dev *pd)
{
	u8 cap = pci_cap_find(pd, PCI_CAP_ID_MSIX, 0);
	u32 table, i;
	u16 ctrl;
	volatile u32 *t;

	if (!cap)
		return 0;
	ctrl = (u16)pci_config_read(pd, cap + MSIX_CTRL, 2);
	table = pci_config_read(pd, cap + MSIX_TABLE, 4);
	pd->msix_size = (u16)((ctrl & MSIX_CTRL_SIZE) + 1);
	t = pci_bar_map(pd, table & 7, table & ~7u, 16ull * pd->msix_size);
	if (!t)
		return 0;
	pd->msix_cap = cap;
	pd->msix_table = t;
	/* Enabled with the function masked while the entries are masked one
	 * by one, so nothing fires on what the firmware left there. */
	pci_config_write(pd, cap + MSIX_CTRL, 2, ctrl | MSIX_CTRL_ENABLE | MSIX_CTRL_MASKALL);
	for (i = 0; i < pd->msix_size; i++)
		t[i * MSIX_ENTRY_WORDS + 3] = MSIX_VECTOR_MASKED;
	pci_config_write(pd, cap + MSIX_CTRL, 2, (ctrl | MSIX_CTRL_ENABLE) & ~MSIX_CTRL_MASKALL);
	pci_config_write(pd, PCI_COMMAND, 2,
			 pci_config_read(pd, PCI_COMMAND, 2) | PCI_COMMAND_INTX_DISABLE);
	return pd->msix_size;
}

int pci_msix_irq(struct pci_dev *pd, unsigned entry, const char *name)
{
	volatile u32 *e;
	unsigned vector;
	int irq;

	if (!pd->msix_table || entry >= pd->msix_size || !(vector = irq_vector_alloc()))
		return IRQ_NONE;
	irq = irq_alloc(&msix_chip, entry, name);
	if (irq == IRQ_NONE)
		return IRQ_NONE;
	e = &pd->msix_table[entry * MSIX_ENTRY_WORDS];
	e[3] = MSIX_VECTOR_MASKED;
	e[0] = MSI_ADDRESS | lapic_id() << 12;
	e[1] = 0;
	e[2] = vector;                       /* fixed delivery, edge */
	irq_desc((unsigned)irq)->chip_data = (void *)e;
	irq_bind_vector((unsigned)irq, vector);
	return irq;
}

int pci_intx_irq(struct pci_dev *pd, const char *name)
{
	int irq;

	if (pd->irq_pin == 0 || pd->irq_line == 0 || pd->irq_line == 0xff) {
		pr_err("pci: %s: no interrupt line routed (pin %u, line %u)\n", pd->where,
		       pd->irq_pin, pd->irq_line);
		return IRQ_NONE;
	}
	irq = gsi_irq_alloc(pd->irq_line, true, true, name);
	if (irq == IRQ_NONE)
		pr_err("pci: %s: cannot route line %u (no IO-APIC?)\n", pd->where, pd->irq_line);
	return irq;
}
