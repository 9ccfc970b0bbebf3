/*
 * bench.c — `proteus bench latency [--out DIR] [--xen PATH] [--runs N]`.
 *
 * Boots lat in every configuration of bench_lat_configs.c that this
 * machine can run, checks every boot's output, and only when all of them
 * passed writes DIR/latency.tsv, DIR/latency-runs.tsv, the two plots and
 * DIR/../latency.md, then prints the summary.  A configuration whose
 * platform is absent (no Xen image and none to fetch, no usable
 * /dev/kvm) is skipped and says why; one that is there but fails is an
 * error, exit 1: a bench that quietly drops a column would be read as
 * complete.  Paths are relative to the source tree, where make runs us.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/proteus.h"
#include "tools/proteus/xenfetch.h"

#define BENCH_DEFAULT_OUT  "bench/results"
#define BENCH_DEFAULT_RUNS 5u
#define BENCH_LOGDIR       "build/bench/latency"

static int bench_usage(const char *why)
{
	fprintf(stderr, "proteus bench: %s\n", why);
	proteus_usage(stderr);
	return 2;
}

int bench_mkdirs(const char *path)
{
	char buf[4096];

	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		return -1;
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			if (mkdir(buf, 0777) < 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	return mkdir(buf, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

const char *bench_find_xen(const char *xen, char *buf, size_t len, const char **why, int *fatal)
{
	char err[512];

	*fatal = 0;
	*why = NULL;
	if (xenfetch_find(xen, buf, len, err, sizeof err) == 0)
		return buf;
	if (xen) {
		fprintf(stderr, "proteus bench: %s\n", err);
		*fatal = 1;
		return NULL;
	}
	*why = strdup(err);
	fprintf(stderr, "proteus bench: WARNING: no Xen, its configurations are NOT MEASURED: %s\n", err);
	return NULL;
}

static int bench_parse(int argc, char **argv, struct benchlat_opts *o)
{
	o->out = BENCH_DEFAULT_OUT;
	o->xen = NULL;
	o->runs = BENCH_DEFAULT_RUNS;
	o->logdir = BENCH_LOGDIR;
	o->repo = ".";
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char why[300];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			return 1;
		if (strcmp(a, "--out") && strcmp(a, "--xen") && strcmp(a, "--runs")) {
			snprintf(why, sizeof why, "bench latency: unknown argument '%.200s'", a);
			return bench_usage(why), -1;
		}
		if (!v || !*v) {
			snprintf(why, sizeof why, "bench latency: %s needs a non-empty value", a);
			return bench_usage(why), -1;
		}
		i++;
		if (strcmp(a, "--out") == 0) {
			o->out = v;
		} else if (strcmp(a, "--xen") == 0) {
			o->xen = v;
		} else {
			char *end;
			unsigned long n = strtoul(v, &end, 10);

			if (*end || v[0] < '1' || v[0] > '9' || n > BENCHLAT_RUNS_MAX)
				return bench_usage("bench latency: --runs takes a number from 1 to 64"), -1;
			o->runs = (unsigned)n;
		}
	}
	return 0;
}

/* Why cfg cannot run here, or NULL.  xen is the image found once for all Xen configurations. */
static const char *bench_absent(const struct benchlat_config *cfg, const char *xen, const char *xen_why)
{
	static char why[300];
	int fd;

	if (strncmp(cfg->platform, "xen", 3) == 0)
		return xen ? NULL : xen_why;
	if (strcmp(cfg->platform, "kvm") != 0)
		return NULL;
	fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return NULL;
	}
	snprintf(why, sizeof why, "/dev/kvm: %s", strerror(errno));
	return why;
}

static int bench_measure(const struct benchlat_opts *o, struct benchlat_result *res, const char *xen,
			 const char *xen_why)
{
	for (size_t i = 0; i < benchlat_nconfigs; i++) {
		const struct benchlat_config *cfg = &benchlat_configs[i];

		res[i].cfg = cfg;
		res[i].skipped = bench_absent(cfg, xen, xen_why);
		if (res[i].skipped) {
			fprintf(stderr, "proteus bench: %s: NOT MEASURED: %s\n", cfg->name, res[i].skipped);
			continue;
		}
		res[i].nruns = cfg->repeated ? o->runs : 1;
		res[i].runs = calloc(res[i].nruns, sizeof *res[i].runs);
		if (!res[i].runs) {
			fprintf(stderr, "proteus bench: out of memory\n");
			return -1;
		}
		for (unsigned r = 0; r < res[i].nruns; r++)
			if (benchlat_boot(o, cfg, xen, r + 1, &res[i].runs[r]) < 0)
				return -1;
		benchlat_stats(&res[i]);
	}
	return 0;
}

static int bench_latency(int argc, char **argv)
{
	static struct benchlat_result res[16];
	static char xen[4096];
	char script[4200];
	const char *xen_why = NULL, *xen_found = NULL;
	struct benchlat_opts o;
	int rc = bench_parse(argc, argv, &o), fatal;

	if (rc)
		return rc > 0 ? (proteus_usage(stdout), 0) : 2;
	snprintf(script, sizeof script, "%s/bench/latency-micro.gp", o.repo);
	if (access(script, R_OK) < 0) {
		fprintf(stderr, "proteus bench: %s: %s (run from the top of the source tree)\n", script, strerror(errno));
		return 2;
	}
	if (bench_mkdirs(o.out) < 0 || bench_mkdirs(o.logdir) < 0) {
		fprintf(stderr, "proteus bench: cannot create %s or %s: %s\n", o.out, o.logdir, strerror(errno));
		return 2;
	}
	xen_found = bench_find_xen(o.xen, xen, sizeof xen, &xen_why, &fatal);
	if (fatal)
		return 2;
	if (bench_measure(&o, res, xen_found, xen_why ? xen_why : "no Xen") < 0) {
		fprintf(stderr, "proteus bench: FAILED; nothing written (logs in %s)\n", o.logdir);
		return 1;
	}
	if (benchlat_profile(&o, xen_found) < 0) {
		fprintf(stderr, "proteus bench: the profile boot FAILED; nothing written (logs in %s)\n", o.logdir);
		return 1;
	}
	if (benchlat_write_tsv(o.out, res, benchlat_nconfigs) < 0 || benchlat_plot(&o) < 0 ||
	    benchlat_write_report(&o, res, benchlat_nconfigs) < 0)
		return 1;
	benchlat_print_table(stdout, res, benchlat_nconfigs);
	return 0;
}

int bench_main(int argc, char **argv)
{
	if (argc < 2)
		return bench_usage("bench needs a benchmark: latency, lazy, micro, blk or net");
	if (strcmp(argv[1], "latency") == 0)
		return bench_latency(argc, argv);
	if (strcmp(argv[1], "lazy") == 0)
		return benchlazy_main(argc, argv);
	if (strcmp(argv[1], "micro") == 0)
		return bench_micro_main(argc, argv);
	if (strcmp(argv[1], "blk") == 0)
		return bench_blk_main(argc, argv);
	if (strcmp(argv[1], "net") == 0)
		return bench_net_main(argc, argv);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		proteus_usage(stdout);
		return 0;
	}
	return bench_usage("unknown benchmark (expected latency, lazy, micro, blk or net)");
}
