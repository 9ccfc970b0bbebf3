/* dev/pic.h — the legacy 8259 pair (dev/pic.c). */
#ifndef PROTEUS_DEV_PIC_H
#define PROTEUS_DEV_PIC_H

void pic_init(void);           /* remap to 32..47 and mask everything */
void pic_unmask(unsigned irq);
void pic_eoi(unsigned irq);

#endif
