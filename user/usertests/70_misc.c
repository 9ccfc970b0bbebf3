/*
 * 70_misc.c — identity, limits, randomness, clocks, sleeping, and the
 * error returns for unknown system calls and bad pointers.
 */
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "ut.h"

UT_TEST(uname_fields)
{
	struct utsname u;

	UT_SYS(uname(&u));
	UT_CHECK(u.sysname[0] != '\0');
	UT_CHECK(u.release[0] != '\0');
	UT_CHECK(strcmp(u.machine, "x86_64") == 0);
	UT_CHECK(memchr(u.nodename, '\0', sizeof u.nodename) != NULL);
	UT_CHECK(memchr(u.version, '\0', sizeof u.version) != NULL);
}

UT_TEST(identity)
{
	pid_t pid = getpid(), ppid = getppid();

	UT_CHECK(pid > 0);
	UT_CHECK(ppid > 0 && ppid != pid);
	UT_EQ(getuid(), geteuid());
	UT_EQ(getgid(), getegid());
	if (ut_on_proteus()) {
		UT_EQ(getuid(), 0);
		UT_EQ(getgid(), 0);
	}
	/* gettid of a single-threaded process is its pid. */
	UT_EQ(syscall(SYS_gettid), pid);
	UT_EQ(getpgid(0), getpgrp());
	/* 0 is right under a Linux init that never called setsid (sid of pid 1 is 0). */
	UT_CHECK(getsid(0) >= 0);
}

UT_TEST(rlimit_nofile)
{
	struct rlimit r, r2;

	UT_SYS(getrlimit(RLIMIT_NOFILE, &r));
	UT_CHECK(r.rlim_cur >= 3 && r.rlim_cur <= r.rlim_max);
	UT_SYS(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &r2));
	UT_EQ(r2.rlim_cur, r.rlim_cur);
	UT_EQ(r2.rlim_max, r.rlim_max);
	/* Lowering the soft limit is always allowed, and takes effect. */
	r2.rlim_cur = 16;
	UT_SYS(setrlimit(RLIMIT_NOFILE, &r2));
	UT_SYS(getrlimit(RLIMIT_NOFILE, &r2));
	UT_EQ(r2.rlim_cur, 16);
	UT_ERR(dup2(0, 20), EBADF);
	/* soft > hard is refused. */
	r2.rlim_cur = r2.rlim_max + (r2.rlim_max != RLIM_INFINITY);
	if (r2.rlim_max != RLIM_INFINITY)
		UT_ERR(setrlimit(RLIMIT_NOFILE, &r2), EINVAL);
	UT_SYS(getrlimit(RLIMIT_STACK, &r));
	UT_CHECK(r.rlim_cur >= (1 << 20));
}

UT_TEST(getrandom_bytes)
{
	unsigned char a[64], b[64], zero[64] = { 0 };

	UT_EQ(syscall(SYS_getrandom, a, sizeof a, 0), 64);
	UT_EQ(syscall(SYS_getrandom, b, sizeof b, 0), 64);
	UT_CHECK(memcmp(a, zero, sizeof a) != 0);
	UT_CHECK(memcmp(a, b, sizeof a) != 0);
	UT_EQ(syscall(SYS_getrandom, a, 0, 0), 0);
	UT_ERR(syscall(SYS_getrandom, a, sizeof a, 0x100), EINVAL);
}

static int64_t ut_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

UT_TEST(clock_monotonic)
{
	struct timespec prev, now, res;

	UT_SYS(clock_gettime(CLOCK_MONOTONIC, &prev));
	for (int i = 0; i < 1000; i++) {
		UT_SYS(clock_gettime(CLOCK_MONOTONIC, &now));
		UT_CHECK(now.tv_nsec >= 0 && now.tv_nsec < 1000000000);
		if (ut_ns(&now) < ut_ns(&prev))
			ut_fail("CLOCK_MONOTONIC went back by %lld ns at call %d",
				(long long)(ut_ns(&prev) - ut_ns(&now)), i);
		prev = now;
	}
	UT_SYS(clock_getres(CLOCK_MONOTONIC, &res));
	UT_CHECK(ut_ns(&res) > 0 && ut_ns(&res) <= 10000000);
	UT_SYS(clock_gettime(CLOCK_REALTIME, &now));
	UT_SYS(clock_gettime(CLOCK_BOOTTIME, &now));
	UT_ERR(clock_gettime((clockid_t)1234, &now), EINVAL);
}

