/*
 * test_fmt.c — fmt_snprintf against fixed expectations and, where C
 * defines the result, against the host's snprintf as a second opinion.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lib/fmt.h"

/* Exact expected text and return value, with a roomy buffer. */
#define EXPECT(want, ...) do {                                              \
	char buf_[256];                                                     \
	int n_ = fmt_snprintf(buf_, sizeof(buf_), __VA_ARGS__);             \
	assert_string_equal(buf_, want);                                    \
	assert_int_equal(n_, (int)strlen(want));                           \
} while (0)

/* Same text and return value as the host's snprintf. */
#define SAME_AS_LIBC(...) do {                                              \
	char ours_[256], libc_[256];                                        \
	int a_ = fmt_snprintf(ours_, sizeof(ours_), __VA_ARGS__);           \
	int b_ = snprintf(libc_, sizeof(libc_), __VA_ARGS__);               \
	assert_string_equal(ours_, libc_);                                  \
	assert_int_equal(a_, b_);                                           \
} while (0)

static void test_plain_text(void **state)
{
	(void)state;
	EXPECT("hello, world", "hello, world");
	EXPECT("100%", "100%%");
	EXPECT("a%b", "a%cb", '%');
}

static void test_signed(void **state)
{
	(void)state;
	EXPECT("0", "%d", 0);
	EXPECT("-42", "%d", -42);
	EXPECT("2147483647", "%i", INT32_MAX);
	EXPECT("-2147483648", "%d", INT32_MIN);
	EXPECT("-9223372036854775808", "%lld", (long long)INT64_MIN);
	EXPECT("-9223372036854775808", "%ld", (long)INT64_MIN);
	EXPECT("9223372036854775807", "%ld", (long)INT64_MAX);
	EXPECT("+5 -5", "%+d %+d", 5, -5);
	EXPECT(" 5 -5", "% d % d", 5, -5);
	EXPECT("-1", "%zd", (ptrdiff_t)-1);
}

static void test_unsigned_bases(void **state)
{
	(void)state;
	EXPECT("4294967295", "%u", UINT32_MAX);
	EXPECT("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	EXPECT("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	EXPECT("ffffffffffffffff", "%lx", (unsigned long)UINT64_MAX);
	EXPECT("1777777777777777777777", "%llo", (unsigned long long)UINT64_MAX);
	EXPECT("0x1f 0X1F 017", "%#x %#X %#o", 31u, 31u, 15u);
	EXPECT("0 0", "%#x %#o", 0u, 0u);   /* no prefix on zero */
	EXPECT("12345", "%zu", (size_t)12345);
}

static void test_length_modifiers_truncate(void **state)
{
	(void)state;
	EXPECT("-1 255", "%hhd %hhu", 255, 255);
	EXPECT("-1 65535", "%hd %hu", 65535, 65535);
	EXPECT("ff", "%hhx", 0x1ff);
	EXPECT("5", "%hhd", 256 + 5);
}

static void test_width_and_flags(void **state)
{
	(void)state;
	EXPECT("   42", "%5d", 42);
	EXPECT("42   |", "%-5d|", 42);
	EXPECT("00042", "%05d", 42);
	EXPECT("-0042", "%05d", -42);
	EXPECT("+0042", "%+05d", 42);
	EXPECT("0x002a", "%#06x", 42u);
	EXPECT("    7", "%*d", 5, 7);
	EXPECT("7    |", "%*d|", -5, 7);   /* negative '*' width means '-' */
	EXPECT("  x|x  |", "%3c|%-3c|", 'x', 'x');
	EXPECT("   ab|ab   |", "%5s|%-5s|", "ab", "ab");
	EXPECT("42", "%1d", 42);           /* width smaller than the text */
}

static void test_precision(void **state)
{
	(void)state;
	EXPECT("00042", "%.5d", 42);
	EXPECT("-00042", "%.5d", -42);
	EXPECT("", "%.0d", 0);              /* zero with precision 0 prints nothing */
	EXPECT("     ", "%5.0d", 0);
	EXPECT("0", "%#.0o", 0u);           /* but '#' keeps the octal 0 */
	EXPECT("0x000ff", "%#.5x", 255u);
	EXPECT("abc", "%.3s", "abcdef");
	EXPECT("  abc", "%5.3s", "abcdef");
	EXPECT("abcd", "%.*s", 4, "abcdef");
	EXPECT("abcdef", "%.*s", -1, "abcdef");  /* negative: no precision */
	EXPECT("   42", "%*.*d", 5, -1, 42);
}

static void test_precision_bounds_unterminated(void **state)
{
	char raw[3] = { 'x', 'y', 'z' };   /* no NUL: must not be read past 3 */

	(void)state;
	EXPECT("xyz", "%.3s", raw);
	EXPECT("xy", "%.2s", raw);
}

static void test_pointer_and_null(void **state)
{
	(void)state;
	EXPECT("0x1234abcd", "%p", (void *)(uintptr_t)0x1234abcd);
	EXPECT("0xffffffff80000000", "%p", (void *)(uintptr_t)0xffffffff80000000ull);
	EXPECT("0x0", "%p", (void *)0);
	EXPECT("      0x10", "%10p", (void *)(uintptr_t)0x10);
}

static void test_truncation(void **state)
{
	char buf[8];
	int n;

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	n = fmt_snprintf(buf, 5, "%s-%d", "abcdef", 12345);
	assert_int_equal(n, 12);
	assert_string_equal(buf, "abcd");
	assert_int_equal(buf[5], 'Z');    /* nothing written past size */

	memset(buf, 'Z', sizeof(buf));
	n = fmt_snprintf(buf, 1, "hello");
	assert_int_equal(n, 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'Z');

	/* size 0: nothing written at all, buf may even be NULL. */
	assert_int_equal(fmt_snprintf(NULL, 0, "%d", -123), 4);

	/* Padding and zeros are counted even where they do not fit. */
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "%100d", 1), 100);
	assert_string_equal(buf, "       ");
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "%.50x", 1u), 50);
	assert_string_equal(buf, "0000000");

	/* Exact fit: 7 characters and the NUL. */
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "%s", "1234567"), 7);
	assert_string_equal(buf, "1234567");
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "%s", "12345678"), 8);
	assert_string_equal(buf, "1234567");
}

