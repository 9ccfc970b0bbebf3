/*
 * 40_pipe.c — pipes and descriptors: data, EOF, dup/dup2/dup3, fcntl
 * flags, O_NONBLOCK, close-on-exec across execve, a three-process pipeline.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ut.h"

UT_TEST(pipe_read_write_eof)
{
	int p[2];
	char buf[64];
	static char big[200000];

	UT_SYS(pipe(p));
	UT_EQ(write(p[1], "hello", 5), 5);
	UT_EQ(write(p[1], " world", 6), 6);
	/* One read takes what is there, up to its size. */
	UT_EQ(read(p[0], buf, sizeof buf), 11);
	UT_CHECK(memcmp(buf, "hello world", 11) == 0);
	/* Wrong ends. */
	UT_ERR(write(p[0], "x", 1), EBADF);
	UT_ERR(read(p[1], buf, 1), EBADF);
	UT_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE);
	/* More than a pipe holds, through a child. */
	pid_t pid = ut_fork();

	if (pid == 0) {
		close(p[0]);
		for (size_t i = 0; i < sizeof big; i++)
			big[i] = (char)(i % 251);
		ut_write_all(p[1], big, sizeof big);
		_exit(0);
	}
	close(p[1]);
	size_t total = 0;
	ssize_t r;

	while ((r = read(p[0], buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < r; i++)
			if (buf[i] != (char)((total + i) % 251))
				ut_fail("byte %zu wrong", total + i);
		total += (size_t)r;
	}
	UT_EQ(r, 0);   /* EOF once the only writer is gone */
	UT_EQ(total, sizeof big);
	UT_EQ(read(p[0], buf, 1), 0);
	ut_wait_exit(pid, 0);
	struct stat st;

	UT_SYS(fstat(p[0], &st));
	UT_CHECK(S_ISFIFO(st.st_mode));
	close(p[0]);
}

UT_TEST(dup_family)
{
	int p[2], d, fl;
	char c;

	UT_SYS(pipe(p));
	d = (int)UT_SYS(dup(p[1]));
	UT_CHECK(d > p[1] || d < p[0] || (d != p[0] && d != p[1]));
	/* The lowest free number. */
	close(p[0]);
	UT_EQ(dup(p[1]), p[0]);
	close(p[0]);
	UT_SYS(pipe(p));
	UT_EQ(dup2(p[1], 40), 40);
	UT_EQ(write(40, "a", 1), 1);
	UT_EQ(read(p[0], &c, 1), 1);
	UT_EQ(c, 'a');
	/* dup2 onto itself is a no-op; dup3 onto itself is EINVAL. */
	UT_EQ(dup2(40, 40), 40);
	UT_ERR(dup3(40, 40, 0), EINVAL);
	UT_ERR(dup2(99999, 41), EBADF);
	UT_ERR(dup2(40, -1), EBADF);
	UT_EQ(dup3(p[1], 41, O_CLOEXEC), 41);
	UT_EQ(fcntl(41, F_GETFD), FD_CLOEXEC);
	UT_EQ(fcntl(40, F_GETFD), 0);
	/* musl's dup3 without O_CLOEXEC is dup2, so the system call itself. */
	UT_ERR(syscall(SYS_dup3, p[1], 42, O_NONBLOCK), EINVAL);
	/* F_DUPFD: the lowest free at or above the argument. */
	fl = (int)UT_SYS(fcntl(p[1], F_DUPFD, 50));
	UT_EQ(fl, 50);
	UT_EQ(fcntl(p[1], F_DUPFD, 50), 51);
	UT_EQ(fcntl(p[1], F_DUPFD_CLOEXEC, 50), 52);
	UT_EQ(fcntl(52, F_GETFD), FD_CLOEXEC);
	UT_SYS(fcntl(52, F_SETFD, 0));
	UT_EQ(fcntl(52, F_GETFD), 0);
	/* Duplicates share the file: closing one leaves the pipe open. */
	close(p[1]);
	close(41);
	close(50);
	close(51);
	close(52);
	UT_EQ(write(40, "b", 1), 1);
	close(40);
	UT_EQ(read(p[0], &c, 1), 1);
	UT_EQ(read(p[0], &c, 1), 0);
	UT_ERR(close(40), EBADF);
	UT_ERR(fcntl(40, F_GETFD), EBADF);
}

