/*
 * bench_micro_out.c — the tables and plots of `proteus bench micro`:
 *
 *   micro.tsv          config op class instructions hypercalls runs
 *                      instructions_min instructions_max (per iteration;
 *                      the median where there were several runs)
 *   micro-deltas.tsv   op class native_tax (native-patched - native-pv0)
 *                      patching (native-unpatched - native-patched)
 *                      xen_patching (xenpv-unpatched - xenpv-patched, or
 *                      "-" without Xen), instructions per iteration
 *   pt.tsv             config way op pages instructions hypercalls
 *                      instructions_per_page hypercalls_per_page
 *   aspace-cswitch.tsv config bench mode instructions hypercalls
 *   whole-kernel.tsv   build instructions patching
 * and micro-deltas.png, pt-hypercalls.png, pt-instructions.png from the
 * gnuplot scripts of the same names in bench/.  Skipped configurations
 * have no lines: an absent row, not a zero.
 */
#include <stdio.h>
#include <string.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/bench_micro.h"

static void micro_tsv(FILE *f, const void *ctx)
{
	const struct micro_all *a = ctx;

	fprintf(f, "config\top\tclass\tinstructions\thypercalls\truns\tinstructions_min\tinstructions_max\n");
	for (size_t i = 0; i < a->n; i++)
		for (int k = 0; !a->res[i].skipped && k < MICRO_NOPS; k++)
			fprintf(f, "%s\t%s\t%s\t%.2f\t%.2f\t%u\t%.2f\t%.2f\n", a->res[i].cfg->name, micro_ops[k][0],
				micro_ops[k][1], a->res[i].med.op_insns[k], a->res[i].med.op_hcalls[k], a->res[i].nruns,
				a->res[i].min.op_insns[k], a->res[i].max.op_insns[k]);
}

static void deltas_tsv(FILE *f, const void *ctx)
{
	const struct micro_all *a = ctx;
	const struct micro_result *p0 = micro_find(a, "native-pv0"), *p = micro_find(a, "native-patched"),
				  *u = micro_find(a, "native-unpatched"), *xp = micro_find(a, "xenpv-patched"),
				  *xu = micro_find(a, "xenpv-unpatched");

	fprintf(f, "op\tclass\tnative_tax\tpatching\txen_patching\n");
	for (int k = 0; p0 && p && u && k < MICRO_NOPS; k++) {
		fprintf(f, "%s\t%s\t%.2f\t%.2f\t", micro_ops[k][0], micro_ops[k][1],
			p->med.op_insns[k] - p0->med.op_insns[k], u->med.op_insns[k] - p->med.op_insns[k]);
		if (xp && xu)
			fprintf(f, "%.2f\n", xu->med.op_insns[k] - xp->med.op_insns[k]);
		else
			fprintf(f, "-\n");
	}
}

static void pt_tsv(FILE *f, const void *ctx)
{
	const struct micro_all *a = ctx;

	fprintf(f, "config\tway\top\tpages\tinstructions\thypercalls\tinstructions_per_page\thypercalls_per_page\n");
	for (size_t i = 0; i < a->n; i++)
		for (int w = 0; !a->res[i].skipped && w < MICRO_NWAYS; w++)
			for (int d = 0; d < 2; d++)
				for (int k = 0; k < MICRO_NN; k++) {
					const double *v = a->res[i].med.pt[w][d][k];
					unsigned n = 1u << k;

					fprintf(f, "%s\t%s\t%s\t%u\t%.0f\t%.0f\t%.2f\t%.6g\n", a->res[i].cfg->name,
						micro_ways[w], micro_dirs[d], n, v[0], v[1], v[0] / n, v[1] / n);
				}
}

static void as_tsv(FILE *f, const void *ctx)
{
	const struct micro_all *a = ctx;
	static const char *const benches[] = { "aspace", "cswitch" }, *const modes[] = { "eager", "lazy" };

	fprintf(f, "config\tbench\tmode\tinstructions\thypercalls\n");
	for (size_t i = 0; i < a->n; i++)
		for (int x = 0; !a->res[i].skipped && x < 2; x++)
			for (int l = 0; l < 2; l++)
				fprintf(f, "%s\t%s\t%s\t%.0f\t%.0f\n", a->res[i].cfg->name, benches[x], modes[l],
					a->res[i].med.as[x][l][0], a->res[i].med.as[x][l][1]);
}

static void whole_tsv(FILE *f, const void *ctx)
{
	const struct micro_all *a = ctx;

	fprintf(f, "build\tinstructions\tpatching\n");
	for (int b = 0; b < MICRO_NWHOLE; b++)
		fprintf(f, "%s\t%.0f\t%.0f\n", micro_whole_builds[b], a->whole[b].insns, a->whole[b].patching);
}

int micro_write_tsvs(const struct micro_all *a)
{
	static const struct {
		const char *name;
		void (*body)(FILE *, const void *);
	} tsvs[] = {
		{ "micro.tsv", micro_tsv }, { "micro-deltas.tsv", deltas_tsv }, { "pt.tsv", pt_tsv },
		{ "aspace-cswitch.tsv", as_tsv }, { "whole-kernel.tsv", whole_tsv },
	};
	char path[4200];

	for (size_t i = 0; i < sizeof tsvs / sizeof tsvs[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", a->out, tsvs[i].name);
		if (benchlat_write_file(path, tsvs[i].body, a) < 0)
			return -1;
	}
	return 0;
}

int micro_plot(const struct micro_all *a)
{
	static const char *const plots[][2] = {
		{ "micro-deltas", "micro-deltas.tsv" },
		{ "pt-hypercalls", "pt.tsv" },
		{ "pt-instructions", "pt.tsv" },
	};
	char tsv[4200], script[4200], png[4200];

	for (size_t i = 0; i < sizeof plots / sizeof plots[0]; i++) {
		snprintf(tsv, sizeof tsv, "%s/%s", a->out, plots[i][1]);
		snprintf(script, sizeof script, "%s/bench/%s.gp", a->repo, plots[i][0]);
		snprintf(png, sizeof png, "%s/%s.png", a->out, plots[i][0]);
		if (bench_gnuplot(script, tsv, png) < 0)
			return -1;
	}
	return 0;
}

void micro_print(FILE *f, const struct micro_all *a)
{
	fprintf(f, "whole kernel (boot + fixed workload), guest instructions:\n");
	for (int b = 0; b < MICRO_NWHOLE; b++)
		fprintf(f, "  %-10s %12.0f (%+.3f%% vs paravirt0)\n", micro_whole_builds[b], a->whole[b].insns,
			a->whole[0].insns > 0 ? 100.0 * (a->whole[b].insns / a->whole[0].insns - 1) : 0.0);
	fprintf(f, "per op, instructions per iteration (median):\n  %-26s", "op");
	for (size_t i = 0; i < a->n; i++)
		if (!a->res[i].skipped)
			fprintf(f, " %16s", a->res[i].cfg->name);
	fprintf(f, "\n");
	for (int k = 0; k < MICRO_NOPS; k++) {
		fprintf(f, "  %-26s", micro_ops[k][0]);
		for (size_t i = 0; i < a->n; i++)
			if (!a->res[i].skipped)
				fprintf(f, " %16.2f", a->res[i].med.op_insns[k]);
		fprintf(f, "\n");
	}
}
