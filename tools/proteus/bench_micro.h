/*
 * bench_micro.h — `proteus bench micro`: the kernel's own `bench` and
 * `bench.whole` options (kernel/bench/) booted in every configuration,
 * their lines checked, TSVs, plots and bench/report.md.  What
 * bench/run.sh and bench/backends.sh did, without the shell.
 *
 * bench_micro.c reads the options, names the configurations and drives
 * the boots (bench_boot.c); bench_micro_parse.c checks one boot's
 * output; bench_micro_out.c writes the TSVs and plots,
 * bench_micro_report.c the report.
 */
#ifndef PROTEUS_TOOL_BENCH_MICRO_H
#define PROTEUS_TOOL_BENCH_MICRO_H

#include <stddef.h>
#include <stdio.h>

/* kernel/bench/bench.c's loops, in its order, with their classes. */
#define MICRO_NOPS 11
extern const char *const micro_ops[MICRO_NOPS][2];
/* bench_pt.c's sweep: three ways, map and unmap, N = 1, 2, 4 ... 4096. */
#define MICRO_NWAYS 3
#define MICRO_NN    13
extern const char *const micro_ways[MICRO_NWAYS];
extern const char *const micro_dirs[2];

struct micro_run {
	double op_insns[MICRO_NOPS], op_hcalls[MICRO_NOPS];   /* per iteration */
	double pt[MICRO_NWAYS][2][MICRO_NN][2];                 /* instructions, hypercalls (totals) */
	double as[2][2][2];                                     /* aspace|cswitch, eager|lazy, insns|hcalls */
	char backend[32];
};

struct micro_whole {
	double insns, patching;
	char workload[512];       /* the kernel's own description of the workload */
};

/* Check a `bench` boot's output; 0, or -1 with a reason in err. */
int micro_parse(const char *text, size_t n, struct micro_run *out, char *err, size_t errlen);
/* Check a `bench.whole` boot's output. */
int micro_parse_whole(const char *text, size_t n, struct micro_whole *out, char *err, size_t errlen);

struct micro_config {
	const char *name, *platform, *machine, *kernel;
	int unpatched, icount, repeated;
	const char *unit, *where;
};
extern const struct micro_config micro_configs[];
extern const size_t micro_nconfigs;
#define MICRO_RUNS_MAX 16

struct micro_result {
	const struct micro_config *cfg;
	const char *skipped;
	unsigned nruns;
	struct micro_run run[MICRO_RUNS_MAX];
	struct micro_run med, min, max;
};

/* The whole-kernel row: one boot per build. */
#define MICRO_NWHOLE 3
extern const char *const micro_whole_builds[MICRO_NWHOLE];

struct micro_all {
	struct micro_result res[8];
	size_t n;
	struct micro_whole whole[MICRO_NWHOLE];
	const char *out, *repo;
};
const struct micro_result *micro_find(const struct micro_all *a, const char *name);

int micro_write_tsvs(const struct micro_all *a);
int micro_plot(const struct micro_all *a);
int micro_write_report(const struct micro_all *a);
void micro_print(FILE *f, const struct micro_all *a);

#endif
