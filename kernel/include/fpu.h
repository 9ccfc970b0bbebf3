/*
 * fpu.h — x87/SSE state per process, switched lazily: a switch only sets
 * CR0.TS (the fpu_set_ts op: clts/CR0 natively, fpu_taskswitch under
 * Xen); the first FPU instruction the next process runs traps with #NM,
 * and only then is the previous owner's state saved and the new one's
 * restored.  The kernel never uses the FPU itself (-mgeneral-regs-only),
 * so the registers hold user state only.
 */
#ifndef PROTEUS_FPU_H
#define PROTEUS_FPU_H

#include "types.h"

struct proc;

/* An fxsave image (x87, MMX, SSE): 512 bytes, 16-byte aligned. */
struct fpu_state {
	u8 fxsave[512];
} __aligned(16);

/* MXCSR bits a user may set (fxrstor faults on the others). */
#define FPU_MXCSR_MASK_DEFAULT 0xffbfu

/* #NM from user mode: make the current process the FPU's owner. */
void fpu_trap(void);
/* Switching from prev to next on this CPU. */
void fpu_switch(struct proc *prev, struct proc *next);
/* Make p->fpu hold p's current state (saving the live registers when p
 * owns them); allocates a fresh default state.  false on OOM. */
bool fpu_sync(struct proc *p);
/* p->fpu was rewritten (rt_sigreturn, execve): the live copy is stale. */
void fpu_invalidate(struct proc *p);
/* fork: child starts with a copy of parent's state; false on OOM. */
bool fpu_fork(struct proc *child, struct proc *parent);
void fpu_release(struct proc *p);
/* #NM traps taken on this CPU (the lazy switches that happened). */
u64 fpu_trap_count(void);
/* The default state execve and a first use start from. */
void fpu_state_init(struct fpu_state *s);

#endif
