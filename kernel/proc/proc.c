/*
 * proc.c — running a user program and getting back control when it ends.
 *
 * The kernel thread that calls proc_run parks its stack with
 * context_switch; the process starts on its own kernel stack, from a frame
 * that the backend's return path (entry_table.enter_user) turns into CPL 3.
 * Exit and kill both switch back to the parked stack; the process's stack
 * and address space are freed from there, when nothing runs on them.
 *
 * Switches are bracketed by the lazy context-switch window so a backend
 * can batch the stack switch, the page-table switch and the segment bases.
 */
#include "proc.h"
#include "trap.h"
#include "percpu.h"
#include "initrd.h"
#include "pv/ops.h"
#include "printk.h"
#include "panic.h"
#include "console.h"
#include "lib/fmt.h"
#include <string.h>

/* The process this CPU runs, and the kernel stack it left to run it. */
static DEFINE_PER_CPU(struct proc *, current_proc);
static DEFINE_PER_CPU(u64, parked_sp);
static int next_pid = 1;

struct proc *proc_current(void)
{
	return this_cpu_read(current_proc);
}

void context_switch_mm(struct mm *mm, u64 kstack_top, bool batch)
{
	/* One thread of control switches its own address space here, so the
	 * state left and the state resumed are the same word. */
	u64 lazy_state = 0;

	if (batch)
		lazy_start_context_switch(&lazy_state);
	this_cpu_write(cpu_kernel_sp, kstack_top);
	load_sp0(kstack_top);
	mm_switch(mm);
	set_fs_base(0);
	if (batch)
		lazy_end_context_switch(&lazy_state);
}

static void proc_leave(void)
{
	u64 lazy_state = 0;

	lazy_start_context_switch(&lazy_state);
	mm_switch(&kernel_mm);
	lazy_end_context_switch(&lazy_state);
}

/* First code on a new process's kernel stack. */
static __noreturn void proc_start(void)
{
	struct trap_frame *f = (struct trap_frame *)((u8 *)proc_current()->kstack + KSTACK_SIZE) - 1;

	pv_info.entry->enter_user(f);
}

static bool proc_map_stack(struct mm *mm)
{
	u64 va;

	for (va = USER_STACK_TOP - USER_STACK_SIZE; va < USER_STACK_TOP; va += PAGE_SIZE) {
		u64 pa = frame_alloc();
		if (!pa)
			return false;
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
		if (paging_map(mm, va, pa, PTE_U | PTE_W | pte_nx)) {
			frame_free(pa);
			return false;
		}
	}
	return true;
}

static void proc_build_frame(struct proc *p, u64 entry)
{
	u8 *top = (u8 *)p->kstack + KSTACK_SIZE;
	struct trap_frame *f = (struct trap_frame *)top - 1;
	u64 *sp;

	memset(f, 0, sizeof(*f));
	f->rip = entry;
	f->cs = pv_info.user_cs;
	f->rflags = X86_FLAGS_IF | 0x2;
	/* SysV process entry: rsp 16-aligned at argc (0), argv and envp empty. */
	f->rsp = USER_STACK_TOP - 64;
	f->ss = pv_info.user_ss;

	/* context_switch pops six registers and returns into proc_start. */
	sp = (u64 *)f - 8;
	memset(sp, 0, 8 * sizeof(u64));
	sp[6] = (u64)proc_start;
	p->saved_sp = (u64)sp;
}

bool proc_run_image(const char *name, const void *elf, size_t size, struct proc_result *r)
{
	struct proc p = { .pid = next_pid++, .name = name, .result = r };
	u64 entry, flags;
	bool ok = false;

	memset(r, 0, sizeof(*r));
	if (!mm_create(&p.mm)) {
		fmt_snprintf(r->error, sizeof(r->error), "%s: out of memory", name);
		return false;
	}
	if (!elf_load_user(&p.mm, elf, size, &entry, r->error, sizeof(r->error)) ||
	    !proc_map_stack(&p.mm))
		goto out;
	p.kstack = kmalloc(KSTACK_SIZE);
	if (!p.kstack) {
		fmt_snprintf(r->error, sizeof(r->error), "%s: out of memory", name);
		goto out;
	}
	proc_build_frame(&p, entry);

	flags = irq_save();
	this_cpu_write(current_proc, &p);
	context_switch_mm(&p.mm, (u64)p.kstack + KSTACK_SIZE, true);
	context_switch(this_cpu_ptr(&parked_sp), p.saved_sp);
	/* Back on the parked stack: the process has exited or been killed. */
	proc_leave();
	this_cpu_write(current_proc, NULL);
	irq_restore(flags);
	ok = true;
out:
	if (!ok && !r->error[0])
		fmt_snprintf(r->error, sizeof(r->error), "%s: out of memory", name);
	kfree(p.kstack);
	mm_destroy(&p.mm);
	return ok;
}

bool proc_run_path(const char *path, struct proc_result *r, char *capture, size_t cap)
{
	const void *image;
	size_t size;
	bool ok;

	if (!initrd_lookup(path, &image, &size, r->error, sizeof(r->error))) {
		r->killed = false;
		return false;
	}
	if (capture)
		console_capture_start(capture, cap - 1);   /* room for the NUL */
	ok = proc_run_image(path, image, size, r);
	if (capture)
		capture[console_capture_stop()] = 0;
	return ok;
}

static __noreturn void proc_switch_out(void)
{
	u64 dummy;

	irq_disable();
	context_switch(&dummy, this_cpu_read(parked_sp));
	panic("proc: returned to a dead process");
}

__noreturn void proc_exit(int code)
{
	struct proc *current = proc_current();

	current->result->killed = false;
	current->result->exit_code = code;
	proc_switch_out();
}

__noreturn void proc_kill_current(const struct trap_frame *f)
{
	struct proc *current = proc_current();
	struct proc_result *r;

	if (!current)
		panic_frame(f, "user-mode fault with no current process");
	r = current->result;
	r->killed = true;
	r->vector = f->vector;
	r->error_code = f->error_code;
	r->fault_rip = f->rip;
	r->fault_addr = f->vector == VEC_PF ? read_cr2() : 0;
	if (f->vector == VEC_PF)
		fmt_snprintf(r->error, sizeof(r->error),
			     "page fault (%s %s address %#llx) at rip %#llx",
			     (f->error_code & 2) ? "write to" : "read of",
			     (f->error_code & 1) ? "protected" : "unmapped",
			     (unsigned long long)r->fault_addr, (unsigned long long)f->rip);
	else
		fmt_snprintf(r->error, sizeof(r->error), "%s (error %#llx) at rip %#llx",
			     trap_name((unsigned)f->vector), (unsigned long long)f->error_code,
			     (unsigned long long)f->rip);
	pr_warn("proc: pid %d (%s) killed: %s\n", current->pid, current->name, r->error);
	proc_switch_out();
}
