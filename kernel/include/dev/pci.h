/*
 * dev/pci.h — the PCI bus (kernel/dev/pci/): configuration space through
 * the 0xcf8/0xcfc ports, enumeration of bus 0 and the buses behind
 * PCI-to-PCI bridges, BARs as the firmware assigned them, the capability
 * list, and interrupts: MSI-X entries aimed at the boot CPU's local APIC,
 * or the INTx line the firmware routed.  Drivers register themselves with
 * PCI_DRIVER and are probed once per matching function during the
 * INIT_BUS level.  Where the kernel has no I/O privilege (it runs in
 * ring 3) the bus is not touched at all.
 */
#ifndef PROTEUS_DEV_PCI_H
#define PROTEUS_DEV_PCI_H

#include "types.h"

#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_COMMAND_IO 0x1u
#define PCI_COMMAND_MEMORY 0x2u
#define PCI_COMMAND_MASTER 0x4u
#define PCI_COMMAND_INTX_DISABLE 0x400u
#define PCI_STATUS 0x06
#define PCI_STATUS_CAP_LIST 0x10u
#define PCI_CLASS_REVISION 0x08
#define PCI_HEADER_TYPE 0x0e
#define PCI_BAR0 0x10
#define PCI_SECONDARY_BUS 0x19              /* type 1 (bridge) headers */
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_SUBSYSTEM_ID 0x2e
#define PCI_CAP_PTR 0x34
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d

#define PCI_CAP_ID_VNDR 0x09
#define PCI_CAP_ID_MSIX 0x11

struct pci_bar {
	u64 base;                   /* bus address (memory) or port (I/O); 0: unassigned */
	u64 size;
	bool io, is64, prefetch;
};

struct pci_driver;

struct pci_dev {
	u8 bus, slot, func;
	char where[12];             /* "00:03.0" */
	u16 vendor, device, subsys_vendor, subsys_device;
	u8 class, subclass, prog_if, header_type;
	u8 irq_line, irq_pin;       /* as the firmware left them */
	struct pci_bar bar[6];
	/* MSI-X, if the function has it */
	u8 msix_cap;
	u16 msix_size;              /* table entries */
	volatile u32 *msix_table;   /* mapped by pci_msix_enable */
	const struct pci_driver *driver;
	void *priv;                 /* the driver's */
	struct pci_dev *next;
};

struct pci_driver {
	const char *name;
	u16 vendor;
	u16 device_first, device_last;    /* inclusive range of device ids */
	/* 0: the driver took the function; -errno: it did not (said why). */
	int (*probe)(struct pci_dev *pd);
};

#define PCI_DRIVER(var)                                                      \
	static const struct pci_driver *const pci_driver_ptr_##var             \
		__section(".pci_drivers") __used = &(var)

/* Configuration space of pd; off aligned to len (1, 2 or 4). */
u32 pci_config_read(const struct pci_dev *pd, unsigned off, unsigned len);
void pci_config_write(const struct pci_dev *pd, unsigned off, unsigned len, u32 v);
/* The offset of the first capability with id after offset from (0: from
 * the start), 0 when there is none. */
u8 pci_cap_find(const struct pci_dev *pd, u8 id, u8 from);
/* Map len bytes at off in memory BAR bar (uncached): NULL, with a message,
 * if it is no memory BAR or too small. */
void *pci_bar_map(struct pci_dev *pd, unsigned bar, u64 off, u64 len);
/* Decode memory and master DMA. */
void pci_enable(struct pci_dev *pd);

/* Turn MSI-X on with every entry masked; the number of entries, 0 when
 * the function has no usable MSI-X. */
unsigned pci_msix_enable(struct pci_dev *pd);
/* An irq for MSI-X entry (masked until irq_request), IRQ_NONE if none. */
int pci_msix_irq(struct pci_dev *pd, unsigned entry, const char *name);
/* An irq for the function's INTx pin (level, active low), IRQ_NONE if
 * the firmware routed none. */
int pci_intx_irq(struct pci_dev *pd, const char *name);

/* Whether config space can be reached at all here (false under a
 * hypervisor that gives the kernel no port I/O). */
bool pci_config_available(void);

#endif
