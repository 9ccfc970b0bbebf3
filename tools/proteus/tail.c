/*
 * tail.c — the last lines of the guest's output, in a ring buffer.
 */
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/tail.h"

void tail_init(struct tail *t)
{
	t->total = 0;
}

void tail_push(struct tail *t, const char *p, size_t n)
{
	if (n > TAIL_BYTES) {
		t->total += n - TAIL_BYTES;
		p += n - TAIL_BYTES;
		n = TAIL_BYTES;
	}
	for (size_t i = 0; i < n; i++)
		t->ring[(t->total + i) % TAIL_BYTES] = p[i];
	t->total += n;
}

unsigned tail_print(const struct tail *t, unsigned n, FILE *out)
{
	size_t len = t->total < TAIL_BYTES ? t->total : TAIL_BYTES;
	size_t start = t->total - len, from, end;
	unsigned newlines = 0;
	char *buf;

	if (len == 0 || n == 0)
		return 0;
	buf = malloc(len);
	if (!buf)
		return 0;
	for (size_t i = 0; i < len; i++)
		buf[i] = t->ring[(start + i) % TAIL_BYTES];
	end = buf[len - 1] == '\n' ? len - 1 : len;
	/* Back up to just after the n-th newline from the end, or to the start. */
	for (from = end; from > 0; from--)
		if (buf[from - 1] == '\n' && ++newlines == n)
			break;
	newlines = 0;
	for (size_t i = from; i < end; i++) {
		if (buf[i] == '\n')
			newlines++;
		if (buf[i] != '\r')
			fputc(buf[i], out);
	}
	fputc('\n', out);
	free(buf);
	return newlines + 1;
}
