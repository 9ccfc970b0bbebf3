/*
 * test_runargs.c — `proteus run` without running anything: option parsing,
 * file resolution, the platform table, the QEMU argv, the exit-status
 * mapping, and the helpers around the launch (argv quoting, output tail,
 * stderr scan).
 */
#define _GNU_SOURCE /* open_memstream, W_EXITCODE */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "tools/proteus/errscan.h"
#include "tools/proteus/run.h"
#include "tools/proteus/tail.h"
#include "run_fixture.h"


static void test_defaults(void **state)
{
	(void)state;
	assert_int_equal(parse("--on", "qemu", NULL), RUNARGS_OK);
	assert_string_equal(O.platform, "qemu");
	assert_string_equal(O.machine, "pc");
	assert_string_equal(O.kernel, "build/proteus.elf");
	assert_string_equal(O.initrd, "build/initrd.cpio");
	assert_false(O.initrd_given);
	assert_true(O.timeout == 120.0);
	assert_false(O.icount);
	assert_null(O.log);
	assert_string_equal(O.qemu, "qemu-system-x86_64");
	assert_int_equal(O.nkargs, 0);
}

static void test_every_option(void **state)
{
	(void)state;
	assert_int_equal(parse("--on", "qemu", "--machine", "microvm", "--kernel", "k.elf",
			       "--initrd", "i.cpio", "--timeout", "7.5", "--icount", "--log", "out.log",
			       "--qemu", "/opt/q", "--", "ktest", "--not-an-option", "a=b", NULL),
			 RUNARGS_OK);
	assert_string_equal(O.machine, "microvm");
	assert_string_equal(O.kernel, "k.elf");
	assert_string_equal(O.initrd, "i.cpio");
	assert_true(O.initrd_given);
	assert_true(O.timeout == 7.5);
	assert_true(O.icount);
	assert_string_equal(O.log, "out.log");
	assert_string_equal(O.qemu, "/opt/q");
	assert_int_equal(O.nkargs, 3);
	assert_string_equal(O.kargs[0], "ktest");
	assert_string_equal(O.kargs[1], "--not-an-option");
	assert_string_equal(O.kargs[2], "a=b");
}

static void test_equals_form(void **state)
{
	(void)state;
	assert_int_equal(parse("--on=qemu", "--machine=q35", "--timeout=3", "--kernel=x", NULL), RUNARGS_OK);
	assert_string_equal(O.platform, "qemu");
	assert_string_equal(O.machine, "q35");
	assert_true(O.timeout == 3.0);
	assert_string_equal(O.kernel, "x");
}

static void test_help(void **state)
{
	(void)state;
	assert_int_equal(parse("--help", NULL), RUNARGS_HELP);
	assert_int_equal(parse("--on", "qemu", "-h", NULL), RUNARGS_HELP);
}

static void test_bad_usage(void **state)
{
	(void)state;
	assert_int_equal(parse("--on", "qemu", "--bogus", NULL), RUNARGS_USAGE);
	expect_err("unknown option '--bogus'");
	assert_int_equal(parse("--on", "qemu", "--machine", "isapc", NULL), RUNARGS_USAGE);
	expect_err("unknown machine 'isapc'");
	assert_int_equal(parse("--on", "qemu", "--kernel", NULL), RUNARGS_USAGE);
	expect_err("--kernel needs a value");
	assert_int_equal(parse("--on", "qemu", "--log=", NULL), RUNARGS_USAGE);
	expect_err("--log needs a non-empty value");
	assert_int_equal(parse("--on", "qemu", "--icount=yes", NULL), RUNARGS_USAGE);
	expect_err("--icount takes no value");
	assert_int_equal(parse("--on", "qemu", "ktest", NULL), RUNARGS_USAGE);
	expect_err("kernel arguments go after --");
	assert_int_equal(parse("--machine", "pc", NULL), RUNARGS_USAGE);
	expect_err("needs --on");
	assert_int_equal(parse("--on", "bochs", NULL), RUNARGS_USAGE);
	expect_err("unknown platform 'bochs'");
}

/* The longest command line each platform delivers whole, and one more. */
static void test_cmdline_length(void **state)
{
	static char a[4096], b[1024];
	(void)state;

	memset(a, 'x', sizeof a - 1);
	a[4095] = 0;                               /* 4095 bytes: fits QEMU */
	assert_int_equal(parse("--on", "qemu", "--", a, NULL), RUNARGS_OK);
	assert_int_equal(parse("--on", "qemu", "--", a, "y", NULL), RUNARGS_USAGE);
	expect_err("the kernel command line is 4097 bytes; --on qemu delivers at most 4095");
	memset(b, 'x', sizeof b - 1);
	b[1023] = 0;
	assert_int_equal(parse("--on", "xen", "--", b, NULL), RUNARGS_OK);
	b[1022] = 0;
	assert_int_equal(parse("--on", "xen", "--", b, "z", NULL), RUNARGS_USAGE);
	expect_err("--on xen delivers at most 1023");
}

