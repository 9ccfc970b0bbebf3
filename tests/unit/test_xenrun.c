/*
 * test_xenrun.c — `proteus run --on xen` without Xen: telling Xen's lines
 * from the guest's, the lines that end a run, the -initrd module string and
 * what it refuses, the QEMU argv, the exit mapping, finding the image, and
 * the watch driving a real child process through launch_run.
 *
 * The Xen lines are copied from Debian's Xen 4.17.7 booted under QEMU 7.2.
 */
#define _GNU_SOURCE /* W_EXITCODE */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "tools/proteus/launch.h"
#include "tools/proteus/run.h"
#include "tools/proteus/xenfetch.h"
#include "tools/proteus/xenlog.h"
#include "tools/proteus/xenwatch.h"
#include "run_fixture.h"

/* ---- xenlog_classify ---------------------------------------------------- */

static enum xenlog_event classify(const char *line)
{
	return xenlog_classify(line, strlen(line));
}

static void test_classify_shutdown_lines(void **state)
{
	(void)state;
	assert_int_equal(classify("(XEN) Hardware Dom0 halted: halting machine"), XENLOG_DOM0_POWEROFF);
	assert_int_equal(classify("(XEN) Hardware Dom0 shutdown: rebooting machine"), XENLOG_DOM0_REBOOT);
	assert_int_equal(classify("(XEN) Hardware Dom0 crashed: rebooting machine in 5 seconds."), XENLOG_DOM0_CRASH);
	assert_int_equal(classify("(XEN) Hardware Dom0 crashed: 'noreboot' set - not rebooting."), XENLOG_DOM0_CRASH);
	assert_int_equal(classify("(XEN) Hardware Dom0 crashed: "), XENLOG_DOM0_CRASH);
	assert_int_equal(classify("(XEN) Hardware Dom0 shutdown: watchdog rebooting machine"), XENLOG_DOM0_OTHER);
	assert_int_equal(classify("(XEN) Hardware Dom0 shutdown (unknown reason 9): rebooting machine in 5 seconds."),
			 XENLOG_DOM0_OTHER);
	assert_int_equal(classify("(XEN) Hardware domain 0 did unsupported soft reset, rebooting."), XENLOG_DOM0_OTHER);
	/* a late hardware domain has another id */
	assert_int_equal(classify("(XEN) Hardware Dom12 halted: halting machine"), XENLOG_DOM0_POWEROFF);
}

static void test_classify_panic_and_others(void **state)
{
	(void)state;
	/* the panic counts at its last line, so that its message is logged first */
	assert_int_equal(classify("(XEN) Panic on CPU 0:"), XENLOG_NONE);
	assert_int_equal(classify("(XEN) Could not construct domain 0"), XENLOG_NONE);
	assert_int_equal(classify("(XEN) Reboot in five seconds..."), XENLOG_XEN_PANIC);
	assert_int_equal(classify("(XEN) Manual reset required ('noreboot' specified)"), XENLOG_XEN_PANIC);
	assert_int_equal(classify("(XEN) Crash in five seconds..."), XENLOG_XEN_PANIC);
	assert_int_equal(classify("(XEN) Freed 656kB init memory"), XENLOG_NONE);
	assert_int_equal(classify("(XEN) d0v0 Unhandled: vec 6, #UD[ffffffff]"), XENLOG_NONE);
	assert_int_equal(classify("(XEN) Domain 0 (vcpu#0) crashed on cpu#0:"), XENLOG_NONE);
	assert_int_equal(classify("(XEN) Hardware DomX halted: halting machine"), XENLOG_NONE);
	assert_int_equal(classify("(XEN) Hardware Dom"), XENLOG_NONE);
	assert_int_equal(classify("(XEN)"), XENLOG_NONE);
	assert_int_equal(classify(""), XENLOG_NONE);
	/* only Xen's own lines count: the guest cannot end the run by printing */
	assert_int_equal(classify("Hardware Dom0 halted: halting machine"), XENLOG_NONE);
	assert_int_equal(classify("guest: (XEN) Hardware Dom0 halted: halting machine"), XENLOG_NONE);
	assert_non_null(strstr(xenlog_event_name(XENLOG_DOM0_CRASH), "crashed"));
	assert_non_null(strstr(xenlog_event_name(XENLOG_XEN_PANIC), "panicked"));
}

