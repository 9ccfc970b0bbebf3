/*
 * vfork.c — vfork (musl: syscall 58) and posix_spawn (musl:
 * clone(CLONE_VM|CLONE_VFORK|SIGCHLD)): the child borrows the parent's
 * memory and the parent sleeps until the child execs or exits.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ut.h"

extern char **environ;

static volatile int ut_vfork_mark;

UT_TEST(vfork_exit)
{
	pid_t pid;

	ut_vfork_mark = 1;
	pid = vfork();
	if (pid == 0) {
		/* Shared memory: the parent sees this once it runs again. */
		ut_vfork_mark = 2;
		_exit(9);
	}
	UT_CHECK(pid > 0);
	UT_EQ(ut_vfork_mark, 2);
	ut_wait_exit(pid, 9);
}

UT_TEST(vfork_exec)
{
	char path[300];
	char *argv[] = { "ut-echoargs", NULL };
	char *envp[] = { "UT_EXIT=33", NULL };
	pid_t pid;
	int devnull = (int)UT_SYS(open("/dev/null", O_WRONLY));

	snprintf(path, sizeof path, "%s/ut-echoargs", ut_bindir());
	pid = vfork();
	if (pid == 0) {
		dup2(devnull, 1);
		execve(path, argv, envp);
		_exit(127);
	}
	UT_CHECK(pid > 0);
	ut_wait_exit(pid, 33);
	/* A failed exec in a vfork child comes back to the child, not to us. */
	pid = vfork();
	if (pid == 0) {
		execve("/nonexistent", argv, envp);
		_exit(errno == ENOENT ? 44 : 45);
	}
	ut_wait_exit(pid, 44);
}

UT_TEST(posix_spawn_runs)
{
	char path[300];
	char *argv[] = { "ut-echoargs", "spawned", NULL };
	char *envp[] = { "UT_EXIT=5", NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc;

	snprintf(path, sizeof path, "%s/ut-echoargs", ut_bindir());
	UT_EQ(posix_spawn_file_actions_init(&fa), 0);
	UT_EQ(posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0), 0);
	rc = posix_spawn(&pid, path, &fa, NULL, argv, envp);
	UT_EQ(rc, 0);
	ut_wait_exit(pid, 5);
	/* The exec failure is reported to the spawner. */
	rc = posix_spawn(&pid, "/nonexistent", &fa, NULL, argv, envp);
	UT_EQ(rc, ENOENT);
	posix_spawn_file_actions_destroy(&fa);
}
