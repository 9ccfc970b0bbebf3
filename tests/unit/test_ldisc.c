/*
 * test_ldisc.c — the line discipline with Linux's console defaults:
 * line editing and its echo, EOF, signal characters, CR to NL, the
 * non-canonical queue, mode switches and the output flag.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/ldisc.h"

static char echo[8192];
static size_t echo_len;
static struct ldisc ld;

static void capture(void *arg, const char *s, size_t n)
{
	(void)arg;
	memcpy(echo + echo_len, s, n);
	echo_len += n;
}

static int setup(void **s)
{
	(void)s;
	ldisc_init(&ld, capture, NULL);
	echo_len = 0;
	return 0;
}

static int type(const char *s)
{
	int sig = 0;
	while (*s)
		sig |= ldisc_input(&ld, (uint8_t)*s++);
	return sig;
}

static void expect_read(const char *want)
{
	char buf[256];
	size_t n = ldisc_read(&ld, buf, sizeof(buf));
	assert_int_equal(n, strlen(want));
	assert_memory_equal(buf, want, n);
}

static void expect_echo(const char *want)
{
	assert_int_equal(echo_len, strlen(want));
	assert_memory_equal(echo, want, echo_len);
	echo_len = 0;
}

static void test_defaults(void **s)
{
	(void)s;
	assert_int_equal(ld.tio.c_iflag, ICRNL | IXON);
	assert_int_equal(ld.tio.c_oflag, OPOST | ONLCR);
	assert_int_equal(ld.tio.c_cflag, B38400 | CS8 | CREAD | HUPCL);
	assert_int_equal(ld.tio.c_lflag, ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
	assert_memory_equal(ld.tio.c_cc, "\003\034\177\025\004\000\001\000\021\023\032\000\022\017\027\026\000", 17);
	assert_true(ldisc_output_crlf(&ld));
}

static void test_line(void **s)
{
	(void)s;
	type("hello");
	assert_false(ldisc_readable(&ld));
	type("\r");                                  /* ICRNL */
	assert_true(ldisc_readable(&ld));
	expect_echo("hello\n");
	type("second\n");
	expect_read("hello\n");
	expect_read("second\n");
	assert_false(ldisc_readable(&ld));
}

static void test_partial_read(void **s)
{
	char buf[3];
	(void)s;
	type("abcdef\nxy\n");
	assert_int_equal(ldisc_read(&ld, buf, 3), 3);
	assert_memory_equal(buf, "abc", 3);
	expect_read("def\n");                         /* never past one line */
	expect_read("xy\n");
}

static void test_erase(void **s)
{
	(void)s;
	type("abc\177\b");
	expect_echo("abc\b \b\b \b");
	type("\001");                                /* ^A echoes as two columns */
	expect_echo("^A");
	type("\177X\n");
	expect_echo("\b \b\b \bX\n");
	expect_read("aX\n");
	type("\177\177");                            /* nothing to erase: nothing echoed */
	expect_echo("");
}

static void test_kill_werase(void **s)
{
	(void)s;
	type("one two  \027");
	expect_echo("one two  \b \b\b \b\b \b\b \b\b \b");
	type("\025");
	expect_echo("\b \b\b \b\b \b\b \b");
	type("ok\n");
	expect_read("ok\n");
	ld.tio.c_lflag &= ~(unsigned)ECHOKE;
	echo_len = 0;
	type("zz\025");
	expect_echo("zz^U\n");
}

static void test_eof(void **s)
{
	char buf[16];
	(void)s;
	type("abc\004");
	expect_read("abc");                          /* the pending bytes, no terminator */
	type("\004");
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_read(&ld, buf, sizeof(buf)), 0);    /* EOF */
	assert_false(ldisc_readable(&ld));
}

static void test_signals(void **s)
{
	(void)s;
	type("junk");
	echo_len = 0;
	assert_int_equal(ldisc_input(&ld, 3), SIGINT);
	expect_echo("^C");
	type("\n");
	expect_read("\n");                           /* "junk" was flushed */
	assert_int_equal(ldisc_input(&ld, 034), SIGQUIT);
	assert_int_equal(ldisc_input(&ld, 032), SIGTSTP);
	ld.tio.c_lflag &= ~(unsigned)ISIG;
	assert_int_equal(ldisc_input(&ld, 3), 0);
}

static void test_lnext_ixon(void **s)
{
	(void)s;
	type("\026\003\021\023\n");                  /* ^V^C: a literal ^C; ^Q ^S dropped */
	expect_read("\003\n");
}

static void test_noecho(void **s)
{
	(void)s;
	ld.tio.c_lflag &= ~(unsigned)ECHO;
	type("secret\n");
	expect_echo("");
	ld.tio.c_lflag |= ECHONL;
	type("x\n");
	expect_echo("\n");
}

static void test_raw(void **s)
{
	struct linux_termios t;
	(void)s;
	type("par");
	t = ld.tio;
	t.c_lflag &= ~(unsigned)(ICANON | ECHO);
	ldisc_set_termios(&ld, &t);
	assert_true(ldisc_readable(&ld));            /* the edited bytes are not lost */
	type("\177\r");
	assert_int_equal(ldisc_ready_bytes(&ld), 5);
	expect_read("par\177\n");
	assert_false(ldisc_readable(&ld));
	t.c_oflag &= ~(unsigned)OPOST;
	ldisc_set_termios(&ld, &t);
	assert_false(ldisc_output_crlf(&ld));
	type("q");
	t.c_lflag |= ICANON;
	ldisc_set_termios(&ld, &t);
	expect_read("q");
	ldisc_flush_input(&ld);
	assert_int_equal(ldisc_ready_bytes(&ld), 0);
}

static void test_full(void **s)
{
	(void)s;
	for (int i = 0; i < 5000; i++)
		ldisc_input(&ld, 'x');
	assert_int_equal(ld.edit_len, LDISC_BUF - 1);
	type("\n");
	assert_int_equal(ldisc_ready_bytes(&ld), LDISC_BUF);
	type("more\n");                              /* no room: dropped, never an EOF */
	assert_int_equal(ld.lines, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_defaults, setup), cmocka_unit_test_setup(test_line, setup),
		cmocka_unit_test_setup(test_partial_read, setup), cmocka_unit_test_setup(test_erase, setup),
		cmocka_unit_test_setup(test_kill_werase, setup), cmocka_unit_test_setup(test_eof, setup),
		cmocka_unit_test_setup(test_signals, setup), cmocka_unit_test_setup(test_lnext_ixon, setup),
		cmocka_unit_test_setup(test_noecho, setup), cmocka_unit_test_setup(test_raw, setup),
		cmocka_unit_test_setup(test_full, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
