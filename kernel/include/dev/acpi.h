/* dev/acpi.h — what the kernel takes from ACPI: interrupt routing (dev/acpi.c). */
#ifndef PROTEUS_DEV_ACPI_H
#define PROTEUS_DEV_ACPI_H

#include "types.h"

#define ACPI_MAX_IOAPICS 8
#define ACPI_MAX_ISO 16

struct acpi_irq_routing {
	unsigned nr_ioapics;
	struct { u8 id; u32 address, gsi_base; } ioapic[ACPI_MAX_IOAPICS];
	unsigned nr_iso;
	struct { u8 isa; u32 gsi; u16 flags; } iso[ACPI_MAX_ISO];
	bool has_8259;
};

/* Firmware tables (ACPI's, the MP specification's) are valid when their
 * bytes sum to 0 modulo 256. */
static inline bool fw_sum_ok(const void *p, size_t n)
{
	const u8 *b = p;
	u8 s = 0;

	while (n--)
		s = (u8)(s + *b++);
	return s == 0;
}

/* Where the loader said the RSDP is (0: look for it). */
void acpi_set_rsdp(u64 pa);
/* The MADT's routing; false, with the reason logged, if there is none. */
bool acpi_irq_routing(struct acpi_irq_routing *out);

#endif
