/*
 * test_benchblk.c — `proteus bench blk`'s checker of user/blkbench.c's
 * output, without booting anything: a good boot (kernel log lines, "\r\n"
 * ends) and each way it can be wrong, which must be an error, never a
 * figure left blank.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tools/proteus/bench.h"

static const char *const ROWS[BLK_ROWS] = {
	"blkbench\tread\t4096\t65536\t423739377\t100\t6465.7\t16384\t16384\t0\t16384\t0",
	"blkbench\tread\t65536\t65536\t125461858\t100\t1914.4\t1024\t1024\t0\t1024\t0",
	"blkbench\twrite\t4096\t65536\t807334238\t100\t12318.9\t16385\t16385\t0\t16385\t0",
	"blkbench\twrite\t65536\t65536\t309263725\t100\t4719.0\t1025\t1025\t0\t1025\t0",
	"blkbench\tread-par\t4096\t65536\t523739377\t100\t7465.7\t16384\t9000\t7384\t12000\t0",
};

/* A console log: row `bad` replaced by `with` (NULL: left out), the sentinel or not. */
static const char *blk_log(int bad, const char *with, int sentinel)
{
	static char buf[4096];
	size_t len = 0;

	len += (size_t)snprintf(buf + len, sizeof buf - len, "[    0.01] init: starting /bin/blkbench\r\n"
				"blkbench\top\tbytes_per_call\tKiB\ttsc\tidle\tbusy_per_KiB\trequests\tnotifies\t"
				"suppressed\tinterrupts\thypercalls\r\n");
	for (int i = 0; i < BLK_ROWS; i++)
		if (i != bad)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\r\n", ROWS[i]);
		else if (with)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\r\n", with);
	if (sentinel)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "blkbench: done\r\n");
	return buf;
}

static int parse(const char *text, char *err)
{
	struct blk_result r;

	return bench_blk_parse(text, strlen(text), &r, err, 256);
}

static void test_good(void **state)
{
	struct blk_result r;
	char err[256];
	const char *t = blk_log(-1, NULL, 1);

	(void)state;
	assert_int_equal(bench_blk_parse(t, strlen(t), &r, err, sizeof err), 0);
	assert_true(r.row[1].f[4] == 1914.4);
	assert_true(r.row[3].f[5] == 1025);
}

static void test_bad(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(parse(blk_log(-1, NULL, 0), err), -1);       /* no sentinel */
	assert_non_null(strstr(err, "blkbench: done"));
	assert_int_equal(parse(blk_log(2, NULL, 1), err), -1);        /* a row missing */
	assert_int_equal(parse(blk_log(1, "blkbench\tread\t65536\t65536\tx\t1\t1\t1\t1\t1\t1\t1", 1), err), -1);
	assert_non_null(strstr(err, "no number"));
	assert_int_equal(parse(blk_log(0, "blkbench\tread\t4096\t65536\t1\t1\t1\t1\t1\t1\t1", 1), err), -1);
	assert_int_equal(parse(blk_log(0, "blkbench\tread\t4096\t65536\t1\t1\t1\t1\t1\t1\t1\t1\t9", 1), err), -1);
	assert_int_equal(parse(blk_log(0, "blkbench\twrite\t4096\t65536\t1\t1\t1\t1\t1\t1\t1\t1", 1), err), -1);
	assert_int_equal(parse(blk_log(1, "blkbench\tread\t4096\t65536\t1\t1\t1\t1\t1\t1\t1\t1", 1), err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
