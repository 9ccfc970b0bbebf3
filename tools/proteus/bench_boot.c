/*
 * bench_boot.c — one boot of a measuring program as init, through the
 * run machinery, shared by every `proteus bench` (latency, lazy).
 *
 * The options are built as `proteus run` words and go through
 * runargs_parse, so a configuration is checked exactly as the same run
 * typed by hand would be.  The guest's output goes to a log only; that
 * file is then read whole and handed back, so what the caller checks is
 * what stays on disk for a reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/fileio.h"
#include "tools/proteus/run.h"

/* Native boots take seconds; a Xen boot under TCG about 20 s, KVM's emulator far longer. */
#define BENCH_TIMEOUT_NATIVE "300"
#define BENCH_TIMEOUT_VIRT   "900"
#define BENCH_WORDS_MAX      48

int bench_boot(const struct bench_boot *b, char *log, size_t loglen, void **text, size_t *size)
{
	char xenlog[4200], err[512];
	const char *words[BENCH_WORDS_MAX];
	/* The dom0 platforms take Xen's image; the domU ones bring their own. */
	int nw = 0, isxen = !strcmp(b->platform, "xen") || !strcmp(b->platform, "xen-pvh"), rc;
	struct run_opts ro;

	snprintf(log, loglen, "%s/%s-%u.log", b->logdir, b->name, b->run);
	snprintf(xenlog, sizeof xenlog, "%s/%s-%u.xen.log", b->logdir, b->name, b->run);
	words[nw++] = "run";
	words[nw++] = "--on";
	words[nw++] = b->platform;
	if (b->machine) {
		words[nw++] = "--machine";
		words[nw++] = b->machine;
	}
	words[nw++] = "--kernel";
	words[nw++] = b->kernel;
	words[nw++] = "--initrd";
	words[nw++] = RUN_DEFAULT_INITRD;
	if (b->icount)
		words[nw++] = "--icount";
	if (b->mem) {
		words[nw++] = "--mem";
		words[nw++] = b->mem;
	}
	if (b->disk) {
		words[nw++] = "--disk";
		words[nw++] = b->disk;
	}
	if (b->net)
		words[nw++] = "--net";
	if (b->qemu_global) {
		words[nw++] = "--qemu-global";
		words[nw++] = b->qemu_global;
	}
	words[nw++] = "--timeout";
	words[nw++] = strcmp(b->platform, "qemu") == 0 ? BENCH_TIMEOUT_NATIVE : BENCH_TIMEOUT_VIRT;
	words[nw++] = "--log";
	words[nw++] = log;
	if (isxen) {
		words[nw++] = "--xen";
		words[nw++] = b->xen;
		words[nw++] = "--xen-log";
		words[nw++] = xenlog;
	}
	words[nw++] = "--";
	for (const char *const *k = b->kargs; k && *k && nw < BENCH_WORDS_MAX - 3; k++)
		words[nw++] = *k;
	if (b->init_args && b->init_args[0]) {
		words[nw++] = "--";         /* the kernel hands what follows to init */
		for (const char *const *a = b->init_args; *a && nw < BENCH_WORDS_MAX - 1; a++)
			words[nw++] = *a;
	}
	words[nw] = NULL;
	if (runargs_parse(nw, (char **)words, &ro, err, sizeof err) != RUNARGS_OK) {
		fprintf(stderr, "proteus bench: %s: %s\n", b->name, err);
		return -1;
	}
	ro.quiet = 1;
	fprintf(stderr, "proteus bench: %s run %u: booting, console log %s\n", b->name, b->run, log);
	rc = run_boot(&ro);
	if (rc != RUN_EXIT_PASS) {
		fprintf(stderr, "proteus bench: %s run %u: the boot ended with status %d, not 0 (the program failed "
			"or the guest did not finish): see %s%s%s\n", b->name, b->run, rc, log, isxen ? " and " : "",
			isxen ? xenlog : "");
		return -1;
	}
	if (fileio_read(log, text, size) < 0) {
		perror(log);
		return -1;
	}
	return 0;
}