/* ---- xenlog splitting --------------------------------------------------- */

struct split {
	char guest[8192], xen[8192];
	size_t ng, nx;
	int last;                /* 'g' or 'x': which sink got the last call */
	int interleaved;         /* a sink got bytes of a line the other began */
};

static void sink_guest(void *ctx, const char *p, size_t n)
{
	struct split *s = ctx;

	assert_true(n > 0);
	assert_true(s->ng + n < sizeof s->guest);
	memcpy(s->guest + s->ng, p, n);
	s->ng += n;
	s->guest[s->ng] = 0;
	s->last = 'g';
}

static void sink_xen(void *ctx, const char *p, size_t n)
{
	struct split *s = ctx;

	assert_true(n > 0);
	assert_true(s->nx + n < sizeof s->xen);
	memcpy(s->xen + s->nx, p, n);
	s->nx += n;
	s->xen[s->nx] = 0;
	s->last = 'x';
}

/* Split text fed in chunks of `chunk` bytes (0: all at once). */
static enum xenlog_event split(const char *text, size_t chunk, struct split *s)
{
	struct xenlog x;
	size_t n = strlen(text);

	memset(s, 0, sizeof *s);
	xenlog_init(&x, sink_guest, sink_xen, s);
	if (!chunk)
		chunk = n ? n : 1;
	for (size_t i = 0; i < n; i += chunk)
		xenlog_push(&x, text + i, n - i < chunk ? n - i : chunk);
	xenlog_end(&x);
	return x.event;
}

/* Every chunking gives the same split. */
static void expect_split(const char *text, const char *guest, const char *xen, enum xenlog_event ev)
{
	static const size_t chunks[] = { 0, 1, 2, 3, 4, 5, 6, 7, 13, 64 };
	struct split s;

	for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		enum xenlog_event got = split(text, chunks[i], &s);

		if (strcmp(s.guest, guest) != 0)
			fail_msg("chunk %zu: guest got \"%s\", expected \"%s\"", chunks[i], s.guest, guest);
		if (strcmp(s.xen, xen) != 0)
			fail_msg("chunk %zu: xen got \"%s\", expected \"%s\"", chunks[i], s.xen, xen);
		assert_int_equal(got, ev);
	}
}

static void test_split_boot(void **state)
{
	(void)state;
	/* as on COM1: Xen's boot, dom0's console_io lines, dom0 powers off */
	expect_split("(XEN) Xen version 4.17.7 (Debian 4.17.7+13-g2445b30a44-0+deb12u1)\r\n"
		     "(XEN) Freed 656kB init memory\r\n"
		     "pvtest: hello from dom0\r\n"
		     "ktest: (3 of 4) ok\r\n"
		     "(XEN) Hardware Dom0 halted: halting machine\r\n",
		     "pvtest: hello from dom0\r\n"
		     "ktest: (3 of 4) ok\r\n",
		     "(XEN) Xen version 4.17.7 (Debian 4.17.7+13-g2445b30a44-0+deb12u1)\r\n"
		     "(XEN) Freed 656kB init memory\r\n"
		     "(XEN) Hardware Dom0 halted: halting machine\r\n",
		     XENLOG_DOM0_POWEROFF);
}

static void test_split_banner_before_first_xen_line(void **state)
{
	(void)state;
	/* a build with the figlet banner prints it raw; it is Xen's */
	expect_split(" __  __            _  _    _ _____ \r\n"
		     " \\ \\/ /___ _ __   | || |  / |___  |\r\n"
		     "(c) banner line in parentheses\r\n"
		     "\r\n"
		     "(XEN) Xen version 4.17.7\r\n"
		     "(dom0) a guest line that starts with '('\r\n",
		     "(dom0) a guest line that starts with '('\r\n",
		     " __  __            _  _    _ _____ \r\n"
		     " \\ \\/ /___ _ __   | || |  / |___  |\r\n"
		     "(c) banner line in parentheses\r\n"
		     "\r\n"
		     "(XEN) Xen version 4.17.7\r\n",
		     XENLOG_NONE);
}

