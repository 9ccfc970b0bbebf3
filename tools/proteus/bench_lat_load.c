/*
 * bench_lat_load.c — latency.tsv read back, for the report of `make
 * bench` (bench_micro_report.c), which shows the latency tables without
 * booting anything again.  The file is checked as strictly as lat's own
 * output: the header, four fields a line, a known configuration and op,
 * numbers, each (config, op) once, every op of a configuration present.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/fileio.h"

#define LOAD_HEADER "config\top\tinstructions\thypercalls"

static int cfg_index(const char *s, size_t len)
{
	for (size_t i = 0; i < benchlat_nconfigs; i++)
		if (strlen(benchlat_configs[i].name) == len && !memcmp(benchlat_configs[i].name, s, len))
			return (int)i;
	return -1;
}

int benchlat_load_tsv(const char *path, struct benchlat_result *res, size_t *n, char *err, size_t errlen)
{
	static int seen[16][BENCHLAT_NOPS];
	void *data;
	size_t size, lineno = 0;
	const char *p, *end;

	if (fileio_read(path, &data, &size) < 0) {
		snprintf(err, errlen, "%s: cannot read it", path);
		return -1;
	}
	memset(seen, 0, sizeof seen);
	*n = benchlat_nconfigs;
	for (size_t i = 0; i < *n; i++) {
		memset(&res[i], 0, sizeof res[i]);
		res[i].cfg = &benchlat_configs[i];
		res[i].skipped = "not in latency.tsv";
	}
	for (p = data, end = p + size; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *f[4];
		size_t len = (size_t)((nl ? nl : end) - p), flen[4], nf = 0;
		const char *q = p, *qe = p + len;
		int c, op;

		p = nl ? nl + 1 : end;
		if (lineno++ == 0) {
			if (len != strlen(LOAD_HEADER) || memcmp(q, LOAD_HEADER, len))
				goto bad;
			continue;
		}
		while (nf < 4) {
			const char *tab = memchr(q, '\t', (size_t)(qe - q));

			f[nf] = q;
			flen[nf++] = (size_t)((tab ? tab : qe) - q);
			if (!tab)
				break;
			q = tab + 1;
		}
		if (nf != 4 || memchr(f[3], '\t', flen[3]) || (c = cfg_index(f[0], flen[0])) < 0 ||
		    (op = benchlat_op_index(f[1], flen[1])) < 0 || seen[c][op]++ ||
		    bench_number(f[2], flen[2], &res[c].med[op].insns) < 0 ||
		    bench_number(f[3], flen[3], &res[c].med[op].hcalls) < 0)
			goto bad;
		res[c].skipped = NULL;
		res[c].nruns = 1;
	}
	free(data);
	for (size_t i = 0; i < *n; i++)
		for (int op = 0; !res[i].skipped && op < BENCHLAT_NOPS; op++)
			if (!seen[i][op]) {
				snprintf(err, errlen, "%s: %s has no %s line", path, res[i].cfg->name, benchlat_ops[op]);
				return -1;
			}
	return 0;
bad:
	snprintf(err, errlen, "%s: line %zu is not a latency.tsv line", path, lineno);
	free(data);
	return -1;
}