UT_TEST(fcntl_nonblock)
{
	int p[2];
	char c;

	UT_SYS(pipe(p));
	UT_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	UT_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	UT_EQ(fcntl(p[0], F_GETFL) & O_NONBLOCK, 0);
	UT_SYS(fcntl(p[0], F_SETFL, O_NONBLOCK));
	UT_EQ(fcntl(p[0], F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	UT_ERR(read(p[0], &c, 1), EAGAIN);
	UT_EQ(write(p[1], "z", 1), 1);
	UT_EQ(read(p[0], &c, 1), 1);
	UT_ERR(read(p[0], &c, 1), EAGAIN);
	/* A full non-blocking pipe: EAGAIN on write, after a partial fill. */
	UT_SYS(fcntl(p[1], F_SETFL, O_NONBLOCK));
	static char chunk[4096];
	long total = 0;
	ssize_t w;

	while ((w = write(p[1], chunk, sizeof chunk)) > 0)
		total += w;
	UT_EQ(w, -1);
	UT_EQ(errno, EAGAIN);
	UT_CHECK(total >= 4096);
	/* pipe2 sets the flags at once. */
	int q[2];

	UT_SYS(pipe2(q, O_NONBLOCK | O_CLOEXEC));
	UT_EQ(fcntl(q[0], F_GETFD), FD_CLOEXEC);
	UT_ERR(read(q[0], &c, 1), EAGAIN);
}

UT_TEST(cloexec_across_exec)
{
	int keep, drop, p[2];
	char path[300], out[1024], want[64];
	pid_t pid;
	ssize_t n;

	UT_SYS(pipe(p));
	pid = ut_fork();
	if (pid == 0) {
		dup2(p[1], 1);
		for (int fd = 3; fd < 64; fd++)
			close(fd);
		keep = open("/dev/null", O_RDONLY);
		drop = open("/dev/null", O_RDONLY | O_CLOEXEC);
		int drop2 = dup(keep);

		fcntl(drop2, F_SETFD, FD_CLOEXEC);
		if (keep != 3 || drop != 4 || drop2 != 5)
			ut_fail("fds %d %d %d", keep, drop, drop2);
		snprintf(path, sizeof path, "%s/ut-echoargs", ut_bindir());
		execle(path, "ut-echoargs", (char *)NULL, (char *[]){ NULL });
		ut_fail("exec: %s", ut_errname(errno));
	}
	close(p[1]);
	size_t len = 0;

	while ((n = read(p[0], out + len, sizeof out - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	ut_wait_exit(pid, 0);
	snprintf(want, sizeof want, "fds: 0 1 2 3\n");
	if (!strstr(out, want))
		ut_fail("after exec: \"%s\", want a line \"fds: 0 1 2 3\"", out);
}

/* parent -> child -> grandchild, each stage transforming the bytes. */
UT_TEST(pipeline_three_processes)
{
	int a[2], b[2];
	pid_t child;
	char buf[64];
	size_t len = 0;
	ssize_t n;

	UT_SYS(pipe(a));
	UT_SYS(pipe(b));
	child = ut_fork();
	if (child == 0) {
		int c[2];
		pid_t grand;

		close(a[1]);
		close(b[0]);
		UT_SYS(pipe(c));
		grand = ut_fork();
		if (grand == 0) {
			/* Grandchild: uppercases what the child passes on. */
			close(c[1]);
			close(a[0]);
			while ((n = read(c[0], buf, sizeof buf)) > 0) {
				for (ssize_t i = 0; i < n; i++)
					if (buf[i] >= 'a' && buf[i] <= 'z')
						buf[i] -= 32;
				ut_write_all(b[1], buf, (size_t)n);
			}
			_exit(n == 0 ? 0 : 1);
		}
		close(c[0]);
		close(b[1]);
		/* Child: doubles every byte. */
		while ((n = read(a[0], buf, sizeof buf / 2)) > 0) {
			char two[64];

			for (ssize_t i = 0; i < n; i++)
				two[2 * i] = two[2 * i + 1] = buf[i];
			ut_write_all(c[1], two, (size_t)(2 * n));
		}
		close(c[1]);
		ut_wait_exit(grand, 0);
		_exit(0);
	}
	close(a[0]);
	close(b[1]);
	ut_write_all(a[1], "abc", 3);
	close(a[1]);
	while ((n = read(b[0], buf + len, sizeof buf - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	ut_wait_exit(child, 0);
	if (strcmp(buf, "AABBCC") != 0)
		ut_fail("pipeline gave \"%s\", want \"AABBCC\"", buf);
}