static void test_timeout_must_be_seconds(void **state)
{
	static const char *const bad[] = { "abc", "12s", "-5", "0", "0.0", "1e3", ".5", "5.", "", " 5", "0x10",
					   "99999999999" };
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (parse("--on", "qemu", "--timeout", bad[i], NULL) != RUNARGS_USAGE)
			fail_msg("timeout '%s' accepted", bad[i]);
		expect_err("--timeout");
	}
	assert_int_equal(parse("--on", "qemu", "--timeout", "0.25", NULL), RUNARGS_OK);
	assert_true(O.timeout == 0.25);
}

static void test_platform_table(void **state)
{
	const struct run_platform *p;
	(void)state;

	for (const char *const *n = (const char *const[]){ "qemu", "xen", NULL }; *n; n++) {
		p = run_platform_find(*n);
		assert_non_null(p);
		assert_non_null(p->build);
	}
	assert_null(run_platform_find("vbox"));
	/* each platform's default machine, unless one is given */
	assert_int_equal(parse("--on", "kvm", NULL), RUNARGS_OK);
	assert_string_equal(O.machine, "microvm");
	assert_int_equal(parse("--on", "kvm", "--machine", "q35", NULL), RUNARGS_OK);
	assert_string_equal(O.machine, "q35");
	assert_int_equal(parse("--on", "xen", NULL), RUNARGS_OK);
	assert_string_equal(O.machine, "pc");
}

static void test_kvm_argv(void **state)
{
	struct argv a;
	(void)state;

	assert_int_equal(parse("--on", "kvm", "--kernel", "k", "--initrd", "i", "--", "ktest", NULL),
			 RUNARGS_OK);
	argv_init(&a);
	assert_int_equal(run_kvm_build(&O, &a), 0);
	expect_argv(&a, (const char *const[]){
		"qemu-system-x86_64", "-M", "microvm", "-m", "64M", "-display", "none", "-serial", "stdio",
		"-monitor", "none", "-no-reboot", "-net", "none",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
		"-enable-kvm", "-cpu", "host,-arch-capabilities",
		"-kernel", "k", "-initrd", "i", "-append", "ktest", NULL });
	argv_free(&a);
	/* pc and q35 boot through qboot; --icount is TCG's */
	assert_int_equal(parse("--on", "kvm", "--machine", "q35", "--", NULL), RUNARGS_OK);
	argv_init(&a);
	assert_int_equal(run_kvm_build(&O, &a), 0);
	assert_string_equal(a.v[19], "-bios");
	assert_string_equal(a.v[20], "qboot.rom");
	argv_free(&a);
	assert_int_equal(parse("--on", "kvm", "--icount", NULL), RUNARGS_OK);
	assert_int_equal(run_kvm_prepare(&O, NULL, ERR, sizeof ERR), -1);
	expect_err("TCG only");
}

static void test_gdb_waits(void **state)
{
	struct argv a;
	(void)state;

	assert_int_equal(parse("--on", "qemu", "--gdb", NULL), RUNARGS_OK);
	assert_true(O.gdb);
	assert_true(O.timeout > 24 * 3600.0);      /* no deadline while a person debugs */
	argv_init(&a);
	assert_int_equal(run_qemu_build(&O, &a), 0);
	assert_string_equal(a.v[a.n - 2], "-s");
	assert_string_equal(a.v[a.n - 1], "-S");
	argv_free(&a);
	assert_int_equal(parse("--on", "qemu", "--gdb", "--timeout", "5", NULL), RUNARGS_OK);
	assert_true(O.timeout == 5.0);
	assert_int_equal(parse("--on", "qemu", "--gdb=1", NULL), RUNARGS_USAGE);
	expect_err("--gdb takes no value");
}

static void test_interactive_waits(void **state)
{
	(void)state;
	assert_int_equal(parse("--on", "qemu", NULL), RUNARGS_OK);
	assert_false(O.interactive);
	assert_int_equal(parse("--on", "qemu", "--interactive", NULL), RUNARGS_OK);
	assert_true(O.interactive);
	assert_true(O.timeout > 24 * 3600.0);      /* a shell prompt is not a hung guest */
	assert_int_equal(parse("--on", "qemu", "--interactive", "--timeout", "5", NULL), RUNARGS_OK);
	assert_true(O.timeout == 5.0);
	assert_int_equal(parse("--on", "qemu", "--interactive=yes", NULL), RUNARGS_USAGE);
	expect_err("--interactive takes no value");
}

