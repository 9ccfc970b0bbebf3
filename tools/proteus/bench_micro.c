/*
 * bench_micro.c — `proteus bench micro [--out DIR] [--xen PATH] [--runs N]`.
 *
 * Boots the kernel's `bench` option (kernel/bench/bench.c, bench_pt.c) in
 * every configuration below that this machine can run, and `bench.whole`
 * (kernel/bench/whole.c) on each build natively; checks every boot's
 * output; only when all passed writes DIR/micro.tsv, micro-deltas.tsv,
 * pt.tsv, aspace-cswitch.tsv, whole-kernel.tsv, three plots and
 * bench/report.md.  Natively, under -icount shift=0, the counts are exact:
 * one boot.  Under Xen, --runs boots (default 5) and min / median / max.
 * A configuration whose platform is absent is skipped and says why; one
 * that is there but fails is an error, exit 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/bench_micro.h"
#include "tools/proteus/proteus.h"

#define NATIVE_WHERE "QEMU 7.2 TCG microvm, -icount shift=0"
#define XENPV_WHERE  "Xen 4.17 PV dom0 under QEMU 7.2 TCG pc, -icount shift=0, Xen's instructions included"
#define XENPVH_WHERE "Xen 4.17 PVH dom0 under QEMU 7.2 TCG q35, -icount shift=0, Xen's instructions included"

const struct micro_config micro_configs[] = {
	{ "native-pv0", "qemu", "microvm", "build/proteus-pv0.elf", 0, 1, 0, "instructions",
	  NATIVE_WHERE "; build/proteus-pv0.elf (PARAVIRT=0)" },
	{ "native-patched", "qemu", "microvm", "build/proteus.elf", 0, 1, 0, "instructions",
	  NATIVE_WHERE "; build/proteus.elf, sites patched" },
	{ "native-unpatched", "qemu", "microvm", "build/proteus.elf", 1, 1, 0, "instructions",
	  NATIVE_WHERE "; build/proteus.elf pv.patch=0" },
	{ "xenpv-patched", "xen", NULL, "build/proteus.elf", 0, 1, 1, "instructions",
	  XENPV_WHERE "; build/proteus.elf" },
	{ "xenpv-unpatched", "xen", NULL, "build/proteus.elf", 1, 1, 1, "instructions",
	  XENPV_WHERE "; build/proteus.elf pv.patch=0" },
	{ "xenpvh-patched", "xen-pvh", NULL, "build/proteus.elf", 0, 1, 0, "instructions",
	  XENPVH_WHERE "; build/proteus.elf; one boot" },
	{ "kvm-patched", "kvm", "microvm", "build/proteus.elf", 0, 0, 0, "TSC cycles",
	  "QEMU 7.2 with KVM, microvm, no -icount (TSC cycles; ring 0 through KVM's instruction emulator)" },
};
const size_t micro_nconfigs = sizeof micro_configs / sizeof micro_configs[0];
const char *const micro_whole_builds[MICRO_NWHOLE] = { "paravirt0", "patched", "unpatched" };

struct micro_opts {
	const char *out, *xen, *logdir;
	unsigned runs;
};

static int micro_usage(const char *why)
{
	fprintf(stderr, "proteus bench micro: %s\n", why);
	proteus_usage(stderr);
	return 2;
}

static int micro_opts_parse(int argc, char **argv, struct micro_opts *o)
{
	o->out = "bench/results";
	o->xen = NULL;
	o->logdir = "build/bench/micro";
	o->runs = 5;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			return 1;
		if (strcmp(a, "--out") && strcmp(a, "--xen") && strcmp(a, "--runs"))
			return micro_usage("unknown argument"), -1;
		if (!v || !*v)
			return micro_usage("an option needs a non-empty value"), -1;
		i++;
		if (!strcmp(a, "--out")) {
			o->out = v;
		} else if (!strcmp(a, "--xen")) {
			o->xen = v;
		} else {
			char *end;
			unsigned long n = strtoul(v, &end, 10);

			if (*end || v[0] < '1' || v[0] > '9' || n > MICRO_RUNS_MAX)
				return micro_usage("--runs takes a number from 1 to 16"), -1;
			o->runs = (unsigned)n;
		}
	}
	return 0;
}

/* Boot one configuration with kernel arguments kargs; the log's text in *text. */
static int micro_boot(const struct micro_opts *o, const char *name, const struct micro_config *cfg,
		      const char *const *kargs, const char *xen, unsigned run, void **text, size_t *size, char *log,
		      size_t loglen)
{
	struct bench_boot b = {
		.name = name, .platform = cfg->platform, .machine = cfg->machine, .kernel = cfg->kernel,
		.icount = cfg->icount, .kargs = kargs, .run = run, .logdir = o->logdir, .xen = xen,
	};

	return bench_boot(&b, log, loglen, text, size);
}

