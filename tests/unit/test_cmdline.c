/*
 * test_cmdline.c — splitting command lines, and the number and boolean
 * parsers, on good input and bad.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/cmdline.h"

/* The next option must be key (and value, or NULL for none). */
static void expect_opt(const char **cur, const char *key, const char *value)
{
	struct cmdline_opt o;

	assert_int_equal(cmdline_next(cur, &o), CMDLINE_OK);
	assert_int_equal(o.keylen, strlen(key));
	assert_memory_equal(o.key, key, o.keylen);
	assert_true(cmdline_key_is(&o, key));
	if (!value) {
		assert_null(o.value);
	} else {
		assert_non_null(o.value);
		assert_int_equal(o.valuelen, strlen(value));
		assert_memory_equal(o.value, value, o.valuelen);
	}
}

static void expect_end(const char **cur)
{
	struct cmdline_opt o;

	assert_int_equal(cmdline_next(cur, &o), CMDLINE_END);
	assert_int_equal(**cur, '\0');
	assert_int_equal(cmdline_next(cur, &o), CMDLINE_END);   /* stays at the end */
}

static void test_split(void **state)
{
	const char *cur = "  console=ttyS0,115200\tquiet  mem=512M  a.b_c-d=x=y \t";

	(void)state;
	expect_opt(&cur, "console", "ttyS0,115200");
	expect_opt(&cur, "quiet", NULL);
	expect_opt(&cur, "mem", "512M");
	expect_opt(&cur, "a.b_c-d", "x=y");      /* only the first '=' splits */
	expect_end(&cur);
}

static void test_empty_lines(void **state)
{
	const char *a = "", *b = " \t \t ";

	(void)state;
	expect_end(&a);
	expect_end(&b);
}

static void test_empty_value(void **state)
{
	const char *cur = "a= b=\"\" c";

	(void)state;
	expect_opt(&cur, "a", "");               /* '=' present: value non-NULL, empty */
	expect_opt(&cur, "b", "");
	expect_opt(&cur, "c", NULL);
	expect_end(&cur);
}

static void test_quoted(void **state)
{
	const char *cur = "init=/bin/sh msg=\"hello  world\" x=\"a=b\tc\" last=\"\"";

	(void)state;
	expect_opt(&cur, "init", "/bin/sh");
	expect_opt(&cur, "msg", "hello  world");
	expect_opt(&cur, "x", "a=b\tc");
	expect_opt(&cur, "last", "");
	expect_end(&cur);
}

/* An error leaves the cursor on the start of the bad option. */
static void expect_error(const char *line, int err, size_t at)
{
	const char *cur = line;
	struct cmdline_opt o;

	assert_int_equal(cmdline_next(&cur, &o), err);
	assert_ptr_equal(cur, line + at);
}

static void test_bad_quotes(void **state)
{
	const char *cur = "ok=1 bad=\"no end";
	struct cmdline_opt o;

	(void)state;
	expect_error("k=\"unterminated", CMDLINE_E_QUOTE, 0);
	expect_error("  k=\"", CMDLINE_E_QUOTE, 2);
	expect_error("k=\"a\"b", CMDLINE_E_QUOTE, 0);     /* text after the closing quote */
	expect_error("k=a\"b\"", CMDLINE_E_QUOTE, 0);     /* quote inside a bare value */
	expect_opt(&cur, "ok", "1");
	assert_int_equal(cmdline_next(&cur, &o), CMDLINE_E_QUOTE);
	assert_string_equal(cur, "bad=\"no end");
}

static void test_bad_keys(void **state)
{
	static const char *const bad[] = {
		"=value", "k@y=1", "\"quoted\"=1", "k/ey", "k:ey=1", "\xc3\xa9=1", "a\nb",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_error(bad[i], CMDLINE_E_KEY, 0);
	{
		const char *cur = "good bad!";
		struct cmdline_opt o;

		expect_opt(&cur, "good", NULL);
		assert_int_equal(cmdline_next(&cur, &o), CMDLINE_E_KEY);
		assert_string_equal(cur, "bad!");
	}
}

static void test_key_is(void **state)
{
	const char *cur = "memory=1 mem";
	struct cmdline_opt o;

	(void)state;
	assert_int_equal(cmdline_next(&cur, &o), CMDLINE_OK);
	assert_true(cmdline_key_is(&o, "memory"));
	assert_false(cmdline_key_is(&o, "mem"));          /* prefix of the key */
	assert_false(cmdline_key_is(&o, "memoryx"));      /* key is a prefix */
	assert_false(cmdline_key_is(&o, "Memory"));
	assert_false(cmdline_key_is(&o, ""));
	assert_int_equal(cmdline_next(&cur, &o), CMDLINE_OK);
	assert_true(cmdline_key_is(&o, "mem"));
	assert_false(cmdline_key_is(&o, "memory"));
}

static int parse_u64(const char *s, uint64_t *v)
{
	return cmdline_parse_u64(s, strlen(s), v);
}

static void expect_u64(const char *s, uint64_t want)
{
	uint64_t v = 0xdeadbeef;

	assert_int_equal(parse_u64(s, &v), CMDLINE_OK);
	assert_int_equal(v, want);
}

static void test_u64(void **state)
{
	(void)state;
	expect_u64("0", 0);
	expect_u64("42", 42);
	expect_u64("007", 7);                          /* decimal, not octal */
	expect_u64("0x10", 16);
	expect_u64("0XfF", 255);
	expect_u64("18446744073709551615", UINT64_MAX);
	expect_u64("0xffffffffffffffff", UINT64_MAX);
	expect_u64("0x0000000000000000000001", 1);     /* leading zeros never overflow */
}

static void test_u64_suffixes(void **state)
{
	(void)state;
	expect_u64("1k", 1024);
	expect_u64("4K", 4096);
	expect_u64("512M", 512ull << 20);
	expect_u64("3m", 3ull << 20);
	expect_u64("2G", 2ull << 30);
	expect_u64("0x10k", 16 * 1024);
	expect_u64("0k", 0);
	expect_u64("17179869183G", 17179869183ull << 30);   /* largest that fits */
}

static void test_u64_bad(void **state)
{
	static const char *const bad[] = {
		"", "x", "0x", "0xg", "-1", "+1", " 1", "1 ", "12a", "1kk", "1kB", "1T", "k",
		"0x1k1", "1.5", "18446744073709551616", "99999999999999999999",
		"0x10000000000000000", "17179869184G", "16777216T", "18014398509481984k",
	};
	uint64_t v = 77;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_u64(bad[i], &v), CMDLINE_E_NUMBER);
		assert_int_equal(v, 77);                   /* untouched on error */
	}
}

