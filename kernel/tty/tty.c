/*
 * tty.c — the console's terminal (/dev/console, /dev/tty): the line
 * discipline (lib/ldisc.c) between the console drivers' received bytes
 * and the readers, and output through console_write.
 *
 * Input arrives in interrupt context (console_input); readers take it
 * with interrupts off, so the ldisc is only ever touched by one of them
 * at a time, and a reader's check-then-sleep cannot miss a wakeup.
 * Output: with OPOST|ONLCR (the default) it goes to console_write, whose
 * drivers send "\n" as "\r\n" themselves; otherwise to console_write_raw.
 */
#include "tty.h"
#include "console.h"
#include "sched.h"
#include "signal.h"
#include "proc.h"
#include "clock.h"
#include "pv/ops.h"

struct tty tty;

static void tty_emit(void *arg, const char *s, size_t n)
{
	(void)arg;
	if (ldisc_output_crlf(&tty.ld))
		console_write(s, n);
	else
		console_write_raw(s, n);
}

void tty_init(void)
{
	ldisc_init(&tty.ld, tty_emit, NULL);
	tty.ws.ws_row = 24;
	tty.ws.ws_col = 80;
	console_input_start();
}

void tty_wake(void)
{
	sched_wakeup(&tty);
	vfs_poll_wake();
}

void console_input(const char *s, size_t n)
{
	u64 fl = irq_save();
	size_t i;

	for (i = 0; i < n; i++) {
		int sig = ldisc_input(&tty.ld, (u8)s[i]);

		if (sig && tty.pgrp > 0)
			signal_send_pgrp(tty.pgrp, sig, NULL);
	}
	irq_restore(fl);
	tty_wake();
}

/* Wait (interrupts off) until ready() or the deadline (0: none). */
static int tty_wait(struct file *f, bool (*ready)(size_t), size_t want, u64 deadline)
{
	while (!ready(want)) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (deadline && clock_ns() >= deadline)
			return 0;
		if ((deadline ? sched_sleep_until(&tty, deadline) : sched_sleep(&tty)) != 0)
			return -ERESTARTSYS;
	}
	return 0;
}

static bool have_line(size_t want) { (void)want; return ldisc_readable(&tty.ld); }
static bool have_bytes(size_t want) { return ldisc_ready_bytes(&tty.ld) >= want; }

static long tty_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	const struct linux_termios *t = &tty.ld.tio;
	u64 fl = irq_save();
	long rc;

	(void)pos;
	if (t->c_lflag & ICANON) {
		rc = tty_wait(f, have_line, 0, 0);
	} else {
		size_t vmin = t->c_cc[VMIN];
		u64 vtime = t->c_cc[VTIME] * 100000000ull;      /* tenths of a second */

		if (vmin > n)
			vmin = n;
		if (vmin == 0) {                                 /* a poll, or one timed wait */
			rc = vtime ? tty_wait(f, have_bytes, 1, clock_ns() + vtime) : 0;
		} else {
			rc = tty_wait(f, have_bytes, 1, 0);
			/* VTIME with VMIN: an inter-byte timer once the first byte is in. */
			while (!rc && !have_bytes(vmin)) {
				size_t had = ldisc_ready_bytes(&tty.ld);

				rc = tty_wait(f, have_bytes, had + 1, vtime ? clock_ns() + vtime : 0);
				if (!rc && ldisc_ready_bytes(&tty.ld) == had)
					break;                   /* timer expired */
			}
			if (rc == -EAGAIN && ldisc_ready_bytes(&tty.ld))
				rc = 0;
		}
	}
	if (!rc)
		rc = (long)ldisc_read(&tty.ld, buf, n);
	irq_restore(fl);
	return rc;
}

static long tty_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	(void)f, (void)pos;
	tty_emit(NULL, buf, n);
	return (long)n;
}

static unsigned tty_poll(struct file *f)
{
	(void)f;
	return (ldisc_readable(&tty.ld) ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

static int tty_open(struct file *f, int oflags)
{
	(void)f;
	tty_open_ctty(oflags);
	return 0;
}

void tty_open_ctty(int oflags)
{
	struct proc *p = proc_current();

	if ((oflags & O_NOCTTY) || !p || p->pid != p->sid || tty_session_alive())
		return;
	tty.sid = p->sid;
	tty.pgrp = p->pgid;
}

const struct file_ops tty_fops = {
	.read = tty_read, .write = tty_write, .open = tty_open, .poll = tty_poll,
	.ioctl = tty_ioctl, .stream = true, .one_call = true,
};
