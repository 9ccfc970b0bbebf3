/*
 * tty_ioctl.c — the terminal ioctls: termios (TCGETS, TCSETS[WF]), the
 * window size, flushing, FIONREAD, and job control (the controlling
 * session and its foreground process group).  Job control is kept
 * permissive, since there is one terminal: setting the foreground group
 * only needs the group to exist in the caller's session (EPERM
 * otherwise), and any process may make the console its terminal.
 */
#include "tty.h"
#include "proc.h"
#include "signal.h"
#include "uaccess.h"
#include "pv/ops.h"

#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2

/* Zombies not yet waited for count, as on Linux: a shell sets the
 * foreground to a pipeline's group whose first member may have exited. */
static bool pgrp_in_session(int pgrp, int sid)
{
	struct proc *p;

	proc_for_each(p)
		if (p->pgid == pgrp && p->sid == sid)
			return true;
	return false;
}

bool tty_session_alive(void)
{
	struct proc *p;

	if (!tty.sid)
		return false;
	proc_for_each(p)
		if (p->sid == tty.sid && p->state != PROC_ZOMBIE)
			return true;
	return false;
}

static long tty_set(unsigned cmd, u64 arg)
{
	struct linux_termios t;
	u64 fl;

	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	fl = irq_save();
	if (cmd == TCSETSF)
		ldisc_flush_input(&tty.ld);
	ldisc_set_termios(&tty.ld, &t);        /* output is synchronous: TCSETSW has nothing to drain */
	irq_restore(fl);
	tty_wake();
	return 0;
}

static long tty_job_control(unsigned cmd, u64 arg)
{
	struct proc *p = proc_current();
	int32_t v;

	if (!p)
		return -ENOTTY;
	switch (cmd) {
	case TIOCGPGRP:
		/* A foreground group that is gone would make a shell wait
		 * forever to become it: report the caller's own instead. */
		v = tty.pgrp > 0 && pgrp_in_session(tty.pgrp, tty.sid ? tty.sid : p->sid) ? tty.pgrp
											  : p->pgid;
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSPGRP:
		if (copy_from_user(&v, arg, sizeof(v)))
			return -EFAULT;
		if (v <= 0)
			return -EINVAL;
		if (!pgrp_in_session(v, p->sid))
			return -EPERM;
		tty.pgrp = v;
		if (!tty.sid || !tty_session_alive())
			tty.sid = p->sid;
		return 0;
	case TIOCGSID:
		v = tty.sid ? tty.sid : p->sid;
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSCTTY:
		/* Linux's rules: only a session leader; a tty that is another
		 * live session's is taken only with arg 1 (root may steal). */
		if (p->pid != p->sid)
			return -EPERM;
		if (tty.sid == p->sid)
			return 0;
		if (tty.sid && tty_session_alive() && arg != 1)
			return -EPERM;
		tty.sid = p->sid;
		tty.pgrp = p->pgid;
		return 0;
	case TIOCNOTTY:
		if (tty.sid == p->sid) {
			if (p->pid == p->sid && tty.pgrp > 0) {
				signal_send_pgrp(tty.pgrp, SIGHUP, NULL);
				signal_send_pgrp(tty.pgrp, SIGCONT, NULL);
			}
			tty.sid = tty.pgrp = 0;
		}
		return 0;
	}
	return -ENOTTY;
}

long tty_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	struct linux_winsize ws;
	int32_t v;
	u64 fl;

	(void)f;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(arg, &tty.ld.tio, sizeof(tty.ld.tio)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tty_set(cmd, arg);
	case TIOCGWINSZ:
		return copy_to_user(arg, &tty.ws, sizeof(tty.ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		if (copy_from_user(&ws, arg, sizeof(ws)))
			return -EFAULT;
		if (ws.ws_row != tty.ws.ws_row || ws.ws_col != tty.ws.ws_col) {
			tty.ws = ws;
			if (tty.pgrp > 0)
				signal_send_pgrp(tty.pgrp, SIGWINCH, NULL);
		}
		return 0;
	case FIONREAD:
		v = (int32_t)ldisc_ready_bytes(&tty.ld);
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCOUTQ:
		v = 0;                             /* output never queues */
		return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH) {
			fl = irq_save();
			ldisc_flush_input(&tty.ld);
			irq_restore(fl);
		}
		return 0;
	}
	return tty_job_control(cmd, arg);
}

/*
 * The controlling process (the session leader) is exiting: as on Linux,
 * the terminal hangs up on its session — the foreground group gets
 * SIGHUP and SIGCONT (so a stopped job sees it) — and belongs to nobody.
 */
void tty_session_leader_exit(int sid)
{
	u64 fl = irq_save();

	if (sid && tty.sid == sid) {
		int pgrp = tty.pgrp;

		tty.sid = tty.pgrp = 0;
		if (pgrp > 0) {
			signal_send_pgrp(pgrp, SIGHUP, NULL);
			signal_send_pgrp(pgrp, SIGCONT, NULL);
		}
	}
	irq_restore(fl);
}
