/*
 * bench_lat_profile.c — where a Xen PV op's extra cost goes: one more
 * boot of the xenpv-patched configuration, `lat --profile` on the ops the
 * Xen 2003 comparison names, its per-number hypercall counts checked and
 * written to latency-profile.tsv, and the report's section built from
 * that file (so bench micro's report can show it too).
 *
 * lat prints, after each op's line, latprof<TAB>OP<TAB>NR<TAB>TRIPS for
 * every hypercall number its timed blocks used and a last
 * latprof<TAB>OP<TAB>iret<TAB>TRIPS: the rest of the op's hypercalls, the
 * trips the entry code makes outside the hypercall path.  Every profiled
 * op must have that iret line; anything malformed is an error.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/fileio.h"

static const char *const prof_ops[] = { "null_syscall", "page_fault", "fork_exit", "fork_exec" };
#define PROF_NOPS (sizeof prof_ops / sizeof prof_ops[0])
#define PROF_NRS 65                        /* hypercall numbers 0..63, then iret */
#define PROF_IRET 64

/* Xen's public xen.h numbers the hypercalls; these are the ones a PV
 * kernel's hot paths use, named as there. */
static const char *nr_name(unsigned nr)
{
	static const struct { unsigned nr; const char *name; } names[] = {
		{ 1, "mmu_update" }, { 2, "set_gdt" }, { 3, "stack_switch" }, { 5, "fpu_taskswitch" },
		{ 10, "update_descriptor" }, { 12, "memory_op" }, { 13, "multicall" },
		{ 14, "update_va_mapping" }, { 15, "set_timer_op" }, { 17, "xen_version" },
		{ 18, "console_io" }, { 20, "grant_table_op" }, { 24, "vcpu_op" },
		{ 25, "set_segment_base" }, { 26, "mmuext_op" }, { 29, "sched_op" },
		{ 32, "event_channel_op" }, { PROF_IRET, "iret (entry code)" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].nr == nr)
			return names[i].name;
	return NULL;
}

struct profile {
	double trips[PROF_NOPS][PROF_NRS];
	int seen[PROF_NOPS][PROF_NRS];
};

static int prof_op(const char *s, size_t len)
{
	for (size_t i = 0; i < PROF_NOPS; i++)
		if (strlen(prof_ops[i]) == len && !memcmp(prof_ops[i], s, len))
			return (int)i;
	return -1;
}

/* One latprof line's fields after the tag; 0, or -1 with a reason. */
static int prof_line(struct profile *p, const char *l, size_t n, char *err, size_t errlen)
{
	const char *f[3];
	size_t flen[3], k = 0, start = 0;
	double nrv, v;
	int op, nr;

	for (size_t i = 0; i <= n && k < 3; i++)
		if (i == n || l[i] == '\t') {
			f[k] = l + start;
			flen[k++] = i - start;
			start = i + 1;
		}
	if (k != 3 || (op = prof_op(f[0], flen[0])) < 0 || bench_number(f[2], flen[2], &v) < 0 || v < 0) {
		snprintf(err, errlen, "malformed profile line '%.*s'", (int)(n > 80 ? 80 : n), l);
		return -1;
	}
	if (flen[1] == 4 && !memcmp(f[1], "iret", 4))
		nr = PROF_IRET;
	else if (bench_number(f[1], flen[1], &nrv) == 0 && nrv >= 0 && nrv < 64 && nrv == (int)nrv)
		nr = (int)nrv;
	else {
		snprintf(err, errlen, "profile line of %s names hypercall '%.*s'", prof_ops[op], (int)flen[1], f[1]);
		return -1;
	}
	if (p->seen[op][nr]++) {
		snprintf(err, errlen, "%s: hypercall %.*s profiled twice", prof_ops[op], (int)flen[1], f[1]);
		return -1;
	}
	p->trips[op][nr] = v;
	return 0;
}

