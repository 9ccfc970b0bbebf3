/*
 * ldisc.c — the line discipline (ldisc.h), after Linux's n_tty.
 *
 * Invariants: ready[0..ready_len) holds what a read may take; in
 * canonical mode it is exactly the concatenation of the lines[] lengths
 * (lines end in their terminator, except one ended by VEOF, which is not
 * stored).  edit[0..edit_len) is the line being typed, never readable
 * until a terminator arrives.  A control character of 0 is disabled
 * (_POSIX_VDISABLE).
 */
#include "lib/ldisc.h"
#include <string.h>

#define CTRL(c) ((c) & 037)

void ldisc_init(struct ldisc *ld, ldisc_emit_fn *emit, void *arg)
{
	static const uint8_t cc[LINUX_NCCS] = {
		[VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = 0177, [VKILL] = CTRL('U'),
		[VEOF] = CTRL('D'), [VTIME] = 0, [VMIN] = 1, [VSTART] = CTRL('Q'),
		[VSTOP] = CTRL('S'), [VSUSP] = CTRL('Z'), [VREPRINT] = CTRL('R'),
		[13] = CTRL('O'), [VWERASE] = CTRL('W'), [VLNEXT] = CTRL('V'),
	};

	memset(ld, 0, sizeof(*ld));
	ld->tio.c_iflag = ICRNL | IXON;
	ld->tio.c_oflag = OPOST | ONLCR;
	ld->tio.c_cflag = B38400 | CS8 | CREAD | HUPCL;
	ld->tio.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(ld->tio.c_cc, cc, sizeof(cc));
	ld->emit = emit;
	ld->emit_arg = arg;
}

static bool is_cc(const struct ldisc *ld, unsigned idx, uint8_t c)
{
	return ld->tio.c_cc[idx] != 0 && ld->tio.c_cc[idx] == c;
}

static bool is_ctl(uint8_t c)
{
	return c < 32 || c == 0177;
}

static void emit(struct ldisc *ld, const char *s, size_t n)
{
	if (ld->emit)
		ld->emit(ld->emit_arg, s, n);
}

/* Echo c as typed: a control character as ^X under ECHOCTL. */
static void echo_char(struct ldisc *ld, uint8_t c)
{
	if (!(ld->tio.c_lflag & ECHO))
		return;
	if ((ld->tio.c_lflag & ECHOCTL) && is_ctl(c) && c != '\t' && c != '\n') {
		char s[2] = { '^', (char)(c ^ 0100) };
		emit(ld, s, 2);
	} else {
		char s = (char)c;
		emit(ld, &s, 1);
	}
}

/* Rub out the last edited character on the screen and in the buffer. */
static void erase_one(struct ldisc *ld, uint8_t erase_char)
{
	uint8_t c;
	unsigned cols;

	if (!ld->edit_len)
		return;
	c = (uint8_t)ld->edit[--ld->edit_len];
	if (!(ld->tio.c_lflag & ECHO))
		return;
	if (!(ld->tio.c_lflag & ECHOE)) {
		echo_char(ld, erase_char);
		return;
	}
	cols = (ld->tio.c_lflag & ECHOCTL) && is_ctl(c) && c != '\t' ? 2 : 1;
	while (cols--)
		emit(ld, "\b \b", 3);
}

static void erase_word(struct ldisc *ld, uint8_t c)
{
	while (ld->edit_len && (ld->edit[ld->edit_len - 1] == ' ' ||
				ld->edit[ld->edit_len - 1] == '\t'))
		erase_one(ld, c);
	while (ld->edit_len && ld->edit[ld->edit_len - 1] != ' ' &&
	       ld->edit[ld->edit_len - 1] != '\t')
		erase_one(ld, c);
}

static void kill_line(struct ldisc *ld, uint8_t c)
{
	if ((ld->tio.c_lflag & (ECHO | ECHOE | ECHOKE)) == (ECHO | ECHOE | ECHOKE)) {
		while (ld->edit_len)
			erase_one(ld, c);
		return;
	}
	ld->edit_len = 0;
	if ((ld->tio.c_lflag & (ECHO | ECHOK)) == (ECHO | ECHOK)) {
		echo_char(ld, c);
		emit(ld, "\n", 1);
	}
}

/* The edited line becomes readable (len 0 and no terminator: an EOF). */
static void push_line(struct ldisc *ld)
{
	size_t room = LDISC_BUF - ld->ready_len;
	size_t n = ld->edit_len < room ? ld->edit_len : room;

	/* A line that does not fit is dropped whole rather than cut to a
	 * length 0 entry, which would read as an EOF. */
	if (ld->lines < LDISC_LINES && (n || !ld->edit_len)) {
		memcpy(ld->ready + ld->ready_len, ld->edit, n);
		ld->ready_len += n;
		ld->line_len[ld->lines++] = (uint16_t)n;
	}
	ld->edit_len = 0;
}

static void store(struct ldisc *ld, uint8_t c)
{
	if (ld->tio.c_lflag & ICANON) {
		/* Keep a byte free for the terminator of a full line. */
		if (ld->edit_len < LDISC_BUF - 1)
			ld->edit[ld->edit_len++] = (char)c;
	} else if (ld->ready_len < LDISC_BUF) {
		ld->ready[ld->ready_len++] = (char)c;
	}
}

static int input_signal(struct ldisc *ld, uint8_t c)
{
	int sig = is_cc(ld, VINTR, c) ? SIGINT : is_cc(ld, VQUIT, c) ? SIGQUIT : SIGTSTP;

	if (!(ld->tio.c_lflag & NOFLSH))
		ldisc_flush_input(ld);
	echo_char(ld, c);
	return sig;
}

/* Canonical-mode editing characters; true when c was one. */
static bool input_edit(struct ldisc *ld, uint8_t c)
{
	if (is_cc(ld, VERASE, c) || c == '\b') {
		erase_one(ld, c);
	} else if (is_cc(ld, VKILL, c)) {
		kill_line(ld, c);
	} else if ((ld->tio.c_lflag & IEXTEN) && is_cc(ld, VWERASE, c)) {
		erase_word(ld, c);
	} else if ((ld->tio.c_lflag & IEXTEN) && is_cc(ld, VLNEXT, c)) {
		ld->lnext = true;
		if (ld->tio.c_lflag & ECHO)
			emit(ld, "^\b", 2);
	} else if ((ld->tio.c_lflag & IEXTEN) && is_cc(ld, VREPRINT, c)) {
		echo_char(ld, c);
		if (ld->tio.c_lflag & ECHO) {
			emit(ld, "\n", 1);
			emit(ld, ld->edit, ld->edit_len);
		}
	} else if (is_cc(ld, VEOF, c)) {
		push_line(ld);
	} else if (c == '\n' || is_cc(ld, VEOL, c) || is_cc(ld, VEOL2, c)) {
		if (c == '\n' && (ld->tio.c_lflag & ECHONL) && !(ld->tio.c_lflag & ECHO))
			emit(ld, "\n", 1);
		echo_char(ld, c);
		if (ld->edit_len < LDISC_BUF)
			ld->edit[ld->edit_len++] = (char)c;
		push_line(ld);
	} else {
		return false;
	}
	return true;
}

int ldisc_input(struct ldisc *ld, uint8_t c)
{
	const struct linux_termios *t = &ld->tio;

	if (ld->lnext) {                      /* quoted: no special meaning */
		ld->lnext = false;
		if (t->c_lflag & ECHO)
			emit(ld, "\b", 1);
		echo_char(ld, c);
		store(ld, c);
		return 0;
	}
	if ((t->c_iflag & IXON) && (is_cc(ld, VSTART, c) || is_cc(ld, VSTOP, c)))
		return 0;                     /* flow control is not modelled: dropped */
	if ((t->c_lflag & ISIG) && (is_cc(ld, VINTR, c) || is_cc(ld, VQUIT, c) ||
				    is_cc(ld, VSUSP, c)))
		return input_signal(ld, c);
	if (c == '\r') {
		if (t->c_iflag & IGNCR)
			return 0;
		if (t->c_iflag & ICRNL)
			c = '\n';
	} else if (c == '\n' && (t->c_iflag & INLCR)) {
		c = '\r';
	}
	if ((t->c_lflag & ICANON) && input_edit(ld, c))
		return 0;
	echo_char(ld, c);
	store(ld, c);
	return 0;
}

bool ldisc_readable(const struct ldisc *ld)
{
	return (ld->tio.c_lflag & ICANON) ? ld->lines > 0 : ld->ready_len > 0;
}

size_t ldisc_ready_bytes(const struct ldisc *ld)
{
	return ld->ready_len;
}

size_t ldisc_read(struct ldisc *ld, char *buf, size_t n)
{
	size_t k = ld->ready_len;

	if (ld->tio.c_lflag & ICANON) {
		if (!ld->lines)
			return 0;
		k = ld->line_len[0];
	}
	if (k > n)
		k = n;
	memcpy(buf, ld->ready, k);
	memmove(ld->ready, ld->ready + k, ld->ready_len - k);
	ld->ready_len -= k;
	if (ld->tio.c_lflag & ICANON) {
		ld->line_len[0] = (uint16_t)(ld->line_len[0] - k);
		if (ld->line_len[0] == 0 || k == 0) {
			ld->lines--;
			memmove(ld->line_len, ld->line_len + 1, ld->lines * sizeof(ld->line_len[0]));
		}
	}
	return k;
}

void ldisc_flush_input(struct ldisc *ld)
{
	ld->ready_len = 0;
	ld->lines = 0;
	ld->edit_len = 0;
	ld->lnext = false;
}

void ldisc_set_termios(struct ldisc *ld, const struct linux_termios *t)
{
	bool was_canon = ld->tio.c_lflag & ICANON, canon = t->c_lflag & ICANON;

	ld->tio = *t;
	if (was_canon && !canon) {
		size_t n = ld->edit_len;

		if (n > LDISC_BUF - ld->ready_len)
			n = LDISC_BUF - ld->ready_len;
		memcpy(ld->ready + ld->ready_len, ld->edit, n);
		ld->ready_len += n;
		ld->edit_len = 0;
		ld->lines = 0;
	} else if (!was_canon && canon) {
		ld->lines = 0;
		if (ld->ready_len)
			ld->line_len[ld->lines++] = (uint16_t)ld->ready_len;
	}
}

bool ldisc_output_crlf(const struct ldisc *ld)
{
	return (ld->tio.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR);
}
