/* dev/isa_irq.h — the PC's ISA interrupt lines, wherever they arrive (dev/isa_irq.c). */
#ifndef PROTEUS_DEV_ISA_IRQ_H
#define PROTEUS_DEV_ISA_IRQ_H

#include "types.h"

/* An irq for ISA line 0..15 (0: the PIT, 4: COM1); IRQ_NONE if it cannot be routed. */
int isa_irq_alloc(unsigned line, const char *name);
/* The same, but at IO-APIC input gsi, whatever the tables say (a caller
 * that found the tables wrong); IRQ_NONE without an IO-APIC. */
#define ISA_GSI_AS_ROUTED 0xffffffffu
int isa_irq_alloc_at(unsigned line, u32 gsi, const char *name);

/* An irq for IO-APIC input gsi with the given trigger and polarity (a
 * PCI INTx line, a virtio-mmio slot); IRQ_NONE without an IO-APIC. */
int gsi_irq_alloc(u32 gsi, bool level, bool active_low, const char *name);

#endif
