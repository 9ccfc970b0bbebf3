/*
 * irq.h — interrupts as numbered lines, whatever raises them.
 *
 * An irq is a number the kernel hands out (irq_alloc) for one source on
 * one interrupt controller ("chip"): an IO-APIC pin, a PIC line, a local
 * APIC timer, a Xen event channel.  Drivers request an irq with a handler;
 * the chip masks, unmasks and acknowledges it.  How an irq is raised is
 * the chip's business: natively through an IDT vector the chip programs
 * (irq_bind_vector), under Xen by the event-channel upcall calling
 * irq_handle for each pending port.  This is not pv_ops: devices and
 * buses sit on it, and each backend brings its chips.
 */
#ifndef PROTEUS_IRQ_H
#define PROTEUS_IRQ_H

#include "types.h"

#define NR_IRQS 128
#define IRQ_NONE (-1)

struct irq_desc;

struct irq_chip {
	const char *name;
	void (*mask)(struct irq_desc *d);      /* stop delivery (NULL: cannot) */
	void (*unmask)(struct irq_desc *d);
	void (*eoi)(struct irq_desc *d);       /* after the handler; NULL if none needed */
};

typedef void irq_handler_fn(unsigned irq, void *arg);

struct irq_desc {
	const struct irq_chip *chip;
	void *chip_data;                       /* the chip's own (an IO-APIC, say) */
	u32 hwirq;                             /* the chip's number for it */
	unsigned vector;                       /* IDT vector that raises it, 0 if none */
	const char *name;
	irq_handler_fn *handler;
	void *arg;
	u64 count;                             /* times handled */
};

/* A chip with nothing to mask or acknowledge: software vectors, upcalls. */
extern const struct irq_chip irq_chip_none;

/* A new irq for hwirq on chip, masked, no handler; IRQ_NONE when full. */
int irq_alloc(const struct irq_chip *chip, u32 hwirq, const char *name);
struct irq_desc *irq_desc(unsigned irq);
/* Give irq its handler and unmask it.  -EBUSY if it has one, -EINVAL if no such irq. */
int irq_request(unsigned irq, irq_handler_fn *fn, void *arg);
/* Mask irq and drop its handler (the number stays allocated to its chip). */
void irq_release(unsigned irq);
/* Release irq and give its number (and vector) back. */
void irq_free(unsigned irq);
void irq_mask(unsigned irq);
void irq_unmask(unsigned irq);
/* Run irq's handler and acknowledge it, from the chip's delivery path. */
void irq_handle(unsigned irq);

/* ---- native delivery through the IDT ---- */
#define IRQ_VECTOR_FIRST 49                 /* after the legacy 32..47 and the upcall, 48 */
#define IRQ_VECTOR_LAST 239
/* A free IDT vector for a chip to program; 0 when none is left. */
unsigned irq_vector_alloc(void);
/* Deliveries on vector are irq's. */
void irq_bind_vector(unsigned irq, unsigned vector);
/* From the entry code: an interrupt arrived on vector. */
void irq_dispatch_vector(unsigned vector);
/* Interrupts on vectors nobody bound (counted, reported once). */
u64 irq_stray_count(void);

#endif
