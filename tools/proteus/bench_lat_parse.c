/*
 * bench_lat_parse.c — checking one boot's output of lat.
 *
 * The console carries the kernel's log too, so only lines that start
 * with "lat\t" (a measurement) or "lat: " (lat's own messages, the
 * sentinel among them) are read; the serial line ends them with "\r\n".
 * A number is digits with an optional fraction and sign, as lat prints
 * with %.1f and %.2f: no exponents, hex, inf or nan, which strtod alone
 * would take.  Anything wrong is an error naming the op: a table with a
 * blank where a figure should be is worse than no table.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/bench.h"

static int benchlat_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int benchlat_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int bench_number(const char *s, size_t len, double *out)
{
	char buf[64];
	size_t i = 0, digits = 0;
	char *end;

	if (len == 0 || len >= sizeof buf)
		return -1;
	if (s[i] == '-')
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (digits == 0)
		return -1;
	if (i < len && s[i] == '.') {
		size_t frac = ++i;

		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == frac)
			return -1;
	}
	if (i != len)
		return -1;
	memcpy(buf, s, len);
	buf[len] = 0;
	errno = 0;
	*out = strtod(buf, &end);
	return errno || *end ? -1 : 0;
}

/* One "lat\tOP\tINSNS\tHCALLS" line (without its end). */
static int benchlat_row(const char *line, size_t len, struct benchlat_run *out, int *seen, char *err,
			size_t errlen)
{
	const char *f[4];
	size_t flen[4], nf = 0;
	const char *p = line, *end = line + len;
	int op;

	while (nf < 4) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));

		f[nf] = p;
		/* the fourth field runs to the end, so a fifth shows as a tab inside it */
		flen[nf] = (size_t)((tab && nf < 3 ? tab : end) - p);
		nf++;
		if (!tab)
			break;
		p = tab + 1;
	}
	if (nf < 2)
		return benchlat_fail(err, errlen, "malformed line '%.*s'", (int)len, line);
	op = benchlat_op_index(f[1], flen[1]);
	if (op < 0)
		return benchlat_fail(err, errlen, "unknown op '%.*s' in line '%.*s'", (int)flen[1], f[1], (int)len, line);
	if (nf != 4 || memchr(f[3], '\t', flen[3]))
		return benchlat_fail(err, errlen, "op %s: expected 4 tab-separated fields in '%.*s'", benchlat_ops[op],
				     (int)len, line);
	if (seen[op])
		return benchlat_fail(err, errlen, "op %s: measured twice", benchlat_ops[op]);
	if (bench_number(f[2], flen[2], &out->op[op].insns) < 0)
		return benchlat_fail(err, errlen, "op %s: instructions '%.*s' is not a number", benchlat_ops[op],
				     (int)flen[2], f[2]);
	if (bench_number(f[3], flen[3], &out->op[op].hcalls) < 0)
		return benchlat_fail(err, errlen, "op %s: hypercalls '%.*s' is not a number", benchlat_ops[op],
				     (int)flen[3], f[3]);
	seen[op] = 1;
	return 0;
}

int benchlat_parse(const char *text, size_t n, struct benchlat_run *out, char *err, size_t errlen)
{
	int seen[BENCHLAT_NOPS] = { 0 }, sentinel = 0, nmissing = 0, first_missing = -1;
	const char *p = text, *end = text + n, *said = NULL;
	size_t saidlen = 0;

	memset(out, 0, sizeof *out);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);

		while (len && p[len - 1] == '\r')
			len--;
		if (len >= 4 && memcmp(p, "lat\t", 4) == 0) {
			if (sentinel)
				return benchlat_fail(err, errlen, "a measurement after the sentinel: '%.*s'", (int)len, p);
			if (benchlat_row(p, len, out, seen, err, errlen) < 0)
				return -1;
		} else if (len >= 5 && memcmp(p, "lat: ", 5) == 0) {
			if (len == strlen(BENCHLAT_SENTINEL) && memcmp(p, BENCHLAT_SENTINEL, len) == 0)
				sentinel = 1;
			else if (!said) {
				said = p;       /* lat's first complaint explains what is missing */
				saidlen = len;
			}
		}
		p = nl ? nl + 1 : end;
	}
	for (int i = 0; i < BENCHLAT_NOPS; i++)
		if (!seen[i] && nmissing++ == 0)
			first_missing = i;
	if (nmissing)
		return benchlat_fail(err, errlen, "op %s: no measurement (%d of %d ops missing)%s%.*s%s",
				     benchlat_ops[first_missing], nmissing, BENCHLAT_NOPS, said ? "; lat said '" : "",
				     (int)saidlen, said ? said : "", said ? "'" : "");
	if (!sentinel)
		return benchlat_fail(err, errlen, "no '%s' line%s%.*s%s", BENCHLAT_SENTINEL, said ? "; lat said '" : "",
				     (int)saidlen, said ? said : "", said ? "'" : "");
	return 0;
}