static void test_split_midline_xen(void **state)
{
	(void)state;
	/* seen on Xen 4.17: dom0 wrote half a line, then faulted */
	expect_split("(XEN) boot\r\n"
		     "pvtest: partial line, no newline(XEN) d0v0 Unhandled: vec 13, #GP[0000]\r\n"
		     "(XEN) Hardware Dom0 crashed: rebooting machine in 5 seconds.\r\n",
		     "pvtest: partial line, no newline",
		     "(XEN) boot\r\n"
		     "(XEN) d0v0 Unhandled: vec 13, #GP[0000]\r\n"
		     "(XEN) Hardware Dom0 crashed: rebooting machine in 5 seconds.\r\n",
		     XENLOG_DOM0_CRASH);
	/* the guest's line resumes after Xen's */
	expect_split("(XEN) boot\r\nabc ((XE(XEN) note\r\n def\r\n",
		     "abc ((XE def\r\n",
		     "(XEN) boot\r\n(XEN) note\r\n",
		     XENLOG_NONE);
}

static void test_split_held_bytes_and_end(void **state)
{
	(void)state;
	/* bytes that might begin "(XEN)" are held, then released at the end */
	expect_split("(XEN) boot\r\nprompt (XE", "prompt (XE", "(XEN) boot\r\n", XENLOG_NONE);
	expect_split("(XEN) boot\r\n(", "(", "(XEN) boot\r\n", XENLOG_NONE);
	/* a Xen line cut off by QEMU's end is still judged */
	expect_split("(XEN) boot\r\n(XEN) Hardware Dom0 crashed: ", "", "(XEN) boot\r\n(XEN) Hardware Dom0 crashed: ",
		     XENLOG_DOM0_CRASH);
	/* no output at all */
	expect_split("", "", "", XENLOG_NONE);
}

static void test_split_first_event_wins(void **state)
{
	(void)state;
	expect_split("(XEN) Hardware Dom0 shutdown: rebooting machine\r\n"
		     "(XEN) Reboot in five seconds...\r\n",
		     "",
		     "(XEN) Hardware Dom0 shutdown: rebooting machine\r\n"
		     "(XEN) Reboot in five seconds...\r\n",
		     XENLOG_DOM0_REBOOT);
}

static void test_split_long_xen_line(void **state)
{
	static char text[2048], xen[1024];
	(void)state;

	/* a line longer than the classifier's buffer is judged by its start */
	snprintf(xen, sizeof xen, "(XEN) Hardware Dom0 crashed: %0400d\r\n", 7);
	snprintf(text, sizeof text, "%sguest\n", xen);
	expect_split(text, "guest\n", xen, XENLOG_DOM0_CRASH);
}

static void test_split_streams_guest_at_once(void **state)
{
	struct split s;
	struct xenlog x;
	(void)state;

	/* only bytes that may begin "(XEN)" wait; the rest is passed on at once */
	memset(&s, 0, sizeof s);
	xenlog_init(&x, sink_guest, sink_xen, &s);
	xenlog_push(&x, "(XEN) boot\r\n", 12);
	xenlog_push(&x, "login: ", 7);
	assert_string_equal(s.guest, "login: ");
	xenlog_push(&x, "a(b", 3);
	assert_string_equal(s.guest, "login: a(b");
	xenlog_push(&x, "x(X", 3);
	assert_string_equal(s.guest, "login: a(bx");
}

/* ---- the module string ------------------------------------------------ */

static void expect_modules(const char *kernel, char **kargs, size_t n, const char *initrd, const char *want)
{
	char *m = run_xen_modules(kernel, kargs, n, initrd, ERR, sizeof ERR);

	if (!m)
		fail_msg("refused: %s", ERR);
	assert_string_equal(m, want);
	free(m);
}

static void test_modules(void **state)
{
	char *args[] = { "ktest", "ktest.only=irq", "init=/bin/x" };
	char *odd[] = { "", "x=\"a b\"" };
	(void)state;

	expect_modules("build/proteus.elf", NULL, 0, NULL, "build/proteus.elf");
	expect_modules("build/proteus.elf", NULL, 0, "build/initrd.cpio", "build/proteus.elf,build/initrd.cpio");
	expect_modules("build/proteus.elf", args, 3, "build/initrd.cpio",
		       "build/proteus.elf ktest ktest.only=irq init=/bin/x,build/initrd.cpio");
	expect_modules("/abs/k.elf", args, 1, NULL, "/abs/k.elf ktest");
	/* spaces inside arguments are fine: only the file name ends at one */
	expect_modules("k", odd, 2, "i", "k  x=\"a b\",i");
}

