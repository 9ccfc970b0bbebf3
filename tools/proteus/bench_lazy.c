/*
 * bench_lazy.c — `proteus bench lazy [--out DIR] [--xen PATH] [--runs N] [--quick]`.
 *
 * Boots user/lazy.c as init natively (where it must count 0 hypercalls)
 * and as a Xen PV dom0 with the lazy modes on, each half off
 * (pv.lazy_mmu=0, pv.lazy_cpu=0) and both off (pv.lazy=0), all under
 * QEMU's -icount shift=0, with 384 MiB so that 256 MiB can be touched.
 * Natively the count is exact: one boot.  On Xen, --runs boots (default
 * 5) and min / median / max.  Every boot's output is checked; only when
 * all passed are DIR/lazy.tsv, two plots and bench/lazy.md written.
 * --quick (for make check): lazy --quick (1 and 4 MiB), native and the
 * lazy-on Xen configuration once each, lazy.tsv only, DIR default
 * build/bench/lazy-quick.  No Xen: its configurations are skipped and say
 * why; one that is there but fails is an error, exit 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/bench_lazy.h"
#include "tools/proteus/proteus.h"

#define LAZY_WHERE_NATIVE "QEMU 7.2 TCG microvm, -icount shift=0, 384 MiB; build/proteus.elf"
#define LAZY_WHERE_XEN    "Xen 4.17 PV dom0 (dom0_mem=384M) under QEMU 7.2 TCG pc, -icount shift=0; " \
			  "build/proteus.elf; Xen's instructions included"
#define LAZY_MEM          "384"

const struct benchlazy_config benchlazy_configs[] = {
	{ "native", "qemu", "microvm", NULL, 0, LAZY_WHERE_NATIVE },
	{ "xenpv-lazy", "xen", NULL, NULL, 1, LAZY_WHERE_XEN "; lazy modes on (the default)" },
	{ "xenpv-nolazy-mmu", "xen", NULL, "pv.lazy_mmu=0", 1, LAZY_WHERE_XEN "; pv.lazy_mmu=0" },
	{ "xenpv-nolazy-cpu", "xen", NULL, "pv.lazy_cpu=0", 1, LAZY_WHERE_XEN "; pv.lazy_cpu=0" },
	{ "xenpv-nolazy", "xen", NULL, "pv.lazy=0", 1, LAZY_WHERE_XEN "; pv.lazy=0 (both off)" },
};
const size_t benchlazy_nconfigs = sizeof benchlazy_configs / sizeof benchlazy_configs[0];
#define LAZY_QUICK_CONFIGS 2      /* native and xenpv-lazy */

struct lazy_opts {
	const char *out, *xen, *logdir;
	unsigned runs;
	int quick;
};

static int lazy_usage(const char *why)
{
	fprintf(stderr, "proteus bench lazy: %s\n", why);
	proteus_usage(stderr);
	return 2;
}

static int lazy_parse_opts(int argc, char **argv, struct lazy_opts *o)
{
	o->out = NULL;
	o->xen = NULL;
	o->runs = 5;
	o->quick = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			return 1;
		if (!strcmp(a, "--quick")) {
			o->quick = 1;
			continue;
		}
		if (strcmp(a, "--out") && strcmp(a, "--xen") && strcmp(a, "--runs"))
			return lazy_usage("unknown argument"), -1;
		if (!v || !*v)
			return lazy_usage("an option needs a non-empty value"), -1;
		i++;
		if (!strcmp(a, "--out")) {
			o->out = v;
		} else if (!strcmp(a, "--xen")) {
			o->xen = v;
		} else {
			char *end;
			unsigned long n = strtoul(v, &end, 10);

			if (*end || v[0] < '1' || v[0] > '9' || n > BENCHLAZY_RUNS_MAX)
				return lazy_usage("--runs takes a number from 1 to 16"), -1;
			o->runs = (unsigned)n;
		}
	}
	if (o->quick)
		o->runs = 1;
	if (!o->out)
		o->out = o->quick ? "build/bench/lazy-quick" : "bench/results";
	o->logdir = o->quick ? "build/bench/lazy-quick/logs" : "build/bench/lazy";
	return 0;
}

