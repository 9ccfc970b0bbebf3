/*
 * launch.c — fork, exec, stream, wait with a deadline, kill on timeout.
 *
 * SIGCHLD, SIGINT, SIGTERM and SIGHUP stay blocked except inside ppoll, so
 * a signal can only arrive while we wait and never slips in between a check
 * and the wait.  The child gets the old mask and default dispositions back
 * before exec.
 */
#define _GNU_SOURCE /* ppoll, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "tools/proteus/errscan.h"
#include "tools/proteus/launch.h"

static volatile sig_atomic_t launch_chld, launch_term;

static void launch_on_chld(int sig)
{
	(void)sig;
	launch_chld = 1;
}

static void launch_on_term(int sig)
{
	launch_term = sig;
}

static const int launch_termsigs[] = { SIGINT, SIGTERM, SIGHUP };
#define LAUNCH_NTERM (sizeof launch_termsigs / sizeof launch_termsigs[0])

struct launch_state {
	sigset_t oldmask;
	struct sigaction oldchld, oldpipe, oldterm[LAUNCH_NTERM];
	pid_t pid;
	struct pollfd fds[2];    /* [0] child's stdout, [1] its stderr */
	struct errscan scan;
	int stdout_ok;           /* our stdout still accepts writes */
	int stop;                /* the filter asked to end the run */
	const struct launch_opts *o;
	struct launch_result *r;
	struct termios tty;      /* the terminal's modes before the run (foreground only) */
	int tty_saved;
};

static int64_t launch_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int launch_write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void launch_signals(struct launch_state *s)
{
	struct sigaction sa;
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	for (size_t i = 0; i < LAUNCH_NTERM; i++)
		sigaddset(&block, launch_termsigs[i]);
	sigprocmask(SIG_BLOCK, &block, &s->oldmask);
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = launch_on_chld;
	sigaction(SIGCHLD, &sa, &s->oldchld);
	sa.sa_handler = launch_on_term;
	for (size_t i = 0; i < LAUNCH_NTERM; i++)
		sigaction(launch_termsigs[i], &sa, &s->oldterm[i]);
	sa.sa_handler = SIG_IGN;   /* a closed stdout must not kill us before QEMU */
	sigaction(SIGPIPE, &sa, &s->oldpipe);
	launch_chld = 0;
	launch_term = 0;
}

static void launch_restore(struct launch_state *s)
{
	sigaction(SIGCHLD, &s->oldchld, NULL);
	sigaction(SIGPIPE, &s->oldpipe, NULL);
	for (size_t i = 0; i < LAUNCH_NTERM; i++)
		sigaction(launch_termsigs[i], &s->oldterm[i], NULL);
	sigprocmask(SIG_SETMASK, &s->oldmask, NULL);
}