/* The length bounds the parse: the text after it is never looked at. */
static void test_u64_length(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(cmdline_parse_u64("123garbage", 3, &v), CMDLINE_OK);
	assert_int_equal(v, 123);
	assert_int_equal(cmdline_parse_u64("0x1f", 2, &v), CMDLINE_E_NUMBER);  /* just "0x" */
	assert_int_equal(cmdline_parse_u64("0x1f", 1, &v), CMDLINE_OK);
	assert_int_equal(v, 0);
	assert_int_equal(cmdline_parse_u64(NULL, 0, &v), CMDLINE_E_NUMBER);
}

/* The usual way in: a value straight from cmdline_next. */
static void test_u64_from_option(void **state)
{
	const char *cur = "mem=64M smp=4";
	struct cmdline_opt o;
	uint64_t v;

	(void)state;
	assert_int_equal(cmdline_next(&cur, &o), CMDLINE_OK);
	assert_int_equal(cmdline_parse_u64(o.value, o.valuelen, &v), CMDLINE_OK);
	assert_int_equal(v, 64ull << 20);
	assert_int_equal(cmdline_next(&cur, &o), CMDLINE_OK);
	assert_int_equal(cmdline_parse_u64(o.value, o.valuelen, &v), CMDLINE_OK);
	assert_int_equal(v, 4);
}

static void test_bool(void **state)
{
	static const char *const yes[] = { "1", "on", "yes", "true", "ON", "Yes", "TRUE" };
	static const char *const no[] = { "0", "off", "no", "false", "OFF", "No", "False" };
	static const char *const bad[] = { "", "2", "onn", "o", "y", "n", "yes ", "truefalse", "-1", "offf" };
	bool b;

	(void)state;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		b = false;
		assert_int_equal(cmdline_parse_bool(yes[i], strlen(yes[i]), &b), CMDLINE_OK);
		assert_true(b);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		b = true;
		assert_int_equal(cmdline_parse_bool(no[i], strlen(no[i]), &b), CMDLINE_OK);
		assert_false(b);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(cmdline_parse_bool(bad[i], strlen(bad[i]), &b), CMDLINE_E_BOOL);
	assert_int_equal(cmdline_parse_bool("onward", 2, &b), CMDLINE_OK);   /* length bounds it */
	assert_true(b);
	assert_int_equal(cmdline_parse_bool(NULL, 0, &b), CMDLINE_E_BOOL);
}

static void test_strerror(void **state)
{
	(void)state;
	for (int err = CMDLINE_E_BOOL; err <= CMDLINE_END; err++) {
		assert_non_null(cmdline_strerror(err));
		assert_string_not_equal(cmdline_strerror(err), cmdline_strerror(-100));
	}
}

static bool is_dev(const char *w, size_t len)
{
	return len > 4 && !memcmp(w, "dev=", 4);
}

/* Only the run at the very end counts; a claimed word before an
 * unclaimed one stays where it is. */
static void test_trailing_run(void **state)
{
	const char *a = "10.0.2.2 5555 dev=1 dev=2";
	const char *b = "dev=0 x dev=1";
	const char *c = "dev=0 x";

	(void)state;
	assert_int_equal(cmdline_trailing_run(a, is_dev), 14);
	assert_int_equal(cmdline_trailing_run(b, is_dev), 8);
	assert_int_equal(cmdline_trailing_run(c, is_dev), strlen(c));
	assert_int_equal(cmdline_trailing_run("", is_dev), 0);
	assert_int_equal(cmdline_trailing_run("dev=1\tdev=2  ", is_dev), 0);
	assert_int_equal(cmdline_trailing_run("dev= x", is_dev), 6);
	assert_int_equal(cmdline_trailing_run("a dev=", is_dev), 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_empty_lines),
		cmocka_unit_test(test_empty_value),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_bad_quotes),
		cmocka_unit_test(test_bad_keys),
		cmocka_unit_test(test_key_is),
		cmocka_unit_test(test_u64),
		cmocka_unit_test(test_u64_suffixes),
		cmocka_unit_test(test_u64_bad),
		cmocka_unit_test(test_u64_length),
		cmocka_unit_test(test_u64_from_option),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_trailing_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