static void test_modules_refused(void **state)
{
	char *comma[] = { "ktest", "a=b,c" };
	(void)state;

	assert_null(run_xen_modules("k.elf", comma, 2, "i", ERR, sizeof ERR));
	expect_err("kernel argument 'a=b,c' contains ','");
	expect_err("splits at commas");
	assert_null(run_xen_modules("k,1.elf", NULL, 0, NULL, ERR, sizeof ERR));
	expect_err("kernel path 'k,1.elf' contains ','");
	assert_null(run_xen_modules("k.elf", NULL, 0, "in,itrd", ERR, sizeof ERR));
	expect_err("initrd path 'in,itrd' contains ','");
	assert_null(run_xen_modules("my k.elf", NULL, 0, NULL, ERR, sizeof ERR));
	expect_err("kernel path 'my k.elf' contains ' '");
	assert_null(run_xen_modules("k.elf", NULL, 0, "my initrd", ERR, sizeof ERR));
	expect_err("initrd path 'my initrd' contains ' '");
}

/* ---- options, prepare, argv --------------------------------------------- */

static void test_xen_options(void **state)
{
	(void)state;
	assert_int_equal(parse("--on", "xen", NULL), RUNARGS_OK);
	assert_null(O.xen);
	assert_null(O.xen_log);
	assert_int_equal(parse("--on", "xen", "--xen", "/c/xen.elf", "--xen-log=x.log", NULL), RUNARGS_OK);
	assert_string_equal(O.xen, "/c/xen.elf");
	assert_string_equal(O.xen_log, "x.log");
	assert_int_equal(parse("--on", "qemu", "--xen", "/c/xen.elf", NULL), RUNARGS_USAGE);
	expect_err("--xen is for --on xen");
	assert_int_equal(parse("--on", "qemu", "--xen-log", "x", NULL), RUNARGS_USAGE);
	expect_err("--xen-log is for --on xen");
	assert_int_equal(parse("--on", "xen", "--xen", NULL), RUNARGS_USAGE);
	expect_err("--xen needs a value");
}

static void test_prepare_refuses_before_fetching(void **state)
{
	struct run_watch w = { 0 };
	(void)state;

	/* both are refused before any image is looked for: no fetch, no network */
	assert_int_equal(parse("--on", "xen", "--kernel", "k.elf", "--", "ktest", "a,b", NULL), RUNARGS_OK);
	assert_int_equal(run_xen_prepare(&O, &w, ERR, sizeof ERR), -1);
	expect_err("kernel argument 'a,b' contains ','");
	assert_int_equal(parse("--on", "xen", "--machine", "q35", NULL), RUNARGS_OK);
	assert_int_equal(run_xen_prepare(&O, &w, ERR, sizeof ERR), -1);
	expect_err("pc machine only");
	assert_null(w.filter);
	/* an explicit image that is not there */
	assert_int_equal(parse("--on", "xen", "--kernel", "k.elf", "--xen", "/nonexistent/xen.elf", NULL), RUNARGS_OK);
	assert_int_equal(run_xen_prepare(&O, &w, ERR, sizeof ERR), -1);
	expect_err("--xen /nonexistent/xen.elf");
}

