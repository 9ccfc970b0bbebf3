/*
 * sigcheck.c — end-to-end signal checks, a static musl program: run it on
 * Linux and on Proteus, the output must be the same.  Each check prints
 * "sigcheck: ok NAME" or "sigcheck: FAIL NAME: why"; the last line is
 * "sigcheck: N passed, M failed".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static int passed, failed;

static void check(const char *name, int ok, const char *why)
{
	if (ok) {
		printf("sigcheck: ok %s\n", name);
		passed++;
	} else {
		printf("sigcheck: FAIL %s: %s\n", name, why);
		failed++;
	}
	fflush(stdout);
}

static volatile sig_atomic_t got_sig, got_code, got_pid;
static void *volatile got_addr;

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_addr = si->si_addr;
}

static void handler_runs(void)
{
	struct sigaction sa = { .sa_sigaction = on_info, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	got_sig = 0;
	kill(getpid(), SIGUSR1);
	check("handler_runs", got_sig == SIGUSR1 && got_code == SI_USER && got_pid == getpid(),
	      "SIGUSR1 handler did not see its siginfo");
}

static void mask_and_pending(void)
{
	sigset_t set, pend, old;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	got_sig = 0;
	kill(getpid(), SIGUSR1);
	sigpending(&pend);
	check("blocked_stays_pending", got_sig == 0 && sigismember(&pend, SIGUSR1),
	      "blocked signal ran or is not pending");
	sigprocmask(SIG_SETMASK, &old, NULL);      /* delivered here */
	check("unblock_delivers", got_sig == SIGUSR1, "not delivered on unblock");
}

static void sigsuspend_works(void)
{
	sigset_t set, old, wait;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	got_sig = 0;
	kill(getpid(), SIGUSR1);
	sigemptyset(&wait);
	errno = 0;
	int r = sigsuspend(&wait);
	sigset_t now;
	sigprocmask(SIG_SETMASK, NULL, &now);
	check("sigsuspend", r == -1 && errno == EINTR && got_sig == SIGUSR1 &&
	      sigismember(&now, SIGUSR1), "wrong result or mask not restored");
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void on_alarm(int sig) { got_sig = sig; }

static void alarm_pause(void)
{
	signal(SIGALRM, on_alarm);
	got_sig = 0;
	alarm(1);
	pause();
	check("alarm_pause", got_sig == SIGALRM, "pause did not return with SIGALRM");
	struct itimerval it = { .it_value = { 0, 20000 }, .it_interval = { 0, 20000 } }, cur;
	int n = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	while (n < 3) {
		got_sig = 0;
		pause();
		n += got_sig == SIGALRM;
	}
	getitimer(ITIMER_REAL, &cur);
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	check("itimer_periodic", n == 3 && cur.it_interval.tv_usec == 20000, "periodic timer");
}

static sigjmp_buf jb;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	siglongjmp(jb, 1);
}

static void segv_caught(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	got_sig = 0;
	if (!sigsetjmp(jb, 1))
		*(volatile int *)0x1234 = 1;
	check("segv_caught", got_sig == SIGSEGV && got_code == SEGV_MAPERR &&
	      got_addr == (void *)0x1234, "wrong signal, code or si_addr");
	/* SIGSEGV blocked by the handler's mask is unblocked by siglongjmp(…, 1). */
	got_sig = 0;
	if (!sigsetjmp(jb, 1))
		*(volatile int *)0x5678 = 1;
	check("segv_twice", got_sig == SIGSEGV && got_addr == (void *)0x5678, "second fault");
	signal(SIGSEGV, SIG_DFL);
}

/* A SIGILL handler that clobbers registers and steps over the ud2: the
 * interrupted code must see every register as it left it. */
static void on_ill(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	(void)si;
	got_sig = sig;
	uc->uc_mcontext.gregs[REG_RIP] += 2;
	__asm__ volatile("mov $-1, %%rcx; mov $-1, %%r11; pcmpeqd %%xmm0, %%xmm0; mov $-1, %%r12"
			 ::: "rcx", "r11", "r12", "xmm0");
}

