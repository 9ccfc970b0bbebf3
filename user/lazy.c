/*
 * lazy — what lazy batching buys on the paths a process really takes:
 * fork of a process with S MiB of touched anonymous memory, exit of a
 * process that touched S MiB itself, and munmap of S MiB of touched
 * memory, for S = 1, 16 and 256 (--quick: 1 and 4); and a context switch
 * between two processes (user/lat.c's ctx_2p_0k, run as a child).
 * Booted with lazy modes on and off (pv.lazy_mmu=0, pv.lazy_cpu=0) the
 * same program shows the difference in hypercalls; natively it shows 0.
 *
 * One line per measurement on stdout:
 *   lazy<TAB>OP<TAB>MIB<TAB>INSTRUCTIONS<TAB>HYPERCALLS
 * per page (fork, exit, munmap: the op's whole cost over its S*256 pages,
 * fixed costs included) or per switch (ctx_switch, MIB 0); then
 * "lazy: K measurements".  Any failing call: a message on stderr, exit 1.
 *
 * Instructions: rdtsc, which under QEMU's -icount shift=0 counts guest
 * instructions (Xen's included on Xen); the TSC is one clock for every
 * process, so a window may start in one process and end in another.
 * Hypercalls: /dev/hypercalls (Proteus's count of this CPU's hypercalls).
 * The window's own cost — two TSC reads and two counter reads, measured
 * as an empty window — is subtracted.  fork is timed 3 times (the
 * minimum; the pages stay present and shared between forks), exit and
 * munmap once (touching S MiB again would cost more than the op).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096ul
#define FORK_REPS 3

static inline uint64_t tsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static int hcfd = -1;

static int fail(const char *op, const char *what)
{
	fprintf(stderr, "lazy: %s: %s: %s\n", op, what, strerror(errno));
	return -1;
}

static int hc_read(uint64_t *v)
{
	*v = 0;
	if (hcfd >= 0 && pread(hcfd, v, sizeof(*v), 0) != (ssize_t)sizeof(*v))
		return fail("counter", "pread /dev/hypercalls");
	return 0;
}

/* A window: counter, TSC ... TSC, counter, each read its own statement. */
struct mark {
	uint64_t h, t;
};

static int mark_open(struct mark *m)
{
	if (hc_read(&m->h))
		return -1;
	m->t = tsc();
	return 0;
}

static int mark_close(struct mark *m)
{
	m->t = tsc();
	return hc_read(&m->h);
}

static struct mark empty;   /* an empty window's cost */

struct cost {
	double insns, hcalls;
};

static void cost_of(const struct mark *a, const struct mark *b, double units, struct cost *c)
{
	c->insns = ((double)(b->t - a->t) - (double)empty.t) / units;
	c->hcalls = ((double)(b->h - a->h) - (double)empty.h) / units;
}

static void emit(const char *op, unsigned mib, const struct cost *c)
{
	printf("lazy\t%s\t%u\t%.1f\t%.6f\n", op, mib, c->insns, c->hcalls);
	fflush(stdout);
}

static char *touched(size_t len, const char *op)
{
	char *p = !len ? "" : mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		fail(op, "mmap");
		return NULL;
	}
	for (size_t off = 0; off < len; off += PAGE)
		p[off] = 1;
	return p;
}

static int reap(pid_t pid, const char *op)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return fail(op, "waitpid");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "lazy: %s: child ended with status %#x\n", op, st);
		return -1;
	}
	return 0;
}

/* fork of a process holding len bytes, from the call to its return in the
 * parent; the child waits on a pipe (so it never exits inside the
 * window) and is reaped after. */
static int fork_once(size_t len, struct cost *c)
{
	int go[2];
	struct mark a, b;
	pid_t pid;
	char t = 0;

	if (pipe(go))
		return fail("fork", "pipe");
	if (mark_open(&a))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		_exit(read(go[0], &t, 1) == 1 ? 0 : 1);
	}
	if (mark_close(&b))
		return -1;
	if (pid < 0)
		return fail("fork", "fork");
	close(go[0]);
	if (write(go[1], &t, 1) != 1)
		return fail("fork", "write");
	close(go[1]);
	if (reap(pid, "fork"))
		return -1;
	cost_of(&a, &b, (double)(len / PAGE), c);
	return 0;
}