static void test_xen_argv(void **state)
{
	struct argv a;
	(void)state;

	assert_int_equal(parse("--on", "xen", "--kernel", "k.elf", "--initrd", "i.cpio", "--icount", "--", "ktest",
			       "loglevel=7", NULL),
			 RUNARGS_OK);
	O.xen = "/cache/xen.elf";          /* as run_xen_prepare leaves it */
	argv_init(&a);
	assert_int_equal(run_xen_build(&O, &a), 0);
	expect_argv(&a, (const char *const[]){
		"qemu-system-x86_64", "-M", "pc", "-m", "512M", "-display", "none", "-serial", "stdio",
		"-monitor", "none", "-no-reboot", "-net", "none",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-kernel", "/cache/xen.elf",
		"-append", "console=com1 com1=115200,8n1 dom0_mem=64M loglvl=all guest_loglvl=all noreboot=false",
		"-initrd", "k.elf ktest loglevel=7,i.cpio", "-icount", "shift=0", NULL });
	argv_free(&a);
	/* no initrd (the default one absent), no args */
	assert_int_equal(parse("--on", "xen", "--kernel", "k.elf", NULL), RUNARGS_OK);
	O.initrd = NULL;
	O.xen = "x.elf";
	argv_init(&a);
	assert_int_equal(run_xen_build(&O, &a), 0);
	assert_string_equal(a.v[a.n - 1], "k.elf");
	assert_string_equal(a.v[a.n - 2], "-initrd");
	argv_free(&a);
	/* --mem sizes dom0, and the machine gets Xen's share on top */
	assert_int_equal(parse("--on", "xen", "--kernel", "k.elf", "--mem", "384", NULL), RUNARGS_OK);
	O.initrd = NULL;
	O.xen = "x.elf";
	argv_init(&a);
	assert_int_equal(run_xen_build(&O, &a), 0);
	assert_string_equal(a.v[4], "512M");
	assert_string_equal(a.v[19], "console=com1 com1=115200,8n1 dom0_mem=384M loglvl=all guest_loglvl=all "
				     "noreboot=false");
	argv_free(&a);
	assert_int_equal(parse("--on", "xen", "--mem", "8", NULL), RUNARGS_USAGE);
	expect_err("--mem '8' is not a size in MiB");
	assert_int_equal(parse("--on", "qemu", "--mem", "1G", NULL), RUNARGS_USAGE);
	/* without prepare there is no image to boot */
	O.xen = NULL;
	argv_init(&a);
	assert_int_equal(run_xen_build(&O, &a), -1);
	argv_free(&a);
}

static void test_platform_xen(void **state)
{
	const struct run_platform *p = run_platform_find("xen");
	(void)state;

	assert_non_null(p);
	assert_ptr_equal(p->build, run_xen_build);
	assert_ptr_equal(p->prepare, run_xen_prepare);
	assert_null(run_platform_find("qemu")->prepare);
}

/* ---- exit mapping --------------------------------------------------------- */

