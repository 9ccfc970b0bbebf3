/*
 * console.h — where kernel output goes.  A backend registers the device
 * (16550 UART natively, a hypercall console under a PV hypervisor); common
 * code writes through console_write and never knows which.
 */
#ifndef PROTEUS_CONSOLE_H
#define PROTEUS_CONSOLE_H

#include "types.h"

struct console {
	const char *name;
	void (*write)(const char *s, size_t n);      /* sends "\n" as "\r\n" */
	/* Optional: the bytes exactly as given (a tty with ONLCR off). */
	void (*write_raw)(const char *s, size_t n);
	/* Optional: start delivering received bytes to console_input
	 * (needs interrupts routed, so it runs late, from tty_init). */
	void (*input_start)(void);
	struct console *next;
};

void console_register(struct console *c);
void console_write(const char *s, size_t n);
/* Output without newline translation where the device can (else as
 * console_write, minus a carriage return before each newline). */
void console_write_raw(const char *s, size_t n);
/* Ask each console to deliver input (console_input). */
void console_input_start(void);
bool console_present(void);

/* Input from the console device (an interrupt handler: the UART's
 * receiver, the hypervisor console's event): to the tty (kernel/tty). */
void console_input(const char *s, size_t n);

/* Tests: also copy everything written into buf (at most size bytes). */
void console_capture_start(char *buf, size_t size);
size_t console_capture_stop(void);

#endif
