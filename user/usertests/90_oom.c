/*
 * 90_oom.c — running out of memory kills or refuses only the greedy
 * process.  The child is capped by RLIMIT_AS at 64 MiB (which also spares
 * the host); if the kernel ignores the cap, the child stops by itself at
 * 256 MiB touched, so the test ends either way.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ut.h"

#define UT_CHUNK (1ul << 20)

static void ut_greedy(void)
{
	struct rlimit r = { 64ul << 20, 64ul << 20 };
	unsigned long touched = 0;

	setrlimit(RLIMIT_AS, &r);
	while (touched < (256ul << 20)) {
		unsigned char *p = mmap(NULL, UT_CHUNK, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			_exit(errno == ENOMEM ? 0 : 3);
		for (unsigned long off = 0; off < UT_CHUNK; off += 4096)
			p[off] = 1;
		touched += UT_CHUNK;
	}
	_exit(2);
}

UT_TEST(oom_child_only)
{
	int status = ut_in_child(ut_greedy);

	if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
		ut_note("RLIMIT_AS not enforced: the child touched 256 MiB and stopped");
	else if (WIFSIGNALED(status))
		ut_note("the child was killed by signal %d", WTERMSIG(status));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		ut_fail("greedy child: wait status %#x", status);
	/* On the host the cap holds: mmap must fail with ENOMEM. */
	if (!ut_on_proteus() && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		ut_fail("on Linux RLIMIT_AS must make mmap fail: status %#x", status);
	/* We, and fork, are fine afterwards. */
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(0);
	ut_wait_exit(pid, 0);
}