static int micro_measure(const struct micro_opts *o, const struct micro_config *cfg, const char *xen,
			 unsigned run, struct micro_run *out)
{
	const char *kargs[] = { "bench", cfg->unpatched ? "pv.patch=0" : NULL, NULL };
	char log[4096], err[512];
	void *text;
	size_t size;
	int rc;

	if (micro_boot(o, cfg->name, cfg, kargs, xen, run, &text, &size, log, sizeof log) < 0)
		return -1;
	rc = micro_parse(text, size, out, err, sizeof err);
	free(text);
	if (rc < 0)
		fprintf(stderr, "proteus bench: %s run %u: %s (in %s)\n", cfg->name, run, err, log);
	return rc;
}

static int micro_whole(const struct micro_opts *o, unsigned b, struct micro_whole *out)
{
	const struct micro_config *cfg = &micro_configs[b];   /* native-pv0, -patched, -unpatched */
	const char *kargs[] = { "bench.whole", cfg->unpatched ? "pv.patch=0" : NULL, NULL };
	char name[64], log[4096], err[512];
	void *text;
	size_t size;
	int rc;

	snprintf(name, sizeof name, "whole-%s", micro_whole_builds[b]);
	if (micro_boot(o, name, cfg, kargs, NULL, 1, &text, &size, log, sizeof log) < 0)
		return -1;
	rc = micro_parse_whole(text, size, out, err, sizeof err);
	free(text);
	if (rc < 0)
		fprintf(stderr, "proteus bench: %s: %s (in %s)\n", name, err, log);
	return rc;
}

/* Why cfg cannot run here, or NULL. */
static const char *micro_absent(const struct micro_config *cfg, const char *xen, const char *xen_why)
{
	static char why[300];
	int fd;

	if (!strncmp(cfg->platform, "xen", 3))
		return xen ? NULL : xen_why ? xen_why : "no Xen";
	if (strcmp(cfg->platform, "kvm"))
		return NULL;
	fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return NULL;
	}
	snprintf(why, sizeof why, "/dev/kvm: %s", strerror(errno));
	return why;
}

/* Every number of the runs folded into min / median / max, field by field. */
static void micro_stats(struct micro_result *r)
{
	size_t nd = offsetof(struct micro_run, backend) / sizeof(double);   /* the numbers come first */
	double tmp[MICRO_RUNS_MAX];

	r->med = r->min = r->max = r->run[0];
	for (size_t k = 0; k < nd; k++) {
		for (unsigned i = 0; i < r->nruns; i++)
			tmp[i] = ((const double *)&r->run[i])[k];
		bench_fold(tmp, r->nruns, &((double *)&r->min)[k], &((double *)&r->med)[k], &((double *)&r->max)[k]);
	}
}

const struct micro_result *micro_find(const struct micro_all *a, const char *name)
{
	for (size_t i = 0; i < a->n; i++)
		if (!a->res[i].skipped && !strcmp(a->res[i].cfg->name, name))
			return &a->res[i];
	return NULL;
}

int bench_micro_main(int argc, char **argv)
{
	static struct micro_all all;
	static char xenbuf[4096];
	struct micro_opts o;
	const char *xen, *xen_why;
	int rc = micro_opts_parse(argc, argv, &o), fatal;

	if (rc)
		return rc > 0 ? (proteus_usage(stdout), 0) : 2;
	if (bench_mkdirs(o.out) < 0 || bench_mkdirs(o.logdir) < 0) {
		fprintf(stderr, "proteus bench: cannot create %s or %s\n", o.out, o.logdir);
		return 2;
	}
	xen = bench_find_xen(o.xen, xenbuf, sizeof xenbuf, &xen_why, &fatal);
	if (fatal)
		return 2;
	all.out = o.out;
	all.repo = ".";
	for (unsigned b = 0; b < MICRO_NWHOLE; b++)
		if (micro_whole(&o, b, &all.whole[b]) < 0)
			goto failed;
	for (size_t i = 0; i < micro_nconfigs; i++) {
		struct micro_result *r = &all.res[all.n++];

		r->cfg = &micro_configs[i];
		r->skipped = micro_absent(r->cfg, xen, xen_why);
		if (r->skipped) {
			fprintf(stderr, "proteus bench: %s: NOT MEASURED: %s\n", r->cfg->name, r->skipped);
			continue;
		}
		r->nruns = r->cfg->repeated ? o.runs : 1;
		for (unsigned k = 0; k < r->nruns; k++)
			if (micro_measure(&o, r->cfg, xen, k + 1, &r->run[k]) < 0)
				goto failed;
		micro_stats(r);
	}
	if (micro_write_tsvs(&all) < 0 || micro_plot(&all) < 0 || micro_write_report(&all) < 0)
		return 1;
	micro_print(stdout, &all);
	return 0;
failed:
	fprintf(stderr, "proteus bench: FAILED; nothing written (logs in %s)\n", o.logdir);
	return 1;
}
