/*
 * ut_main.c — the usertests runner.
 *
 *   usertests [--timeout=SECONDS] [NAME...]
 *
 * Runs every registered test (or those named) in link order, each in a
 * forked child, so a test that crashes or hangs costs only its own line.
 * A hung test is killed when the runner's alarm fires; the alarm is a
 * safety net only, no result depends on it: 60 s per test, or what
 * --timeout says (0: none, for a platform so slow that only the run's
 * own deadline makes sense).  The last line is exactly
 * "usertests: N passed, M failed"; the exit status is 0 iff M is 0.
 * The runner may be pid 1 (init=/bin/usertests): then every orphan of
 * every test becomes its child, so it reaps strays after each test.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ut.h"

static int ut_timeout_s = 60;

/* Weak: a suite with no tests has no section, and runs zero tests. */
extern const struct ut_test __start_ut_tests[] __attribute__((weak));
extern const struct ut_test __stop_ut_tests[] __attribute__((weak));

static volatile sig_atomic_t ut_alarmed;

static void ut_on_alarm(int sig)
{
	(void)sig;
	ut_alarmed = 1;
}

static void ut_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ut_say(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 2)
		n = sizeof buf - 2;
	buf[n++] = '\n';
	if (write(1, buf, n) < 0)
		(void)0;
}

/* The test process starts from Linux's defaults, whatever the runner inherited. */
static void ut_child_start(const struct ut_test *t, int report)
{
	sigset_t none;

	for (int s = 1; s < 65; s++)
		signal(s, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	alarm(0);
	ut_report_fd = report;
	ut_current = t->name;
	t->fn();
	_exit(0);
}

/* Collect what the test reported: its records, up to what fits. */
static size_t ut_collect(int fd, char *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;

	fcntl(fd, F_SETFL, O_NONBLOCK);
	while (n < len - 1 && (r = read(fd, buf + n, len - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	return n;
}

/* 1 passed, 0 failed, -1 skipped. */
static int ut_run_one(const struct ut_test *t)
{
	int p[2], status = 0, result;
	char rep[2048], why[1200] = "";
	pid_t pid, r;
	int failed_records = 0, skipped = 0;

	if (pipe2(p, O_CLOEXEC) != 0) {
		ut_say("usertests: %s FAILED: pipe2: %s", t->name, ut_errname(errno));
		return 0;
	}
	pid = fork();
	if (pid < 0) {
		ut_say("usertests: %s FAILED: fork: %s", t->name, ut_errname(errno));
		close(p[0]);
		close(p[1]);
		return 0;
	}
	if (pid == 0) {
		close(p[0]);
		ut_child_start(t, p[1]);
	}
	close(p[1]);
	ut_alarmed = 0;
	alarm((unsigned)ut_timeout_s);
	while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		if (ut_alarmed)
			kill(pid, SIGKILL);
	alarm(0);
	ut_collect(p[0], rep, sizeof rep);
	close(p[0]);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		continue;

	for (char *line = rep, *end; *line; line = end) {
		end = strchr(line, '\n');
		end = end ? end + 1 : line + strlen(line);
		int len = (int)(end - line) - (end[-1] == '\n') - 1;

		if (line[0] == 'F') {
			size_t w = strlen(why);

			snprintf(why + w, sizeof why - w, "%s%.*s", failed_records ? "; " : "",
				 len, line + 1);
			failed_records++;
		} else if (line[0] == 'S') {
			ut_say("usertests: %s skipped (%.*s)", t->name, len, line + 1);
			skipped++;
		} else if (line[0] == 'N') {
			ut_say("usertests: %s note: %.*s", t->name, len, line + 1);
		}
	}
	if (r != pid) {
		ut_say("usertests: %s FAILED: waitpid: %s", t->name, ut_errname(errno));
		return 0;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !failed_records)
		result = 1;
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 2 && !failed_records && skipped)
		result = -1;
	else
		result = 0;
	if (result == 1) {
		ut_say("usertests: %s ok", t->name);
	} else if (result == 0) {
		if (!failed_records) {
			if (ut_alarmed)
				snprintf(why, sizeof why, "timed out after %d s", ut_timeout_s);
			else if (WIFSIGNALED(status))
				snprintf(why, sizeof why, "killed by signal %d (%s)",
					 WTERMSIG(status), strsignal(WTERMSIG(status)));
			else
				snprintf(why, sizeof why, "exited %d without a reason",
					 WEXITSTATUS(status));
		}
		ut_say("usertests: %s FAILED: %s", t->name, why);
	}
	return result;
}

static int ut_selected(const struct ut_test *t, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], t->name) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	int passed = 0, failed = 0;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ut_on_alarm;   /* no SA_RESTART: the alarm must end waitpid */
	sigaction(SIGALRM, &sa, NULL);
	ut_set_bindir(argc > 0 ? argv[0] : "/bin/usertests");
	while (argc > 1 && strncmp(argv[1], "--timeout=", 10) == 0) {
		char *end;
		long v = strtol(argv[1] + 10, &end, 10);

		if (*end || end == argv[1] + 10 || v < 0 || v > 86400) {
			ut_say("usertests: bad %s (want --timeout=SECONDS, 0 for none)", argv[1]);
			return 2;
		}
		ut_timeout_s = (int)v;
		argv[1] = argv[0];
		argv++;
		argc--;
	}

	for (int i = 1; i < argc; i++) {
		const struct ut_test *t;

		for (t = __start_ut_tests; t < __stop_ut_tests; t++)
			if (strcmp(argv[i], t->name) == 0)
				break;
		if (t == __stop_ut_tests) {
			ut_say("usertests: %s FAILED: no such test", argv[i]);
			failed++;
		}
	}
	ut_say("usertests: starting %d tests", (int)(__stop_ut_tests - __start_ut_tests));
	for (const struct ut_test *t = __start_ut_tests; t < __stop_ut_tests; t++) {
		if (!ut_selected(t, argc, argv))
			continue;
		int r = ut_run_one(t);

		passed += r == 1;
		failed += r == 0;
	}
	ut_say("usertests: %d passed, %d failed", passed, failed);
	return failed == 0 ? 0 : 1;
}
