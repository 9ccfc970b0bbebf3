/*
 * bench_lat_plot.c — the two bar charts, drawn by gnuplot from the
 * scripts kept in bench/ (so a reader can rerun or restyle them on the
 * committed TSV without this tool).  The TSV and PNG paths travel as
 * gnuplot variables in -e; a path with a quote is refused rather than
 * escaped, as no shell is involved and gnuplot has no other quoting.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tools/proteus/bench.h"

int bench_gnuplot(const char *script, const char *tsv, const char *png)
{
	char vars[8400];
	pid_t pid;
	int st;

	if (strpbrk(tsv, "'\"") || strpbrk(png, "'\"")) {
		fprintf(stderr, "proteus bench: %s: a quote in the path cannot reach gnuplot\n", png);
		return -1;
	}
	snprintf(vars, sizeof vars, "tsv='%s'; out='%s'", tsv, png);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "proteus bench: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execlp("gnuplot", "gnuplot", "-e", vars, script, (char *)NULL);
		fprintf(stderr, "proteus bench: cannot run gnuplot: %s (mk/deps.sh installs gnuplot-nox)\n",
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "proteus bench: gnuplot %s failed\n", script);
		return -1;
	}
	fprintf(stderr, "proteus bench: wrote %s\n", png);
	return 0;
}

int benchlat_plot(const struct benchlat_opts *o)
{
	static const char *const plots[][2] = {
		{ "latency-micro.gp", "latency-micro.png" },
		{ "latency-fork.gp", "latency-fork.png" },
	};
	char tsv[4096], script[4096], png[4096];

	snprintf(tsv, sizeof tsv, "%s/latency.tsv", o->out);
	for (size_t i = 0; i < sizeof plots / sizeof plots[0]; i++) {
		snprintf(script, sizeof script, "%s/bench/%s", o->repo, plots[i][0]);
		snprintf(png, sizeof png, "%s/%s", o->out, plots[i][1]);
		if (bench_gnuplot(script, tsv, png) < 0)
			return -1;
	}
	return 0;
}
