/*
 * fpu.c — lazy x87/SSE switching (see fpu.h).
 *
 * Per CPU, `fpu_owner` is the process whose state the registers hold, if
 * any.  Every switch to a user process sets CR0.TS (one pv op: CR0
 * natively, a hypercall under a PV hypervisor, batched into the switch's
 * lazy window); the next FPU instruction traps (#NM) and clears it, restoring
 * the process's state only if another process used the FPU meanwhile.
 * So TS clear implies the running process owns the registers, but not
 * the converse: `fpu_ts` tracks what was last written, for the kernel's
 * own fxsave, which must not trap.
 *
 * A platform whose user mode does not see the guest's CR0.TS (one that
 * runs ring 3 on the host's own CR0: pv_info.user_ts_unseen) cannot trap
 * first uses, so there the switch is eager: the owner's registers are
 * saved and the next process's restored on every switch to a process
 * that is not the owner.
 *
 * fxsave/fxrstor are the only FPU instructions here, in inline assembly;
 * the compiler generates none (-mgeneral-regs-only).
 */
#include "fpu.h"
#include "proc.h"
#include "pv/ops.h"
#include "pv/backend.h"
#include "percpu.h"
#include <string.h>

static DEFINE_PER_CPU(struct proc *, fpu_owner);
static DEFINE_PER_CPU(u64, fpu_traps);
static DEFINE_PER_CPU(bool, fpu_ts);

static void fpu_ts_write(bool set)
{
	fpu_set_ts(set);
	this_cpu_write(fpu_ts, set);
}

u64 fpu_trap_count(void)
{
	return this_cpu_read(fpu_traps);
}

static void fx_save(struct fpu_state *s)
{
	__asm__ __volatile__("fxsaveq %0" : "=m"(*s));
}

static void fx_restore(const struct fpu_state *s)
{
	__asm__ __volatile__("fxrstorq %0" : : "m"(*s));
}

void fpu_state_init(struct fpu_state *s)
{
	memset(s, 0, sizeof(*s));
	s->fxsave[0] = 0x7f;                /* FCW 0x037f: all x87 exceptions masked */
	s->fxsave[1] = 0x03;
	s->fxsave[24] = 0x80;               /* MXCSR 0x1f80: all SSE exceptions masked */
	s->fxsave[25] = 0x1f;
}

static bool fpu_ensure(struct proc *p)
{
	if (p->fpu)
		return true;
	p->fpu = kmalloc(sizeof(*p->fpu));
	if (!p->fpu)
		return false;
	fpu_state_init(p->fpu);
	return true;
}

static bool fpu_eager(void)
{
	return pv_info.user_ts_unseen != NULL;
}

static void fpu_load_clean(void)
{
	static struct fpu_state clean;

	fpu_state_init(&clean);
	fx_restore(&clean);
}

static void fpu_switch_eager(struct proc *next)
{
	struct proc *owner = this_cpu_read(fpu_owner);

	if (!next->us || owner == next)
		return;
	if (owner)
		fx_save(owner->fpu);
	if (fpu_ensure(next)) {
		fx_restore(next->fpu);
		this_cpu_write(fpu_owner, next);
	} else {
		fpu_load_clean();
		this_cpu_write(fpu_owner, NULL);
	}
}

void fpu_switch(struct proc *prev, struct proc *next)
{
	(void)prev;
	if (fpu_eager()) {
		fpu_switch_eager(next);
		return;
	}
	/* TS clear means the process switched away from owns the registers,
	 * so the next one must trap on its first use; when no one has used
	 * the FPU since the last switch, TS is still set and the write (a
	 * hypercall under a PV hypervisor, an exit for a hardware guest) is
	 * skipped. */
	if (next->us && !this_cpu_read(fpu_ts))
		fpu_ts_write(true);
}

void fpu_trap(void)
{
	struct proc *cur = proc_current(), *owner = this_cpu_read(fpu_owner);

	this_cpu_write(fpu_traps, this_cpu_read(fpu_traps) + 1);
	fpu_ts_write(false);
	if (owner == cur)
		return;
	if (owner)
		fx_save(owner->fpu);
	if (!fpu_ensure(cur)) {
		/* No memory for a save area: the registers start clean (no
		 * state leaks from the previous owner) and belong to nobody,
		 * so the next switch traps again and retries. */
		fpu_load_clean();
		this_cpu_write(fpu_owner, NULL);
		return;
	}
	fx_restore(cur->fpu);
	this_cpu_write(fpu_owner, cur);
}

bool fpu_sync(struct proc *p)
{
	if (!fpu_ensure(p))
		return false;
	if (this_cpu_read(fpu_owner) == p) {
		bool ts = this_cpu_read(fpu_ts);

		if (ts)
			fpu_ts_write(false);
		fx_save(p->fpu);
		if (ts)
			fpu_ts_write(true);
	}
	return true;
}

void fpu_invalidate(struct proc *p)
{
	if (this_cpu_read(fpu_owner) != p)
		return;
	if (fpu_eager()) {
		/* No trap will come: load the new state now. */
		fx_restore(p->fpu);
		return;
	}
	this_cpu_write(fpu_owner, NULL);
	if (p == proc_current())
		fpu_ts_write(true);
}

bool fpu_fork(struct proc *child, struct proc *parent)
{
	if (!parent->fpu && this_cpu_read(fpu_owner) != parent)
		return true;                    /* never used: the child starts fresh too */
	if (!fpu_sync(parent))
		return false;
	child->fpu = kmalloc(sizeof(*child->fpu));
	if (!child->fpu)
		return false;
	memcpy(child->fpu, parent->fpu, sizeof(*child->fpu));
	return true;
}

void fpu_release(struct proc *p)
{
	bool owned = this_cpu_read(fpu_owner) == p;

	if (owned) {
		this_cpu_write(fpu_owner, NULL);
		if (!fpu_eager() && p == proc_current())
			fpu_ts_write(true);
	}
	kfree(p->fpu);
	p->fpu = NULL;
	/* Eagerly, the running process always owns the registers: after
	 * execve it goes on with a clean state of its own. */
	if (owned && fpu_eager() && p == proc_current()) {
		fpu_load_clean();
		if (fpu_ensure(p))
			this_cpu_write(fpu_owner, p);
	}
}