UT_TEST(nanosleep_advances)
{
	struct timespec a, b, d = { 0, 10000000 };

	UT_SYS(clock_gettime(CLOCK_MONOTONIC, &a));
	UT_SYS(nanosleep(&d, NULL));
	UT_SYS(clock_gettime(CLOCK_MONOTONIC, &b));
	if (ut_ns(&b) - ut_ns(&a) < 10000000)
		ut_fail("nanosleep(10 ms) took %lld ns", (long long)(ut_ns(&b) - ut_ns(&a)));
	d.tv_nsec = 1000000000;
	UT_ERR(nanosleep(&d, NULL), EINVAL);
	d.tv_sec = -1;
	d.tv_nsec = 0;
	UT_ERR(nanosleep(&d, NULL), EINVAL);
	/* Zero sleeps return at once. */
	d.tv_sec = 0;
	UT_SYS(nanosleep(&d, NULL));
}

UT_TEST(gettimeofday_sane)
{
	struct timeval tv;
	struct timespec ts;

	UT_SYS(gettimeofday(&tv, NULL));
	UT_CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	UT_SYS(clock_gettime(CLOCK_REALTIME, &ts));
	/* The same clock, read twice a moment apart. */
	UT_CHECK(ts.tv_sec >= tv.tv_sec && ts.tv_sec - tv.tv_sec <= 2);
	UT_CHECK(time(NULL) >= tv.tv_sec);
}

UT_TEST(sched_yield_works)
{
	for (int i = 0; i < 100; i++)
		UT_EQ(sched_yield(), 0);
}

UT_TEST(unknown_syscall_enosys)
{
	UT_ERR(syscall(600), ENOSYS);
	UT_ERR(syscall(100000), ENOSYS);
	UT_ERR(syscall(-1L), ENOSYS);
	/* The process carries on normally after it. */
	UT_CHECK(getpid() > 0);
}

UT_TEST(bad_pointers_efault)
{
	int p[2];
	char c;
	struct stat st;

	UT_SYS(pipe(p));
	UT_ERR(write(p[1], (void *)1, 10), EFAULT);
	UT_ERR(write(p[1], (void *)0xffff800000000000ull, 10), EFAULT);
	UT_EQ(write(p[1], "abc", 3), 3);
	UT_ERR(read(p[0], (void *)0xffff800000000000ull, 3), EFAULT);
	UT_ERR(read(p[0], (void *)8, 3), EFAULT);
	UT_EQ(read(p[0], &c, 1), 1);
	UT_ERR(open((const char *)1, O_RDONLY), EFAULT);
	UT_ERR(open((const char *)0xffff800000000000ull, O_RDONLY), EFAULT);
	/* musl's stat copies from a buffer of its own, so the system call itself. */
	UT_ERR(syscall(SYS_stat, (const char *)1, &st), EFAULT);
	UT_ERR(syscall(SYS_stat, "/", (struct stat *)1), EFAULT);
	UT_ERR(syscall(SYS_fstat, p[0], (struct stat *)0xffff800000000000ull), EFAULT);
	UT_ERR(syscall(SYS_pipe, (int *)0xffff800000000000ull), EFAULT);
	UT_ERR(syscall(SYS_execve, (const char *)1, NULL, NULL), EFAULT);
	UT_ERR(syscall(SYS_uname, (void *)0xffff800000000000ull), EFAULT);
	UT_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)1), EFAULT);
	/* On Proteus fd 1 is the console; the host's may be /dev/null, which reads nothing. */
	if (ut_on_proteus())
		UT_ERR(write(1, (void *)1, 10), EFAULT);
}
