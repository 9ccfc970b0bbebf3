/*
 * uart16550.c — the native console: COM1 at 0x3f8, 115200 8N1.  Output
 * is polled; input is interrupt driven (ISA line 4) once the tty asks
 * for it, each received byte handed to console_input.
 */
#include "dev/uart16550.h"
#include "dev/isa_irq.h"
#include "console.h"
#include "irq.h"
#include "printk.h"
#include "x86/io.h"

#define COM1 0x3f8
#define UART_THR 0
#define UART_RBR 0
#define IER_RDA 0x01              /* interrupt when a byte is received */
#define MCR_DTR_RTS 0x03
#define MCR_OUT2 0x08             /* gates the UART's interrupt onto the ISA line */
#define LSR_DR 0x01
#define COM1_ISA_LINE 4
#define UART_RX_BURST 64
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7
#define LSR_THRE 0x20

static void uart_putc(char c)
{
	unsigned spins = 100000;

	/* Bounded: a wedged UART must not hang the kernel. */
	while (!(inb(COM1 + UART_LSR) & LSR_THRE) && --spins)
		;
	outb(COM1 + UART_THR, (u8)c);
}

static void uart_write(const char *s, size_t n)
{
	while (n--) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

static void uart_write_raw(const char *s, size_t n)
{
	while (n--)
		uart_putc(*s++);
}

/* Drain the receiver: the FIFO holds up to 16 bytes, and a byte that
 * arrives while we read is seen by the next turn of the loop. */
static void uart_rx_irq(unsigned irq, void *arg)
{
	char buf[UART_RX_BURST];
	size_t n = 0;
	unsigned spins = 4096;        /* a babbling line cannot keep us here */

	(void)irq, (void)arg;
	while ((inb(COM1 + UART_LSR) & LSR_DR) && --spins) {
		buf[n++] = (char)inb(COM1 + UART_RBR);
		if (n == sizeof(buf)) {
			console_input(buf, n);
			n = 0;
		}
	}
	if (n)
		console_input(buf, n);
}

static void uart_input_start(void)
{
	int irq = isa_irq_alloc(COM1_ISA_LINE, "com1");

	if (irq == IRQ_NONE || irq_request((unsigned)irq, uart_rx_irq, NULL)) {
		pr_warn("uart16550: no irq for COM1: console input is off\n");
		return;
	}
	while (inb(COM1 + UART_LSR) & LSR_DR)   /* stale bytes from before boot */
		(void)inb(COM1 + UART_RBR);
	outb(COM1 + UART_MCR, MCR_DTR_RTS | MCR_OUT2);
	outb(COM1 + UART_IER, IER_RDA);
}

static struct console uart_console = {
	.name = "uart16550", .write = uart_write, .write_raw = uart_write_raw,
	.input_start = uart_input_start,
};

static bool uart_probe(void)
{
	outb(COM1 + UART_SCR, 0x5a);
	return inb(COM1 + UART_SCR) == 0x5a;
}

bool uart16550_init(void)
{
	if (!uart_probe())
		return false;
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);     /* divisor latch */
	outb(COM1 + 0, 0x01);            /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + UART_LCR, 0x03);     /* 8N1 */
	outb(COM1 + UART_FCR, 0xc7);
	outb(COM1 + UART_MCR, 0x03);
	console_register(&uart_console);
	return true;
}
