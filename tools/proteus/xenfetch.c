/*
 * xenfetch.c — the Xen image: --xen, the cache, or mk/fetch-xen.sh.
 *
 * The tool works out the cache directory itself and hands it to the
 * script, so the two cannot disagree about where xen.elf lives.  The
 * script's stdout is read (its last line is the path); its stderr, apt's
 * progress and any error, goes straight to ours.
 */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tools/proteus/xenfetch.h"

#define XENFETCH_SCRIPT   "mk/fetch-xen.sh"
#define XENFETCH_OUT_MAX  65536

static int xenfetch_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int xenfetch_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int xenfetch_fits(int n, size_t len)
{
	return n >= 0 && (size_t)n < len;
}

int xenfetch_cache_dir(const char *xdg, const char *home, char *out, size_t len)
{
	if (xdg && xdg[0] == '/')
		return xenfetch_fits(snprintf(out, len, "%s/proteus/xen", xdg), len) ? 0 : -1;
	if (home && home[0])
		return xenfetch_fits(snprintf(out, len, "%s/.cache/proteus/xen", home), len) ? 0 : -1;
	return -1;
}

int xenfetch_script(const char *exe, char *out, size_t len)
{
	const char *slash = strrchr(exe, '/');

	if (!slash)
		return -1;
	return xenfetch_fits(snprintf(out, len, "%.*s/../%s", (int)(slash - exe), exe, XENFETCH_SCRIPT), len) ? 0 : -1;
}

int xenfetch_last_line(const char *text, size_t n, char *out, size_t len)
{
	size_t end = n, start;

	while (end && (text[end - 1] == '\n' || text[end - 1] == '\r'))
		end--;
	if (!end)
		return -1;
	for (start = end; start && text[start - 1] != '\n'; start--)
		;
	if (end - start >= len)
		return -1;
	memcpy(out, text + start, end - start);
	out[end - start] = 0;
	return 0;
}

static int xenfetch_readable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && access(path, R_OK) == 0;
}

int xenfetch_run(const char *const argv[], char *buf, size_t cap, size_t *got)
{
	int fds[2], status;
	pid_t pid;
	ssize_t n;

	*got = 0;
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		if (dup2(fds[1], 1) < 0)
			_exit(127);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		n = read(fds[0], buf + *got, cap - 1 - *got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		*got += (size_t)n;
		if (*got == cap - 1) {       /* far more than a path: keep the end */
			memmove(buf, buf + *got - cap / 2, cap / 2);
			*got = cap / 2;
		}
	}
	buf[*got] = 0;
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

int xenfetch_repo_file(const char *rel, char *out, size_t len, char *err, size_t errlen)
{
	static char exe[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *slash;

	if (n < 0)
		return xenfetch_fail(err, errlen, "cannot find the proteus binary (/proc/self/exe: %s)",
				     strerror(errno));
	exe[n] = 0;
	slash = strrchr(exe, '/');
	if (!slash || !xenfetch_fits(snprintf(path, sizeof path, "%.*s/../%s", (int)(slash - exe), exe, rel),
				    sizeof path))
		return xenfetch_fail(err, errlen, "cannot place %s from %s", rel, exe);
	if (len < PATH_MAX || !realpath(path, out) || access(out, R_OK) != 0)
		return xenfetch_fail(err, errlen, "%s is missing (the tool runs from its source tree)", path);
	return 0;
}

static int xenfetch_fetch(const char *cache, char *out, size_t len, char *err, size_t errlen)
{
	static char buf[XENFETCH_OUT_MAX];
	static char script[PATH_MAX];
	size_t got;
	int status;

	if (xenfetch_repo_file(XENFETCH_SCRIPT, script, sizeof script, err, errlen) < 0) {
		snprintf(err + strlen(err), errlen - strlen(err), "; Xen is not cached in %s: pass --xen PATH",
			 cache);
		return -1;
	}
	fprintf(stderr, "proteus: Xen is not cached in %s; fetching it with %s\n", cache, script);
	fflush(stderr);
	/* sh, not exec: the script works even if it lost its x bit */
	status = xenfetch_run((const char *const[]){ "/bin/sh", script, cache, NULL }, buf, sizeof buf, &got);
	if (status < 0)
		return xenfetch_fail(err, errlen, "cannot run %s: %s", script, strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return xenfetch_fail(err, errlen, "fetching Xen failed (%s %s %d); pass --xen PATH to use an image you have",
				     script, WIFEXITED(status) ? "exit" : "signal",
				     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	if (xenfetch_last_line(buf, got, out, len) < 0 || !xenfetch_readable(out))
		return xenfetch_fail(err, errlen, "%s succeeded but did not name a readable xen.elf", script);
	return 0;
}

int xenfetch_find(const char *given, char *out, size_t len, char *err, size_t errlen)
{
	char cache[4096];

	if (given) {
		if (!xenfetch_readable(given))
			return xenfetch_fail(err, errlen, "--xen %s: not a readable, non-empty file", given);
		if (!xenfetch_fits(snprintf(out, len, "%s", given), len))
			return xenfetch_fail(err, errlen, "--xen: path too long");
		return 0;
	}
	if (xenfetch_cache_dir(getenv("XDG_CACHE_HOME"), getenv("HOME"), cache, sizeof cache) < 0)
		return xenfetch_fail(err, errlen, "no cache directory for Xen: set HOME or XDG_CACHE_HOME, or pass --xen PATH");
	if (xenfetch_fits(snprintf(out, len, "%s/xen.elf", cache), len) && xenfetch_readable(out))
		return 0;
	return xenfetch_fetch(cache, out, len, err, errlen);
}
