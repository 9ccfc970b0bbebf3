/*
 * bench_lat_tsv.c — latency.tsv (one figure per config and op: the
 * median where there were several runs) and latency-runs.tsv (min /
 * median / max of the repeated configurations).  Each is written to a
 * temporary name and renamed, so a failed bench never leaves half a
 * table where the plots and a reader would take it for the whole.
 * Skipped configurations have no lines: an absent row, not a zero.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "tools/proteus/bench.h"

typedef void benchlat_body_fn(FILE *f, const struct benchlat_result *res, size_t n);

static void benchlat_body_medians(FILE *f, const struct benchlat_result *res, size_t n)
{
	fprintf(f, "config\top\tinstructions\thypercalls\n");
	for (size_t i = 0; i < n; i++)
		for (int op = 0; !res[i].skipped && op < BENCHLAT_NOPS; op++)
			fprintf(f, "%s\t%s\t%.1f\t%.2f\n", res[i].cfg->name, benchlat_ops[op], res[i].med[op].insns,
				res[i].med[op].hcalls);
}

static void benchlat_body_runs(FILE *f, const struct benchlat_result *res, size_t n)
{
	fprintf(f, "config\top\truns\tinstructions_min\tinstructions_median\tinstructions_max"
		"\thypercalls_min\thypercalls_median\thypercalls_max\n");
	for (size_t i = 0; i < n; i++)
		for (int op = 0; !res[i].skipped && res[i].cfg->repeated && op < BENCHLAT_NOPS; op++)
			fprintf(f, "%s\t%s\t%u\t%.1f\t%.1f\t%.1f\t%.2f\t%.2f\t%.2f\n", res[i].cfg->name,
				benchlat_ops[op], res[i].nruns, res[i].min[op].insns, res[i].med[op].insns,
				res[i].max[op].insns, res[i].min[op].hcalls, res[i].med[op].hcalls,
				res[i].max[op].hcalls);
}

/* Write path through path.tmp and a rename, so a reader never sees half
 * a file; body writes the contents. */
int benchlat_write_file(const char *path, void (*body)(FILE *f, const void *ctx), const void *ctx)
{
	char tmp[4200];
	FILE *f;
	int bad;

	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "proteus bench: %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	body(f, ctx);
	bad = ferror(f);
	if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
		fprintf(stderr, "proteus bench: writing %s: %s\n", path, strerror(errno));
		remove(tmp);
		return -1;
	}
	fprintf(stderr, "proteus bench: wrote %s\n", path);
	return 0;
}

struct tsv_ctx {
	benchlat_body_fn *body;
	const struct benchlat_result *res;
	size_t n;
};

static void tsv_body(FILE *f, const void *ctx)
{
	const struct tsv_ctx *c = ctx;

	c->body(f, c->res, c->n);
}

static int benchlat_write(const char *dir, const char *name, benchlat_body_fn *body,
			  const struct benchlat_result *res, size_t n)
{
	char path[4096];
	struct tsv_ctx c = { body, res, n };

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return benchlat_write_file(path, tsv_body, &c);
}

int benchlat_write_tsv(const char *dir, const struct benchlat_result *res, size_t n)
{
	if (benchlat_write(dir, "latency.tsv", benchlat_body_medians, res, n) < 0)
		return -1;
	return benchlat_write(dir, "latency-runs.tsv", benchlat_body_runs, res, n);
}
