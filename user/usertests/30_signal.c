/*
 * 30_signal.c — signal delivery: handlers and siginfo, masks, restart
 * semantics, SIGCHLD, SIGPIPE, SIGKILL, the alternate stack.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ut.h"

static volatile sig_atomic_t ut_hits;
static volatile int ut_last_signo, ut_last_code, ut_last_pid, ut_last_uid, ut_last_status;
static void *volatile ut_last_addr;
static sigjmp_buf ut_jump;

static void ut_on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	ut_hits++;
	ut_last_signo = si->si_signo;
	ut_last_code = si->si_code;
	ut_last_pid = si->si_pid;
	ut_last_uid = (int)si->si_uid;
	ut_last_status = si->si_status;
	ut_last_addr = si->si_addr;
	(void)sig;
}

static void ut_on_fault(int sig, siginfo_t *si, void *uc)
{
	ut_on_info(sig, si, uc);
	siglongjmp(ut_jump, 1);
}

static void ut_handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	UT_SYS(sigaction(sig, &sa, NULL));
}

UT_TEST(signal_kill_siginfo)
{
	ut_handle(SIGUSR1, ut_on_info, 0);
	ut_hits = 0;
	UT_SYS(kill(getpid(), SIGUSR1));
	/* A signal sent to ourselves is delivered before kill returns. */
	UT_EQ(ut_hits, 1);
	UT_EQ(ut_last_signo, SIGUSR1);
	UT_EQ(ut_last_code, SI_USER);
	UT_EQ(ut_last_pid, getpid());
	UT_EQ(ut_last_uid, getuid());
	/* Signal 0 checks for existence only. */
	UT_SYS(kill(getpid(), 0));
	UT_EQ(ut_hits, 1);
	UT_ERR(kill(getpid(), 65), EINVAL);
	UT_ERR(sigaction(SIGKILL, &(struct sigaction){ .sa_handler = SIG_IGN }, NULL), EINVAL);
	UT_ERR(sigaction(SIGSTOP, &(struct sigaction){ .sa_handler = SIG_IGN }, NULL), EINVAL);
}

