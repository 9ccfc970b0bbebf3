/*
 * ut_lib.c — helpers the tests share: processes, I/O, scratch directories.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ut.h"

const char *ut_errname(int err)
{
	static const struct { int e; const char *n; } names[] = {
		{ 0, "0" }, { EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
		{ EINTR, "EINTR" }, { EIO, "EIO" }, { E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" },
		{ EBADF, "EBADF" }, { ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
		{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { EXDEV, "EXDEV" },
		{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" },
		{ ENFILE, "ENFILE" }, { EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" },
		{ EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" },
		{ EROFS, "EROFS" }, { EPIPE, "EPIPE" }, { ERANGE, "ERANGE" },
		{ ENAMETOOLONG, "ENAMETOOLONG" }, { ENOSYS, "ENOSYS" },
		{ ENOTEMPTY, "ENOTEMPTY" }, { ELOOP, "ELOOP" }, { ETXTBSY, "ETXTBSY" },
	};
	static char other[24];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].e == err)
			return names[i].n;
	snprintf(other, sizeof other, "errno %d", err);
	return other;
}

int ut_on_proteus(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "Proteus") == 0;
}

pid_t ut_fork(void)
{
	pid_t pid = fork();

	if (pid < 0)
		ut_fail("fork: %s", ut_errname(errno));
	return pid;
}

int ut_wait(pid_t pid)
{
	int status;
	pid_t r;

	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r != pid)
		ut_fail("waitpid(%d) returned %d: %s", (int)pid, (int)r, ut_errname(errno));
	return status;
}

static void ut_describe(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(buf, len, "wait status %#x", status);
}

void ut_wait_exit(pid_t pid, int code)
{
	int status = ut_wait(pid);
	char how[80];

	if (!WIFEXITED(status) || WEXITSTATUS(status) != code) {
		ut_describe(status, how, sizeof how);
		ut_fail("child %d %s, want exit %d", (int)pid, how, code);
	}
}

void ut_wait_signal(pid_t pid, int sig)
{
	int status = ut_wait(pid);
	char how[80];

	if (!WIFSIGNALED(status) || WTERMSIG(status) != sig) {
		ut_describe(status, how, sizeof how);
		ut_fail("child %d %s, want signal %d (%s)", (int)pid, how, sig, strsignal(sig));
	}
}

int ut_in_child(void (*fn)(void))
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	return ut_wait(pid);
}

void ut_write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			ut_fail("write(%d, %zu): %s", fd, n, ut_errname(errno));
		c += w;
		n -= (size_t)w;
	}
}

void ut_read_all(int fd, void *p, size_t n)
{
	char *c = p;

	while (n > 0) {
		ssize_t r = read(fd, c, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			ut_fail("read(%d, %zu): %s", fd, n, ut_errname(errno));
		if (r == 0)
			ut_fail("read(%d, %zu): early EOF", fd, n);
		c += r;
		n -= (size_t)r;
	}
}

const char *ut_tmpdir(void)
{
	static char path[160];

	snprintf(path, sizeof path, "/tmp/usertests.%s.XXXXXX", ut_current);
	if (!mkdtemp(path))
		ut_fail("mkdtemp(%s): %s", path, ut_errname(errno));
	return path;
}

void ut_rm_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (e = readdir(d)) != NULL) {
		char sub[512];

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		ut_rm_tree(sub);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

static char ut_bindir_buf[256] = "/bin";

const char *ut_bindir(void)
{
	return ut_bindir_buf;
}

/* From argv[0]: the helpers are installed beside the suite. */
void ut_set_bindir(const char *argv0)
{
	const char *env = getenv("UT_BINDIR");
	const char *slash = strrchr(argv0, '/');

	if (env && *env)
		snprintf(ut_bindir_buf, sizeof ut_bindir_buf, "%s", env);
	else if (slash && argv0[0] == '/')
		snprintf(ut_bindir_buf, sizeof ut_bindir_buf, "%.*s", (int)(slash - argv0), argv0);
	else if (slash) {
		/* Absolute, so tests that chdir still find the helpers. */
		char cwd[128];

		if (getcwd(cwd, sizeof cwd))
			snprintf(ut_bindir_buf, sizeof ut_bindir_buf, "%s/%.*s", cwd,
				 (int)(slash - argv0), argv0);
	}
}

int ut_probe(volatile void *addr, int write)
{
	int status;
	pid_t pid = ut_fork();

	if (pid == 0) {
		volatile unsigned char *p = addr;

		if (write)
			*p = 0x77;
		else
			(void)*p;
		_exit(0);
	}
	status = ut_wait(pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		return WTERMSIG(status);
	ut_fail("probe child exited %d", WEXITSTATUS(status));
}
