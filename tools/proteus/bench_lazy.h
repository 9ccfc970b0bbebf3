/*
 * bench_lazy.h — `proteus bench lazy`: user/lazy.c booted as init with
 * the lazy modes on and off, its lines checked, a TSV, plots and a report.
 *
 * bench_lazy.c reads the options, names the configurations and drives
 * the boots (bench_boot.c); bench_lazy_parse.c checks one boot's output;
 * bench_lazy_out.c writes lazy.tsv, the plots (bench/lazy-*.gp), the
 * report bench/lazy.md and the summary.
 */
#ifndef PROTEUS_TOOL_BENCH_LAZY_H
#define PROTEUS_TOOL_BENCH_LAZY_H

#include <stddef.h>
#include <stdio.h>

/* What lazy prints, in its order: (op, MiB); ctx_switch is per switch. */
struct benchlazy_key {
	const char *op;
	unsigned mib;
};
#define BENCHLAZY_NROWS 10
#define BENCHLAZY_NQUICK 7
extern const struct benchlazy_key benchlazy_rows[BENCHLAZY_NROWS];
extern const struct benchlazy_key benchlazy_quick_rows[BENCHLAZY_NQUICK];

struct benchlazy_config {
	const char *name;         /* the config column of lazy.tsv */
	const char *platform, *machine;
	const char *karg;         /* the lazy switch, or NULL */
	int repeated;             /* Xen: --runs boots, min / median / max */
	const char *where;        /* platform, emulation, build, switch: for the report */
};
extern const struct benchlazy_config benchlazy_configs[];
extern const size_t benchlazy_nconfigs;

#define BENCHLAZY_RUNS_MAX 16
struct benchlazy_cell {
	double insns, hcalls;
};
struct benchlazy_result {
	const struct benchlazy_config *cfg;
	const char *skipped;      /* why not measured, or NULL */
	unsigned nruns;
	struct benchlazy_cell run[BENCHLAZY_RUNS_MAX][BENCHLAZY_NROWS];
	struct benchlazy_cell min[BENCHLAZY_NROWS], med[BENCHLAZY_NROWS], max[BENCHLAZY_NROWS];
};

struct benchlazy_set {
	const struct benchlazy_key *rows;
	size_t nrows;
	const char *sentinel;     /* lazy's last line */
};
extern const struct benchlazy_set benchlazy_full, benchlazy_quick;

/* Check one boot's output: every row of set exactly once as
 * lazy<TAB>OP<TAB>MIB<TAB>NUMBER<TAB>NUMBER, then the sentinel.
 * 0, or -1 with a one-line reason in err. */
int benchlazy_parse(const char *text, size_t n, const struct benchlazy_set *set, struct benchlazy_cell *out,
		    char *err, size_t errlen);

struct benchlazy_out {
	const char *out;          /* DIR for lazy.tsv and the plots */
	const char *report;       /* the report's path, or NULL (--quick) */
	const char *repo;
	const struct benchlazy_set *set;
};
/* Each 0, or -1 after saying why on stderr. */
int benchlazy_write_tsv(const struct benchlazy_out *o, const struct benchlazy_result *res, size_t n);
int benchlazy_plot(const struct benchlazy_out *o);
int benchlazy_write_report(const struct benchlazy_out *o, const struct benchlazy_result *res, size_t n);
void benchlazy_print(FILE *f, const struct benchlazy_out *o, const struct benchlazy_result *res, size_t n);

#endif
