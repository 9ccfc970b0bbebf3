/*
 * 80_fds.c — the descriptor table fills up: EMFILE at the limit, and all
 * is well again once closed.
 */
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include "ut.h"

UT_TEST(fd_exhaustion)
{
	static int fds[70000];
	struct rlimit r;
	int n = 0, fd;

	/* A host may allow a million: bring the soft limit down to stay quick. */
	if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur > 256) {
		r.rlim_cur = 256;
		UT_SYS(setrlimit(RLIMIT_NOFILE, &r));
	}
	while (n < (int)(sizeof fds / sizeof fds[0]) && (fd = open("/dev/null", O_RDONLY)) >= 0)
		fds[n++] = fd;
	UT_CHECK(n < (int)(sizeof fds / sizeof fds[0]));
	UT_EQ(errno, EMFILE);
	UT_CHECK(n >= 16);
	if (getrlimit(RLIMIT_NOFILE, &r) == 0)
		UT_EQ(fds[n - 1], (long long)r.rlim_cur - 1);
	UT_ERR(dup(0), EMFILE);
	int p[2];

	UT_ERR(pipe(p), EMFILE);
	for (int i = 0; i < n; i++)
		UT_SYS(close(fds[i]));
	fd = (int)UT_SYS(open("/dev/null", O_RDONLY));
	UT_EQ(fd, fds[0]);
	close(fd);
	UT_SYS(pipe(p));
	/* Fill again: the same number fits. */
	int m = 0;

	while (m < n + 1 && (fd = open("/dev/null", O_RDONLY)) >= 0)
		fds[m++] = fd;
	UT_EQ(m, n - 2);
}