/* Truncation at every size gives the prefix of the full text. */
static void test_truncation_every_size(void **state)
{
	char full[64], buf[64];
	int len = fmt_snprintf(full, sizeof(full), "[%-6s|%+08d|%#x]", "ab", -77, 0xbeefu);

	(void)state;
	assert_string_equal(full, "[ab    |-0000077|0xbeef]");
	for (size_t size = 1; size <= (size_t)len + 1; size++) {
		memset(buf, 'Z', sizeof(buf));
		assert_int_equal(fmt_snprintf(buf, size, "[%-6s|%+08d|%#x]", "ab", -77, 0xbeefu), len);
		assert_int_equal(strlen(buf), size - 1);
		assert_memory_equal(buf, full, size - 1);
		assert_int_equal(buf[size], 'Z');
	}
}

static int call_vsnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_vsnprintf(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(call_vsnprintf(buf, sizeof(buf), "%s=%lu", "n", 99ul), 4);
	assert_string_equal(buf, "n=99");
}

/* Formats the compiler rightly frowns on, but which must still behave. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"
static void test_null_string(void **state)
{
	(void)state;
	EXPECT("(null)", "%s", (char *)NULL);
	EXPECT("  (null)", "%8s", (char *)NULL);
	EXPECT("(nu", "%.3s", (char *)NULL);
}

static void test_ignored_zero_flag(void **state)
{
	(void)state;
	EXPECT("42   |", "%-05d|", 42);   /* '-' beats '0' */
	EXPECT("  042", "%05.3d", 42);    /* a precision beats '0' */
	SAME_AS_LIBC("%-05d|%05.3d|%08.0x|", -3, -3, 0u);
}

static void test_unknown_conversion(void **state)
{
	(void)state;
	EXPECT("a%qb", "a%qb");
	EXPECT("%-5y", "%-5y");
	EXPECT("x%", "x%");
	EXPECT("%n", "%n", (int *)NULL);    /* %n is deliberately unsupported */
}
#pragma GCC diagnostic pop

static void test_agrees_with_libc(void **state)
{
	(void)state;
	SAME_AS_LIBC("%d|%5d|%-5d|%05d|%+d|% d|%.3d|%8.3d|%-8.3d|", 7, 7, 7, -7, 7, 7, 7, -7, 7);
	SAME_AS_LIBC("%x|%#x|%#08x|%#.8x|%X|%#X|%o|%#o|%#5o|", 255u, 255u, 255u, 255u, 255u, 255u, 8u, 8u, 8u);
	SAME_AS_LIBC("%lld|%llu|%llx|", (long long)INT64_MIN, (unsigned long long)UINT64_MAX, 1ull << 63);
	SAME_AS_LIBC("%hhd|%hhu|%hd|%hu|%zu|%zx|", -129, 511, -32769, 70000, (size_t)SIZE_MAX, (size_t)0xabc);
	SAME_AS_LIBC("%s|%10s|%-10s|%.2s|%*.*s|", "str", "str", "str", "str", -6, 2, "str");
	SAME_AS_LIBC("%c|%3c|%-3c|%%|", 'a', 'b', 'c');
	SAME_AS_LIBC("%.0d|%.0u|%.0x|%#.0x|%5.0d|", 0, 0u, 0u, 0u, 0);
	SAME_AS_LIBC("%+.0d|% .0d|%+5d|% 05d|", 0, 0, 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_signed),
		cmocka_unit_test(test_unsigned_bases),
		cmocka_unit_test(test_length_modifiers_truncate),
		cmocka_unit_test(test_width_and_flags),
		cmocka_unit_test(test_precision),
		cmocka_unit_test(test_precision_bounds_unterminated),
		cmocka_unit_test(test_pointer_and_null),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_truncation_every_size),
		cmocka_unit_test(test_vsnprintf),
		cmocka_unit_test(test_null_string),
		cmocka_unit_test(test_ignored_zero_flag),
		cmocka_unit_test(test_unknown_conversion),
		cmocka_unit_test(test_agrees_with_libc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
