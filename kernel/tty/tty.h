/*
 * tty.h — the one terminal there is (the console), private to
 * kernel/tty: its line discipline, window size, and the session and
 * foreground process group it belongs to (0: none).
 */
#ifndef PROTEUS_TTY_TTY_H
#define PROTEUS_TTY_TTY_H

#include "kernel/fs/fs.h"
#include "lib/ldisc.h"

struct tty {
	struct ldisc ld;
	struct linux_winsize ws;
	int sid, pgrp;
};

extern struct tty tty;

long tty_ioctl(struct file *f, unsigned cmd, u64 arg);
/* Readers and pollers: input arrived or the settings changed. */
void tty_wake(void);
/* Whether the session the tty belongs to still has a process. */
bool tty_session_alive(void);

#endif