/* In the child: become a process group, wire up fds, exec. Never returns. */
static void launch_child(struct launch_state *s, int out, int err, int report)
{
	int e;

	setpgid(0, 0);
	/* From the background, tcsetpgrp would stop us with SIGTTOU. */
	if (s->o->foreground) {
		signal(SIGTTOU, SIG_IGN);
		tcsetpgrp(0, getpid());
		signal(SIGTTOU, SIG_DFL);
	}
	signal(SIGPIPE, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	for (size_t i = 0; i < LAUNCH_NTERM; i++)
		signal(launch_termsigs[i], SIG_DFL);
	sigprocmask(SIG_SETMASK, &s->oldmask, NULL);
	if (!s->o->pass_stdin) {
		int null = open("/dev/null", O_RDONLY);

		if (null >= 0 && null != 0) {
			dup2(null, 0);
			close(null);
		}
	}
	if (dup2(out, 1) < 0 || dup2(err, 2) < 0)
		goto fail;
	execvp(s->o->argv[0], s->o->argv);
fail:
	e = errno;
	if (write(report, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

/* The guest's output: to the tail, our stdout and the log. */
static void launch_emit(void *sink, const char *p, size_t n)
{
	struct launch_state *s = sink;

	tail_push(&s->r->tail, p, n);
	verdict_push(&s->r->verdict, p, n);
	if (s->stdout_ok && launch_write_all(1, p, n) < 0)
		s->stdout_ok = 0;
	if (s->o->log_fd >= 0 && !s->r->log_err && launch_write_all(s->o->log_fd, p, n) < 0)
		s->r->log_err = errno;
}

/* The child's stdout, through the filter when there is one. */
static void launch_out(struct launch_state *s, const char *p, size_t n)
{
	if (!s->o->filter) {
		if (n)
			launch_emit(s, p, n);
		return;
	}
	if (s->o->filter(s->o->filter_ctx, p, n, launch_emit, s))
		s->stop = 1;
}

/* Copy what is ready on fds[i]; close it at end of file. */
static void launch_pump(struct launch_state *s, int i)
{
	char buf[4096];

	for (;;) {
		ssize_t n = read(s->fds[i].fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return;              /* EAGAIN: nothing more for now */
		if (n == 0) {
			close(s->fds[i].fd);
			s->fds[i].fd = -1;
			if (i == 1)
				errscan_end(&s->scan);
			else
				launch_out(s, buf, 0);
			return;
		}
		if (i == 1) {
			errscan_push(&s->scan, buf, (size_t)n);
			launch_write_all(2, buf, (size_t)n);
			continue;
		}
		launch_out(s, buf, (size_t)n);
	}
}

static void launch_drain(struct launch_state *s)
{
	for (int i = 0; i < 2; i++)
		if (s->fds[i].fd >= 0)
			launch_pump(s, i);
	for (int i = 0; i < 2; i++)
		if (s->fds[i].fd >= 0) {
			close(s->fds[i].fd);
			s->fds[i].fd = -1;
			if (i == 0)
				launch_out(s, NULL, 0);
		}
}

static void launch_kill(struct launch_state *s)
{
	if (kill(-s->pid, SIGKILL) < 0)
		kill(s->pid, SIGKILL);
	while (waitpid(s->pid, &s->r->wstatus, 0) < 0 && errno == EINTR)
		;
	launch_drain(s);
}

/*
 * The run is over: our group owns the terminal again, in the modes it had
 * (a VMM killed on a timeout leaves it raw).  We are in the background
 * until tcsetpgrp returns, hence SIGTTOU ignored around it.
 */
static void launch_take_terminal(struct launch_state *s)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;

	sigemptyset(&ign.sa_mask);
	sigaction(SIGTTOU, &ign, &old);
	tcsetpgrp(0, getpgrp());
	if (s->tty_saved)
		tcsetattr(0, TCSADRAIN, &s->tty);
	sigaction(SIGTTOU, &old, NULL);
}

/* Wait for the child to end, the deadline, or a signal to us. */
static void launch_wait(struct launch_state *s)
{
	int64_t deadline = launch_now_ns() + (int64_t)(s->o->timeout * 1e9);

	for (;;) {
		int64_t left;
		struct timespec ts;

		if (launch_term) {
			s->r->how = LAUNCH_INTERRUPTED;
			s->r->signo = launch_term;
			launch_kill(s);
			return;
		}
		if (s->stop) {
			s->r->how = LAUNCH_STOPPED;
			launch_kill(s);
			return;
		}
		if (launch_chld) {
			launch_chld = 0;
			if (waitpid(s->pid, &s->r->wstatus, WNOHANG) == s->pid) {
				s->r->how = LAUNCH_EXITED;
				launch_drain(s);
				return;
			}
		}
		left = deadline - launch_now_ns();
		if (left <= 0) {
			s->r->how = LAUNCH_TIMEOUT;
			launch_kill(s);
			return;
		}
		ts.tv_sec = left / 1000000000;
		ts.tv_nsec = left % 1000000000;
		if (ppoll(s->fds, 2, &ts, &s->oldmask) > 0)
			for (int i = 0; i < 2; i++)
				if (s->fds[i].fd >= 0 && s->fds[i].revents)
					launch_pump(s, i);
	}
}

int launch_run(const struct launch_opts *o, struct launch_result *r)
{
	/* A quiet run's stdout stays ours (a bench prints its table there). */
	struct launch_state s = { .o = o, .r = r, .stdout_ok = !o->quiet };
	int out[2], err[2], rep[2], e;
	ssize_t n;

	memset(r, 0, sizeof *r);
	tail_init(&r->tail);
	verdict_init(&r->verdict);
	errscan_init(&s.scan);
	if (pipe2(out, O_CLOEXEC) < 0)
		goto error;
	if (pipe2(err, O_CLOEXEC) < 0)
		goto error_out;
	if (pipe2(rep, O_CLOEXEC) < 0)
		goto error_err;
	if (o->foreground && tcgetattr(0, &s.tty) == 0)
		s.tty_saved = 1;
	launch_signals(&s);
	s.pid = fork();
	if (s.pid < 0) {
		e = errno;
		launch_restore(&s);
		close(rep[0]);
		close(rep[1]);
		errno = e;
		goto error_err;
	}
	if (s.pid == 0)
		launch_child(&s, out[1], err[1], rep[1]);
	setpgid(s.pid, s.pid);   /* also in the child: whichever runs first */
	if (o->foreground)
		tcsetpgrp(0, s.pid);   /* likewise */
	close(out[1]);
	close(err[1]);
	close(rep[1]);
	while ((n = read(rep[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(rep[0]);
	s.fds[0] = (struct pollfd){ .fd = out[0], .events = POLLIN };
	s.fds[1] = (struct pollfd){ .fd = err[0], .events = POLLIN };
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	fcntl(err[0], F_SETFL, O_NONBLOCK);
	if (n == (ssize_t)sizeof e) {
		while (waitpid(s.pid, &r->wstatus, 0) < 0 && errno == EINTR)
			;
		launch_drain(&s);
		r->how = LAUNCH_EXEC_FAILED;
		r->err = e;
	} else {
		launch_wait(&s);
	}
	r->vmm_error = s.scan.error;
	if (o->foreground)
		launch_take_terminal(&s);
	launch_restore(&s);
	return 0;

error_err:
	close(err[0]);
	close(err[1]);
error_out:
	close(out[0]);
	close(out[1]);
error:
	r->how = LAUNCH_ERROR;
	r->err = errno;
	return -1;
}
