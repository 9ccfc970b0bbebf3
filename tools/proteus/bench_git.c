/*
 * bench_git.c — the commit a report was generated from, and whether the
 * tree differed from it.  Only tracked files count, and not the bench's
 * own outputs (bench/results/ and bench/NAME.md but README.md): regenerating the report must
 * not make the next report call itself dirty.
 */
#include <stdio.h>
#include <string.h>
#include "tools/proteus/bench_git.h"

/* The first line git printed for cmd, without its newline; -1 when none. */
static int bench_git_line(const char *cmd, char *out, size_t len)
{
	FILE *p = popen(cmd, "r");
	int ok;

	if (!p)
		return -1;
	ok = fgets(out, (int)len, p) != NULL;
	pclose(p);
	if (!ok)
		return -1;
	out[strcspn(out, "\n")] = 0;
	return out[0] ? 0 : -1;
}

int bench_git_is_output(const char *path)
{
	const char *md = strrchr(path, '.');

	if (strncmp(path, "bench/results/", 14) == 0)
		return 1;
	/* bench/README.md is written by hand: a change to it is a change to the source. */
	return strncmp(path, "bench/", 6) == 0 && !strchr(path + 6, '/') && md && strcmp(md, ".md") == 0 &&
	       strcmp(path, "bench/README.md") != 0;
}

int bench_git_describe(char *commit, size_t len, int *dirty)
{
	char line[4200];
	FILE *p;

	*dirty = 0;
	if (bench_git_line("git rev-parse --short HEAD 2>/dev/null", commit, len) < 0)
		return -1;
	/* porcelain v1: "XY PATH", or "XY OLD -> NEW" for a rename (either side counts) */
	p = popen("git status --porcelain --untracked-files=no 2>/dev/null", "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof line, p)) {
		char *path = line + 3, *arrow;

		line[strcspn(line, "\n")] = 0;
		if (strlen(line) < 4)
			continue;
		arrow = strstr(path, " -> ");
		if (arrow) {
			*arrow = 0;
			if (!bench_git_is_output(arrow + 4))
				*dirty = 1;
		}
		if (!bench_git_is_output(path))
			*dirty = 1;
	}
	return pclose(p) == 0 ? 0 : -1;
}
