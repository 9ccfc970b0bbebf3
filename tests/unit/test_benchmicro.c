/*
 * test_benchmicro.c — `proteus bench micro`'s checker of the kernel's
 * bench output, and latency.tsv read back for the report, without
 * booting anything: a complete bench block (made here as the kernel
 * prints it) and each way it can be wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tools/proteus/bench.h"
#include "tools/proteus/bench_micro.h"

static char ERR[512];
static struct micro_run RUN;

/* The bench block; drop names a line prefix to leave out, extra goes before "done". */
static char *block(const char *drop, const char *extra, int done)
{
	static char buf[32768];
	char line[200];
	size_t len = 0;

#define ADD(...) do {                                                           \
		snprintf(line, sizeof line, __VA_ARGS__);                       \
		if (!drop || strncmp(line, drop, strlen(drop)))                 \
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\r\n", line); \
	} while (0)
	len += (size_t)snprintf(buf + len, sizeof buf - len, "[    0.01] pv: backend=native sites=1\r\n");
	ADD("bench: backend=native iterations=2000 empty_loop=4007");
	for (int i = 0; i < MICRO_NOPS; i++)
		ADD("bench: %s %s %d 0", micro_ops[i][0], micro_ops[i][1], 100 * i);
	for (int w = 0; w < MICRO_NWAYS; w++)
		for (int d = 0; d < 2; d++)
			for (int k = 0; k < MICRO_NN; k++)
				ADD("bench: pt %s %s %u %u %u", micro_ways[w], micro_dirs[d], 1u << k, 10u << k, w == 1 ? 1u << k : 0);
	ADD("bench: aspace eager 23007 0");
	ADD("bench: aspace lazy 23010 0");
	ADD("bench: cswitch eager 50 4");
	ADD("bench: cswitch lazy 54 1");
	if (extra)       /* never dropped */
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\r\n", extra);
	if (done)
		ADD("bench: done");
	return buf;
}

static int parse(const char *t)
{
	ERR[0] = 0;
	return micro_parse(t, strlen(t), &RUN, ERR, sizeof ERR);
}

static void test_good(void **state)
{
	(void)state;
	assert_int_equal(parse(block(NULL, NULL, 1)), 0);
	assert_string_equal(RUN.backend, "native");
	assert_true(RUN.op_insns[3] == 3.0);
	assert_true(RUN.pt[1][1][12][0] == 10.0 * 4096 && RUN.pt[1][1][12][1] == 4096);
	assert_true(RUN.as[1][1][0] == 54 && RUN.as[1][0][1] == 4);
}

static void test_missing(void **state)
{
	(void)state;
	assert_int_equal(parse(block("bench: set_pte ", NULL, 1)), -1);
	assert_non_null(strstr(ERR, "op set_pte: no measurement"));
	assert_int_equal(parse(block("bench: pt lazy unmap 4096", NULL, 1)), -1);
	assert_non_null(strstr(ERR, "pt lazy unmap 4096: no measurement"));
	assert_int_equal(parse(block("bench: cswitch lazy", NULL, 1)), -1);
	assert_non_null(strstr(ERR, "cswitch lazy: no measurement"));
	assert_int_equal(parse(block(NULL, NULL, 0)), -1);
	assert_non_null(strstr(ERR, "no 'bench: done'"));
	assert_int_equal(parse(block("bench: backend=", NULL, 1)), -1);
	assert_non_null(strstr(ERR, "before the bench header"));
}

static void test_bad(void **state)
{
	(void)state;
	assert_int_equal(parse(block(NULL, "bench: save_fl B-inline 100 0", 1)), -1);
	assert_non_null(strstr(ERR, "op save_fl: measured twice"));
	assert_int_equal(parse(block("bench: save_fl", "bench: save_fl B-inline 1e2 0", 1)), -1);
	assert_non_null(strstr(ERR, "not a number"));
	assert_int_equal(parse(block(NULL, "bench: pt op map 3 1 1", 1)), -1);
	assert_non_null(strstr(ERR, "malformed page-table line"));
	assert_int_equal(parse(block(NULL, "bench: brand_new_op B-inline 1 0", 1)), -1);
	assert_non_null(strstr(ERR, "unknown bench line"));
	/* the class must match too */
	assert_int_equal(parse(block("bench: save_fl", "bench: save_fl A 100 0", 1)), -1);
}

static void test_whole(void **state)
{
	struct micro_whole w;
	const char *good = "bench: whole-kernel workload: 5 runs of /bin/hello\r\n"
			   "bench: whole-kernel backend=native instructions=4017971 spinning=9 patching=12\r\n";
	(void)state;

	assert_int_equal(micro_parse_whole(good, strlen(good), &w, ERR, sizeof ERR), 0);
	assert_true(w.insns == 4017971 && w.patching == 12);
	assert_string_equal(w.workload, "5 runs of /bin/hello");
	assert_int_equal(micro_parse_whole(good, 50, &w, ERR, sizeof ERR), -1);
	assert_non_null(strstr(ERR, "instructions=N"));
}

static void test_latency_load(void **state)
{
	static struct benchlat_result res[16];
	char path[] = "/tmp/test_benchmicro_XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	size_t n;
	(void)state;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fprintf(f, "config\top\tinstructions\thypercalls\n");
	for (int op = 0; op < BENCHLAT_NOPS; op++)
		fprintf(f, "native-pv0\t%s\t%d.5\t0.00\n", benchlat_ops[op], op + 1);
	fclose(f);
	assert_int_equal(benchlat_load_tsv(path, res, &n, ERR, sizeof ERR), 0);
	assert_null(res[0].skipped);
	assert_true(res[0].med[2].insns == 3.5);
	assert_non_null(res[1].skipped);
	f = fopen(path, "a");
	fprintf(f, "native-pv0\tnull_syscall\t1.0\t0.00\n");
	fclose(f);
	assert_int_equal(benchlat_load_tsv(path, res, &n, ERR, sizeof ERR), -1);
	assert_non_null(strstr(ERR, "is not a latency.tsv line"));
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_whole),
		cmocka_unit_test(test_latency_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
