/*
 * lat — the user-space latency suite, lmbench style: what one system
 * call, signal, fault, mapping, process or context switch costs, in
 * instructions (rdtsc: under QEMU's -icount shift=0 the TSC counts guest
 * instructions exactly; elsewhere it counts cycles) and in hypercalls
 * (/dev/hypercalls, Proteus's own counter; 0 where it cannot be opened).
 *
 * One line per op on stdout:  lat<TAB>OP<TAB>INSTRUCTIONS<TAB>HYPERCALLS
 * (per op, one and two decimals), then "lat: K ops measured".  Every
 * failing call is a message on stderr and exit 1: a number is printed
 * only for an op whose every iteration succeeded.
 *
 * Method (measure()): the op's loop runs WARM times untimed, then N times
 * as one timed block; the same block with an empty body is timed the
 * same way and subtracted, so the loop, the call through the pointer and
 * the two rdtsc go away.  Hypercalls: the counter is read just outside
 * the timed block, so the delta includes one read's own hypercalls (the
 * return from the first read, the entry of the second); that pair,
 * measured as two reads in a row, is subtracted.  Ops built from others
 * (prot_fault, ctx_*) subtract their parts measured alone the same way.
 *
 *   lat            every op        lat --quick   every op, few iterations
 *   lat OP...      those ops       lat --ops     the op names
 *   lat --profile OP...  also each op's hypercalls by number (profile_print);
 *                  the extra counter reads make its instruction figures
 *                  worth nothing
 *   lat --exit     exits at once (what fork_exec executes)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define PAGE 4096ul
#define WARM 10                 /* untimed iterations before every timed block */

/* Serialised on both sides: earlier instructions finish before the read
 * (the first lfence) and later ones start after it (the second), so a
 * block's instructions fall between its two reads.  Each read is its own
 * statement in measure(), so evaluation order is never in question. */
static inline uint64_t tsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static int hcfd = -1;

