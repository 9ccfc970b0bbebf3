/*
 * sigrules.c — the pure rules of Linux signals (sigrules.h).  No kernel
 * state and no user memory: callers pass values in and apply results.
 */
#include "lib/sigrules.h"

bool sigrules_valid(int sig)
{
	return sig >= 1 && sig <= LINUX_NSIG;
}

enum sig_default sigrules_default(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return SIGDFL_CORE;
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return SIGDFL_IGNORE;
	case SIGCONT:
		return SIGDFL_CONT;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIGDFL_STOP;
	default:
		/* HUP INT KILL USR1 USR2 PIPE ALRM TERM STKFLT VTALRM PROF IO
		 * PWR, and every real-time signal. */
		return SIGDFL_TERM;
	}
}

static const char *const sig_names[32] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN",
	[SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU",
	[SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
	[SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR",
	[SIGSYS] = "SIGSYS",
};

const char *sigrules_name(int sig)
{
	if (sig >= 1 && sig < 32)
		return sig_names[sig];
	if (sig >= SIGRTMIN && sig <= LINUX_NSIG)
		return "SIGRT";
	return "SIG?";
}

int sigrules_lowest(uint64_t set)
{
	return set ? __builtin_ctzll(set) + 1 : 0;
}

int sigrules_mask_apply(int how, uint64_t cur, uint64_t set, uint64_t *out)
{
	uint64_t m;

	switch (how) {
	case SIG_BLOCK: m = cur | set; break;
	case SIG_UNBLOCK: m = cur & ~set; break;
	case SIG_SETMASK: m = set; break;
	default: return -EINVAL;
	}
	*out = m & ~SIGRULES_UNBLOCKABLE;
	return 0;
}

/* Linux's test: sp in (ss_sp, ss_sp + ss_size], the stack growing down
 * from its top; a disabled stack has size 0 and holds nothing. */
bool sigrules_on_altstack(const struct linux_stack *alt, uint64_t sp)
{
	if (alt->ss_flags & SS_DISABLE)
		return false;
	return sp > alt->ss_sp && sp - alt->ss_sp <= alt->ss_size;
}

int sigrules_place_frame(uint64_t rsp, const struct linux_stack *alt, bool want_alt,
			 struct sigrules_layout *out)
{
	uint64_t sp = rsp - SIGRULES_RED_ZONE;
	bool on_alt = sigrules_on_altstack(alt, rsp);

	if (rsp < SIGRULES_RED_ZONE)
		return -EFAULT;
	if (want_alt && !(alt->ss_flags & SS_DISABLE) && !on_alt) {
		sp = alt->ss_sp + alt->ss_size;
		on_alt = true;
		if (sp < alt->ss_sp)
			return -EFAULT;
	}
	if (sp < SIGRULES_FPSTATE_SIZE + sizeof(struct sigrules_frame) + 64)
		return -EFAULT;
	out->fpstate = (sp - SIGRULES_FPSTATE_SIZE) & ~(uint64_t)(SIGRULES_FPSTATE_ALIGN - 1);
	/* At handler entry rsp points at pretcode, as if the handler had
	 * just been called: (rsp + 8) is 16-byte aligned. */
	out->frame = ((out->fpstate - sizeof(struct sigrules_frame)) & ~(uint64_t)15) - 8;
	out->on_altstack = on_alt;
	/* A frame that overflows the alternate stack would scribble below
	 * it; Linux refuses it the same way. */
	if (on_alt && out->frame <= alt->ss_sp)
		return -EFAULT;
	return 0;
}

uint64_t sigrules_rflags_restore(uint64_t cur, uint64_t user)
{
	return (cur & ~SIGRULES_RFLAGS_USER) | (user & SIGRULES_RFLAGS_USER) | 0x200 | 0x2;
}

bool sigrules_user_rip_ok(uint64_t rip, uint64_t user_top)
{
	return rip < user_top;   /* below the user top is canonical, too */
}

int sigrules_altstack_set(struct linux_stack *cur, const struct linux_stack *ss, uint64_t sp)
{
	uint32_t flags = (uint32_t)ss->ss_flags;
	uint32_t mode = flags & ~SS_AUTODISARM;

	if (sigrules_on_altstack(cur, sp))
		return -EPERM;
	if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		cur->ss_sp = 0;
		cur->ss_size = 0;
		cur->ss_flags = SS_DISABLE;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	cur->ss_sp = ss->ss_sp;
	cur->ss_size = ss->ss_size;
	cur->ss_flags = (int32_t)(flags & SS_AUTODISARM);   /* SS_ONSTACK means 0 */
	return 0;
}

struct linux_stack sigrules_altstack_get(const struct linux_stack *cur, uint64_t sp)
{
	struct linux_stack o = { .ss_sp = cur->ss_sp, .ss_size = cur->ss_size };

	if (cur->ss_flags & SS_DISABLE)
		o.ss_flags = SS_DISABLE;
	else
		o.ss_flags = (cur->ss_flags & (int32_t)SS_AUTODISARM) |
			     (sigrules_on_altstack(cur, sp) ? SS_ONSTACK : 0);
	return o;
}
