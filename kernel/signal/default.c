/*
 * default.c — SIG_DFL: terminate (with the core bit for the core
 * signals), stop until SIGCONT, or nothing.  A death a fault caused, or
 * one the kernel decided (a frame it could not build), is announced on
 * the console with one line saying what happened:
 *
 *   proc: pid 7 (nullread) killed by SIGSEGV: page fault (read of unmapped address 0) at rip 0x401020
 *
 * and recorded in p->result for the kernel's own callers.
 */
#include "signal_internal.h"
#include "sched.h"
#include "trap.h"
#include "printk.h"
#include "lib/fmt.h"
#include "pv/ops.h"
#include <string.h>

#define PF_PRESENT 0x1u
#define PF_WRITE   0x2u
#define PF_FETCH   0x10u

static void fault_describe(const struct sig_fault *ft, char *buf, size_t size)
{
	if (ft->vector == VEC_PF)
		fmt_snprintf(buf, size, "page fault (%s %s address %#llx) at rip %#llx",
			     (ft->error_code & PF_FETCH) ? "fetch of" :
			     (ft->error_code & PF_WRITE) ? "write to" : "read of",
			     (ft->error_code & PF_PRESENT) ? "protected" : "unmapped",
			     (unsigned long long)ft->addr, (unsigned long long)ft->rip);
	else
		fmt_snprintf(buf, size, "%s (error %#llx) at rip %#llx",
			     trap_name((unsigned)ft->vector), (unsigned long long)ft->error_code,
			     (unsigned long long)ft->rip);
}

__noreturn void signal_die(struct proc *p, int sig, const char *why)
{
	bool core = sigrules_default(sig) == SIGDFL_CORE;
	bool by_fault = !why && p->sig.fault.sig == sig;
	char text[sizeof(((struct proc_result *)0)->error)];

	text[0] = 0;
	if (why)
		fmt_snprintf(text, sizeof(text), "%s", why);
	else if (by_fault)
		fault_describe(&p->sig.fault, text, sizeof(text));
	if (p->result) {
		struct proc_result *r = p->result;

		r->killed = true;
		r->signal = sig;
		if (by_fault) {
			r->vector = p->sig.fault.vector;
			r->error_code = p->sig.fault.error_code;
			r->fault_addr = p->sig.fault.addr;
			r->fault_rip = p->sig.fault.rip;
		}
		if (text[0])
			memcpy(r->error, text, sizeof(r->error));
		else
			fmt_snprintf(r->error, sizeof(r->error), "%s", sigrules_name(sig));
	}
	/* A kill someone asked for (kill -TERM) is no news; one the
	 * program brought on itself is, init's included. */
	if (text[0])
		pr_warn("proc: pid %d (%s) killed by %s: %s\n", p->pid, p->name,
			sigrules_name(sig), text);
	proc_exit(W_SIGNALED(sig, core));
}

void signal_default_action(struct proc *p, int sig)
{
	u64 flags;

	switch (sigrules_default(sig)) {
	case SIGDFL_IGNORE:
	case SIGDFL_CONT:                /* its work was done when it was sent */
		return;
	case SIGDFL_STOP:
		if (p->pid == 1)
			return;
		/* Tell the parent first: this returns only once continued.
		 * Interrupts stay off from the report to the stop, so a SIGCONT
		 * from an interrupt cannot come before the stop it undoes. */
		flags = irq_save();
		p->stop_report = true;
		p->cont_report = false;
		p->stop_sig = sig;               /* wait4's WSTOPSIG */
		signal_notify_parent(p, CLD_STOPPED, sig);
		sched_stop_current();
		irq_restore(flags);
		return;
	case SIGDFL_TERM:
	case SIGDFL_CORE:
		/* Init only dies of its own faults: a signal it blocked (and so
		 * kept) and then unblocked without a handler is dropped here,
		 * as Linux drops it for an unkillable init. */
		if (p->pid == 1 && p->sig.fault.sig != sig)
			return;
		signal_die(p, sig, NULL);
	}
}
