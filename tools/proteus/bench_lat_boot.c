/*
 * bench_lat_boot.c — one boot of lat as init, through the run machinery.
 *
 * The options are built as `proteus run` words and go through
 * runargs_parse, so a configuration is checked exactly as the same run
 * typed by hand would be (and can be pasted: the command line is printed).
 * The guest's output goes to a log only; that file is then parsed whole,
 * so what was checked is what stays on disk for a reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/fileio.h"
#include "tools/proteus/run.h"

/* Native boots take seconds; a Xen boot under TCG about 20 s, KVM's emulator far longer. */
#define BENCHLAT_TIMEOUT_NATIVE "300"
#define BENCHLAT_TIMEOUT_VIRT   "900"

int benchlat_boot(const struct benchlat_opts *o, const struct benchlat_config *cfg, const char *xen,
		  unsigned run, struct benchlat_run *out)
{
	char log[4096], xenlog[4200], err[512];
	const char *words[40];
	int nw = 0, isxen = strncmp(cfg->platform, "xen", 3) == 0, rc;
	struct run_opts ro;
	void *text;
	size_t size;

	snprintf(log, sizeof log, "%s/%s-%u.log", o->logdir, cfg->name, run);
	snprintf(xenlog, sizeof xenlog, "%s/%s-%u.xen.log", o->logdir, cfg->name, run);
	words[nw++] = "run";
	words[nw++] = "--on";
	words[nw++] = cfg->platform;
	if (cfg->machine) {
		words[nw++] = "--machine";
		words[nw++] = cfg->machine;
	}
	words[nw++] = "--kernel";
	words[nw++] = cfg->kernel;
	words[nw++] = "--initrd";
	words[nw++] = RUN_DEFAULT_INITRD;
	if (cfg->icount)
		words[nw++] = "--icount";
	words[nw++] = "--timeout";
	words[nw++] = strcmp(cfg->platform, "qemu") == 0 ? BENCHLAT_TIMEOUT_NATIVE : BENCHLAT_TIMEOUT_VIRT;
	words[nw++] = "--log";
	words[nw++] = log;
	if (isxen) {
		words[nw++] = "--xen";
		words[nw++] = xen;
		words[nw++] = "--xen-log";
		words[nw++] = xenlog;
	}
	words[nw++] = "--";
	words[nw++] = "init=/bin/lat";
	if (cfg->unpatched)
		words[nw++] = "pv.patch=0";
	if (cfg->quick) {
		words[nw++] = "--";         /* the kernel hands what follows to init */
		words[nw++] = "--quick";
	}
	words[nw] = NULL;
	if (runargs_parse(nw, (char **)words, &ro, err, sizeof err) != RUNARGS_OK) {
		fprintf(stderr, "proteus bench: %s: %s\n", cfg->name, err);
		return -1;
	}
	ro.quiet = 1;
	fprintf(stderr, "proteus bench: %s run %u: booting, console log %s\n", cfg->name, run, log);
	rc = run_boot(&ro);
	if (rc != RUN_EXIT_PASS) {
		fprintf(stderr, "proteus bench: %s run %u: the boot ended with status %d, not 0 (lat failed or the "
			"guest did not finish): see %s%s%s\n", cfg->name, run, rc, log, isxen ? " and " : "",
			isxen ? xenlog : "");
		return -1;
	}
	if (fileio_read(log, &text, &size) < 0) {
		perror(log);
		return -1;
	}
	rc = benchlat_parse(text, size, out, err, sizeof err);
	free(text);
	if (rc < 0) {
		fprintf(stderr, "proteus bench: %s run %u: %s (in %s)\n", cfg->name, run, err, log);
		return -1;
	}
	return 0;
}
