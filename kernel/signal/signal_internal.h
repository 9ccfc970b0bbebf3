/*
 * signal_internal.h — what the files of kernel/signal share and nobody
 * else needs.
 */
#ifndef PROTEUS_SIGNAL_INTERNAL_H
#define PROTEUS_SIGNAL_INTERNAL_H

#include "signal.h"
#include "proc.h"
#include "lib/sigrules.h"

/* The action for sig (1..64). */
static inline struct linux_sigaction *signal_action(struct proc *p, int sig)
{
	return &p->sig.action[sig - 1];
}

/* Whether sig, sent to p now, would be thrown away at once (ignored,
 * explicitly or by default, and not blocked). */
bool signal_discarded(const struct proc *p, int sig);

/* Queue sig for p with info, bypassing init's protection and the
 * ignore test, unblocking it and resetting an ignore to SIG_DFL: a
 * fault's signal must be taken (Linux force_sig). */
void signal_force(struct proc *p, int sig, const struct linux_siginfo *info);

/* End the current process by sig's default action (terminate or core):
 * the kill message when why is given or a fault caused it, p->result,
 * then proc_exit with W_SIGNALED. */
__noreturn void signal_die(struct proc *p, int sig, const char *why);

/* One default action for sig taken now; returns unless it kills. */
void signal_default_action(struct proc *p, int sig);

/* Build a handler frame for sig on p's user stack and point f at the
 * handler; false (nothing changed) when it cannot be written. */
bool signal_setup_frame(struct proc *p, struct trap_frame *f, int sig,
			const struct linux_siginfo *info, const struct linux_sigaction *act);

#endif
