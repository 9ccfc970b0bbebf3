/*
 * ut_report.c — how a test process reports: one record per line on the
 * runner's pipe, its first byte the kind (F failed, S skipped, N note).
 * write() only, never stdio: a test process may have been forked with
 * buffered output that must not be flushed twice.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ut.h"

int ut_report_fd = -1;
const char *ut_current = "?";

static void ut_record(char kind, const char *prefix, const char *fmt, va_list ap)
{
	char buf[512];
	int n;
	int saved = errno;

	buf[0] = kind;
	n = 1 + snprintf(buf + 1, sizeof buf - 2, "%s", prefix);
	if (n > (int)sizeof buf - 2)
		n = sizeof buf - 2;
	n += vsnprintf(buf + n, sizeof buf - 1 - n, fmt, ap);
	if (n > (int)sizeof buf - 2)
		n = sizeof buf - 2;
	for (int i = 1; i < n; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
	buf[n++] = '\n';
	/* Outside the runner (a test run by hand) the reason goes to stderr. */
	if (write(ut_report_fd >= 0 ? ut_report_fd : 2, buf, n) < 0)
		(void)0;
	errno = saved;
}

_Noreturn void ut_fail_at(const char *file, int line, const char *fmt, ...)
{
	char where[96];
	va_list ap;
	const char *base = strrchr(file, '/');

	snprintf(where, sizeof where, "%s:%d: ", base ? base + 1 : file, line);
	va_start(ap, fmt);
	ut_record('F', where, fmt, ap);
	va_end(ap);
	_exit(1);
}

_Noreturn void ut_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ut_record('S', "", fmt, ap);
	va_end(ap);
	_exit(2);
}

void ut_skip_part(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ut_record('S', "", fmt, ap);
	va_end(ap);
}

void ut_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ut_record('N', "", fmt, ap);
	va_end(ap);
}
