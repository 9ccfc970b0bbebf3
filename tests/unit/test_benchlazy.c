/*
 * test_benchlazy.c — `proteus bench lazy`'s checker of user/lazy.c's
 * output, without booting anything: a good boot (kernel log lines,
 * "\r\n" ends) and each way it can be wrong, which must be an error
 * naming the measurement, never a figure left blank.
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
#include "tools/proteus/bench_lazy.h"

static char ERR[512];
static struct benchlazy_cell CELLS[BENCHLAZY_NROWS];

/* A console log of lazy; row skip left out, row twice repeated, extra before the sentinel. */
static char *lazy_log(int skip, int twice, const char *extra, int sentinel)
{
	static char buf[8192];
	size_t len = 0;

	len += (size_t)snprintf(buf + len, sizeof buf - len, "[    0.010009] init: starting /bin/lazy\r\n");
	for (int i = 0; i < BENCHLAZY_NROWS; i++) {
		if (i == skip)
			continue;
		for (int k = 0; k < (i == twice ? 2 : 1); k++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "lazy\t%s\t%u\t%d.5\t0.%03d\r\n",
						benchlazy_rows[i].op, benchlazy_rows[i].mib, 100 * (i + 1), i);
	}
	if (extra)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\r\n", extra);
	if (sentinel)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "lazy: 10 measurements\r\n");
	snprintf(buf + len, sizeof buf - len, "[    0.095783] init: /bin/lazy exited with status 0\r\n");
	return buf;
}

static int parse(const char *text, const struct benchlazy_set *set)
{
	ERR[0] = 0;
	return benchlazy_parse(text, strlen(text), set, CELLS, ERR, sizeof ERR);
}

static void test_good(void **state)
{
	(void)state;
	assert_int_equal(parse(lazy_log(-1, -1, NULL, 1), &benchlazy_full), 0);
	for (int i = 0; i < BENCHLAZY_NROWS; i++) {
		assert_true(CELLS[i].insns == 100.0 * (i + 1) + 0.5);
		assert_true(CELLS[i].hcalls == (double)i / 1000);
	}
}

static void test_missing(void **state)
{
	(void)state;
	assert_int_equal(parse(lazy_log(4, -1, NULL, 1), &benchlazy_full), -1);
	assert_non_null(strstr(ERR, "fork 16 MiB: no measurement"));
}

static void test_twice(void **state)
{
	(void)state;
	assert_int_equal(parse(lazy_log(-1, 8, NULL, 1), &benchlazy_full), -1);
	assert_non_null(strstr(ERR, "munmap 256 MiB: measured twice"));
}

static void test_bad_number(void **state)
{
	(void)state;
	assert_int_equal(parse(lazy_log(-1, -1, "lazy\tfork\t1\t1e3\t0.1", 1), &benchlazy_full), -1);
	assert_non_null(strstr(ERR, "measured twice"));
	assert_int_equal(parse(lazy_log(1, -1, "lazy\tfork\t1\tnan\t0.1", 1), &benchlazy_full), -1);
	assert_non_null(strstr(ERR, "not a number"));
}

static void test_unknown_and_fields(void **state)
{
	(void)state;
	assert_int_equal(parse(lazy_log(-1, -1, "lazy\tfork\t2\t1.0\t0.1", 1), &benchlazy_full), -1);
	assert_non_null(strstr(ERR, "unknown measurement"));
	assert_int_equal(parse(lazy_log(-1, -1, "lazy\tfork\t1\t1.0", 1), &benchlazy_full), -1);
	assert_non_null(strstr(ERR, "5 tab-separated fields"));
}

static void test_sentinel_and_quick(void **state)
{
	(void)state;
	assert_int_equal(parse(lazy_log(-1, -1, "lazy: exit: mmap: Cannot allocate memory", 0), &benchlazy_full), -1);
	assert_non_null(strstr(ERR, "Cannot allocate memory"));
	/* The full set's output is not a --quick one. */
	assert_int_equal(parse(lazy_log(-1, -1, NULL, 1), &benchlazy_quick), -1);
	assert_non_null(strstr(ERR, "unknown measurement"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_twice),
		cmocka_unit_test(test_bad_number),
		cmocka_unit_test(test_unknown_and_fields),
		cmocka_unit_test(test_sentinel_and_quick),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
