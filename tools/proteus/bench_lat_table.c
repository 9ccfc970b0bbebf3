/*
 * bench_lat_table.c — the summary on stdout: per op, every measured
 * configuration's figure and its ratio to native-pv0.  One line per op,
 * two columns per configuration, so a terminal of 200 columns holds it;
 * the hypercall counts are in the TSV and the report.
 */
#include <stdio.h>
#include "tools/proteus/bench.h"

void benchlat_print_table(FILE *out, const struct benchlat_result *res, size_t n)
{
	const struct benchlat_result *base = benchlat_baseline(res, n);

	fprintf(out, "\nlat: per op, instructions (ratio to %s)%s\n", BENCHLAT_BASELINE,
		base ? "" : " -- no baseline, no ratios");
	fprintf(out, "native configs: exact instruction counts under -icount shift=0, so booted once;\n"
		"xen configs: median of the runs (latency-runs.tsv has min and max); kvm: TSC cycles, not instructions.\n\n");
	fprintf(out, "%-13s", "op");
	for (size_t i = 0; i < n; i++)
		if (!res[i].skipped)
			fprintf(out, " %19s", res[i].cfg->name);
	fprintf(out, "\n");
	for (int op = 0; op < BENCHLAT_NOPS; op++) {
		fprintf(out, "%-13s", benchlat_ops[op]);
		for (size_t i = 0; i < n; i++) {
			double v, b;

			if (res[i].skipped)
				continue;
			v = res[i].med[op].insns;
			b = base ? base->med[op].insns : 0;
			if (b > 0)
				fprintf(out, " %11.1f %6.2fx", v, v / b);
			else
				fprintf(out, " %11.1f %7s", v, "-");
		}
		fprintf(out, "\n");
	}
	for (size_t i = 0; i < n; i++)
		if (res[i].skipped)
			fprintf(out, "%s: not measured: %s\n", res[i].cfg->name, res[i].skipped);
}
