/*
 * test_benchnet.c — `proteus bench net`'s checker of user/udpbench.c's
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

static const char *const ROWS[NET_ROWS] = {
	"udpbench\trtt\t64\t2000\t2000\t110025807\t98423721\t2000\t2000\t0\t2000\t2000\t2000\t0\t0",
	"udpbench\tstream-tx\t1472\t4096\t4006\t32179386\t1535\t4097\t1\t0\t2796\t1302\t1\t0\t0",
	"udpbench\tstream-rx\t1472\t2048\t2048\t69195617\t31531409\t64\t2048\t0\t64\t82\t82\t0\t0",
};

/* A console log: row `bad` replaced by `with` (NULL: left out), the sentinel or not. */
static const char *net_log(int bad, const char *with, int sentinel)
{
	static char buf[4096];
	size_t len = 0;

	len += (size_t)snprintf(buf + len, sizeof buf - len, "[    0.01] init: starting /bin/udpbench\r\n"
				"udpbench\top\tbytes\tcount\tdelivered\ttsc\tidle\ttx_frames\trx_frames\ttx_full\t"
				"notifies\tsuppressed\tinterrupts\thypercalls\tretries\r\n");
	for (int i = 0; i < NET_ROWS; i++)
		if (i != bad)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\r\n", ROWS[i]);
		else if (with)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\r\n", with);
	if (sentinel)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "udpbench: done\r\n");
	return buf;
}

static int parse(const char *text, char *err)
{
	struct net_result r;

	return bench_net_parse(text, strlen(text), &r, err, 256);
}

static void test_good(void **state)
{
	struct net_result r;
	char err[256];
	const char *t = net_log(-1, NULL, 1);

	(void)state;
	assert_int_equal(bench_net_parse(t, strlen(t), &r, err, sizeof err), 0);
	assert_true(r.row[1].f[2] == 4006);
	assert_true(r.row[2].f[10] == 82);
}

static void test_bad(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(parse(net_log(-1, NULL, 0), err), -1);       /* no sentinel */
	assert_non_null(strstr(err, "udpbench: done"));
	assert_int_equal(parse(net_log(2, NULL, 1), err), -1);        /* a row missing */
	assert_int_equal(parse(net_log(1, "udpbench\tstream-tx\t1472\t4096\tx\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1", 1),
			       err), -1);
	assert_non_null(strstr(err, "no number"));
	assert_int_equal(parse(net_log(0, "udpbench\trtt\t64\t2000\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1", 1), err), -1);
	assert_int_equal(parse(net_log(0, "udpbench\trtt\t64\t2000\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t9", 1),
			       err), -1);
	assert_int_equal(parse(net_log(0, "udpbench\trtt\t64\t0\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1", 1), err), -1);
	assert_int_equal(parse(net_log(0, "udpbench\tstream-rx\t64\t2000\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1", 1),
			       err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