/* The hypercall counter; 0 without /dev/hypercalls (the host, old kernels). */
static int hc_read(uint64_t *v)
{
	*v = 0;
	if (hcfd < 0)
		return 0;
	if (pread(hcfd, v, sizeof(*v), 0) != (ssize_t)sizeof(*v)) {
		fprintf(stderr, "lat: pread /dev/hypercalls: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static const char *cur_op = "?";

/* A failing call: its message, and the op's number is never printed. */
static int fail(const char *what)
{
	fprintf(stderr, "lat: %s: %s: %s\n", cur_op, what, strerror(errno));
	return -1;
}

struct cost {
	double insns, hcalls;   /* per iteration, harness subtracted */
};

/* One op's loop: n iterations; 0, or -1 after fail(). */
typedef int (*loop_fn)(void *ctx, long n);

/* The ruler: the same call and loop shape with nothing in it.  The empty
 * asm keeps the compiler from deleting or collapsing the loop. */
static int empty_loop(void *ctx, long n)
{
	(void)ctx;
	for (long i = 0; i < n; i++)
		__asm__ __volatile__("" : : : "memory");
	return 0;
}

static uint64_t hc_pair;        /* hypercalls of two counter reads in a row */

struct raw {
	uint64_t t, h;
};

/* --profile: the trips of each hypercall number across the timed blocks
 * of the op being run, and how many iterations those blocks held. */
#define HC_NRS 64
static bool profiling;
static uint64_t prof_trips[HC_NRS];
static long prof_iters;

static int hc_snapshot(uint64_t *v)
{
	for (unsigned nr = 0; nr < HC_NRS; nr++)
		if (pread(hcfd, &v[nr], sizeof(v[nr]), 8 * (1 + (off_t)nr)) != (ssize_t)sizeof(v[nr])) {
			fprintf(stderr, "lat: pread /dev/hypercalls at %u: %s\n", 8 * (1 + nr),
				strerror(errno));
			return -1;
		}
	return 0;
}

static int timed(loop_fn fn, void *ctx, long n, struct raw *r)
{
	uint64_t h0, h1, t0, t1, p0[HC_NRS], p1[HC_NRS];
	bool prof = profiling && hcfd >= 0 && fn != empty_loop;

	if (prof && hc_snapshot(p0))
		return -1;
	if (hc_read(&h0))
		return -1;
	t0 = tsc();
	if (fn(ctx, n))
		return -1;
	t1 = tsc();
	if (hc_read(&h1))
		return -1;
	if (prof && hc_snapshot(p1))
		return -1;
	r->t = t1 - t0;
	r->h = h1 - h0;
	if (prof) {
		for (unsigned nr = 0; nr < HC_NRS; nr++)
			prof_trips[nr] += p1[nr] - p0[nr];
		prof_iters += n;
	}
	return 0;
}

static int measure(loop_fn fn, void *ctx, long n, struct cost *c)
{
	struct raw op, empty;

	if (fn(ctx, WARM) || empty_loop(NULL, WARM))
		return -1;
	if (timed(fn, ctx, n, &op) || timed(empty_loop, NULL, n, &empty))
		return -1;
	c->insns = ((double)op.t - (double)empty.t) / (double)n;
	c->hcalls = ((double)op.h - (double)hc_pair) / (double)n;
	return 0;
}

/* ---- system calls ----------------------------------------------------- */

static int loop_getppid(void *ctx, long n)
{
	(void)ctx;
	for (long i = 0; i < n; i++)
		getppid();
	return 0;
}

struct fd_ctx {
	int fd;
};

static int loop_read(void *ctx, long n)
{
	int fd = ((struct fd_ctx *)ctx)->fd;
	char b;

	for (long i = 0; i < n; i++)
		if (read(fd, &b, 1) != 1)
			return fail("read /dev/zero");
	return 0;
}

static int loop_write(void *ctx, long n)
{
	int fd = ((struct fd_ctx *)ctx)->fd;
	char b = 0;

	for (long i = 0; i < n; i++)
		if (write(fd, &b, 1) != 1)
			return fail("write /dev/null");
	return 0;
}

static int loop_stat(void *ctx, long n)
{
	struct stat st;

	(void)ctx;
	for (long i = 0; i < n; i++)
		if (stat("/bin/sh", &st))
			return fail("stat /bin/sh");
	return 0;
}

static int loop_open_close(void *ctx, long n)
{
	(void)ctx;
	for (long i = 0; i < n; i++) {
		int fd = open("/bin/sh", O_RDONLY);

		if (fd < 0)
			return fail("open /bin/sh");
		if (close(fd))
			return fail("close");
	}
	return 0;
}

static int op_null_syscall(long n, struct cost *c)
{
	return measure(loop_getppid, NULL, n, c);
}

static int op_dev(long n, struct cost *c, const char *path, int flags, loop_fn fn)
{
	struct fd_ctx x = { open(path, flags) };
	int rc;

	if (x.fd < 0)
		return fail(path);
	rc = measure(fn, &x, n, c);
	close(x.fd);
	return rc;
}

static int op_null_read(long n, struct cost *c)
{
	return op_dev(n, c, "/dev/zero", O_RDONLY, loop_read);
}

static int op_null_write(long n, struct cost *c)
{
	return op_dev(n, c, "/dev/null", O_WRONLY, loop_write);
}

static int op_stat(long n, struct cost *c)
{
	return measure(loop_stat, NULL, n, c);
}

static int op_open_close(long n, struct cost *c)
{
	return measure(loop_open_close, NULL, n, c);
}

/* ---- signals ---------------------------------------------------------- */

static volatile sig_atomic_t usr1_hits;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_hits++;
}

static int loop_sigaction(void *ctx, long n)
{
	const struct sigaction *sa = ctx;

	for (long i = 0; i < n; i++)
		if (sigaction(SIGUSR1, sa, NULL))
			return fail("sigaction");
	return 0;
}

static int op_sig_install(long n, struct cost *c)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	return measure(loop_sigaction, &sa, n, c);
}

struct kill_ctx {
	pid_t self;
};

/* kill(2) of ourselves: the signal is delivered on the way out of kill,
 * so the figure is the call, the delivery frame, the handler and
 * rt_sigreturn.  getpid is taken once, outside: it is not the op. */
static int loop_kill(void *ctx, long n)
{
	pid_t self = ((struct kill_ctx *)ctx)->self;

	for (long i = 0; i < n; i++)
		if (kill(self, SIGUSR1))
			return fail("kill");
	return 0;
}

static int op_sig_handle(long n, struct cost *c)
{
	struct sigaction sa, old;
	struct kill_ctx x = { getpid() };
	int rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, &old))
		return fail("sigaction");
	usr1_hits = 0;
	rc = measure(loop_kill, &x, n, c);
	sigaction(SIGUSR1, &old, NULL);
	if (!rc && usr1_hits != WARM + n) {
		fprintf(stderr, "lat: sig_handle: %ld signals sent, %ld handled\n", WARM + n,
			(long)usr1_hits);
		return -1;
	}
	return rc;
}

