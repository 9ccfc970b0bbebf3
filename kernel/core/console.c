/*
 * console.c — fan-out of kernel output to the registered devices, plus a
 * capture buffer so tests can check what a user program printed.
 */
#include "console.h"
#include <string.h>

static struct console *consoles;
static char *capture_buf;
static size_t capture_size, capture_len;

void console_register(struct console *c)
{
	c->next = consoles;
	consoles = c;
}

bool console_present(void)
{
	return consoles != NULL;
}

void console_write(const char *s, size_t n)
{
	struct console *c;

	if (capture_buf) {
		size_t room = capture_size - capture_len;
		size_t take = n < room ? n : room;
		memcpy(capture_buf + capture_len, s, take);
		capture_len += take;
	}
	for (c = consoles; c; c = c->next)
		c->write(s, n);
}

void console_capture_start(char *buf, size_t size)
{
	capture_buf = buf;
	capture_size = size;
	capture_len = 0;
}

size_t console_capture_stop(void)
{
	capture_buf = NULL;
	return capture_len;
}
