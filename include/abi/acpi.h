/*
 * acpi.h — the few ACPI tables Proteus reads, version 1: the RSDP, the
 * common table header, the XSDT/RSDT, and the MADT's interrupt-controller
 * entries.  Layouts from the ACPI specification (6.x, chapter 5.2); our
 * own definitions.  Self-contained: needs only <stdint.h>.
 */
#ifndef PROTEUS_ABI_ACPI_H
#define PROTEUS_ABI_ACPI_H

#define PROTEUS_ACPI_ABI_VERSION 1

#include <stdint.h>

#define ACPI_RSDP_SIGNATURE "RSD PTR "
#define ACPI_SIG_MADT "APIC"

struct acpi_rsdp {
	char signature[8];
	uint8_t checksum;             /* the first 20 bytes sum to 0 */
	char oem_id[6];
	uint8_t revision;             /* 0: ACPI 1.0 (RSDT only); 2: has the fields below */
	uint32_t rsdt_address;
	uint32_t length;              /* of this structure, revision >= 2 */
	uint64_t xsdt_address;
	uint8_t extended_checksum;    /* all of it sums to 0 */
	uint8_t reserved[3];
} __attribute__((packed));

struct acpi_sdt_header {
	char signature[4];
	uint32_t length;              /* header included */
	uint8_t revision;
	uint8_t checksum;             /* the whole table sums to 0 */
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __attribute__((packed));

/* The MADT: the header, then these, then entries {type, length, ...}. */
struct acpi_madt {
	struct acpi_sdt_header h;
	uint32_t lapic_address;
	uint32_t flags;               /* bit 0: the machine also has 8259s */
} __attribute__((packed));

#define ACPI_MADT_PCAT_COMPAT 1u

#define ACPI_MADT_LAPIC       0
#define ACPI_MADT_IOAPIC      1
#define ACPI_MADT_ISO         2   /* interrupt source override */
#define ACPI_MADT_X2APIC      9

struct acpi_madt_entry {
	uint8_t type, length;
} __attribute__((packed));

struct acpi_madt_ioapic {
	struct acpi_madt_entry e;
	uint8_t id;
	uint8_t reserved;
	uint32_t address;
	uint32_t gsi_base;
} __attribute__((packed));

struct acpi_madt_iso {
	struct acpi_madt_entry e;
	uint8_t bus;                  /* 0: ISA */
	uint8_t source;               /* the ISA line */
	uint32_t gsi;                 /* where it really arrives */
	uint16_t flags;               /* MPS INTI flags */
} __attribute__((packed));

/* MPS INTI flags: polarity (bits 1:0) and trigger mode (bits 3:2). */
#define ACPI_INTI_POLARITY_MASK 0x3u
#define ACPI_INTI_POLARITY_HIGH 0x1u
#define ACPI_INTI_POLARITY_LOW  0x3u
#define ACPI_INTI_TRIGGER_MASK  0xcu
#define ACPI_INTI_TRIGGER_EDGE  0x4u
#define ACPI_INTI_TRIGGER_LEVEL 0xcu

_Static_assert(sizeof(struct acpi_rsdp) == 36, "rsdp size");
_Static_assert(sizeof(struct acpi_sdt_header) == 36, "sdt header size");
_Static_assert(sizeof(struct acpi_madt) == 44, "madt size");
_Static_assert(sizeof(struct acpi_madt_ioapic) == 12, "madt ioapic size");
_Static_assert(sizeof(struct acpi_madt_iso) == 10, "madt iso size");

#endif