/* prot_fault: a store to a read-only page; the SIGSEGV handler makes it
 * writable and returns, the store is retried and succeeds, and the loop
 * re-arms the page with mprotect(PROT_READ). */
static char *volatile prot_page;
static volatile sig_atomic_t segv_hits, segv_bad;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (si->si_addr != (void *)prot_page ||
	    mprotect(prot_page, PAGE, PROT_READ | PROT_WRITE)) {
		/* Not ours, or it cannot be fixed: die of it on return. */
		segv_bad = 1;
		signal(sig, SIG_DFL);
		return;
	}
	segv_hits++;
}

static int loop_prot_fault(void *ctx, long n)
{
	volatile char *p = prot_page;

	(void)ctx;
	for (long i = 0; i < n; i++) {
		*p = 1;
		if (mprotect((void *)p, PAGE, PROT_READ))
			return fail("mprotect (re-arm)");
	}
	return 0;
}

/* Alone, a re-arm is RW -> R on a present page: measured as half of a
 * R -> RW, RW -> R pair, so both calls change the entry as the re-arm does. */
static int loop_mprotect_pair(void *ctx, long n)
{
	(void)ctx;
	for (long i = 0; i < n; i++)
		if (mprotect(prot_page, PAGE, PROT_READ | PROT_WRITE) ||
		    mprotect(prot_page, PAGE, PROT_READ))
			return fail("mprotect");
	return 0;
}

static int op_prot_fault(long n, struct cost *c)
{
	struct sigaction sa, old;
	struct cost mp;
	int rc;
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return fail("mmap");
	p[0] = 0;                       /* present, so only the protection faults */
	prot_page = p;
	if (mprotect(p, PAGE, PROT_READ))
		return fail("mprotect");
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &old))
		return fail("sigaction");
	segv_hits = 0;
	rc = measure(loop_prot_fault, NULL, n, c);
	sigaction(SIGSEGV, &old, NULL);
	if (!rc && (segv_bad || segv_hits != WARM + n)) {
		fprintf(stderr, "lat: prot_fault: %ld faults expected, %ld handled\n", WARM + n,
			(long)segv_hits);
		rc = -1;
	}
	if (!rc)
		rc = measure(loop_mprotect_pair, NULL, n, &mp);
	if (!rc) {
		c->insns -= mp.insns / 2;
		c->hcalls -= mp.hcalls / 2;
	}
	munmap(p, PAGE);
	return rc;
}

/* ---- memory ----------------------------------------------------------- */

struct pf_ctx {
	volatile char *base;
	long next;              /* the first page not touched yet */
};

static int loop_page_fault(void *ctx, long n)
{
	struct pf_ctx *x = ctx;

	for (long i = 0; i < n; i++)
		x->base[(x->next + i) * PAGE] = 1;
	x->next += n;
	return 0;
}

static int op_page_fault(long n, struct cost *c)
{
	size_t len = (size_t)(WARM + n) * PAGE;
	struct pf_ctx x = { mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				 -1, 0), 0 };
	int rc;

	if (x.base == MAP_FAILED)
		return fail("mmap");
	rc = measure(loop_page_fault, &x, n, c);
	munmap((void *)x.base, len);
	return rc;
}