static int op_fork(unsigned mib)
{
	size_t len = (size_t)mib << 20;
	char *p = touched(len, "fork");
	struct cost best = { 0, 0 }, c;

	if (!p)
		return -1;
	for (int r = 0; r < FORK_REPS; r++) {
		if (fork_once(len, &c))
			return -1;
		if (r == 0 || c.insns < best.insns)
			best.insns = c.insns;
		if (r == 0 || c.hcalls < best.hcalls)
			best.hcalls = c.hcalls;
	}
	emit("fork", mib, &best);
	/* The same pages, present and read-only since the forks: the munmap. */
	{
		struct mark a, b;

		if (mark_open(&a))
			return -1;
		if (munmap(p, len))
			return fail("munmap", "munmap");
		if (mark_close(&b))
			return -1;
		cost_of(&a, &b, (double)(len / PAGE), &c);
		emit("munmap", mib, &c);
	}
	return 0;
}

/* exit of a child that touched len bytes itself: from just before its
 * _exit (the child's window opening, kept in a shared page) to the
 * parent's return from waitpid, so the teardown is inside whether it
 * happens at exit or at reaping. */
static int op_exit(unsigned mib)
{
	size_t len = (size_t)mib << 20;
	struct mark *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct mark b;
	struct cost c;
	pid_t pid;

	if (shared == MAP_FAILED)
		return fail("exit", "mmap shared");
	/* Present before the fork, so that neither side's first touch (a page
	 * fault) lands inside a timed window. */
	memset(shared, 0, PAGE);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return fail("exit", "fork");
	if (pid == 0) {
		struct mark a;

		if (!touched(len, "exit"))
			_exit(1);
		if (mark_open(&a))
			_exit(1);
		shared->h = a.h;
		shared->t = a.t;
		_exit(0);
	}
	if (reap(pid, "exit"))
		return -1;
	if (mark_close(&b))
		return -1;
	cost_of(shared, &b, len ? (double)(len / PAGE) : 1.0, &c);
	munmap(shared, PAGE);
	emit("exit", mib, &c);
	return 0;
}

/* lat's ctx_2p_0k, its harness subtracted by lat, read from its output. */
static int op_ctx(const char *lat)
{
	int out[2];
	char buf[4096], op[32];
	size_t got = 0;
	ssize_t r;
	pid_t pid;
	struct cost c;

	if (pipe(out))
		return fail("ctx_switch", "pipe");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return fail("ctx_switch", "fork");
	if (pid == 0) {
		char *argv[] = { (char *)lat, "ctx_2p_0k", NULL };

		dup2(out[1], 1);
		close(out[0]), close(out[1]);
		execv(lat, argv);
		fprintf(stderr, "lazy: ctx_switch: execv %s: %s\n", lat, strerror(errno));
		_exit(127);
	}
	close(out[1]);
	while (got < sizeof buf - 1 && (r = read(out[0], buf + got, sizeof buf - 1 - got)) > 0)
		got += (size_t)r;
	close(out[0]);
	buf[got] = 0;
	if (reap(pid, "ctx_switch"))
		return -1;
	if (sscanf(buf, "lat\t%31[^\t]\t%lf\t%lf\n", op, &c.insns, &c.hcalls) != 3 ||
	    strcmp(op, "ctx_2p_0k")) {
		fprintf(stderr, "lazy: ctx_switch: %s printed no ctx_2p_0k line\n", lat);
		return -1;
	}
	emit("ctx_switch", 0, &c);
	return 0;
}

int main(int argc, char **argv)
{
	static const unsigned full[] = { 1, 16, 256 }, quick[] = { 1, 4 };
	const unsigned *sizes = full;
	size_t nsizes = 3, done = 0;
	const char *lat = "/bin/lat";
	struct mark a;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			sizes = quick;
			nsizes = 2;
		} else if (!strcmp(argv[i], "--lat") && i + 1 < argc) {
			lat = argv[++i];
		} else {
			fprintf(stderr, "usage: lazy [--quick] [--lat PATH-TO-LAT]\n");
			return 2;
		}
	}
	hcfd = open("/dev/hypercalls", O_RDONLY);
	if (hcfd < 0)
		fprintf(stderr, "lazy: /dev/hypercalls: %s: hypercalls reported as 0\n", strerror(errno));
	/* The empty window, after one to warm the path. */
	for (int r = 0; r < 2; r++)
		if (mark_open(&a) || mark_close(&empty))
			return 1;
	empty.t -= a.t;
	empty.h -= a.h;
	for (size_t i = 0; i < nsizes; i++) {
		if (op_exit(sizes[i]) || op_fork(sizes[i]))
			return 1;
		done += 3;
	}
	if (op_ctx(lat))
		return 1;
	done++;
	printf("lazy: %zu measurements\n", done);
	return 0;
}
