/*
 * bench_rows.c — reading a measuring program's table out of a console
 * log: the rows "PROG<TAB>OP<TAB>number...", one per expected op in
 * order, then the sentinel "PROG: done".  Shared by the benches whose
 * programs print one (bench blk's blkbench, bench net's udpbench); what
 * a row's numbers must satisfy beyond being numbers is the caller's.
 */
#include <stdio.h>
#include <string.h>
#include "tools/proteus/bench.h"

/* One row's numbers after its op: 0, or -1 with err. */
static int row_numbers(const char *p, const char *e, const char *op, unsigned nfields, double *out,
		       unsigned row, char *err, size_t errlen)
{
	unsigned k = 0;

	for (; p <= e && k < nfields; k++) {
		const char *q = memchr(p, '\t', (size_t)(e - p));
		size_t fl = (size_t)((q ? q : e) - p);

		if (bench_number(p, fl, &out[k]) < 0) {
			snprintf(err, errlen, "row %u (%s), field %u: '%.*s' is no number", row + 1, op, k + 2,
				 (int)fl, p);
			return -1;
		}
		p = q ? q + 1 : e + 1;
	}
	if (k != nfields || p <= e) {
		snprintf(err, errlen, "row %u (%s): not %u numbers", row + 1, op, nfields);
		return -1;
	}
	return 0;
}

int bench_rows_parse(const char *text, size_t n, const char *prog, const char *const *ops, unsigned nrows,
		     unsigned nfields, double *out, char *err, size_t errlen)
{
	const char *l = text, *end = text + n;
	size_t pl = strlen(prog);
	unsigned got = 0;
	int done = 0;

	while (l < end) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t len = (size_t)((nl ? nl : end) - l);

		while (len && l[len - 1] == '\r')
			len--;
		if (len == pl + 6 && !memcmp(l, prog, pl) && !memcmp(l + pl, ": done", 6))
			done = 1;
		if (len > pl + 1 && !memcmp(l, prog, pl) && l[pl] == '\t' && memcmp(l + pl + 1, "op\t", 3)) {
			const char *p = l + pl + 1, *e = l + len, *t = memchr(p, '\t', (size_t)(e - p));

			if (got >= nrows || !t || (size_t)(t - p) != strlen(ops[got]) ||
			    memcmp(p, ops[got], (size_t)(t - p))) {
				snprintf(err, errlen, "%s row %u is not '%s'", prog, got + 1,
					 got < nrows ? ops[got] : "(none: too many rows)");
				return -1;
			}
			if (row_numbers(t + 1, e, ops[got], nfields, out + (size_t)got * nfields, got, err,
					errlen) < 0)
				return -1;
			got++;
		}
		l = nl ? nl + 1 : end;
	}
	if (got != nrows || !done) {
		snprintf(err, errlen, "%s gave %u of %u rows%s%s%s", prog, got, nrows, done ? "" : " and no '",
			 done ? "" : prog, done ? "" : ": done'");
		return -1;
	}
	return 0;
}
