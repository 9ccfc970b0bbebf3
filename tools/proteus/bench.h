/*
 * bench.h — `proteus bench latency`: user/lat.c booted as init in every
 * configuration, its lines parsed and checked, tables, plots and a report.
 *
 * bench.c reads the options and drives the steps; bench_lat_configs.c
 * names the configurations; bench_lat_boot.c boots one through run_boot;
 * bench_lat_parse.c checks one run's output; bench_lat_stats.c folds the
 * runs of a configuration into min / median / max; bench_lat_tsv.c,
 * bench_lat_table.c, bench_lat_plot.c and bench_lat_report.c write what
 * was measured.
 */
#ifndef PROTEUS_TOOL_BENCH_H
#define PROTEUS_TOOL_BENCH_H

#include <stddef.h>
#include <stdio.h>

/* ---- shared by every bench ---- */

/* One boot of a measuring program as init (bench_boot.c). */
struct bench_boot {
	const char *name;         /* the configuration: names the log */
	const char *platform, *machine, *kernel;
	int icount;
	const char *mem;          /* --mem MIB, or NULL */
	const char *const *kargs; /* kernel arguments, NULL-terminated (NULL entries end it early) */
	const char *const *init_args; /* init's arguments after " -- ", or NULL */
	unsigned run;             /* from 1, in the log's name */
	const char *logdir;
	const char *xen;          /* the Xen image for xen platforms */
	const char *disk;         /* --disk FILE, or NULL */
	const char *qemu_global;  /* --qemu-global DRIVER.PROP=VALUE, or NULL */
	int net;                  /* --net: a virtio-net NIC on QEMU's user network */
};
/* Boot b; on exit status 0 read its console log (its path in log) into
 * *text (malloc'd).  0, or -1 after saying why on stderr. */
int bench_boot(const struct bench_boot *b, char *log, size_t loglen, void **text, size_t *size);
/* s[0..len) as a decimal number (digits, optional sign and fraction; no
 * exponent, hex, inf or nan); 0, or -1 when it is not one. */
int bench_number(const char *s, size_t len, double *out);
/* gnuplot -e "tsv='TSV'; out='PNG'" SCRIPT; 0 or -1 with a message. */
int bench_gnuplot(const char *script, const char *tsv, const char *png);
/* Sort tmp[0..n) (n >= 1) and give its min, median (of an even count: the mean of the middle two), max. */
void bench_fold(double *tmp, size_t n, double *min, double *med, double *max);
/* mkdir -p; 0 or -1 with errno. */
int bench_mkdirs(const char *path);
/*
 * The Xen image every Xen boot of one bench uses, found once (fetching is
 * slow): xen (a --xen path, or NULL for the cache) into buf, returning
 * buf; NULL with *why when there is none (then Xen configurations are
 * skipped), or when an explicit --xen is unusable (*fatal = 1).
 */
const char *bench_find_xen(const char *xen, char *buf, size_t len, const char **why, int *fatal);

/* ---- bench latency ---- */

/* lat's ops, in the order it prints them (user/lat.c's table). */
#define BENCHLAT_NOPS 17
extern const char *const benchlat_ops[BENCHLAT_NOPS];
/* The index of the op named s[0..len), or -1. */
int benchlat_op_index(const char *s, size_t len);

/* lat's last line when every op produced a number. */
#define BENCHLAT_SENTINEL "lat: 17 ops measured"

struct benchlat_row {
	double insns;             /* instructions under -icount; TSC cycles elsewhere */
	double hcalls;            /* hypercalls (0 natively) */
};

/* One boot's measurements: every op exactly once. */
struct benchlat_run {
	struct benchlat_row op[BENCHLAT_NOPS];
};

/*
 * Check one boot's console output text[0..n) and fill out.  Every one of
 * the 17 ops must appear exactly once as lat<TAB>OP<TAB>NUMBER<TAB>NUMBER,
 * and the sentinel line must follow.  Returns 0, or -1 with a one-line
 * reason in err that names the op when there is one.
 */
int benchlat_parse(const char *text, size_t n, struct benchlat_run *out, char *err, size_t errlen);

struct benchlat_config {
	const char *name;         /* the config column of the TSV */
	const char *platform;     /* --on */
	const char *machine;      /* --machine, or NULL for the platform's default */
	const char *kernel;
	int unpatched;            /* kernel argument pv.patch=0 */
	int icount;               /* -icount shift=0: the TSC counts instructions */
	int repeated;             /* run --runs times: Xen's timers can land inside a measurement */
	int quick;                /* lat --quick: KVM's emulated ring 0 takes minutes per op otherwise */
	const char *unit;         /* what the instructions column counts here */
	const char *where;        /* platform, emulation and build, for the report */
};

extern const struct benchlat_config benchlat_configs[];
extern const size_t benchlat_nconfigs;
#define BENCHLAT_BASELINE "native-pv0"

/* What one configuration gave. */
struct benchlat_result {
	const struct benchlat_config *cfg;
	const char *skipped;      /* why it was not measured, or NULL */
	unsigned nruns;
	struct benchlat_run *runs;
	struct benchlat_row min[BENCHLAT_NOPS], med[BENCHLAT_NOPS], max[BENCHLAT_NOPS];
};

#define BENCHLAT_RUNS_MAX 64

