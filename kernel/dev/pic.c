/*
 * pic.c — the legacy 8259 pair: remapped away from the exception vectors
 * to 32..47 and masked, unless the PIT tick needs IRQ 0.
 */
#include "x86/io.h"
#include "dev/pic.h"
#include "trap.h"

#define PIC1 0x20
#define PIC2 0xa0
static u8 mask1 = 0xff, mask2 = 0xff;

void pic_init(void)
{
	outb(PIC1, 0x11);
	outb(PIC2, 0x11);
	outb(PIC1 + 1, TIMER_VECTOR);      /* IRQ 0..7  -> 32..39 */
	outb(PIC2 + 1, TIMER_VECTOR + 8);  /* IRQ 8..15 -> 40..47 */
	outb(PIC1 + 1, 4);
	outb(PIC2 + 1, 2);
	outb(PIC1 + 1, 1);
	outb(PIC2 + 1, 1);
	outb(PIC1 + 1, mask1);
	outb(PIC2 + 1, mask2);
}

void pic_unmask(unsigned irq)
{
	if (irq < 8) {
		mask1 &= (u8)~(1u << irq);
		outb(PIC1 + 1, mask1);
	} else {
		mask2 &= (u8)~(1u << (irq - 8));
		outb(PIC2 + 1, mask2);
		pic_unmask(2);
	}
}

void pic_eoi(unsigned irq)
{
	if (irq >= 8)
		outb(PIC2, 0x20);
	outb(PIC1, 0x20);
}
