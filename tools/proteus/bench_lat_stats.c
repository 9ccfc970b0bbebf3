/*
 * bench_lat_stats.c — min, median and max of every op over a
 * configuration's runs.  The median, not the mean: a Xen timer tick that
 * lands inside one run's measurement moves the mean, not the median.
 */
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/bench.h"

static int benchlat_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void bench_fold(double *tmp, size_t n, double *min, double *med, double *max)
{
	qsort(tmp, n, sizeof *tmp, benchlat_cmp);
	*min = tmp[0];
	*max = tmp[n - 1];
	*med = n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
}

void benchlat_stats(struct benchlat_result *res)
{
	double tmp[BENCHLAT_RUNS_MAX];

	if (res->nruns == 0 || res->nruns > sizeof tmp / sizeof tmp[0])
		return;                  /* bench.c bounds --runs */
	for (int op = 0; op < BENCHLAT_NOPS; op++) {
		for (unsigned r = 0; r < res->nruns; r++)
			tmp[r] = res->runs[r].op[op].insns;
		bench_fold(tmp, res->nruns, &res->min[op].insns, &res->med[op].insns, &res->max[op].insns);
		for (unsigned r = 0; r < res->nruns; r++)
			tmp[r] = res->runs[r].op[op].hcalls;
		bench_fold(tmp, res->nruns, &res->min[op].hcalls, &res->med[op].hcalls, &res->max[op].hcalls);
	}
}

const struct benchlat_result *benchlat_baseline(const struct benchlat_result *res, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!res[i].skipped && res[i].nruns && strcmp(res[i].cfg->name, BENCHLAT_BASELINE) == 0)
			return &res[i];
	return NULL;
}
