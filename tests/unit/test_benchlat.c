/*
 * test_benchlat.c — `proteus bench latency`'s parser and validator of
 * lat's output, without booting anything: a good boot's console text
 * (kernel log lines, "\r\n" ends, lat's lines) and each way it can be
 * wrong, which must be an error naming the op, never a row left blank.
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

static char ERR[512];
static struct benchlat_run RUN;

/* A console log as lat as init prints it; skip drops the line of op skip, extra is added before the sentinel. */
static char *good_log(int skip, const char *replace_op, const char *replacement, const char *extra,
		      int sentinel)
{
	static char buf[8192];
	size_t len = 0;

	len += (size_t)snprintf(buf + len, sizeof buf - len, "[    0.010009] init: starting /bin/lat\r\n");
	for (int i = 0; i < BENCHLAT_NOPS; i++) {
		if (i == skip)
			continue;
		if (replace_op && strcmp(replace_op, benchlat_ops[i]) == 0)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\r\n", replacement);
		else
			len += (size_t)snprintf(buf + len, sizeof buf - len, "lat\t%s\t%d.5\t%d.00\r\n", benchlat_ops[i],
						100 * (i + 1), i);
	}
	if (extra)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\r\n", extra);
	if (sentinel)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "lat: 17 ops measured\r\n");
	snprintf(buf + len, sizeof buf - len, "[    0.095783] init: /bin/lat exited with status 0\r\n"
		 "proteus-verdict: passed");
	return buf;
}

static int parse(const char *text)
{
	ERR[0] = 0;
	return benchlat_parse(text, strlen(text), &RUN, ERR, sizeof ERR);
}

static void test_good(void **state)
{
	(void)state;
	assert_int_equal(parse(good_log(-1, NULL, NULL, NULL, 1)), 0);
	for (int i = 0; i < BENCHLAT_NOPS; i++) {
		assert_true(RUN.op[i].insns == 100.0 * (i + 1) + 0.5);
		assert_true(RUN.op[i].hcalls == (double)i);
	}
}

static void test_good_real_lines(void **state)
{
	(void)state;
	/* lat's own formats, and its other messages, which are not errors by themselves */
	assert_int_equal(parse(good_log(-1, "fork_16m", "lat\tfork_16m\t4393027.9\t95.20",
					"lat: /dev/hypercalls: No such file: hypercalls reported as 0", 1)), 0);
	assert_true(RUN.op[16].insns == 4393027.9);
	assert_true(RUN.op[16].hcalls == 95.2);
}

static void test_missing_op(void **state)
{
	(void)state;
	assert_int_equal(parse(good_log(8, NULL, NULL, "lat: page_fault: mmap: Cannot allocate memory", 1)), -1);
	assert_non_null(strstr(ERR, "op page_fault: no measurement"));
	assert_non_null(strstr(ERR, "1 of 17"));
	assert_non_null(strstr(ERR, "Cannot allocate memory"));
}

static void test_duplicate_op(void **state)
{
	(void)state;
	assert_int_equal(parse(good_log(-1, NULL, NULL, "lat\tstat\t2535.0\t0.00", 1)), -1);
	assert_non_null(strstr(ERR, "op stat: measured twice"));
}

static void test_malformed_number(void **state)
{
	static const char *const bad[] = { "12x", "", "1e3", "nan", "0x10", "1.", ".5", "--1" };

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char line[64];

		snprintf(line, sizeof line, "lat\tsig_handle\t%s\t0.00", bad[i]);
		assert_int_equal(parse(good_log(-1, "sig_handle", line, NULL, 1)), -1);
		assert_non_null(strstr(ERR, "op sig_handle: instructions"));
	}
	assert_int_equal(parse(good_log(-1, "mmap_1m", "lat\tmmap_1m\t5024.6\tfour", NULL, 1)), -1);
	assert_non_null(strstr(ERR, "op mmap_1m: hypercalls 'four' is not a number"));
	assert_int_equal(parse(good_log(-1, "stat", "lat\tstat\t2535.0", NULL, 1)), -1);
	assert_non_null(strstr(ERR, "op stat: expected 4"));
	assert_int_equal(parse(good_log(-1, "stat", "lat\tstat\t2535.0\t0.00\t7", NULL, 1)), -1);
	assert_non_null(strstr(ERR, "op stat: expected 4"));
}

static void test_unknown_op(void **state)
{
	(void)state;
	assert_int_equal(parse(good_log(-1, NULL, NULL, "lat\tnull_syscal\t1.0\t0.00", 1)), -1);
	assert_non_null(strstr(ERR, "unknown op 'null_syscal'"));
}

static void test_missing_sentinel(void **state)
{
	(void)state;
	assert_int_equal(parse(good_log(-1, NULL, NULL, NULL, 0)), -1);
	assert_non_null(strstr(ERR, "no 'lat: 17 ops measured' line"));
	/* a different count is not the sentinel */
	assert_int_equal(parse(good_log(-1, NULL, NULL, "lat: 16 ops measured", 0)), -1);
	assert_non_null(strstr(ERR, "no 'lat: 17 ops measured' line"));
}

static void test_stats(void **state)
{
	struct benchlat_run runs[4] = { 0 };
	struct benchlat_result res = { .runs = runs, .nruns = 3 };

	(void)state;
	runs[0].op[0].insns = 30;
	runs[1].op[0].insns = 10;
	runs[2].op[0].insns = 20;
	runs[3].op[0].insns = 50;
	benchlat_stats(&res);
	assert_true(res.min[0].insns == 10 && res.med[0].insns == 20 && res.max[0].insns == 30);
	res.nruns = 4;
	benchlat_stats(&res);
	assert_true(res.min[0].insns == 10 && res.med[0].insns == 25 && res.max[0].insns == 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_good_real_lines),
		cmocka_unit_test(test_missing_op),
		cmocka_unit_test(test_duplicate_op),
		cmocka_unit_test(test_malformed_number),
		cmocka_unit_test(test_unknown_op),
		cmocka_unit_test(test_missing_sentinel),
		cmocka_unit_test(test_stats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