static void sigreturn_restores(void)
{
	struct sigaction sa = { .sa_sigaction = on_ill, .sa_flags = SA_SIGINFO };
	uint64_t rcx, r11, r12, x0lo, x0hi;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGILL, &sa, NULL);
	got_sig = 0;
	__asm__ volatile(
		"mov $0x1111222233334444, %%rcx\n"
		"mov $0x5555666677778888, %%r11\n"
		"mov $0x0123456789abcdef, %%r12\n"
		"movq %%rcx, %%xmm0\n"
		"pinsrq $1, %%r11, %%xmm0\n"
		"ud2\n"
		"mov %%rcx, %0\n"
		"mov %%r11, %1\n"
		"mov %%r12, %2\n"
		"movq %%xmm0, %3\n"
		"pextrq $1, %%xmm0, %4\n"
		: "=m"(rcx), "=m"(r11), "=m"(r12), "=m"(x0lo), "=m"(x0hi)
		:: "rcx", "r11", "r12", "xmm0");
	check("sigreturn_restores", got_sig == SIGILL && rcx == 0x1111222233334444ull &&
	      r11 == 0x5555666677778888ull && r12 == 0x0123456789abcdefull &&
	      x0lo == rcx && x0hi == r11, "a register came back changed");
	signal(SIGILL, SIG_DFL);
}

static volatile uintptr_t handler_sp;
static void on_alt(int sig) { int here; got_sig = sig; handler_sp = (uintptr_t)&here; }

static void altstack_used(void)
{
	static char stk[16384];
	stack_t ss = { .ss_sp = stk, .ss_size = sizeof(stk) }, o;
	struct sigaction sa = { .sa_handler = on_alt, .sa_flags = SA_ONSTACK };

	sigaltstack(&ss, NULL);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, NULL);
	got_sig = 0;
	raise(SIGUSR2);
	sigaltstack(NULL, &o);
	check("altstack_used", got_sig == SIGUSR2 && handler_sp > (uintptr_t)stk &&
	      handler_sp < (uintptr_t)stk + sizeof(stk) && o.ss_flags == 0,
	      "handler not on the alternate stack");
	ss.ss_size = 100;
	check("altstack_enomem", sigaltstack(&ss, NULL) == -1 && errno == ENOMEM, "small stack");
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
}

static void bad_args(void)
{
	struct sigaction sa = { .sa_handler = SIG_IGN };

	check("sigaction_kill_einval", sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL,
	      "SIGKILL could be ignored");
	check("sigaction_efault", syscall(SYS_rt_sigaction, SIGUSR1, (void *)8, NULL, 8) == -1 &&
	      errno == EFAULT, "bad pointer accepted");
	check("sigaction_setsize", syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4) == -1 &&
	      errno == EINVAL, "sigsetsize 4 accepted");
	check("kill_esrch", kill(99999, 0) == -1 && errno == ESRCH, "kill of nobody");
	check("kill_einval", kill(getpid(), 65) == -1 && errno == EINVAL, "signal 65");
	sigset_t all, now;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	sigprocmask(SIG_SETMASK, NULL, &now);
	check("kill_stop_unblockable", !sigismember(&now, SIGKILL) && !sigismember(&now, SIGSTOP),
	      "SIGKILL or SIGSTOP blocked");
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
}

static void child_killed(void)
{
	int st = 0;
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		for (;;)
			pause();
	}
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	check("child_sigterm", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "child status");
	pid = fork();
	if (pid == 0)
		*(volatile int *)0 = 0;      /* default SIGSEGV: dies with a core */
	waitpid(pid, &st, 0);
	/* The core bit: Proteus always sets it; Linux only when it dumped. */
	check("child_segv", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child status");
	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(7);
	}
	waitpid(pid, &st, WUNTRACED);
	int stopped = WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP;
	kill(pid, SIGCONT);
	waitpid(pid, &st, 0);
	check("child_stop_cont", stopped && WIFEXITED(st) && WEXITSTATUS(st) == 7, "stop/continue");
}

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
}

static void sigchld_info(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO };
	sigset_t set, old;
	int st;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	got_sig = 0;
	pid_t pid = fork();
	if (pid == 0)
		_exit(3);
	waitpid(pid, &st, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	check("sigchld_info", got_sig == SIGCHLD && got_code == CLD_EXITED && got_pid == pid,
	      "SIGCHLD siginfo");
	signal(SIGCHLD, SIG_DFL);
}

int main(int argc, char **argv)
{
	(void)argc; (void)argv;
	handler_runs();
	mask_and_pending();
	sigsuspend_works();
	segv_caught();
	sigreturn_restores();
	altstack_used();
	bad_args();
	alarm_pause();
	child_killed();
	sigchld_info();
	printf("sigcheck: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