static int loop_mmap_1m(void *ctx, long n)
{
	(void)ctx;
	for (long i = 0; i < n; i++) {
		void *p = mmap(NULL, 1ul << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return fail("mmap 1 MiB");
		if (munmap(p, 1ul << 20))
			return fail("munmap 1 MiB");
	}
	return 0;
}

static int op_mmap_1m(long n, struct cost *c)
{
	return measure(loop_mmap_1m, NULL, n, c);
}

/* ---- processes -------------------------------------------------------- */

static const char *self_path = "/bin/lat";

static int reap(pid_t pid, const char *what)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return fail("waitpid");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "lat: %s: child %s: status %#x\n", cur_op, what, st);
		return -1;
	}
	return 0;
}

static int loop_fork_exit(void *ctx, long n)
{
	(void)ctx;
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return fail("fork");
		if (pid == 0)
			_exit(0);
		if (reap(pid, "_exit(0)"))
			return -1;
	}
	return 0;
}

/* The child execs argv; if that fails it says so and exits 127. */
static int spawn_wait(char *const argv[], long n)
{
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return fail("fork");
		if (pid == 0) {
			execve(argv[0], argv, environ);
			fprintf(stderr, "lat: %s: execve %s: %s\n", cur_op, argv[0], strerror(errno));
			_exit(127);
		}
		if (reap(pid, argv[0]))
			return -1;
	}
	return 0;
}

static int loop_fork_exec(void *ctx, long n)
{
	char *argv[] = { (char *)self_path, "--exit", NULL };

	(void)ctx;
	return spawn_wait(argv, n);
}

static int loop_fork_sh(void *ctx, long n)
{
	char *argv[] = { "/bin/sh", "-c", "exit", NULL };

	(void)ctx;
	return spawn_wait(argv, n);
}

static int op_fork_exit(long n, struct cost *c)
{
	return measure(loop_fork_exit, NULL, n, c);
}

static int op_fork_exec(long n, struct cost *c)
{
	return measure(loop_fork_exec, NULL, n, c);
}

static int op_fork_sh(long n, struct cost *c)
{
	return measure(loop_fork_sh, NULL, n, c);
}

/* fork_16m: the parent has 16 MiB of anonymous memory, every page touched
 * once before the first fork, so each fork shares 4096 present pages.
 * Nothing rewrites them between forks (that would time write faults, not
 * forks); after the first fork they stay present, read-only. */
static int op_fork_16m(long n, struct cost *c)
{
	size_t len = 16ul << 20;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int rc;

	if (p == MAP_FAILED)
		return fail("mmap 16 MiB");
	for (size_t off = 0; off < len; off += PAGE)
		p[off] = 1;
	rc = measure(loop_fork_exit, NULL, n, c);
	munmap(p, len);
	return rc;
}

/* ---- context switches (lat_ctx) ---------------------------------------- */

/* A read and a write of every 64-byte line of the working set: volatile,
 * so it is done as written and with general registers only (no vector
 * code, which would also bring the lazy FPU switch into the figure). */
static void touch(volatile uint64_t *ws, size_t bytes)
{
	for (size_t i = 0; i < bytes / sizeof(*ws); i += 64 / sizeof(*ws))
		ws[i] = ws[i] + 1;
}

struct ctx_ctx {
	int to_child, from_child;      /* the parent's pipe ends */
	int pr, pw;                    /* one pipe within this process (the pair) */
	volatile uint64_t *ws;
	size_t bytes;
};

static int loop_roundtrip(void *ctx, long n)
{
	struct ctx_ctx *x = ctx;
	char t = 't';

	for (long i = 0; i < n; i++) {
		if (write(x->to_child, &t, 1) != 1)
			return fail("write token");
		if (read(x->from_child, &t, 1) != 1) {
			errno = errno ? errno : EPIPE;
			return fail("read token (did the child die?)");
		}
		touch(x->ws, x->bytes);
	}
	return 0;
}

static int loop_pipe_pair(void *ctx, long n)
{
	struct ctx_ctx *x = ctx;
	char t = 't';

	for (long i = 0; i < n; i++)
		if (write(x->pw, &t, 1) != 1 || read(x->pr, &t, 1) != 1)
			return fail("pipe write+read");
	return 0;
}

