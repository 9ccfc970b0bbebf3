/*
 * fork.c — fork and the wait family: return values, status encodings,
 * selecting a child, WNOHANG, ECHILD, reparenting of orphans.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ut.h"

UT_TEST(fork_returns)
{
	int p[2];
	pid_t me = getpid(), child, seen;

	UT_SYS(pipe(p));
	child = ut_fork();
	if (child == 0) {
		pid_t mine = getpid();

		/* The child is a new process whose parent is the forker. */
		if (getppid() != me || mine == me)
			ut_fail("child: getppid %d (want %d), getpid %d", getppid(), me, mine);
		ut_write_all(p[1], &mine, sizeof mine);
		_exit(0);
	}
	UT_CHECK(child > 0);
	ut_read_all(p[0], &seen, sizeof seen);
	UT_EQ(seen, child);
	ut_wait_exit(child, 0);
	UT_EQ(getpid(), me);
}

UT_TEST(wait_exit_codes)
{
	static const int codes[] = { 0, 1, 2, 42, 127, 128, 200, 254, 255 };

	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		int status;
		pid_t pid = ut_fork();

		if (pid == 0)
			_exit(codes[i]);
		UT_EQ(waitpid(pid, &status, 0), pid);
		UT_CHECK(WIFEXITED(status));
		UT_CHECK(!WIFSIGNALED(status));
		UT_EQ(WEXITSTATUS(status), codes[i]);
		/* The raw encoding: code in bits 8..15, low byte 0. */
		UT_EQ(status, codes[i] << 8);
	}
	/* Only the low 8 bits of the exit code survive. */
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(256 + 7);
	ut_wait_exit(pid, 7);
}

UT_TEST(wait_signal_status)
{
	int status;
	pid_t pid = ut_fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	UT_SYS(kill(pid, SIGTERM));
	UT_EQ(waitpid(pid, &status, 0), pid);
	UT_CHECK(WIFSIGNALED(status));
	UT_CHECK(!WIFEXITED(status));
	UT_EQ(WTERMSIG(status), SIGTERM);
	UT_EQ(status & 0x7f, SIGTERM);
}

UT_TEST(wait4_rusage)
{
	struct rusage ru;
	int status;
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(3);
	UT_EQ(wait4(pid, &status, 0, &ru), pid);
	UT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	UT_CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
}

UT_TEST(wait_specific_pid)
{
	int go[2], status;
	pid_t a, b;
	char c = 'x';

	UT_SYS(pipe(go));
	/* a waits for the go byte; b exits at once. */
	a = ut_fork();
	if (a == 0) {
		close(go[1]);
		_exit(read(go[0], &c, 1) == 1 ? 10 : 11);
	}
	b = ut_fork();
	if (b == 0)
		_exit(20);
	close(go[0]);
	/* Waiting for a must not return b, although only b has exited. */
	UT_EQ(waitpid(a, &status, WNOHANG), 0);
	ut_write_all(go[1], &c, 1);
	UT_EQ(waitpid(a, &status, 0), a);
	UT_EQ(WEXITSTATUS(status), 10);
	UT_EQ(waitpid(-1, &status, 0), b);
	UT_EQ(WEXITSTATUS(status), 20);
	UT_ERR(waitpid(-1, &status, 0), ECHILD);
}

UT_TEST(wait_wnohang)
{
	int p[2], status = -1;
	char c = 0;
	pid_t pid;

	UT_SYS(pipe(p));
	pid = ut_fork();
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 0 ? 5 : 6);   /* EOF: the parent closed */
	}
	close(p[0]);
	UT_EQ(waitpid(pid, &status, WNOHANG), 0);
	UT_EQ(waitpid(-1, &status, WNOHANG), 0);
	close(p[1]);
	UT_EQ(waitpid(pid, &status, 0), pid);
	UT_EQ(WEXITSTATUS(status), 5);
	/* No children at all: ECHILD even with WNOHANG. */
	UT_ERR(waitpid(-1, &status, WNOHANG), ECHILD);
}

UT_TEST(wait_echild)
{
	int status;

	UT_ERR(wait(&status), ECHILD);
	UT_ERR(waitpid(-1, &status, 0), ECHILD);
	UT_ERR(waitpid(getpid(), &status, 0), ECHILD);
	/* Someone else's process is not our child either. */
	if (getppid() > 0)
		UT_ERR(waitpid(getppid(), &status, 0), ECHILD);
	/* A reaped child is gone. */
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(0);
	ut_wait_exit(pid, 0);
	UT_ERR(waitpid(pid, &status, 0), ECHILD);
}

/*
 * The orphan learns its parent died from our go byte, which we send only
 * after waitpid reaped the parent: by then the kernel has reparented it
 * (Linux reparents in exit_notify, before the parent becomes a zombie).
 * Its EOF on the parent's pipe alone would not do: files close earlier.
 */
UT_TEST(orphan_reparented)
{
	int go[2], res[2], ready[2];
	pid_t mid;
	pid_t got[3];   /* the orphan's pid, its parent before, its parent after */

	UT_SYS(pipe(go));
	UT_SYS(pipe(res));
	UT_SYS(pipe(ready));
	mid = ut_fork();
	if (mid == 0) {
		char c;

		if (ut_fork() == 0) {
			got[0] = getpid();
			got[1] = getppid();
			ut_write_all(ready[1], "r", 1);
			ut_read_all(go[0], &c, 1);
			got[2] = getppid();
			ut_write_all(res[1], got, sizeof got);
			_exit(0);
		}
		/* Exit only after the child has seen us as its parent. */
		ut_read_all(ready[0], &c, 1);
		_exit(0);
	}
	ut_wait_exit(mid, 0);
	ut_write_all(go[1], "g", 1);
	ut_read_all(res[0], got, sizeof got);
	UT_EQ(got[1], mid);
	if (got[2] == mid)
		ut_fail("orphan's getppid() is still its dead parent %d", (int)mid);
	/* The host may run us under a subreaper; Proteus has none. */
	if (ut_on_proteus())
		UT_EQ(got[2], 1);
	/* It is not ours to wait for. */
	UT_ERR(waitpid(got[0], NULL, 0), ECHILD);
}