UT_TEST(signal_from_child)
{
	pid_t pid;
	sigset_t block, old;

	ut_handle(SIGUSR2, ut_on_info, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	UT_SYS(sigprocmask(SIG_BLOCK, &block, &old));
	ut_hits = 0;
	pid = ut_fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	/* sigsuspend: no window between the check and the sleep. */
	while (!ut_hits)
		sigsuspend(&old);
	UT_EQ(ut_last_signo, SIGUSR2);
	UT_EQ(ut_last_code, SI_USER);
	UT_EQ(ut_last_pid, pid);
	ut_wait_exit(pid, 0);
}

UT_TEST(signal_segv_si_addr)
{
	unsigned char *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile unsigned char *target;

	UT_CHECK(p != MAP_FAILED);
	ut_handle(SIGSEGV, ut_on_fault, 0);
	target = p + 0x123;
	ut_hits = 0;
	if (sigsetjmp(ut_jump, 1) == 0) {
		(void)*target;
		ut_fail("read of a PROT_NONE page did not fault");
	}
	UT_EQ(ut_hits, 1);
	UT_EQ(ut_last_signo, SIGSEGV);
	UT_EQ(ut_last_code, SEGV_ACCERR);
	UT_EQ((uintptr_t)ut_last_addr, (uintptr_t)target);
	/* Unmapped: SEGV_MAPERR, and the handler runs again after the longjmp. */
	UT_SYS(munmap(p, 4096));
	target = p + 0x801;
	if (sigsetjmp(ut_jump, 1) == 0) {
		*target = 1;
		ut_fail("write to an unmapped page did not fault");
	}
	UT_EQ(ut_hits, 2);
	UT_EQ(ut_last_code, SEGV_MAPERR);
	UT_EQ((uintptr_t)ut_last_addr, (uintptr_t)target);
}

UT_TEST(signal_mask_pending)
{
	sigset_t block, pending, cur;

	ut_handle(SIGUSR1, ut_on_info, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	UT_SYS(sigprocmask(SIG_BLOCK, &block, NULL));
	ut_hits = 0;
	UT_SYS(kill(getpid(), SIGUSR1));
	UT_SYS(kill(getpid(), SIGUSR1));
	UT_EQ(ut_hits, 0);
	UT_SYS(sigpending(&pending));
	UT_CHECK(sigismember(&pending, SIGUSR1));
	UT_CHECK(!sigismember(&pending, SIGUSR2));
	/* Unblocking delivers it before sigprocmask returns; standard signals do not queue. */
	UT_SYS(sigprocmask(SIG_UNBLOCK, &block, NULL));
	UT_EQ(ut_hits, 1);
	UT_SYS(sigpending(&pending));
	UT_CHECK(!sigismember(&pending, SIGUSR1));
	/* SIGKILL and SIGSTOP cannot be blocked: they drop out of the mask. */
	sigfillset(&block);
	UT_SYS(sigprocmask(SIG_SETMASK, &block, NULL));
	UT_SYS(sigprocmask(SIG_SETMASK, NULL, &cur));
	UT_CHECK(!sigismember(&cur, SIGKILL));
	UT_CHECK(!sigismember(&cur, SIGSTOP));
	UT_CHECK(sigismember(&cur, SIGUSR1));
	sigemptyset(&block);
	UT_SYS(sigprocmask(SIG_SETMASK, &block, NULL));
}

static volatile int ut_mask_seen_blocked;

static void ut_on_check_mask(int sig)
{
	sigset_t cur;

	sigprocmask(SIG_SETMASK, NULL, &cur);
	ut_mask_seen_blocked = sigismember(&cur, sig) && sigismember(&cur, SIGUSR2);
	ut_hits++;
}

UT_TEST(signal_handler_mask)
{
	struct sigaction sa;
	sigset_t cur;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ut_on_check_mask;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	UT_SYS(sigaction(SIGUSR1, &sa, NULL));
	ut_hits = 0;
	UT_SYS(kill(getpid(), SIGUSR1));
	UT_EQ(ut_hits, 1);
	UT_EQ(ut_mask_seen_blocked, 1);
	/* The mask is back after the handler returns. */
	UT_SYS(sigprocmask(SIG_SETMASK, NULL, &cur));
	UT_CHECK(!sigismember(&cur, SIGUSR1));
	UT_CHECK(!sigismember(&cur, SIGUSR2));
	/* SA_RESETHAND: one shot, then the default. */
	sa.sa_flags = SA_RESETHAND;
	UT_SYS(sigaction(SIGUSR1, &sa, NULL));
	UT_SYS(kill(getpid(), SIGUSR1));
	UT_SYS(sigaction(SIGUSR1, NULL, &sa));
	UT_CHECK(sa.sa_handler == SIG_DFL);
}

static void ut_on_count(int sig)
{
	(void)sig;
	ut_hits++;
}

/*
 * A child keeps signalling us until our blocked read on an empty pipe
 * ends: signals that land before the read only run the handler, so one
 * eventually lands inside it, whatever the timing.
 */
UT_TEST(signal_eintr_read)
{
	struct sigaction sa;
	int p[2], stop[2];
	char c;
	pid_t pid, me = getpid();
	ssize_t r;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ut_on_count;   /* no SA_RESTART */
	UT_SYS(sigaction(SIGUSR1, &sa, NULL));
	UT_SYS(pipe(p));
	UT_SYS(pipe2(stop, O_NONBLOCK));
	ut_hits = 0;
	pid = ut_fork();
	if (pid == 0) {
		struct timespec ms = { 0, 2000000 };

		while (read(stop[0], &c, 1) != 1) {
			kill(me, SIGUSR1);
			nanosleep(&ms, NULL);
		}
		_exit(0);
	}
	r = read(p[0], &c, 1);
	UT_EQ(r, -1);
	UT_EQ(errno, EINTR);
	UT_CHECK(ut_hits >= 1);
	ut_write_all(stop[1], "s", 1);
	ut_wait_exit(pid, 0);
}

UT_TEST(signal_sa_restart)
{
	struct sigaction sa;
	int p[2];
	char c = 0;
	pid_t pid, me = getpid();

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ut_on_count;
	sa.sa_flags = SA_RESTART;
	UT_SYS(sigaction(SIGUSR1, &sa, NULL));
	UT_SYS(pipe(p));
	ut_hits = 0;
	pid = ut_fork();
	if (pid == 0) {
		/* Likely inside our read by now; correct either way. */
		struct timespec ms = { 0, 5000000 };

		for (int i = 0; i < 5; i++) {
			nanosleep(&ms, NULL);
			kill(me, SIGUSR1);
		}
		nanosleep(&ms, NULL);
		ut_write_all(p[1], "d", 1);
		_exit(0);
	}
	/* However many signals arrive, the read is restarted and gets the byte. */
	UT_EQ(read(p[0], &c, 1), 1);
	UT_EQ(c, 'd');
	ut_wait_exit(pid, 0);
	/* Standard signals merge while pending, so only "at least one". */
	UT_CHECK(ut_hits >= 1);
}

UT_TEST(signal_alarm_eintr)
{
	struct sigaction sa;
	int p[2];
	char c;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ut_on_count;
	UT_SYS(sigaction(SIGALRM, &sa, NULL));
	UT_SYS(pipe(p));
	ut_hits = 0;
	/* A whole second: the read has long started when the alarm comes. */
	alarm(1);
	UT_ERR(read(p[0], &c, 1), EINTR);
	UT_EQ(ut_hits, 1);
	UT_EQ(alarm(0), 0);
}

UT_TEST(signal_sigchld)
{
	sigset_t block, old;
	pid_t pid;

	ut_handle(SIGCHLD, ut_on_info, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	UT_SYS(sigprocmask(SIG_BLOCK, &block, &old));
	ut_hits = 0;
	pid = ut_fork();
	if (pid == 0)
		_exit(7);
	while (!ut_hits)
		sigsuspend(&old);
	UT_EQ(ut_last_signo, SIGCHLD);
	UT_EQ(ut_last_code, CLD_EXITED);
	UT_EQ(ut_last_pid, pid);
	UT_EQ(ut_last_status, 7);
	ut_wait_exit(pid, 7);
	/* A killed child: CLD_KILLED with the signal number. */
	ut_hits = 0;
	pid = ut_fork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	while (!ut_hits)
		sigsuspend(&old);
	UT_EQ(ut_last_code, CLD_KILLED);
	UT_EQ(ut_last_status, SIGTERM);
	ut_wait_signal(pid, SIGTERM);
	/* SIGCHLD set to SIG_IGN: children are reaped by the kernel, wait says ECHILD. */
	UT_SYS(sigprocmask(SIG_SETMASK, &old, NULL));
	signal(SIGCHLD, SIG_IGN);
	pid = ut_fork();
	if (pid == 0)
		_exit(0);
	UT_ERR(waitpid(pid, NULL, 0), ECHILD);
	signal(SIGCHLD, SIG_DFL);
}

UT_TEST(signal_sigpipe)
{
	int p[2];
	pid_t pid;

	UT_SYS(pipe(p));
	close(p[0]);
	pid = ut_fork();
	if (pid == 0) {
		if (write(p[1], "x", 1) < 0)
			_exit(3);
		_exit(4);
	}
	ut_wait_signal(pid, SIGPIPE);
	/* Ignored: the write fails with EPIPE instead. */
	signal(SIGPIPE, SIG_IGN);
	UT_ERR(write(p[1], "x", 1), EPIPE);
	/* Blocked: EPIPE too, and SIGPIPE is left pending. */
	sigset_t block, pending;

	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&block);
	sigaddset(&block, SIGPIPE);
	UT_SYS(sigprocmask(SIG_BLOCK, &block, NULL));
	UT_ERR(write(p[1], "x", 1), EPIPE);
	UT_SYS(sigpending(&pending));
	UT_CHECK(sigismember(&pending, SIGPIPE));
	signal(SIGPIPE, SIG_IGN);   /* discards the pending one */
	UT_SYS(sigprocmask(SIG_UNBLOCK, &block, NULL));
	close(p[1]);
}

UT_TEST(signal_sigkill_uncatchable)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		sigset_t all;

		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, NULL);
		for (int s = 1; s < 32; s++)
			if (s != SIGKILL && s != SIGSTOP)
				signal(s, SIG_IGN);
		kill(getpid(), SIGKILL);
		_exit(0);
	}
	ut_wait_signal(pid, SIGKILL);
	/* Default actions: terminate for SIGTERM, SIGUSR1; ignore for SIGCHLD, SIGURG. */
	pid = ut_fork();
	if (pid == 0) {
		kill(getpid(), SIGCHLD);
		kill(getpid(), SIGURG);
		kill(getpid(), SIGUSR1);
		_exit(0);
	}
	ut_wait_signal(pid, SIGUSR1);
}

