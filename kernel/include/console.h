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
	void (*write)(const char *s, size_t n);
	struct console *next;
};

void console_register(struct console *c);
void console_write(const char *s, size_t n);
bool console_present(void);

/* Input from the console device (an interrupt handler: the UART's
 * receiver, the hypervisor console's event): to the tty (kernel/tty). */
void console_input(const char *s, size_t n);

/* Tests: also copy everything written into buf (at most size bytes). */
void console_capture_start(char *buf, size_t size);
size_t console_capture_stop(void);

#endif