/* `proteus bench lazy` (bench_lazy*.c). */
int benchlazy_main(int argc, char **argv);
/* A measuring program's table in a console log (bench_rows.c): the rows
 * "PROG<TAB>OP<TAB>numbers", ops[0..nrows) in order (a header row, OP
 * "op", is skipped), nfields numbers each, into out[row * nfields + k];
 * then a line "PROG: done".  0, or -1 with a one-line reason in err. */
int bench_rows_parse(const char *text, size_t n, const char *prog, const char *const *ops, unsigned nrows,
		     unsigned nfields, double *out, char *err, size_t errlen);
/* `proteus bench NAME [--out DIR]` (bench_out.c): *out set from the
 * options, it and logdir made.  -1: go on; else the status to exit with
 * (0 after --help, 2 on a bad option or an unmakeable directory). */
int bench_out_args(int argc, char **argv, const char *name, const char **out, const char *logdir);
/* What a report body gets: the bench's results and the commit measured. */
struct bench_md { const void *res; const char *commit; int dirty; };
/* OUT/NAME.tsv from tsv_body(res), OUT/NAME.png from it by bench/NAME.gp,
 * OUT/../NAME.md from md_body(struct bench_md *): 0, or 1 after saying why. */
int bench_write_outputs(const char *out, const char *name, void (*tsv_body)(FILE *f, const void *res),
			void (*md_body)(FILE *f, const void *md), const void *res);
/* `proteus bench blk` (bench_blk.c). */
int bench_blk_main(int argc, char **argv);
#define BLK_ROWS 5                /* read and write, 4 and 64 KiB calls; read-par */
#define BLK_FIELDS 10             /* after the op */
struct blk_row {
	double f[BLK_FIELDS];     /* bytes_per_call KiB tsc idle busy_per_KiB requests notifies suppressed interrupts hypercalls */
};
struct blk_result {
	const char *skipped;
	struct blk_row row[BLK_ROWS];
};
/* Check one boot's output: blkbench's five rows in order (read 4096,
 * read 65536, write 4096, write 65536, read-par 4096), every field a number, then
 * "blkbench: done".  0, or -1 with a one-line reason in err. */
int bench_blk_parse(const char *text, size_t n, struct blk_result *r, char *err, size_t errlen);
/* `proteus bench net` (bench_net.c). */
int bench_net_main(int argc, char **argv);
#define NET_ROWS 3                /* rtt, stream-tx, stream-rx */
#define NET_FIELDS 13             /* after the op */
struct net_row {
	double f[NET_FIELDS];     /* bytes count delivered tsc idle tx_frames rx_frames tx_full notifies suppressed interrupts hypercalls retries */
};
struct net_result {
	const char *skipped;
	struct net_row row[NET_ROWS];
};
/* Check one boot's output: udpbench's three rows in order, every field a
 * number, then "udpbench: done".  0, or -1 with a one-line reason in err. */
int bench_net_parse(const char *text, size_t n, struct net_result *r, char *err, size_t errlen);
/* `proteus bench micro` (bench_micro*.c). */
int bench_micro_main(int argc, char **argv);

/* min, median and max of every op over res->runs (median of an even count: the mean of the two middle). */
void benchlat_stats(struct benchlat_result *res);

struct benchlat_opts {
	const char *out;          /* --out DIR */
	const char *xen;          /* --xen PATH, or NULL: the cached image */
	unsigned runs;            /* --runs N for the repeated configurations */
	const char *logdir;       /* where each boot's console log goes */
	const char *repo;         /* the source tree: its bench/ scripts, git */
};

/* Boot cfg once (run number run, from 1), log to a file in o->logdir, parse into out. 0 or -1. */
int benchlat_boot(const struct benchlat_opts *o, const struct benchlat_config *cfg, const char *xen,
		  unsigned run, struct benchlat_run *out);

/* The outputs; each returns 0, or -1 after saying why on stderr. */
int benchlat_write_tsv(const char *dir, const struct benchlat_result *res, size_t n);
/* Write path atomically (a temporary file, then rename); 0 or -1 with a message. */
int benchlat_write_file(const char *path, void (*body)(FILE *f, const void *ctx), const void *ctx);
void benchlat_print_table(FILE *out, const struct benchlat_result *res, size_t n);
int benchlat_plot(const struct benchlat_opts *o);
int benchlat_write_report(const struct benchlat_opts *o, const struct benchlat_result *res, size_t n);
/* The report's per-op tables and the comparison with Xen 2003, for another report. */
void benchlat_report_tables(FILE *f, const struct benchlat_result *res, size_t n);
/*
 * Read a latency.tsv (as benchlat_write_tsv wrote it) back into res, one
 * entry per configuration of benchlat_configs (skipped: not in the file),
 * the figures as medians of one run.  0, or -1 with a reason in err.
 */
int benchlat_load_tsv(const char *path, struct benchlat_result *res, size_t *n, char *err, size_t errlen);

/* One boot of xenpv-patched with `lat --profile` (bench_lat_profile.c):
 * o->out/latency-profile.tsv, per op the trips of each hypercall number.
 * 0 (also when xen is NULL: nothing measured), or -1 after saying why. */
int benchlat_profile(const struct benchlat_opts *o, const char *xen);
/* The report's profile section from that file (its absence said). */
void benchlat_report_profile(FILE *f, const char *tsv_path);

/* The baseline's result among res[0..n), or NULL. */
const struct benchlat_result *benchlat_baseline(const struct benchlat_result *res, size_t n);


#endif
