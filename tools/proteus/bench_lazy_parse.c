/*
 * bench_lazy_parse.c — what user/lazy.c prints, and checking one boot's
 * output of it.  The rows are the same, in the same order, as lazy's
 * main loop: a renamed or added measurement there is an error here until
 * this list follows, never a silently missing figure.  Only lines that
 * start with "lazy\t" (a measurement) or "lazy: " (its messages, the
 * sentinel among them) are read; the kernel's log shares the console.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/bench_lazy.h"

const struct benchlazy_key benchlazy_rows[BENCHLAZY_NROWS] = {
	{ "exit", 1 }, { "fork", 1 }, { "munmap", 1 },
	{ "exit", 16 }, { "fork", 16 }, { "munmap", 16 },
	{ "exit", 256 }, { "fork", 256 }, { "munmap", 256 },
	{ "ctx_switch", 0 },
};
const struct benchlazy_key benchlazy_quick_rows[BENCHLAZY_NQUICK] = {
	{ "exit", 1 }, { "fork", 1 }, { "munmap", 1 },
	{ "exit", 4 }, { "fork", 4 }, { "munmap", 4 },
	{ "ctx_switch", 0 },
};
const struct benchlazy_set benchlazy_full = { benchlazy_rows, BENCHLAZY_NROWS, "lazy: 10 measurements" };
const struct benchlazy_set benchlazy_quick = { benchlazy_quick_rows, BENCHLAZY_NQUICK, "lazy: 7 measurements" };

static int lazy_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int lazy_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* The row index of (op, mib) in set, or -1. */
static int lazy_row(const struct benchlazy_set *set, const char *op, size_t oplen, double mib)
{
	for (size_t i = 0; i < set->nrows; i++)
		if (strlen(set->rows[i].op) == oplen && memcmp(set->rows[i].op, op, oplen) == 0 &&
		    (double)set->rows[i].mib == mib)
			return (int)i;
	return -1;
}

/* "lazy\tOP\tMIB\tINSNS\tHCALLS", without its end. */
static int lazy_line(const char *line, size_t len, const struct benchlazy_set *set, struct benchlazy_cell *out,
		     int *seen, char *err, size_t errlen)
{
	const char *f[6], *p = line, *end = line + len;
	size_t flen[6], nf = 0;
	double mib;
	int row;

	while (nf < 6) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));

		f[nf] = p;
		flen[nf++] = (size_t)((tab ? tab : end) - p);
		if (!tab)
			break;
		p = tab + 1;
	}
	if (nf != 5)
		return lazy_fail(err, errlen, "expected 5 tab-separated fields in '%.*s'", (int)len, line);
	if (bench_number(f[2], flen[2], &mib) < 0 || (row = lazy_row(set, f[1], flen[1], mib)) < 0)
		return lazy_fail(err, errlen, "unknown measurement '%.*s %.*s' in '%.*s'", (int)flen[1], f[1],
				 (int)flen[2], f[2], (int)len, line);
	if (seen[row])
		return lazy_fail(err, errlen, "%s %u MiB: measured twice", set->rows[row].op, set->rows[row].mib);
	if (bench_number(f[3], flen[3], &out[row].insns) < 0 || bench_number(f[4], flen[4], &out[row].hcalls) < 0)
		return lazy_fail(err, errlen, "%s %u MiB: a field is not a number in '%.*s'", set->rows[row].op,
				 set->rows[row].mib, (int)len, line);
	seen[row] = 1;
	return 0;
}

int benchlazy_parse(const char *text, size_t n, const struct benchlazy_set *set, struct benchlazy_cell *out,
		    char *err, size_t errlen)
{
	int seen[BENCHLAZY_NROWS] = { 0 }, sentinel = 0;
	const char *p = text, *end = text + n, *said = NULL;
	size_t saidlen = 0;

	memset(out, 0, sizeof *out * set->nrows);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);

		while (len && p[len - 1] == '\r')
			len--;
		if (len >= 5 && memcmp(p, "lazy\t", 5) == 0) {
			if (sentinel)
				return lazy_fail(err, errlen, "a measurement after the sentinel: '%.*s'", (int)len, p);
			if (lazy_line(p, len, set, out, seen, err, errlen) < 0)
				return -1;
		} else if (len >= 6 && memcmp(p, "lazy: ", 6) == 0) {
			if (len == strlen(set->sentinel) && memcmp(p, set->sentinel, len) == 0)
				sentinel = 1;
			else if (!said) {
				said = p;
				saidlen = len;
			}
		}
		p = nl ? nl + 1 : end;
	}
	for (size_t i = 0; i < set->nrows; i++)
		if (!seen[i])
			return lazy_fail(err, errlen, "%s %u MiB: no measurement%s%.*s%s", set->rows[i].op,
					 set->rows[i].mib, said ? "; lazy said '" : "", (int)saidlen, said ? said : "",
					 said ? "'" : "");
	if (!sentinel)
		return lazy_fail(err, errlen, "no '%s' line%s%.*s%s", set->sentinel, said ? "; lazy said '" : "",
				 (int)saidlen, said ? said : "", said ? "'" : "");
	return 0;
}
