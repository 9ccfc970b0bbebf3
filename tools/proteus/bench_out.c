/*
 * bench_out.c — what the table-writing benches (blk, net) share around
 * their boots: the `--out DIR` option, and the three outputs written
 * only once every boot passed: DIR/NAME.tsv, its plot DIR/NAME.png from
 * bench/NAME.gp, and the report DIR/../NAME.md naming the commit.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/bench_git.h"
#include "tools/proteus/proteus.h"

int bench_out_args(int argc, char **argv, const char *name, const char **out, const char *logdir)
{
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return proteus_usage(stdout), 0;
		if (!strcmp(argv[i], "--out") && i + 1 < argc && argv[i + 1][0])
			*out = argv[++i];
		else
			return fprintf(stderr, "proteus bench %s: unknown argument '%s'\n", name, argv[i]),
			       proteus_usage(stderr), 2;
	}
	if (bench_mkdirs(*out) < 0 || bench_mkdirs(logdir) < 0) {
		fprintf(stderr, "proteus bench: cannot create %s or %s: %s\n", *out, logdir, strerror(errno));
		return 2;
	}
	return -1;
}

int bench_write_outputs(const char *out, const char *name, void (*tsv_body)(FILE *f, const void *res),
			void (*md_body)(FILE *f, const void *md), const void *res)
{
	char tsv[PATH_MAX + 32], path[PATH_MAX + 32], script[PATH_MAX], commit[64];
	struct bench_md md = { res, commit, 0 };

	snprintf(tsv, sizeof tsv, "%s/%s.tsv", out, name);
	if (benchlat_write_file(tsv, tsv_body, res) < 0)
		return 1;
	snprintf(script, sizeof script, "bench/%s.gp", name);
	snprintf(path, sizeof path, "%s/%s.png", out, name);
	if (bench_gnuplot(script, tsv, path) < 0)
		return 1;
	if (bench_git_describe(commit, sizeof commit, &md.dirty) < 0)
		snprintf(commit, sizeof commit, "unknown (not a git tree)");
	snprintf(path, sizeof path, "%s/../%s.md", out, name);
	return benchlat_write_file(path, md_body, &md) < 0 ? 1 : 0;
}
