/*
 * fault.c — traps from user mode that the kernel may resolve itself
 * before they become signals: #NM is the lazy FPU switch, #PF inside a
 * region is demand paging or copy-on-write.  Everything else, and a
 * page fault no region explains, is the process's signal.
 *
 * Out of memory while resolving a fault cannot be reported to the
 * program as an error: it is killed, with a message, and the kernel goes
 * on (Linux's OOM killer, for the process that asked).
 */
#include "proc.h"
#include "vma.h"
#include "fpu.h"
#include "signal.h"
#include "trap.h"
#include "printk.h"
#include "panic.h"
#include "pv/ops.h"
#include "lib/fmt.h"

#define PF_WRITE 0x2
#define PF_RSVD 0x8
#define PF_INSTR 0x10

static bool fault_resolve(struct proc *p, struct trap_frame *f, u64 addr)
{
	struct vma *v;
	bool oom;

	if (f->error_code & PF_RSVD)
		return false;
	v = vma_find(p->us, addr);
	if (v && (f->error_code & PF_INSTR) && !(v->flags & VMA_EXEC))
		return false;
	if (vma_fault(p->us, addr, f->error_code & PF_WRITE, &oom))
		return true;
	if (oom) {
		if (p->result) {
			p->result->killed = true;
			p->result->signal = SIGKILL;
			fmt_snprintf(p->result->error, sizeof(p->result->error),
				     "out of memory at %#llx", (unsigned long long)addr);
		}
		pr_warn("proc: pid %d (%s) killed: out of memory paging in %#llx\n",
			p->pid, p->name, (unsigned long long)addr);
		proc_exit(W_SIGNALED(SIGKILL, 0));
	}
	return false;
}

void proc_user_trap(struct trap_frame *f)
{
	struct proc *p = proc_current();

	if (!p || !p->us)
		panic_frame(f, "user-mode trap with no user process");
	if (f->vector == VEC_NM) {
		fpu_trap();
		return;
	}
	if (f->vector == VEC_PF && fault_resolve(p, f, read_cr2()))
		return;
	signal_from_trap(f);
}