static int loop_touch(void *ctx, long n)
{
	struct ctx_ctx *x = ctx;

	for (long i = 0; i < n; i++)
		touch(x->ws, x->bytes);
	return 0;
}

/* The child: read the token, touch its own working set, pass it back;
 * EOF (the parent closed its end) ends it. */
static void ctx_child(int in, int out, size_t bytes)
{
	volatile uint64_t *ws = NULL;
	char t;
	ssize_t r;

	if (bytes) {
		ws = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (ws == MAP_FAILED) {
			fail("child mmap");
			_exit(1);
		}
	}
	while ((r = read(in, &t, 1)) == 1) {
		touch(ws, bytes);
		if (write(out, &t, 1) != 1) {
			fail("child write token");
			_exit(1);
		}
	}
	if (r < 0) {
		fail("child read token");
		_exit(1);
	}
	_exit(0);
}

/* Per switch: a round trip is two switches, each with one pipe write and
 * one read and one working-set pass around it; those are measured within
 * this process and taken out. */
static int op_ctx(long n, struct cost *c, size_t bytes)
{
	int down[2], up[2], self[2];
	struct ctx_ctx x = { .bytes = bytes };
	struct cost rt, pair, ws = { 0, 0 };
	pid_t pid;
	int rc;

	if (pipe(down) || pipe(up) || pipe(self))
		return fail("pipe");
	x.pr = self[0], x.pw = self[1];
	if (bytes) {
		x.ws = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (x.ws == MAP_FAILED)
			return fail("mmap working set");
	}
	pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid == 0) {
		close(down[1]), close(up[0]), close(self[0]), close(self[1]);
		ctx_child(down[0], up[1], bytes);
	}
	close(down[0]), close(up[1]);
	x.to_child = down[1], x.from_child = up[0];
	rc = measure(loop_roundtrip, &x, n, &rt);
	close(down[1]);                 /* EOF: the child exits */
	close(up[0]);
	if (reap(pid, "token passer"))
		rc = -1;
	if (!rc)
		rc = measure(loop_pipe_pair, &x, n, &pair);
	if (!rc && bytes)
		rc = measure(loop_touch, &x, n, &ws);
	close(self[0]), close(self[1]);
	if (bytes)
		munmap((void *)x.ws, bytes);
	c->insns = (rt.insns - 2 * pair.insns - 2 * ws.insns) / 2;
	c->hcalls = (rt.hcalls - 2 * pair.hcalls - 2 * ws.hcalls) / 2;
	return rc;
}

static int op_ctx_0k(long n, struct cost *c) { return op_ctx(n, c, 0); }
static int op_ctx_16k(long n, struct cost *c) { return op_ctx(n, c, 16 << 10); }
static int op_ctx_64k(long n, struct cost *c) { return op_ctx(n, c, 64 << 10); }

/* ---- the table ---------------------------------------------------------- */

static const struct op {
	const char *name;
	int (*run)(long n, struct cost *c);
	long n, quick;          /* timed iterations: normal, --quick */
} ops[] = {
	{ "null_syscall", op_null_syscall, 2000, 20 },
	{ "null_read", op_null_read, 2000, 20 },
	{ "null_write", op_null_write, 2000, 20 },
	{ "stat", op_stat, 1000, 20 },
	{ "open_close", op_open_close, 1000, 20 },
	{ "sig_install", op_sig_install, 2000, 20 },
	{ "sig_handle", op_sig_handle, 1000, 20 },
	{ "prot_fault", op_prot_fault, 500, 20 },
	{ "page_fault", op_page_fault, 2000, 20 },
	{ "mmap_1m", op_mmap_1m, 500, 10 },
	{ "fork_exit", op_fork_exit, 100, 5 },
	{ "fork_exec", op_fork_exec, 50, 3 },
	{ "fork_sh", op_fork_sh, 50, 3 },
	{ "ctx_2p_0k", op_ctx_0k, 500, 20 },
	{ "ctx_2p_16k", op_ctx_16k, 500, 20 },
	{ "ctx_2p_64k", op_ctx_64k, 500, 20 },
	{ "fork_16m", op_fork_16m, 20, 3 },
};
#define NOPS (sizeof(ops) / sizeof(ops[0]))