static void test_exit_mapping_xen(void **state)
{
	char msg[200];
	int killed = W_EXITCODE(0, SIGKILL);
	(void)state;

	/* SCHEDOP_shutdown, read from Xen's log; QEMU was killed after the line */
	assert_int_equal(run_status_map_xen(XENLOG_DOM0_POWEROFF, killed, 0, VERDICT_PASSED, msg, sizeof msg), RUN_EXIT_PASS);
	assert_string_equal(msg, "");
	assert_int_equal(run_status_map_xen(XENLOG_DOM0_REBOOT, killed, 0, VERDICT_FAILED, msg, sizeof msg), RUN_EXIT_FAIL);
	assert_string_equal(msg, "");
	assert_int_equal(run_status_map_xen(XENLOG_DOM0_CRASH, killed, 0, VERDICT_PANIC, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_non_null(strstr(msg, "dom0 crashed"));
	assert_int_equal(run_status_map_xen(XENLOG_DOM0_OTHER, W_EXITCODE(0, 0), 0, VERDICT_PANIC, msg, sizeof msg),
			 RUN_EXIT_NORESULT);
	assert_non_null(strstr(msg, "without a result"));
	assert_int_equal(run_status_map_xen(XENLOG_XEN_PANIC, killed, 0, VERDICT_PANIC, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_non_null(strstr(msg, "Xen panicked"));
	/* the isa-debug-exit port: QEMU's status, as on plain QEMU */
	assert_int_equal(run_status_map_xen(XENLOG_NONE, W_EXITCODE(1, 0), 0, VERDICT_PASSED, msg, sizeof msg), RUN_EXIT_PASS);
	assert_int_equal(run_status_map_xen(XENLOG_NONE, W_EXITCODE(3, 0), 0, VERDICT_FAILED, msg, sizeof msg), RUN_EXIT_FAIL);
	assert_int_equal(run_status_map_xen(XENLOG_NONE, W_EXITCODE(5, 0), 0, VERDICT_PANIC, msg, sizeof msg), RUN_EXIT_NORESULT);
	/* QEMU's reset with no line of Xen's (a triple fault) */
	assert_int_equal(run_status_map_xen(XENLOG_NONE, W_EXITCODE(0, 0), 0, VERDICT_PANIC, msg, sizeof msg), RUN_EXIT_NORESULT);
	assert_int_equal(run_status_map_xen(XENLOG_NONE, W_EXITCODE(1, 0), 1, VERDICT_PANIC, msg, sizeof msg), RUN_EXIT_NORESULT);
	/* the line decides even if QEMU then exited on its own */
	assert_int_equal(run_status_map_xen(XENLOG_DOM0_REBOOT, W_EXITCODE(0, 0), 0, VERDICT_FAILED, msg, sizeof msg), RUN_EXIT_FAIL);
	/* Xen's line and the guest's verdict must agree */
	assert_int_equal(run_status_map_xen(XENLOG_DOM0_POWEROFF, killed, 0, VERDICT_NONE, msg, sizeof msg),
			 RUN_EXIT_NORESULT);
	assert_non_null(strstr(msg, "no verdict line"));
	assert_int_equal(run_status_map_xen(XENLOG_DOM0_POWEROFF, killed, 0, VERDICT_FAILED, msg, sizeof msg),
			 RUN_EXIT_NORESULT);
	assert_non_null(strstr(msg, "verdict was 'failed'"));
}

/* ---- finding the image ---------------------------------------------------- */

static void test_fetch_paths(void **state)
{
	char out[64];
	(void)state;

	assert_int_equal(xenfetch_cache_dir("/x/cache", "/home/u", out, sizeof out), 0);
	assert_string_equal(out, "/x/cache/proteus/xen");
	assert_int_equal(xenfetch_cache_dir(NULL, "/home/u", out, sizeof out), 0);
	assert_string_equal(out, "/home/u/.cache/proteus/xen");
	/* XDG: a relative or empty XDG_CACHE_HOME is ignored */
	assert_int_equal(xenfetch_cache_dir("rel/cache", "/home/u", out, sizeof out), 0);
	assert_string_equal(out, "/home/u/.cache/proteus/xen");
	assert_int_equal(xenfetch_cache_dir("", "/home/u", out, sizeof out), 0);
	assert_string_equal(out, "/home/u/.cache/proteus/xen");
	assert_int_equal(xenfetch_cache_dir(NULL, NULL, out, sizeof out), -1);
	assert_int_equal(xenfetch_cache_dir("rel", "", out, sizeof out), -1);
	assert_int_equal(xenfetch_cache_dir(NULL, "/home/u", out, 10), -1);

	assert_int_equal(xenfetch_script("/src/proteus/build/proteus", out, sizeof out), 0);
	assert_string_equal(out, "/src/proteus/build/../mk/fetch-xen.sh");
	assert_int_equal(xenfetch_script("proteus", out, sizeof out), -1);
	assert_int_equal(xenfetch_script("/a/b/build/proteus", out, 8), -1);
}

static void test_fetch_last_line(void **state)
{
	char out[64];
	const char *t;
	(void)state;

	t = "noise\n/home/u/.cache/proteus/xen/xen.elf\n";
	assert_int_equal(xenfetch_last_line(t, strlen(t), out, sizeof out), 0);
	assert_string_equal(out, "/home/u/.cache/proteus/xen/xen.elf");
	t = "/c/xen.elf";
	assert_int_equal(xenfetch_last_line(t, strlen(t), out, sizeof out), 0);
	assert_string_equal(out, "/c/xen.elf");
	t = "a\r\n/c/xen.elf\r\n\n";
	assert_int_equal(xenfetch_last_line(t, strlen(t), out, sizeof out), 0);
	assert_string_equal(out, "/c/xen.elf");
	t = "\n\n";
	assert_int_equal(xenfetch_last_line(t, strlen(t), out, sizeof out), -1);
	assert_int_equal(xenfetch_last_line("", 0, out, sizeof out), -1);
	t = "/a/very/long/path/that/does/not/fit/in/the/small/buffer/xen.elf\n";
	assert_int_equal(xenfetch_last_line(t, strlen(t), out, 16), -1);
}

/* ---- the watch on a real child ------------------------------------------- */

/* Run sh -c script under launch_run with the Xen watch; guest output into guest_log. */
static int watch_run(const char *script, const char *xen_log, const char *guest_log, double timeout,
		     struct launch_result *r, char *msg, size_t len)
{
	char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };
	struct run_watch w;
	struct launch_opts lo = { argv, timeout, -1, 0, NULL, NULL, 0, 0 };
	int saved = dup(1), null = open("/dev/null", O_WRONLY), rc;

	assert_int_equal(xenwatch_start(xen_log, &w, ERR, sizeof ERR), 0);
	lo.filter = w.filter;
	lo.filter_ctx = w.ctx;
	lo.log_fd = open(guest_log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(lo.log_fd >= 0 && saved >= 0 && null >= 0);
	fflush(stdout);
	dup2(null, 1);           /* the guest's output must not mix with the TAP stream */
	launch_run(&lo, r);
	dup2(saved, 1);
	close(saved);
	close(null);
	close(lo.log_fd);
	rc = w.status(w.ctx, r, msg, len);
	w.finish(w.ctx);
	return rc;
}

static char *slurp(const char *path)
{
	static char buf[8192];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static void test_watch_stops_on_halt(void **state)
{
	static struct launch_result r;
	char msg[200], xlog[] = "/tmp/proteus-xenlog-XXXXXX", glog[] = "/tmp/proteus-guestlog-XXXXXX";
	struct timespec t0, t1;
	int rc;
	(void)state;

	close(mkstemp(xlog));
	close(mkstemp(glog));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* like QEMU after dom0's SCHEDOP_shutdown(poweroff): the line, then a hang */
	rc = watch_run("printf '(XEN) Freed 656kB init memory\\r\\nktest: all passed\\r\\n"
		       "proteus-verdict: passed\\r\\n'; "
		       "printf '(XEN) Hardware Dom0 halted: halting machine\\r\\n'; exec sleep 30",
		       xlog, glog, 20, &r, msg, sizeof msg);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(r.how, LAUNCH_STOPPED);
	assert_int_equal(rc, RUN_EXIT_PASS);
	assert_true(t1.tv_sec - t0.tv_sec < 10);   /* killed at the line, not at the timeout */
	assert_string_equal(slurp(glog), "ktest: all passed\r\nproteus-verdict: passed\r\n");
	assert_string_equal(slurp(xlog), "(XEN) Freed 656kB init memory\r\n(XEN) Hardware Dom0 halted: halting machine\r\n");
	unlink(xlog);
	unlink(glog);
}

static void test_watch_port_exit(void **state)
{
	static struct launch_result r;
	char msg[200], glog[] = "/tmp/proteus-guestlog-XXXXXX";
	int rc;
	(void)state;

	close(mkstemp(glog));
	/* like QEMU after dom0 wrote 1 to isa-debug-exit: exit (1 << 1) | 1 */
	rc = watch_run("printf '(XEN) boot\\r\\nktest: 1 failed\\r\\nproteus-verdict: failed\\r\\n'; exit 3",
		       NULL, glog, 20, &r, msg, sizeof msg);
	assert_int_equal(r.how, LAUNCH_EXITED);
	assert_int_equal(rc, RUN_EXIT_FAIL);
	assert_string_equal(slurp(glog), "ktest: 1 failed\r\nproteus-verdict: failed\r\n");
	/* the guest's tail holds only the guest's lines */
	assert_int_equal(r.tail.total, strlen("ktest: 1 failed\r\nproteus-verdict: failed\r\n"));
	/* a verdict line inside Xen's log is Xen's, not the guest's */
	rc = watch_run("printf '(XEN) proteus-verdict: failed\\r\\n'; exit 3", NULL, glog, 20, &r, msg,
		       sizeof msg);
	assert_int_equal(rc, RUN_EXIT_NORESULT);
	unlink(glog);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_shutdown_lines),
		cmocka_unit_test(test_classify_panic_and_others),
		cmocka_unit_test(test_split_boot),
		cmocka_unit_test(test_split_banner_before_first_xen_line),
		cmocka_unit_test(test_split_midline_xen),
		cmocka_unit_test(test_split_held_bytes_and_end),
		cmocka_unit_test(test_split_first_event_wins),
		cmocka_unit_test(test_split_long_xen_line),
		cmocka_unit_test(test_split_streams_guest_at_once),
		cmocka_unit_test(test_modules),
		cmocka_unit_test(test_modules_refused),
		cmocka_unit_test(test_xen_options),
		cmocka_unit_test(test_prepare_refuses_before_fetching),
		cmocka_unit_test(test_xen_argv),
		cmocka_unit_test(test_platform_xen),
		cmocka_unit_test(test_exit_mapping_xen),
		cmocka_unit_test(test_fetch_paths),
		cmocka_unit_test(test_fetch_last_line),
		cmocka_unit_test(test_watch_stops_on_halt),
		cmocka_unit_test(test_watch_port_exit),
	};

	return cmocka_run_group_tests_name("proteus run --on xen", tests, NULL, NULL);
}
