/*
 * bench_micro_parse.c — checking the kernel's bench output (kernel/bench/):
 *
 *   bench: backend=NAME iterations=N empty_loop=T        the header, once
 *   bench: OP CLASS HUNDREDTHS HCALLS_PER_100           each loop, once
 *   bench: pt WAY map|unmap N INSTRUCTIONS HYPERCALLS   each sweep point, once
 *   bench: aspace|cswitch eager|lazy INSTRUCTIONS HYPERCALLS
 *   bench: done
 * and for bench.whole:
 *   bench: whole-kernel workload: ...
 *   bench: whole-kernel backend=NAME instructions=I spinning=S patching=P
 *
 * The names are the same, in the same order, as kernel/bench/bench.c's
 * table: an op renamed there is an error here until this list follows.
 * Anything missing, repeated or not a number is an error naming it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/bench_micro.h"

const char *const micro_ops[MICRO_NOPS][2] = {
	{ "irq_disable+irq_enable", "B-inline" }, { "save_fl", "B-inline" },
	{ "irq_save+irq_restore", "B-inline" }, { "make_pte+pte_val", "B-ident" },
	{ "set_pte", "B-inline" }, { "pte_read", "B-inline" }, { "read_cr2", "B-inline" },
	{ "lazy_enter+leave", "B-nop" }, { "clock_ns", "B-direct" }, { "steal_clock", "A" },
	{ "irq_save+set_pte+restore", "loop" },
};
const char *const micro_ways[MICRO_NWAYS] = { "store", "op", "lazy" };
const char *const micro_dirs[2] = { "map", "unmap" };

static int mfail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int mfail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

#define MAXF 8
/* Split line (after "bench: ") at spaces into f[]; the count. */
static size_t split(char *line, char **f)
{
	size_t n = 0;

	for (char *t = strtok(line, " "); t && n < MAXF; t = strtok(NULL, " "))
		f[n++] = t;
	return n;
}

static int num(const char *s, double *v)
{
	return bench_number(s, strlen(s), v);
}

static int index_of(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}

static int pt_index(const char *s)
{
	double v;

	if (num(s, &v) < 0)
		return -1;
	for (int i = 0; i < MICRO_NN; i++)
		if (v == (double)(1u << i))
			return i;
	return -1;
}

/* The next "bench: " line from *p (before end), its end and \r dropped
 * and the prefix cut, into buf; 0 when there is none left. */
static int next_line(const char **p, const char *end, char *buf, size_t len)
{
	while (*p < end) {
		const char *nl = memchr(*p, '\n', (size_t)(end - *p)), *l = *p;
		size_t n = (size_t)((nl ? nl : end) - l);

		*p = nl ? nl + 1 : end;
		while (n && l[n - 1] == '\r')
			n--;
		if (n <= 7 || n - 7 >= len || memcmp(l, "bench: ", 7))
			continue;
		memcpy(buf, l + 7, n - 7);
		buf[n - 7] = 0;
		return 1;
	}
	return 0;
}

