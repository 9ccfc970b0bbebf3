/*
 * pci_bus.c — finding the functions: bus 0, slot by slot, every function
 * of a multi-function device, and the secondary bus of each PCI-to-PCI
 * bridge (header type 1).  Each function's BARs are read as the firmware
 * assigned them (sized by the all-ones write, with decoding off meanwhile
 * so the probe never appears at a stray address), then the first
 * PCI_DRIVER that matches is probed.
 *
 * No host bridge at 00:00.0 (microvm, or ports that read all ones) means
 * no PCI, quietly.
 */
#include "dev/pci.h"
#include "initcall.h"
#include "mm.h"
#include "printk.h"
#include "errno.h"
#include "lib/fmt.h"

extern const struct pci_driver *const __pci_drivers_start[], *const __pci_drivers_end[];

static struct pci_dev *pci_devices;
static unsigned pci_count;

static void bars_read(struct pci_dev *pd)
{
	u16 cmd = (u16)pci_config_read(pd, PCI_COMMAND, 2);
	unsigned i;

	pci_config_write(pd, PCI_COMMAND, 2, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (i = 0; i < 6; i++) {
		unsigned off = PCI_BAR0 + 4 * i;
		u32 lo = pci_config_read(pd, off, 4), szlo, hi = 0, szhi = 0;
		struct pci_bar *b = &pd->bar[i];

		pci_config_write(pd, off, 4, 0xffffffffu);
		szlo = pci_config_read(pd, off, 4);
		pci_config_write(pd, off, 4, lo);
		if (szlo == 0 || szlo == 0xffffffffu)
			continue;
		if (lo & 1) {
			b->io = true;
			b->base = lo & ~3u;
			b->size = (u16)~(szlo & ~3u) + 1u;
			continue;
		}
		b->prefetch = (lo >> 3) & 1;
		if (((lo >> 1) & 3) == 2 && i < 5) {
			b->is64 = true;
			hi = pci_config_read(pd, off + 4, 4);
			pci_config_write(pd, off + 4, 4, 0xffffffffu);
			szhi = pci_config_read(pd, off + 4, 4);
			pci_config_write(pd, off + 4, 4, hi);
		} else {
			szhi = 0xffffffffu;
		}
		b->base = ((u64)hi << 32) | (lo & ~0xfu);
		b->size = ~(((u64)szhi << 32) | (szlo & ~0xfu)) + 1;
		if (b->is64)
			i++;                 /* the upper half is no BAR of its own */
	}
	pci_config_write(pd, PCI_COMMAND, 2, cmd);
}

static void probe_drivers(struct pci_dev *pd)
{
	const struct pci_driver *const *p;

	for (p = __pci_drivers_start; p < __pci_drivers_end; p++)
		if ((*p)->vendor == pd->vendor && pd->device >= (*p)->device_first &&
		    pd->device <= (*p)->device_last) {
			pd->driver = *p;
			if ((*p)->probe(pd) == 0)
				return;
			pd->driver = NULL;
		}
}

static void bus_scan(u8 bus, unsigned depth);

static void function_add(u8 bus, u8 slot, u8 func)
{
	struct pci_dev probe = { .bus = bus, .slot = slot, .func = func }, *pd;
	u32 class;

	pd = kzalloc(sizeof(*pd));
	if (!pd) {
		pr_err("pci: out of memory at %02x:%02x.%u\n", bus, slot, func);
		return;
	}
	*pd = probe;
	fmt_snprintf(pd->where, sizeof(pd->where), "%02x:%02x.%u", bus, slot, func);
	pd->vendor = (u16)pci_config_read(pd, PCI_VENDOR_ID, 2);
	pd->device = (u16)pci_config_read(pd, PCI_DEVICE_ID, 2);
	class = pci_config_read(pd, PCI_CLASS_REVISION, 4);
	pd->class = (u8)(class >> 24);
	pd->subclass = (u8)(class >> 16);
	pd->prog_if = (u8)(class >> 8);
	pd->header_type = (u8)pci_config_read(pd, PCI_HEADER_TYPE, 1) & 0x7f;
	pd->next = pci_devices;
	pci_devices = pd;
	pci_count++;
	if (pd->header_type == 1) {
		u8 sec = (u8)pci_config_read(pd, PCI_SECONDARY_BUS, 1);

		pr_info("pci: %s bridge %04x:%04x to bus %02x\n", pd->where, pd->vendor,
			pd->device, sec);
		if (sec > bus)       /* a firmware that numbered buses downwards is ignored */
			bus_scan(sec, 0);
		return;
	}
	if (pd->header_type != 0)
		return;
	pd->subsys_vendor = (u16)pci_config_read(pd, PCI_SUBSYSTEM_VENDOR_ID, 2);
	pd->subsys_device = (u16)pci_config_read(pd, PCI_SUBSYSTEM_ID, 2);
	pd->irq_line = (u8)pci_config_read(pd, PCI_INTERRUPT_LINE, 1);
	pd->irq_pin = (u8)pci_config_read(pd, PCI_INTERRUPT_PIN, 1);
	bars_read(pd);
	pr_info("pci: %s %04x:%04x class %02x%02x irq pin %u line %u\n", pd->where, pd->vendor,
		pd->device, pd->class, pd->subclass, pd->irq_pin, pd->irq_line);
	probe_drivers(pd);
}

static void bus_scan(u8 bus, unsigned depth)
{
	unsigned slot, func;

	(void)depth;
	for (slot = 0; slot < 32; slot++)
		for (func = 0; func < 8; func++) {
			struct pci_dev at = { .bus = bus, .slot = (u8)slot, .func = (u8)func };
			u16 vendor = (u16)pci_config_read(&at, PCI_VENDOR_ID, 2);

			if (vendor == 0xffff) {
				if (func == 0)
					break;
				continue;
			}
			function_add(bus, (u8)slot, (u8)func);
			if (func == 0 && !(pci_config_read(&at, PCI_HEADER_TYPE, 1) & 0x80))
				break;
		}
}

static void pci_init(void)
{
	struct pci_dev host = { 0 };

	if (!pci_config_available())
		return;
	if ((u16)pci_config_read(&host, PCI_VENDOR_ID, 2) == 0xffff)
		return;              /* no host bridge: no PCI here */
	bus_scan(0, 0);
	pr_info("pci: %u functions\n", pci_count);
}
DEVICE_INIT(INIT_BUS, pci_init);

void pci_enable(struct pci_dev *pd)
{
	u16 cmd = (u16)pci_config_read(pd, PCI_COMMAND, 2);

	pci_config_write(pd, PCI_COMMAND, 2, cmd | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
}

void *pci_bar_map(struct pci_dev *pd, unsigned bar, u64 off, u64 len)
{
	struct pci_bar *b = bar < 6 ? &pd->bar[bar] : NULL;

	if (!b || b->io || !b->base || off > b->size || len > b->size - off) {
		pr_err("pci: %s: no memory BAR %u holding %#llx bytes at %#llx\n", pd->where, bar,
		       (unsigned long long)len, (unsigned long long)off);
		return NULL;
	}
	return ioremap(b->base + off, len);
}
