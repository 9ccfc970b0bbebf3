/* dev/mptable.h — interrupt routing from an MP table when there is no MADT (dev/mptable.c). */
#ifndef PROTEUS_DEV_MPTABLE_H
#define PROTEUS_DEV_MPTABLE_H

#include "dev/acpi.h"

/* The MP table's routing in the MADT's terms; false, with the reason
 * logged, if there is none or it has no usable IO-APIC. */
bool mptable_irq_routing(struct acpi_irq_routing *out);

#endif
