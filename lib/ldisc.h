/*
 * ldisc.h — a terminal line discipline with Linux's rules (termios(3)):
 * input conversion (ICRNL, INLCR, IGNCR), canonical line editing (ERASE,
 * KILL, WERASE, LNEXT, REPRINT, EOF, EOL), echo (ECHO, ECHOE, ECHOK,
 * ECHOKE, ECHOCTL, ECHONL), signal characters (ISIG), IXON flow-control
 * characters swallowed, and whether output is post-processed (OPOST, ONLCR).
 *
 * Pure logic, no locking and no sleeping: the kernel's tty feeds it bytes
 * from the console interrupt, takes reads out of it, and does the
 * waiting, the signals and VMIN/VTIME timing itself.  Echo goes
 * through the emit callback.
 */
#ifndef PROTEUS_LIB_LDISC_H
#define PROTEUS_LIB_LDISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "include/abi/linux.h"

#define LDISC_BUF 4096             /* bytes of input held (Linux: N_TTY_BUF_SIZE) */
#define LDISC_LINES 128            /* complete lines waiting to be read */

typedef void ldisc_emit_fn(void *arg, const char *s, size_t n);

struct ldisc {
	struct linux_termios tio;
	/* Input ready for read: in canonical mode, whole lines whose
	 * lengths are in line_len (a length 0 line is an EOF). */
	char ready[LDISC_BUF];
	size_t ready_len;
	uint16_t line_len[LDISC_LINES];
	unsigned lines;
	/* The line being edited (canonical mode). */
	char edit[LDISC_BUF];
	size_t edit_len;
	bool lnext;                /* the previous byte was VLNEXT */
	ldisc_emit_fn *emit;
	void *emit_arg;
};

/* Linux console defaults (termios.h's INIT_C_CC and tty_std_termios). */
void ldisc_init(struct ldisc *ld, ldisc_emit_fn *emit, void *arg);
/* One received byte.  Returns the signal an ISIG character asks for
 * (SIGINT, SIGQUIT, SIGTSTP), the input flushed, or 0. */
int ldisc_input(struct ldisc *ld, uint8_t c);
/* Bytes a read could take now: a canonical read needs a whole line (an
 * EOF counts, as 0 bytes); 0 when a read would wait. */
bool ldisc_readable(const struct ldisc *ld);
size_t ldisc_ready_bytes(const struct ldisc *ld);
/* Take up to n bytes (in canonical mode never past one line). */
size_t ldisc_read(struct ldisc *ld, char *buf, size_t n);
/* Drop pending input (TCFLSH, TCSETSF, a signal character). */
void ldisc_flush_input(struct ldisc *ld);
/* New settings (TCSETS*): what is being edited moves to the ready queue
 * when canonical mode is switched off, so no typed byte is lost. */
void ldisc_set_termios(struct ldisc *ld, const struct linux_termios *t);
/* Whether output (and echo) wants each "\n" sent as "\r\n" (OPOST and
 * ONLCR): the kernel hands such output to console drivers that add the
 * carriage return themselves, and the rest to their raw path. */
bool ldisc_output_crlf(const struct ldisc *ld);

#endif
