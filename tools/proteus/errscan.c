/*
 * errscan.c — classifying the VMM's stderr line by line.
 */
#include <string.h>
#include "tools/proteus/errscan.h"

void errscan_init(struct errscan *s)
{
	s->len = 0;
	s->error = 0;
}

static int errscan_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	return 1;
}

static void errscan_line(struct errscan *s)
{
	size_t n = s->len < sizeof s->line ? s->len : sizeof s->line - 1;

	s->line[n] = 0;
	if (!errscan_blank(s->line, n) && !strstr(s->line, "warning:"))
		s->error = 1;
	s->len = 0;
}

void errscan_push(struct errscan *s, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			errscan_line(s);
			continue;
		}
		if (s->len < sizeof s->line - 1)
			s->line[s->len] = p[i];
		s->len++;
	}
}

void errscan_end(struct errscan *s)
{
	if (s->len)
		errscan_line(s);
}
