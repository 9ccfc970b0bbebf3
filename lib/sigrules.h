/*
 * sigrules.h — the pure rules of Linux signals, with no kernel state:
 * default actions, names, mask arithmetic, where a handler's frame goes
 * on the user stack, and which register bits user space may restore.
 * The kernel's signal code (kernel/signal) applies them; the host unit
 * tests (tests/unit/test_sigrules.c) check them.
 */
#ifndef PROTEUS_LIB_SIGRULES_H
#define PROTEUS_LIB_SIGRULES_H

#include <stdbool.h>
#include <stdint.h>
#include "include/abi/linux.h"

#define SIGRULES_BIT(sig) (1ull << ((sig) - 1))
/* Never blocked, caught or ignored. */
#define SIGRULES_UNBLOCKABLE (SIGRULES_BIT(SIGKILL) | SIGRULES_BIT(SIGSTOP))
#define SIGRULES_STOP_SET (SIGRULES_BIT(SIGSTOP) | SIGRULES_BIT(SIGTSTP) | \
			   SIGRULES_BIT(SIGTTIN) | SIGRULES_BIT(SIGTTOU))

/* What SIG_DFL does (signal(7)). */
enum sig_default {
	SIGDFL_TERM,           /* terminate */
	SIGDFL_CORE,           /* terminate, wait status has the core bit */
	SIGDFL_IGNORE,
	SIGDFL_STOP,
	SIGDFL_CONT,           /* continue if stopped, otherwise ignore */
};

/* The frame a handler finds at its rsp (Linux's struct rt_sigframe):
 * the return address (sa_restorer), then the ucontext and the siginfo
 * whose addresses the handler gets in rdx and rsi. */
struct sigrules_frame {
	uint64_t pretcode;
	struct linux_ucontext uc;
	struct linux_siginfo info;
};

#define SIGRULES_RED_ZONE 128      /* the SysV ABI's, below rsp, never touched */
#define SIGRULES_FPSTATE_SIZE 512  /* an fxsave image */
#define SIGRULES_FPSTATE_ALIGN 64

/* Where a handler frame goes: addresses in the user's address space. */
struct sigrules_layout {
	uint64_t fpstate;          /* 64-byte aligned fxsave image */
	uint64_t frame;            /* struct sigrules_frame; the handler's rsp */
	bool on_altstack;          /* the frame is on the alternate stack */
};

bool sigrules_valid(int sig);                    /* 1..LINUX_NSIG */
enum sig_default sigrules_default(int sig);
/* "SIGSEGV"; real-time signals are "SIGRT". */
const char *sigrules_name(int sig);
/* The lowest signal in set, 0 if it is empty. */
int sigrules_lowest(uint64_t set);
/* rt_sigprocmask's how applied to cur: 0, or -EINVAL for a bad how.
 * SIGKILL and SIGSTOP never end up blocked. */
int sigrules_mask_apply(int how, uint64_t cur, uint64_t set, uint64_t *out);

/* sp lies on the alternate stack alt (an enabled one). */
bool sigrules_on_altstack(const struct linux_stack *alt, uint64_t sp);
/*
 * Place a handler frame below rsp (skipping the red zone), or at the top
 * of alt when want_alt and alt is enabled and sp is not on it already.
 * 0, or -EFAULT when the frame would wrap or run off the bottom of the
 * alternate stack it is on (Linux sends SIGSEGV for both).
 */
int sigrules_place_frame(uint64_t rsp, const struct linux_stack *alt, bool want_alt,
			 struct sigrules_layout *out);

/* rflags after sigreturn: the user-changeable bits from user, the rest
 * from cur, IF always set. */
#define SIGRULES_RFLAGS_USER 0x254dd5ull   /* CF PF AF ZF SF TF DF OF AC ID */
uint64_t sigrules_rflags_restore(uint64_t cur, uint64_t user);
/* A rip user mode may resume at: canonical and below user_top. */
bool sigrules_user_rip_ok(uint64_t rip, uint64_t user_top);

/* sigaltstack: validate and apply a new stack ss to *cur, given the
 * caller's sp.  0, -EPERM (on it), -EINVAL (flags) or -ENOMEM (small). */
int sigrules_altstack_set(struct linux_stack *cur, const struct linux_stack *ss, uint64_t sp);
/* What sigaltstack reports as the old stack. */
struct linux_stack sigrules_altstack_get(const struct linux_stack *cur, uint64_t sp);

#endif