static int benchlat_profile_parse(const char *text, size_t n, struct profile *p, char *err, size_t errlen)
{
	static const char tag[] = "latprof\t";
	const char *l = text, *end = text + n;

	memset(p, 0, sizeof *p);
	while (l < end) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t len = (size_t)((nl ? nl : end) - l);

		while (len && l[len - 1] == '\r')
			len--;
		if (len > sizeof tag - 1 && !memcmp(l, tag, sizeof tag - 1) &&
		    prof_line(p, l + sizeof tag - 1, len - (sizeof tag - 1), err, errlen) < 0)
			return -1;
		l = nl ? nl + 1 : end;
	}
	for (size_t op = 0; op < PROF_NOPS; op++)
		if (!p->seen[op][PROF_IRET]) {
			snprintf(err, errlen, "no profile of %s (no 'latprof %s iret' line)", prof_ops[op], prof_ops[op]);
			return -1;
		}
	return 0;
}

/* The nr column: the number, or "iret". */
static const char *nr_field(unsigned nr, char *buf, size_t len)
{
	if (nr == PROF_IRET)
		return "iret";
	snprintf(buf, len, "%u", nr);
	return buf;
}

static void prof_body(FILE *f, const void *ctx)
{
	const struct profile *p = ctx;
	char buf[8];

	fprintf(f, "op\tnr\thypercall\ttrips_per_op\n");
	for (size_t op = 0; op < PROF_NOPS; op++)
		for (unsigned nr = 0; nr < PROF_NRS; nr++)
			if (p->seen[op][nr])
				fprintf(f, "%s\t%s\t%s\t%.3f\n", prof_ops[op], nr_field(nr, buf, sizeof buf),
					nr_name(nr) ? nr_name(nr) : "other", p->trips[op][nr]);
}

int benchlat_profile(const struct benchlat_opts *o, const char *xen)
{
	const struct benchlat_config *cfg = NULL;
	const char *kargs[] = { "init=/bin/lat", NULL };
	const char *args[] = { "--profile", prof_ops[0], prof_ops[1], prof_ops[2], prof_ops[3], NULL };
	char log[4096], err[512], path[PATH_MAX + 32];
	static struct profile p;
	struct bench_boot b;
	void *text;
	size_t size;
	int rc;

	for (size_t i = 0; i < benchlat_nconfigs; i++)
		if (!strcmp(benchlat_configs[i].name, "xenpv-patched"))
			cfg = &benchlat_configs[i];
	if (!cfg || !xen)
		return 0;                           /* no Xen: the report says so */
	b = (struct bench_boot){ .name = "xenpv-profile", .platform = cfg->platform, .machine = cfg->machine,
				 .kernel = cfg->kernel, .icount = 1, .kargs = kargs, .init_args = args, .run = 1,
				 .logdir = o->logdir, .xen = xen };
	if (bench_boot(&b, log, sizeof log, &text, &size) < 0)
		return -1;
	rc = benchlat_profile_parse(text, size, &p, err, sizeof err);
	free(text);
	if (rc < 0) {
		fprintf(stderr, "proteus bench: xenpv-profile: %s (in %s)\n", err, log);
		return -1;
	}
	snprintf(path, sizeof path, "%s/latency-profile.tsv", o->out);
	return benchlat_write_file(path, prof_body, &p);
}

