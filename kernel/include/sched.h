/*
 * sched.h — who runs: a round-robin run queue, sleeping on a channel
 * (any address that names what is awaited), and time slices enforced on
 * the way back to user mode.  The kernel is not preemptive; interrupts
 * only mark that a switch is due.
 *
 * Sleep/wakeup follow xv6: the sleeper checks its condition and sleeps
 * with interrupts disabled, so a wakeup from an interrupt handler cannot
 * fall between the check and the sleep.
 */
#ifndef PROTEUS_SCHED_H
#define PROTEUS_SCHED_H

#include "types.h"

struct proc;

#define SCHED_SLICE_NS 10000000ull      /* 10 ms */

/*
 * Sleep on chan until sched_wakeup(chan).  Call with interrupts disabled;
 * returns with them disabled.  0 when woken (or, for a timed sleep, at
 * the deadline: callers recheck their condition and the clock), -EINTR
 * when a signal is pending (the caller returns -EINTR or -ERESTARTSYS).
 */
int sched_sleep(const void *chan);
/* Same, also woken at clock_ns() >= deadline_ns. */
int sched_sleep_until(const void *chan, u64 deadline_ns);
/* Sleep that no signal interrupts (vfork parent, short kernel waits). */
void sched_sleep_uninterruptible(const void *chan);
/* Wake every process sleeping on chan; callable from interrupts. */
void sched_wakeup(const void *chan);
/* Make p runnable if it sleeps interruptibly (a signal arrived). */
void sched_kick(struct proc *p);

/* A stop signal's default action: the current process stops (its state
 * PROC_STOPPED) until sched_continue; returns when continued. */
void sched_stop_current(void);
void sched_continue(struct proc *p);

void sched_add(struct proc *p);           /* a new process becomes runnable */
void sched_yield_cpu(void);               /* give up the CPU, stay runnable */
/* Run something else; the current process's state says whether it comes back. */
void schedule(void);
/* The work on every return to user mode: switch if the slice is over. */
void sched_user_return(void);
/* The clock: deadlines and slices (from the timer interrupt). */
void sched_timer_tick(u64 now_ns);
/* The earliest deadline any sleeper, alarm or slice needs, ~0 if none. */
u64 sched_next_deadline(void);

/* First thing a context resumed by context_switch does (new processes
 * too): the one switched away from is off this CPU now. */
void sched_finish_switch(void);

#endif
