/*
 * bench_lat_boot.c — one boot of lat as init (bench_boot.c), its output
 * checked by bench_lat_parse.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include "tools/proteus/bench.h"

int benchlat_boot(const struct benchlat_opts *o, const struct benchlat_config *cfg, const char *xen,
		  unsigned run, struct benchlat_run *out)
{
	const char *kargs[] = { "init=/bin/lat", cfg->unpatched ? "pv.patch=0" : NULL, NULL };
	const char *quick[] = { "--quick", NULL };
	struct bench_boot b = {
		.name = cfg->name, .platform = cfg->platform, .machine = cfg->machine, .kernel = cfg->kernel,
		.icount = cfg->icount, .kargs = kargs, .init_args = cfg->quick ? quick : NULL,
		.run = run, .logdir = o->logdir, .xen = xen,
	};
	char log[4096], err[512];
	void *text;
	size_t size;
	int rc;

	if (bench_boot(&b, log, sizeof log, &text, &size) < 0)
		return -1;
	rc = benchlat_parse(text, size, out, err, sizeof err);
	free(text);
	if (rc < 0) {
		fprintf(stderr, "proteus bench: %s run %u: %s (in %s)\n", cfg->name, run, err, log);
		return -1;
	}
	return 0;
}