static const char prof_prose[] =
	"\n## Where Xen PV's extra cost goes: a profile\n\n"
	"One more boot of xenpv-patched runs `lat --profile` on the four ops of the comparison above:\n"
	"around each timed block it reads `/dev/hypercalls` at offset 8·(1+n), this CPU's trips into\n"
	"Xen through the hypercall path with number n (Xen's public xen.h numbers them), and the\n"
	"table gives trips per op (`results/latency-profile.tsv`). The last column is the op's\n"
	"hypercalls less those: the iret hypercalls of the entry code, one for every return from the\n"
	"kernel to user space. The counts are exact; the instruction counts of a profiling boot are\n"
	"not used (its extra counter reads change them).\n\n"
	"What the hypercalls do, and so why a 64-bit PV kernel pays more than XenoLinux did in 2003\n"
	"(a 32-bit guest in ring 1, which took system calls without Xen through a trap gate):\n\n"
	"- *iret*: a 64-bit PV kernel runs in ring 3 like its processes, so every system call, fault\n"
	"  and interrupt from user space enters Xen first, which switches page tables and bounces it\n"
	"  to the guest kernel, and every return is an iret hypercall. null_syscall's whole extra cost\n"
	"  is this round trip.\n"
	"- *mmu_update*, *update_va_mapping*: page-table entries are written by Xen, which validates\n"
	"  each; a page fault maps its page with an mmu_update, fork and exec write many entries.\n"
	"  Entries written inside a lazy-MMU window go out as multicalls (one trip each), but every\n"
	"  page-table frame allocated or freed is first made read-only (or writable again) in the\n"
	"  kernel's direct map by an update_va_mapping of its own, outside the batch\n"
	"  (`xen_frame_set_readonly`, kernel/backend/xen-pv): that is most of the update_va_mapping\n"
	"  row of fork and exec, and the next thing to batch.\n"
	"- *mmuext_op*: pinning a new address space's tables (Xen validates every table of it) and\n"
	"  unpinning the old one, new_baseptr on a switch, TLB flushes.\n"
	"- *stack_switch*, *fpu_taskswitch*, *set_segment_base*: the context switch fork and exec\n"
	"  cause, each a hypercall where native code writes a register.\n";

void benchlat_report_profile(FILE *f, const char *tsv_path)
{
	static struct profile p;
	void *text;
	size_t size;

	fputs(prof_prose, f);
	if (fileio_read(tsv_path, &text, &size) < 0) {
		fprintf(f, "\nNot measured: there is no `%s` (no Xen in the run that wrote this report).\n",
			tsv_path);
		return;
	}
	memset(&p, 0, sizeof p);
	for (const char *l = text, *end = (const char *)text + size; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t len = (size_t)((nl ? nl : end) - l);
		const char *t1 = memchr(l, '\t', len), *t2, *t3;
		double v, nrv;
		int op, nr;

		if (t1 && (t2 = memchr(t1 + 1, '\t', len - (size_t)(t1 + 1 - l))) &&
		    (t3 = memchr(t2 + 1, '\t', len - (size_t)(t2 + 1 - l))) &&
		    (op = prof_op(l, (size_t)(t1 - l))) >= 0 &&
		    bench_number(t3 + 1, (size_t)(l + len - t3 - 1), &v) == 0) {
			if (t2 - t1 - 1 == 4 && !memcmp(t1 + 1, "iret", 4))
				nr = PROF_IRET;
			else if (bench_number(t1 + 1, (size_t)(t2 - t1 - 1), &nrv) == 0 && nrv >= 0 && nrv < 64)
				nr = (int)nrv;
			else
				nr = -1;
			if (nr >= 0) {
				p.trips[op][nr] = v;
				p.seen[op][nr] = 1;
			}
		}
		l = nl ? nl + 1 : end;
	}
	free(text);
	fprintf(f, "\n| hypercall |");
	for (size_t op = 0; op < PROF_NOPS; op++)
		fprintf(f, " %s |", prof_ops[op]);
	fprintf(f, "\n|---|");
	for (size_t op = 0; op < PROF_NOPS; op++)
		fprintf(f, "---:|");
	fprintf(f, "\n");
	for (unsigned nr = 0; nr < PROF_NRS; nr++) {
		int any = 0;

		for (size_t op = 0; op < PROF_NOPS; op++)
			any |= p.seen[op][nr] && p.trips[op][nr] >= 0.0005;
		if (!any)
			continue;
		if (nr == PROF_IRET)
			fprintf(f, "| %s |", nr_name(nr));
		else if (nr_name(nr))
			fprintf(f, "| %s (%u) |", nr_name(nr), nr);
		else
			fprintf(f, "| hypercall %u |", nr);
		for (size_t op = 0; op < PROF_NOPS; op++)
			fprintf(f, " %.3f |", p.seen[op][nr] ? p.trips[op][nr] : 0.0);
		fprintf(f, "\n");
	}
}
