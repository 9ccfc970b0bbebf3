/* dev/pic.h — the legacy 8259 pair as an irq chip (dev/pic.c). */
#ifndef PROTEUS_DEV_PIC_H
#define PROTEUS_DEV_PIC_H

#define PIC_VECTOR_BASE 32        /* line n raises vector 32 + n */

/* Remap to 32..47 with every line masked; safe to call again. */
void pic_init(void);
/* An irq for ISA line 0..15 delivered by the PIC; IRQ_NONE if none left. */
int pic_irq_alloc(unsigned line, const char *name);

#endif