static const struct op *find_op(const char *name)
{
	for (size_t i = 0; i < NOPS; i++)
		if (!strcmp(ops[i].name, name))
			return &ops[i];
	return NULL;
}

/*
 * --profile's lines after an op's:  latprof<TAB>OP<TAB>NR<TAB>TRIPS  per
 * iteration for every hypercall number the op's timed blocks used, then
 * NR "iret": the op's hypercalls per iteration less those, i.e. the
 * trips the entry code makes (its iret) outside the hypercall path.
 * The counter reads around a block are inside the window, which a few
 * iterations' worth of noise at most; an op built from others (prot_fault,
 * ctx_*) mixes its parts.
 */
static void profile_print(const char *op, double hcalls)
{
	double sum = 0;

	for (unsigned nr = 0; nr < HC_NRS; nr++)
		if (prof_trips[nr] && prof_iters) {
			double per = (double)prof_trips[nr] / (double)prof_iters;

			printf("latprof\t%s\t%u\t%.3f\n", op, nr, per);
			sum += per;
		}
	printf("latprof\t%s\tiret\t%.3f\n", op, hcalls > sum ? hcalls - sum : 0.0);
	memset(prof_trips, 0, sizeof(prof_trips));
	prof_iters = 0;
}

static int run_op(const struct op *o, bool quick)
{
	struct cost c;

	cur_op = o->name;
	fflush(stdout);         /* nothing buffered may be copied into a child */
	if (o->run(quick ? o->quick : o->n, &c)) {
		fprintf(stderr, "lat: %s: no measurement\n", o->name);
		return -1;
	}
	printf("lat\t%s\t%.1f\t%.2f\n", o->name, c.insns, c.hcalls);
	if (profiling)
		profile_print(o->name, c.hcalls);
	fflush(stdout);
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: lat [--quick] [--profile] [OP...]   (lat --ops lists the ops)\n");
}

int main(int argc, char **argv)
{
	const struct op *sel[NOPS];
	size_t nsel = 0, done = 0, failed = 0;
	bool quick = false;
	uint64_t h0, h1;

	/* fork_exec's child: as little as a program can do. */
	if (argc == 2 && !strcmp(argv[1], "--exit"))
		_exit(0);
	for (int i = 1; i < argc; i++) {
		const struct op *o;

		if (!strcmp(argv[i], "--ops")) {
			for (size_t k = 0; k < NOPS; k++)
				printf("%s\n", ops[k].name);
			return 0;
		} else if (!strcmp(argv[i], "--quick")) {
			quick = true;
		} else if (!strcmp(argv[i], "--profile")) {
			profiling = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if ((o = find_op(argv[i])) != NULL) {
			if (nsel == NOPS) {
				fprintf(stderr, "lat: too many ops\n");
				return 2;
			}
			sel[nsel++] = o;
		} else {
			fprintf(stderr, "lat: unknown op '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (!nsel)
		for (size_t k = 0; k < NOPS; k++)
			sel[nsel++] = &ops[k];
	/* The host has no /bin/lat: exec ourselves by the name we were run by. */
	if (strchr(argv[0], '/'))
		self_path = argv[0];

	hcfd = open("/dev/hypercalls", O_RDONLY);
	if (hcfd < 0)
		fprintf(stderr, "lat: /dev/hypercalls: %s: hypercalls reported as 0\n",
			strerror(errno));
	/* The counter read's own share: two reads in a row (after one to warm
	 * the path), in sequence, never in one expression. */
	if (hc_read(&h0) || hc_read(&h0) || hc_read(&h1))
		return 1;
	hc_pair = h1 - h0;

	for (size_t i = 0; i < nsel; i++) {
		if (run_op(sel[i], quick))
			failed++;
		else
			done++;
	}
	printf("lat: %zu ops measured\n", done);
	if (failed) {
		fprintf(stderr, "lat: %zu ops failed\n", failed);
		return 1;
	}
	return 0;
}
