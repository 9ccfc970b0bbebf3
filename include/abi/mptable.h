/*
 * mptable.h — the Intel MultiProcessor Specification's tables (version
 * 1.4, chapter 4), version 1: the floating pointer, the configuration
 * table header, and the entries Proteus reads (buses, IO-APICs, IO
 * interrupt assignments).  Firmware that describes a machine without
 * ACPI (QEMU's microvm with acpi=off, through qboot) still writes these.
 * Our own definitions.  Self-contained: needs only <stdint.h>.
 */
#ifndef PROTEUS_ABI_MPTABLE_H
#define PROTEUS_ABI_MPTABLE_H

#define PROTEUS_MPTABLE_ABI_VERSION 1

#include <stdint.h>

#define MP_FLOATING_SIGNATURE "_MP_"
#define MP_CONFIG_SIGNATURE "PCMP"

/* On a 16-byte boundary in the EBDA's first KiB, the last KiB of base
 * memory, or 0xf0000-0xfffff; its length bytes sum to 0. */
struct mp_floating {
	char signature[4];
	uint32_t config_pa;           /* 0: a default configuration (feature[0]) */
	uint8_t length;               /* in 16-byte units: 1 */
	uint8_t spec_rev;
	uint8_t checksum;
	uint8_t feature[5];
} __attribute__((packed));

struct mp_config {
	char signature[4];
	uint16_t length;              /* header and base entries; they sum to 0 */
	uint8_t spec_rev;
	uint8_t checksum;
	char oem_id[8];
	char product_id[12];
	uint32_t oem_table_pa;
	uint16_t oem_table_size;
	uint16_t entry_count;         /* some firmware leaves this 0: walk by length */
	uint32_t lapic_address;
	uint16_t ext_length;
	uint8_t ext_checksum;
	uint8_t reserved;
} __attribute__((packed));

#define MP_ENTRY_PROCESSOR 0      /* 20 bytes; every other base entry is 8 */
#define MP_ENTRY_BUS       1
#define MP_ENTRY_IOAPIC    2
#define MP_ENTRY_IOINT     3
#define MP_ENTRY_LOCALINT  4

#define MP_PROCESSOR_ENTRY_SIZE 20
#define MP_ENTRY_SIZE 8

struct mp_bus {
	uint8_t type;
	uint8_t id;
	char bus_type[6];             /* "ISA   ", "PCI   ", ... space padded */
} __attribute__((packed));

struct mp_ioapic {
	uint8_t type;
	uint8_t id;
	uint8_t version;
	uint8_t flags;                /* bit 0: usable */
	uint32_t address;
} __attribute__((packed));

#define MP_IOAPIC_USABLE 1u

struct mp_ioint {
	uint8_t type;
	uint8_t irq_type;             /* 0: a vectored interrupt; 1 NMI, 2 SMI, 3 ExtINT */
	uint16_t flags;               /* polarity (1:0) and trigger (3:2), as ACPI's INTI flags */
	uint8_t src_bus;
	uint8_t src_irq;
	uint8_t dst_ioapic;           /* by IO-APIC id; 0xff: all of them */
	uint8_t dst_pin;
} __attribute__((packed));

#define MP_IOINT_INT 0

#endif
