/*
 * 60_tty.c — the console as a terminal: isatty, termios round trip,
 * window size, and the foreground process group with sessions.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "ut.h"

UT_TEST(tty_isatty)
{
	int p[2];

	UT_SYS(pipe(p));
	UT_EQ(isatty(p[0]), 0);
	UT_EQ(errno, ENOTTY);
	int fd = (int)UT_SYS(open("/dev/null", O_RDWR));

	UT_EQ(isatty(fd), 0);
	close(fd);
	/* On Proteus init's stdio is /dev/console. */
	if (ut_on_proteus()) {
		UT_EQ(isatty(0), 1);
		UT_EQ(isatty(1), 1);
	}
}

static int ut_open_console(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);

	if (fd < 0 && !ut_on_proteus())
		ut_skip("/dev/console cannot be opened on this host: %s", ut_errname(errno));
	if (fd < 0)
		ut_fail("open /dev/console: %s", ut_errname(errno));
	if (!isatty(fd) && !ut_on_proteus())
		ut_skip("/dev/console is not a terminal on this host");
	return fd;
}

UT_TEST(tty_termios_winsize)
{
	int fd = ut_open_console();
	struct termios t, saved, back;
	struct winsize ws;

	UT_SYS(tcgetattr(fd, &saved));
	t = saved;
	t.c_lflag ^= ECHO;
	t.c_cc[VMIN] = 3;
	UT_SYS(tcsetattr(fd, TCSANOW, &t));
	UT_SYS(tcgetattr(fd, &back));
	UT_EQ(back.c_lflag & ECHO, t.c_lflag & ECHO);
	UT_EQ(back.c_cc[VMIN], 3);
	UT_SYS(tcsetattr(fd, TCSANOW, &saved));
	UT_SYS(tcgetattr(fd, &back));
	UT_EQ(back.c_lflag, saved.c_lflag);
	UT_EQ(back.c_iflag, saved.c_iflag);
	UT_EQ(back.c_oflag, saved.c_oflag);
	UT_EQ(back.c_cflag, saved.c_cflag);
	UT_SYS(ioctl(fd, TIOCGWINSZ, &ws));
	UT_CHECK(ws.ws_row < 10000 && ws.ws_col < 10000);
	/* A terminal ioctl on a pipe: ENOTTY. */
	int p[2];

	UT_SYS(pipe(p));
	UT_ERR(tcgetattr(p[0], &t), ENOTTY);
	UT_ERR(ioctl(p[0], TIOCGWINSZ, &ws), ENOTTY);
	close(fd);
}

/*
 * In a child that makes its own session, so the runner's terminal is left
 * alone: take /dev/console as the controlling terminal, hand the
 * foreground to a second process group and take it back.
 */
static void ut_tty_session(void)
{
	int fd;
	pid_t me, pgid2;
	int go[2];
	char c;

	UT_SYS(pipe(go));
	me = (pid_t)UT_SYS(setsid());
	UT_EQ(getsid(0), me);
	UT_EQ(getpgrp(), me);
	UT_ERR(setsid(), EPERM);   /* already a group leader */
	fd = open("/dev/console", O_RDWR);
	if (fd < 0 && !ut_on_proteus())
		ut_skip("/dev/console cannot be opened: %s", ut_errname(errno));
	UT_CHECK(fd >= 0);
	/* O_NOCTTY was not given, so a session leader without one gets it. */
	if (ioctl(fd, TIOCSCTTY, 0) < 0 && tcgetsid(fd) != me) {
		if (!ut_on_proteus())
			ut_skip("this host's console belongs to another session");
		ut_fail("TIOCSCTTY: %s", ut_errname(errno));
	}
	UT_EQ(tcgetsid(fd), me);
	UT_EQ(tcgetpgrp(fd), me);
	pgid2 = ut_fork();
	if (pgid2 == 0) {
		setpgid(0, 0);
		read(go[0], &c, 1);
		_exit(0);
	}
	/* Both sides set the group, so neither order races. */
	setpgid(pgid2, pgid2);
	UT_EQ(getpgid(pgid2), pgid2);
	UT_SYS(tcsetpgrp(fd, pgid2));
	UT_EQ(tcgetpgrp(fd), pgid2);
	/* We are in the background now: taking the terminal back would stop us. */
	signal(SIGTTOU, SIG_IGN);
	UT_SYS(tcsetpgrp(fd, me));
	UT_EQ(tcgetpgrp(fd), me);
	/* A group of another session is refused. */
	UT_ERR(tcsetpgrp(fd, 1), EPERM);
	ut_write_all(go[1], "g", 1);
	ut_wait_exit(pgid2, 0);
	/* A group whose only member has exited but is not waited for still
	 * exists: another process may join it and it may be the foreground
	 * (what busybox sh does for `echo abc | wc -c`). */
	{
		int zp[2];
		pid_t z, b;
		char e;

		UT_SYS(pipe(zp));
		z = ut_fork();
		if (z == 0) {
			setpgid(0, 0);
			_exit(0);           /* closes zp[1]: the parent reads EOF */
		}
		close(zp[1]);
		UT_EQ(read(zp[0], &e, 1), 0);
		close(zp[0]);
		b = ut_fork();
		if (b == 0)
			_exit(setpgid(0, z) == 0 ? 0 : 1);
		ut_wait_exit(b, 0);
		UT_SYS(tcsetpgrp(fd, z));
		UT_SYS(tcsetpgrp(fd, me));
		ut_wait_exit(z, 0);
	}
	/* Let the console go; Linux sends the foreground group (us) SIGHUP for it. */
	signal(SIGHUP, SIG_IGN);
	UT_SYS(ioctl(fd, TIOCNOTTY));
	close(fd);
}

UT_TEST(tty_pgrp_session)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		ut_tty_session();
		_exit(0);
	}
	int status = ut_wait(pid);

	if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
		_exit(2);   /* the child skipped, with its reason already sent */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		ut_fail("session child: wait status %#x", status);
}