static int lazy_boot(const struct lazy_opts *o, const struct benchlazy_set *set, const struct benchlazy_config *cfg,
		     const char *xen, unsigned run, struct benchlazy_cell *out)
{
	const char *kargs[] = { "init=/bin/lazy", cfg->karg, NULL };
	const char *quick[] = { "--quick", NULL };
	struct bench_boot b = {
		.name = cfg->name, .platform = cfg->platform, .machine = cfg->machine,
		.kernel = "build/proteus.elf", .icount = 1, .mem = LAZY_MEM, .kargs = kargs,
		.init_args = o->quick ? quick : NULL, .run = run, .logdir = o->logdir, .xen = xen,
	};
	char log[4096], err[512];
	void *text;
	size_t size;
	int rc;

	if (bench_boot(&b, log, sizeof log, &text, &size) < 0)
		return -1;
	rc = benchlazy_parse(text, size, set, out, err, sizeof err);
	free(text);
	if (rc < 0)
		fprintf(stderr, "proteus bench: %s run %u: %s (in %s)\n", cfg->name, run, err, log);
	return rc;
}

static void lazy_stats(struct benchlazy_result *r, size_t nrows)
{
	double ti[BENCHLAZY_RUNS_MAX], th[BENCHLAZY_RUNS_MAX];

	for (size_t k = 0; k < nrows; k++) {
		for (unsigned i = 0; i < r->nruns; i++) {
			ti[i] = r->run[i][k].insns;
			th[i] = r->run[i][k].hcalls;
		}
		bench_fold(ti, r->nruns, &r->min[k].insns, &r->med[k].insns, &r->max[k].insns);
		bench_fold(th, r->nruns, &r->min[k].hcalls, &r->med[k].hcalls, &r->max[k].hcalls);
	}
}

int benchlazy_main(int argc, char **argv)
{
	static struct benchlazy_result res[8];
	static char xenbuf[4096];
	struct lazy_opts o;
	const char *xen, *xen_why;
	int rc = lazy_parse_opts(argc, argv, &o), fatal;
	size_t ncfg = benchlazy_nconfigs;
	const struct benchlazy_set *set;
	struct benchlazy_out out;

	if (rc)
		return rc > 0 ? (proteus_usage(stdout), 0) : 2;
	set = o.quick ? &benchlazy_quick : &benchlazy_full;
	if (o.quick)
		ncfg = LAZY_QUICK_CONFIGS;
	if (bench_mkdirs(o.out) < 0 || bench_mkdirs(o.logdir) < 0) {
		fprintf(stderr, "proteus bench: cannot create %s or %s\n", o.out, o.logdir);
		return 2;
	}
	xen = bench_find_xen(o.xen, xenbuf, sizeof xenbuf, &xen_why, &fatal);
	if (fatal)
		return 2;
	for (size_t i = 0; i < ncfg; i++) {
		const struct benchlazy_config *cfg = &benchlazy_configs[i];

		res[i].cfg = cfg;
		if (!strcmp(cfg->platform, "xen") && !xen) {
			res[i].skipped = xen_why ? xen_why : "no Xen";
			fprintf(stderr, "proteus bench: %s: NOT MEASURED: %s\n", cfg->name, res[i].skipped);
			continue;
		}
		res[i].nruns = cfg->repeated ? o.runs : 1;
		for (unsigned r = 0; r < res[i].nruns; r++)
			if (lazy_boot(&o, set, cfg, xen, r + 1, res[i].run[r]) < 0) {
				fprintf(stderr, "proteus bench: FAILED; nothing written (logs in %s)\n", o.logdir);
				return 1;
			}
		lazy_stats(&res[i], set->nrows);
	}
	out.out = o.out;
	out.report = o.quick ? NULL : "bench/lazy.md";
	out.repo = ".";
	out.set = set;
	if (benchlazy_write_tsv(&out, res, ncfg) < 0)
		return 1;
	if (!o.quick && (benchlazy_plot(&out) < 0 || benchlazy_write_report(&out, res, ncfg) < 0))
		return 1;
	benchlazy_print(stdout, &out, res, ncfg);
	return 0;
}
