/*
 * pci_config.c — PCI configuration space through configuration mechanism
 * #1 (PCI Local Bus 3.0, 3.2.2.3.2): the address of a dword goes to port
 * 0xcf8, the data moves through 0xcfc..0xcff.  The first 256 bytes of
 * every function, which is all Proteus needs (q35's ECAM would also give
 * the extended space).
 *
 * Port I/O needs I/O privilege: a kernel running in ring 3 under a
 * hypervisor faults on it, so there the bus does not exist for us.
 * `pci=0` hides it everywhere.
 */
#include "dev/pci.h"
#include "x86/io.h"
#include "pv/ops.h"
#include "options.h"

#define PCI_CONFIG_ADDRESS 0xcf8
#define PCI_CONFIG_DATA 0xcfc

static bool pci_on = true;
KOPT_BOOL(pci, "pci", pci_on, "0: do not touch the PCI bus");

bool pci_config_available(void)
{
	return pci_on && pv_info.kernel_rpl == 0;
}

static u32 config_address(const struct pci_dev *pd, unsigned off)
{
	return 0x80000000u | (u32)pd->bus << 16 | (u32)pd->slot << 11 | (u32)pd->func << 8 |
	       (off & 0xfc);
}

u32 pci_config_read(const struct pci_dev *pd, unsigned off, unsigned len)
{
	u16 port = (u16)(PCI_CONFIG_DATA + (off & 3));

	outl(PCI_CONFIG_ADDRESS, config_address(pd, off));
	return len == 1 ? inb(port) : len == 2 ? inw(port) : inl(PCI_CONFIG_DATA);
}

void pci_config_write(const struct pci_dev *pd, unsigned off, unsigned len, u32 v)
{
	u16 port = (u16)(PCI_CONFIG_DATA + (off & 3));

	outl(PCI_CONFIG_ADDRESS, config_address(pd, off));
	if (len == 1)
		outb(port, (u8)v);
	else if (len == 2)
		outw(port, (u16)v);
	else
		outl(PCI_CONFIG_DATA, v);
}

u8 pci_cap_find(const struct pci_dev *pd, u8 id, u8 from)
{
	unsigned hops = 0;
	u8 off;

	if (!(pci_config_read(pd, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return 0;
	off = from ? (u8)pci_config_read(pd, from + 1u, 1) : (u8)pci_config_read(pd, PCI_CAP_PTR, 1);
	/* 48 capabilities fill the 192 bytes after the header: more is a loop. */
	while (off >= 0x40 && hops++ < 48) {
		off &= 0xfc;
		if (pci_config_read(pd, off, 1) == id)
			return off;
		off = (u8)pci_config_read(pd, off + 1u, 1);
	}
	return 0;
}