static char *tmpfile_make(void)
{
	char *path = strdup("/tmp/proteus-test-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	return path;
}

static void test_resolve_files(void **state)
{
	char *k = tmpfile_make(), *i = tmpfile_make();
	(void)state;

	/* default initrd absent: dropped quietly */
	assert_int_equal(parse("--on", "qemu", "--kernel", k, NULL), RUNARGS_OK);
	O.initrd = "/nonexistent/proteus/initrd.cpio";
	assert_int_equal(runargs_resolve(&O, ERR, sizeof ERR), RUNARGS_OK);
	assert_null(O.initrd);
	/* explicit initrd absent: an error */
	assert_int_equal(parse("--on", "qemu", "--kernel", k, "--initrd", "/nonexistent/i", NULL), RUNARGS_OK);
	assert_int_equal(runargs_resolve(&O, ERR, sizeof ERR), RUNARGS_USAGE);
	expect_err("initrd /nonexistent/i: No such file");
	/* explicit initrd present */
	assert_int_equal(parse("--on", "qemu", "--kernel", k, "--initrd", i, NULL), RUNARGS_OK);
	assert_int_equal(runargs_resolve(&O, ERR, sizeof ERR), RUNARGS_OK);
	assert_string_equal(O.initrd, i);
	/* kernel absent, or a directory */
	assert_int_equal(parse("--on", "qemu", "--kernel", "/nonexistent/k", NULL), RUNARGS_OK);
	assert_int_equal(runargs_resolve(&O, ERR, sizeof ERR), RUNARGS_USAGE);
	expect_err("kernel /nonexistent/k: No such file");
	assert_int_equal(parse("--on", "qemu", "--kernel", "/tmp", NULL), RUNARGS_OK);
	assert_int_equal(runargs_resolve(&O, ERR, sizeof ERR), RUNARGS_USAGE);
	expect_err("Is a directory");
	unlink(k);
	unlink(i);
	free(k);
	free(i);
}

static void test_qemu_argv_plain(void **state)
{
	struct argv a;
	(void)state;

	assert_int_equal(parse("--on", "qemu", "--kernel", "k.elf", NULL), RUNARGS_OK);
	O.initrd = NULL;                  /* as resolve leaves it when absent */
	argv_init(&a);
	assert_int_equal(run_qemu_build(&O, &a), 0);
	expect_argv(&a, (const char *const[]){
		"qemu-system-x86_64", "-M", "pc", "-m", "256M", "-display", "none", "-serial", "stdio",
		"-monitor", "none", "-no-reboot", "-net", "none",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-kernel", "k.elf", "-append", "", NULL });
	argv_free(&a);
}

static void test_qemu_argv_full(void **state)
{
	struct argv a;
	(void)state;

	assert_int_equal(parse("--on", "qemu", "--machine", "microvm", "--kernel", "k.elf", "--initrd", "i.cpio",
			       "--icount", "--qemu", "/opt/qemu", "--", "ktest", "quiet", "x=\"a b\"", NULL),
			 RUNARGS_OK);
	argv_init(&a);
	assert_int_equal(run_qemu_build(&O, &a), 0);
	expect_argv(&a, (const char *const[]){
		"/opt/qemu", "-M", "microvm", "-m", "256M", "-display", "none", "-serial", "stdio",
		"-monitor", "none", "-no-reboot", "-net", "none",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-kernel", "k.elf",
		"-initrd", "i.cpio", "-append", "ktest quiet x=\"a b\"", "-icount", "shift=0", NULL });
	argv_free(&a);
}

/* --qemu-global becomes one -global after the devices; a malformed one,
 * or one for a platform that is not QEMU's own, is refused. */
static void test_qemu_global(void **state)
{
	struct argv a;
	(void)state;

	assert_int_equal(parse("--on", "qemu", "--kernel", "k.elf", "--initrd", "i.cpio",
			       "--qemu-global", "virtio-blk-pci.ioeventfd=off", NULL), RUNARGS_OK);
	argv_init(&a);
	assert_int_equal(run_qemu_build(&O, &a), 0);
	expect_argv(&a, (const char *const[]){
		"qemu-system-x86_64", "-M", "pc", "-m", "256M", "-display", "none", "-serial", "stdio",
		"-monitor", "none", "-no-reboot", "-net", "none",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-global", "virtio-blk-pci.ioeventfd=off",
		"-kernel", "k.elf", "-initrd", "i.cpio", "-append", "", NULL });
	argv_free(&a);
	assert_int_equal(parse("--on", "qemu", "--qemu-global", "ioeventfd=off", NULL), RUNARGS_USAGE);
	expect_err("is not DRIVER.PROPERTY=VALUE");
	assert_int_equal(parse("--on", "qemu", "--qemu-global", "virtio-blk-pci.ioeventfd=", NULL), RUNARGS_USAGE);
	expect_err("is not DRIVER.PROPERTY=VALUE");
	assert_int_equal(parse("--on", "qemu", "--qemu-global", ".x=1", NULL), RUNARGS_USAGE);
	expect_err("is not DRIVER.PROPERTY=VALUE");
	assert_int_equal(parse("--on", "xen", "--qemu-global", "a.b=c", NULL), RUNARGS_USAGE);
	expect_err("--qemu-global is for --on qemu or kvm");
}

static void test_argv_format_quotes(void **state)
{
	struct argv a;
	char *line;
	(void)state;

	argv_init(&a);
	argv_pushv(&a, (const char *const[]){ "qemu", "-append", "a b", "", "it's", "x=1,y:2/z", NULL });
	line = argv_format(&a);
	assert_string_equal(line, "qemu -append 'a b' '' 'it'\\''s' x=1,y:2/z");
	free(line);
	argv_free(&a);
}

static void test_argv_join(void **state)
{
	char *words[] = { "a", "b=c", "d" };
	char *s;
	(void)state;

	s = argv_join(words, 3);
	assert_string_equal(s, "a b=c d");
	free(s);
	s = argv_join(words, 0);
	assert_string_equal(s, "");
	free(s);
}

static void test_exit_status_mapping(void **state)
{
	char msg[160];
	(void)state;

	assert_int_equal(run_status_map(W_EXITCODE(1, 0), 0, VERDICT_PASSED, msg, sizeof msg), RUN_EXIT_PASS);
	assert_string_equal(msg, "");
	assert_int_equal(run_status_map(W_EXITCODE(3, 0), 0, VERDICT_FAILED, msg, sizeof msg), RUN_EXIT_FAIL);
	assert_string_equal(msg, "");
	assert_int_equal(run_status_map(W_EXITCODE(0, 0), 0, VERDICT_PANIC, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_string_equal(msg, "proteus: guest ended without reporting a result (qemu exit 0)");
	assert_int_equal(run_status_map(W_EXITCODE(33, 0), 0, VERDICT_PANIC, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_string_equal(msg, "proteus: guest ended without reporting a result (qemu exit 33)");
	assert_int_equal(run_status_map(W_EXITCODE(0, 9), 0, VERDICT_PANIC, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_non_null(strstr(msg, "signal 9"));
	/* QEMU's own failure also exits 1: its error message on stderr tells */
	assert_int_equal(run_status_map(W_EXITCODE(1, 0), 1, VERDICT_PANIC, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_non_null(strstr(msg, "qemu exit 1"));
	/* an exit of 1 with no verdict line is no pass: a missing QEMU, `false` */
	assert_int_equal(run_status_map(W_EXITCODE(1, 0), 0, VERDICT_NONE, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_non_null(strstr(msg, "no verdict line"));
	assert_int_equal(run_status_map(W_EXITCODE(3, 0), 0, VERDICT_NONE, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_int_equal(run_status_map(W_EXITCODE(1, 0), 0, VERDICT_FAILED, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_non_null(strstr(msg, "verdict was 'failed'"));
	assert_int_equal(run_status_map(W_EXITCODE(3, 0), 0, VERDICT_PASSED, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_int_equal(RUN_EXIT_TIMEOUT, 124);
	assert_int_equal(RUN_EXIT_USAGE, 2);
}

static void test_verdict_scan(void **state)
{
	struct verdict_scan v;
	static const char chunks[] = "boot\r\nproteus-verdict: fai";
	(void)state;

	verdict_init(&v);
	assert_int_equal(v.last, VERDICT_NONE);
	/* split across chunks, CRLF endings */
	verdict_push(&v, chunks, sizeof chunks - 1);
	assert_int_equal(v.last, VERDICT_NONE);
	verdict_push(&v, "led\r\n", 5);
	assert_int_equal(v.last, VERDICT_FAILED);
	/* the last one wins */
	verdict_push(&v, "proteus-verdict: passed\n", 24);
	assert_int_equal(v.last, VERDICT_PASSED);
	/* a console relayed through more than one tty: \r\r\r\n */
	verdict_push(&v, "proteus-verdict: failed\r\r\r\n", 27);
	assert_int_equal(v.last, VERDICT_FAILED);
	/* only whole lines, only the known words, only at the start of a line */
	verdict_init(&v);
	verdict_push(&v, "x proteus-verdict: passed\n", 26);
	verdict_push(&v, "proteus-verdict: passedx\n", 25);
	verdict_push(&v, "proteus-verdict: \n", 18);
	verdict_push(&v, "proteus-verdict: passed", 23);
	assert_int_equal(v.last, VERDICT_NONE);
	/* a long line is never a verdict, and does not overflow the scanner */
	verdict_init(&v);
	for (int i = 0; i < 1000; i++)
		verdict_push(&v, "proteus-verdict: panic ", 23);
	verdict_push(&v, "\nproteus-verdict: panic\n", 24);
	assert_int_equal(v.last, VERDICT_PANIC);
}

static char *tail_text(const struct tail *t, unsigned n, unsigned *lines)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	*lines = tail_print(t, n, f);
	fclose(f);
	return buf;
}

static void test_tail_last_lines(void **state)
{
	static struct tail t;
	unsigned lines;
	char *s, line[32];
	(void)state;

	tail_init(&t);
	s = tail_text(&t, 20, &lines);
	assert_string_equal(s, "");
	assert_int_equal(lines, 0);
	free(s);
	for (int i = 1; i <= 30; i++) {
		snprintf(line, sizeof line, "line %d\r\n", i);
		tail_push(&t, line, strlen(line));
	}
	s = tail_text(&t, 3, &lines);
	assert_string_equal(s, "line 28\nline 29\nline 30\n");
	assert_int_equal(lines, 3);
	free(s);
	tail_push(&t, "partial", 7);
	s = tail_text(&t, 2, &lines);
	assert_string_equal(s, "line 30\npartial\n");
	free(s);
}

static void test_tail_fewer_lines_and_overflow(void **state)
{
	static struct tail t;
	static char big[TAIL_BYTES * 2];
	unsigned lines;
	char *s;
	(void)state;

	tail_init(&t);
	tail_push(&t, "one\ntwo\n", 8);
	s = tail_text(&t, 20, &lines);
	assert_string_equal(s, "one\ntwo\n");
	assert_int_equal(lines, 2);
	free(s);
	memset(big, 'x', sizeof big);
	big[sizeof big - 6] = '\n';
	memcpy(big + sizeof big - 5, "end\n", 4);
	big[sizeof big - 1] = 0;
	tail_push(&t, big, sizeof big - 1);
	s = tail_text(&t, 1, &lines);
	assert_string_equal(s, "end\n");
	free(s);
}

static void push(struct errscan *e, const char *s)
{
	errscan_push(e, s, strlen(s));
}

static void test_errscan(void **state)
{
	struct errscan e;
	(void)state;

	errscan_init(&e);
	push(&e, "qemu-system-x86_64: warning: host doesn't support requested feature\n");
	push(&e, "\n");
	errscan_end(&e);
	assert_false(e.error);
	errscan_init(&e);
	push(&e, "qemu: invalid ");
	assert_false(e.error);
	push(&e, "kernel header\n");
	assert_true(e.error);
	errscan_init(&e);
	push(&e, "Cannot load x86-64 image, give a 32bit one.");
	assert_false(e.error);
	errscan_end(&e);
	assert_true(e.error);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_option),
		cmocka_unit_test(test_equals_form),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_bad_usage),
		cmocka_unit_test(test_cmdline_length),
		cmocka_unit_test(test_timeout_must_be_seconds),
		cmocka_unit_test(test_platform_table),
		cmocka_unit_test(test_kvm_argv),
		cmocka_unit_test(test_gdb_waits),
		cmocka_unit_test(test_interactive_waits),
		cmocka_unit_test(test_resolve_files),
		cmocka_unit_test(test_qemu_argv_plain),
		cmocka_unit_test(test_qemu_argv_full),
		cmocka_unit_test(test_qemu_global),
		cmocka_unit_test(test_argv_format_quotes),
		cmocka_unit_test(test_argv_join),
		cmocka_unit_test(test_exit_status_mapping),
		cmocka_unit_test(test_verdict_scan),
		cmocka_unit_test(test_tail_last_lines),
		cmocka_unit_test(test_tail_fewer_lines_and_overflow),
		cmocka_unit_test(test_errscan),
	};

	return cmocka_run_group_tests_name("proteus run", tests, NULL, NULL);
}
