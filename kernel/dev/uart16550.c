/*
 * uart16550.c — the native console: COM1 at 0x3f8, polled, 115200 8N1.
 */
#include "dev/uart16550.h"
#include "console.h"
#include "x86/io.h"

#define COM1 0x3f8
#define UART_THR 0
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

static struct console uart_console = { .name = "uart16550", .write = uart_write };

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