int micro_parse(const char *text, size_t n, struct micro_run *out, char *err, size_t errlen)
{
	char buf[512], copy[512], *f[MAXF];
	int seen_op[MICRO_NOPS] = { 0 }, seen_pt[MICRO_NWAYS][2][MICRO_NN] = { { { 0 } } }, seen_as[2][2] = { { 0 } };
	int header = 0, done = 0;
	const char *p = text, *end = text + n;

	memset(out, 0, sizeof *out);
	while (next_line(&p, end, buf, sizeof buf)) {
		size_t nf;
		int i, w, d, k;
		double a, b;

		snprintf(copy, sizeof copy, "%s", buf);
		nf = split(buf, f);
		if (!strncmp(copy, "whole-kernel", 12))
			continue;
		if (done)
			return mfail(err, errlen, "a bench line after 'bench: done': '%s'", copy);
		if (nf == 3 && !strncmp(f[0], "backend=", 8)) {
			if (header++)
				return mfail(err, errlen, "two bench headers");
			snprintf(out->backend, sizeof out->backend, "%s", f[0] + 8);
			continue;
		}
		if (!header)
			return mfail(err, errlen, "'%s' before the bench header", copy);
		if (nf == 1 && !strcmp(f[0], "done")) {
			done = 1;
			continue;
		}
		if (nf == 6 && !strcmp(f[0], "pt")) {
			if ((w = index_of(micro_ways, MICRO_NWAYS, f[1])) < 0 || (d = index_of(micro_dirs, 2, f[2])) < 0 ||
			    (k = pt_index(f[3])) < 0 || num(f[4], &a) < 0 || num(f[5], &b) < 0)
				return mfail(err, errlen, "malformed page-table line '%s'", copy);
			if (seen_pt[w][d][k]++)
				return mfail(err, errlen, "pt %s %s %s: measured twice", f[1], f[2], f[3]);
			out->pt[w][d][k][0] = a;
			out->pt[w][d][k][1] = b;
			continue;
		}
		if (nf == 4 && (!strcmp(f[0], "aspace") || !strcmp(f[0], "cswitch"))) {
			int which = f[0][0] == 'c', lazy = !strcmp(f[1], "lazy");

			if ((!lazy && strcmp(f[1], "eager")) || num(f[2], &a) < 0 || num(f[3], &b) < 0)
				return mfail(err, errlen, "malformed line '%s'", copy);
			if (seen_as[which][lazy]++)
				return mfail(err, errlen, "%s %s: measured twice", f[0], f[1]);
			out->as[which][lazy][0] = a;
			out->as[which][lazy][1] = b;
			continue;
		}
		for (i = 0; i < MICRO_NOPS && (nf != 4 || strcmp(f[0], micro_ops[i][0])); i++)
			;
		if (i == MICRO_NOPS || strcmp(f[1], micro_ops[i][1]))
			return mfail(err, errlen, "unknown bench line '%s'", copy);
		if (num(f[2], &a) < 0 || num(f[3], &b) < 0)
			return mfail(err, errlen, "op %s: a field is not a number in '%s'", f[0], copy);
		if (seen_op[i]++)
			return mfail(err, errlen, "op %s: measured twice", f[0]);
		out->op_insns[i] = a / 100;
		out->op_hcalls[i] = b / 100;
	}
	if (!header)
		return mfail(err, errlen, "no 'bench: backend=' header (was the kernel booted with 'bench'?)");
	for (int i = 0; i < MICRO_NOPS; i++)
		if (!seen_op[i])
			return mfail(err, errlen, "op %s: no measurement", micro_ops[i][0]);
	for (int w = 0; w < MICRO_NWAYS; w++)
		for (int d = 0; d < 2; d++)
			for (int k = 0; k < MICRO_NN; k++)
				if (!seen_pt[w][d][k])
					return mfail(err, errlen, "pt %s %s %u: no measurement", micro_ways[w], micro_dirs[d],
						     1u << k);
	for (int x = 0; x < 2; x++)
		for (int l = 0; l < 2; l++)
			if (!seen_as[x][l])
				return mfail(err, errlen, "%s %s: no measurement", x ? "cswitch" : "aspace",
					     l ? "lazy" : "eager");
	if (!done)
		return mfail(err, errlen, "no 'bench: done' line");
	return 0;
}

int micro_parse_whole(const char *text, size_t n, struct micro_whole *out, char *err, size_t errlen)
{
	char buf[512];
	int got = 0;
	const char *p = text, *end = text + n;

	memset(out, 0, sizeof *out);
	while (next_line(&p, end, buf, sizeof buf)) {
		char be[32];
		unsigned long long ins, spin, patch;
		int used = 0;

		if (!strncmp(buf, "whole-kernel workload: ", 23)) {
			snprintf(out->workload, sizeof out->workload, "%.480s", buf + 23);
		} else if (sscanf(buf, "whole-kernel backend=%31s instructions=%llu spinning=%llu patching=%llu%n", be,
				  &ins, &spin, &patch, &used) == 4 && buf[used] == 0) {
			if (got++)
				return mfail(err, errlen, "two whole-kernel result lines");
			out->insns = (double)ins;
			out->patching = (double)patch;
		}
	}
	if (!got)
		return mfail(err, errlen, "no 'bench: whole-kernel backend=... instructions=N spinning=S patching=P' line");
	if (!out->workload[0])
		return mfail(err, errlen, "no 'bench: whole-kernel workload:' line");
	return 0;
}