static char ut_altstack[64 * 1024] __attribute__((aligned(16)));
static volatile uintptr_t ut_handler_sp;
static volatile int ut_handler_onstack;

static void ut_on_alt(int sig)
{
	volatile char here;
	stack_t ss;

	(void)sig;
	ut_handler_sp = (uintptr_t)&here;
	ut_handler_onstack = sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_ONSTACK);
}

UT_TEST(signal_sigaltstack)
{
	stack_t ss = { .ss_sp = ut_altstack, .ss_size = sizeof ut_altstack, .ss_flags = 0 };
	stack_t cur;
	struct sigaction sa;
	volatile char mine;

	UT_SYS(sigaltstack(&ss, NULL));
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ut_on_alt;
	sa.sa_flags = SA_ONSTACK;
	UT_SYS(sigaction(SIGUSR1, &sa, NULL));
	UT_SYS(kill(getpid(), SIGUSR1));
	if (ut_handler_sp < (uintptr_t)ut_altstack ||
	    ut_handler_sp >= (uintptr_t)ut_altstack + sizeof ut_altstack)
		ut_fail("handler ran at %#lx, not on the alternate stack %p..+%zu",
			(unsigned long)ut_handler_sp, (void *)ut_altstack, sizeof ut_altstack);
	UT_EQ(ut_handler_onstack, 1);
	UT_SYS(sigaltstack(NULL, &cur));
	UT_EQ(cur.ss_flags & SS_ONSTACK, 0);
	UT_CHECK(cur.ss_sp == ut_altstack);
	/* Without SA_ONSTACK the handler stays on the normal stack. */
	sa.sa_flags = 0;
	UT_SYS(sigaction(SIGUSR1, &sa, NULL));
	UT_SYS(kill(getpid(), SIGUSR1));
	UT_CHECK(ut_handler_sp < (uintptr_t)ut_altstack ||
		 ut_handler_sp >= (uintptr_t)ut_altstack + sizeof ut_altstack);
	UT_CHECK(ut_handler_sp < (uintptr_t)&mine);
	/* Too small a stack is refused. */
	ss.ss_size = 512;
	UT_ERR(sigaltstack(&ss, NULL), ENOMEM);
}
