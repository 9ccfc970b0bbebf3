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

static void console_capture(const char *s, size_t n)
{
	if (capture_buf) {
		size_t room = capture_size - capture_len;
		size_t take = n < room ? n : room;
		memcpy(capture_buf + capture_len, s, take);
		capture_len += take;
	}
}

void console_write(const char *s, size_t n)
{
	struct console *c;

	console_capture(s, n);
	for (c = consoles; c; c = c->next)
		c->write(s, n);
}

/* A device without a raw path adds "\r" before "\n" itself: drop the
 * one already there so it is not sent twice. */
static void console_write_cooked(struct console *c, const char *s, size_t n)
{
	size_t start = 0, i;

	for (i = 0; i + 1 < n; i++)
		if (s[i] == '\r' && s[i + 1] == '\n') {
			c->write(s + start, i - start);
			start = i + 1;
		}
	c->write(s + start, n - start);
}

void console_write_raw(const char *s, size_t n)
{
	struct console *c;

	console_capture(s, n);
	for (c = consoles; c; c = c->next) {
		if (c->write_raw)
			c->write_raw(s, n);
		else
			console_write_cooked(c, s, n);
	}
}

void console_input_start(void)
{
	struct console *c;

	for (c = consoles; c; c = c->next)
		if (c->input_start)
			c->input_start();
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
