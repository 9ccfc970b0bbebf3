/*
 * signal.h — POSIX signals with Linux's x86-64 ABI: rt_sigaction,
 * rt_sigprocmask, rt_sigreturn, sigaltstack, kill; signals raised by
 * faults; delivery on the way back to user mode through a Linux-layout
 * rt_sigframe (siginfo, ucontext with the FPU image), and default
 * actions (terminate, core, ignore, stop, continue).
 */
#ifndef PROTEUS_SIGNAL_H
#define PROTEUS_SIGNAL_H

#include "types.h"
#include "abi/linux.h"

struct proc;
struct trap_frame;

typedef u64 sigset_t64;                      /* bit (sig-1) */
#define SIG_BIT(sig) (1ull << ((sig) - 1))

/* The fault behind the last signal a trap raised: for the handler's
 * sigcontext (trapno, err, cr2) and for the kill message. */
struct sig_fault {
	int sig;                                    /* 0: none recorded */
	u64 vector, error_code, addr, rip;
};

/*
 * Invariants: blocked never holds SIGKILL or SIGSTOP; a standard signal
 * is pending at most once (a second send while pending is merged, and so,
 * here, is a real-time one); pending and info are changed with interrupts
 * off, since the tty and the alarm clock send from interrupts.
 */
struct sig_state {
	struct linux_sigaction action[LINUX_NSIG];   /* index sig-1 */
	sigset_t64 blocked;
	sigset_t64 pending;
	struct linux_siginfo info[LINUX_NSIG];      /* of each pending signal */
	struct linux_stack altstack;                /* ss_flags SS_DISABLE when none */
	bool restore_mask;                          /* rt_sigsuspend: saved_mask on return */
	sigset_t64 saved_mask;
	sigset_t64 waiting;                         /* rt_sigtimedwait's set: never discarded */
	struct sig_fault fault;
	u64 itimer_interval_ns;                     /* ITIMER_REAL's period, 0 one-shot */
};

/* A new process's state: everything default, nothing pending. */
void signal_init(struct proc *p);
/* fork: handlers, mask and altstack are inherited, pending is not. */
void signal_fork(struct proc *child, const struct proc *parent);
/* execve: caught signals go back to default, ignored stay ignored. */
void signal_exec(struct proc *p);

/* Queue sig for p (from kill, the tty, the kernel); -EINVAL for a bad sig. */
int signal_send(struct proc *p, int sig, const struct linux_siginfo *info);
/* To every process in process group pgid; -ESRCH if there is none. */
int signal_send_pgrp(int pgid, int sig, const struct linux_siginfo *info);
/* A deliverable signal is pending for p (interrupts sleeps). */
bool signal_pending(const struct proc *p);

/* A user-mode trap nothing else resolved: map it to SIGSEGV, SIGILL,
 * SIGFPE, SIGBUS or SIGTRAP with the right siginfo, and queue it. */
void signal_from_trap(struct trap_frame *f);

/*
 * On the way back to user mode through f (after a system call returned
 * ret, or a trap): deliver pending signals — run default actions, or
 * build a handler frame and point f at the handler.  A system call that
 * returned -ERESTARTSYS is restarted or fails with -EINTR as the
 * handler's SA_RESTART says.  Returns true when f was rewritten.
 */
bool signal_deliver(struct trap_frame *f);

/*
 * The parent is told of a child's exit, stop or continue: SIGCHLD with
 * si_code code (CLD_EXITED, CLD_KILLED, CLD_DUMPED, CLD_STOPPED,
 * CLD_CONTINUED) and si_status status (the exit code, or the signal that
 * killed, stopped or continued it) — or code 0 and status a wait status
 * (W_EXITCODE/W_SIGNALED), as proc_exit has it — unless the parent ignores SIGCHLD or
 * (for stops) asked SA_NOCLDSTOP; and the parent is woken from wait4
 * (sched_wakeup on its struct proc) in every case.
 */
void signal_notify_parent(struct proc *child, int code, int status);

/* The parent ignores SIGCHLD (SIG_IGN or SA_NOCLDWAIT): its children
 * are reaped as they exit, as on Linux. */
bool signal_child_autoreap(const struct proc *parent);

/* p's ITIMER_REAL deadline (p->alarm_at) has passed: the scheduler's
 * clock calls this, interrupts off.  Re-arms a periodic timer (or clears
 * alarm_at) and sends SIGALRM. */
void signal_alarm_fire(struct proc *p);

/* Like rt_sigreturn's restart barrier: a system call frame whose
 * orig_rax (f->error_code) is this is never restarted. */
#define SIGNAL_NO_RESTART (~0ull)

#endif
