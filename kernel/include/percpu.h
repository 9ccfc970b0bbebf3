/*
 * percpu.h — the per-CPU area, reached through the kernel GS base.
 *
 * Entry code uses fixed offsets into it (PERCPU_*), so the layout of the
 * first fields is part of the entry ABI.
 */
#ifndef PROTEUS_PERCPU_H
#define PROTEUS_PERCPU_H

#define PERCPU_SELF 0
#define PERCPU_KERNEL_SP 8      /* top of the current kernel stack */
#define PERCPU_USER_SP 16       /* scratch: user rsp during syscall entry */

#ifndef __ASSEMBLER__
#include "types.h"

struct proc;

struct percpu {
	struct percpu *self;
	u64 kernel_sp;
	u64 user_sp;
	struct proc *current;
	unsigned cpu;
};

extern struct percpu percpu0;

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;
	__asm__ __volatile__("mov %%gs:0, %0" : "=r"(p));
	return p;
}
#endif

#endif
