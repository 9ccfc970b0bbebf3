/*
 * 99_forkstorm.c — fork until the kernel says no (or 300 children), then
 * let them all go: every one is reaped, fork works again, and on Proteus
 * every frame comes back.  Last in the suite (the file sorts last).
 */
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ut.h"

#define UT_STORM_MAX 300

/* Touched before the first sysinfo, so our own pages do not change the count. */
static pid_t ut_storm_pids[UT_STORM_MAX];

/* Fork until the kernel says no (or UT_STORM_MAX), then release and reap
 * them all; the number of children. */
static int ut_storm(void)
{
	int hold[2], n = 0, stop_errno = 0;
	char c;

	memset(ut_storm_pids, 0, sizeof ut_storm_pids);
	UT_SYS(pipe(hold));
	while (n < UT_STORM_MAX) {
		pid_t pid = fork();

		if (pid < 0) {
			stop_errno = errno;
			break;
		}
		if (pid == 0) {
			close(hold[1]);
			/* Block until the parent closes its end: EOF. */
			_exit(read(hold[0], &c, 1) == 0 ? 0 : 1);
		}
		ut_storm_pids[n++] = pid;
	}
	if (stop_errno && stop_errno != EAGAIN && stop_errno != ENOMEM)
		ut_fail("fork failed with %s, want EAGAIN or ENOMEM", ut_errname(stop_errno));
	if (n < 8)
		ut_fail("only %d forks succeeded", n);
	ut_note("%d children%s%s", n, stop_errno ? ", then " : "",
		stop_errno ? ut_errname(stop_errno) : "");
	UT_SYS(close(hold[1]));
	for (int i = 0; i < n; i++)
		ut_wait_exit(ut_storm_pids[i], 0);
	UT_ERR(waitpid(-1, NULL, WNOHANG), ECHILD);
	UT_SYS(close(hold[0]));
	return n;
}

UT_TEST(fork_storm)
{
	struct sysinfo before, after;
	int first, second;

	/* The first storm grows whatever the kernel keeps for reuse (heap
	 * pages for its small objects); the second must then give back
	 * every frame it took. */
	first = ut_storm();
	UT_SYS(sysinfo(&before));
	second = ut_storm();
	pid_t one = ut_fork();

	if (one == 0)
		_exit(0);
	ut_wait_exit(one, 0);
	UT_SYS(sysinfo(&after));
	UT_EQ(second, first);
	if (ut_on_proteus()) {
		if (after.freeram != before.freeram)
			ut_fail("freeram %lu before the second storm, %lu after (unit %u)",
				before.freeram, after.freeram, before.mem_unit);
		UT_EQ(after.procs, before.procs);
	} else {
		ut_skip_part("exact freeram after the storm: the host's memory moves by itself");
	}
}
