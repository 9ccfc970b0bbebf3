/* dev/ioapic.h — IO-APICs as irq chips (dev/ioapic.c). */
#ifndef PROTEUS_DEV_IOAPIC_H
#define PROTEUS_DEV_IOAPIC_H

#include "types.h"

/* Take the IO-APIC at physical address pa serving GSIs from gsi_base;
 * every pin masked.  False if it does not answer like one. */
bool ioapic_add(u64 pa, u32 gsi_base);
/* How many pins the IO-APIC at pa has (0: nothing answers like one);
 * tables that do not give GSI bases number them in order by this. */
u32 ioapic_count_pins(u64 pa);
/* An irq for gsi with the given trigger and polarity; IRQ_NONE if no
 * IO-APIC serves it or no vector is left. */
int ioapic_irq_alloc(u32 gsi, bool level, bool active_low, const char *name);

#endif
