/*
 * proc.c — the life of a process: creation, the end, and the table.
 *
 * A process ends in two steps.  proc_exit, on its own kernel stack,
 * releases everything it can (files, address space, FPU state), hands
 * its children to init, becomes a zombie and tells its parent; wait4 (or
 * proc_wait_spawned, for a process the kernel started) later frees the
 * rest — the struct and the kernel stack it exited on — once no CPU runs
 * on that stack.  A parent that ignores SIGCHLD never waits: its
 * zombies are freed by whoever runs next (sched_finish_switch).
 *
 * The boot thread is process 0: it has no user half and runs kernel code
 * only (tests, benchmarks, waiting for init), but sleeps and wakes like
 * any process, so the scheduler has one kind of thing to run.  Kernel
 * threads (proc_kthread) are the same: pid 0, no user half, so no
 * system call, signal or wait4 can name them; they never end.
 */
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "fpu.h"
#include "vfs.h"
#include "trap.h"
#include "percpu.h"
#include "pv/ops.h"
#include "printk.h"
#include "panic.h"
#include <string.h>

DECLARE_PER_CPU(struct proc *, current_proc);
struct proc *proc_list;
static struct proc boot_proc = { .name = "kernel", .state = PROC_RUNNABLE, .on_cpu = true };
static unsigned nr_procs;
static int last_pid;

struct proc *proc_current(void)
{
	return this_cpu_read(current_proc);
}

unsigned proc_count(void)
{
	return nr_procs;
}

struct proc *proc_by_pid(int pid)
{
	struct proc *p;

	if (pid <= 0)
		return NULL;
	proc_for_each(p)
		if (p->pid == pid && p->state != PROC_ZOMBIE)
			return p;
	return NULL;
}

struct proc *proc_init(void)
{
	struct proc *p;

	proc_for_each(p)
		if (p->pid == 1)
			return p;
	return NULL;
}

void proc_boot_init(void)
{
	boot_proc.all_next = proc_list;
	proc_list = &boot_proc;
	this_cpu_write(current_proc, &boot_proc);
}

struct trap_frame *proc_user_frame(struct proc *p)
{
	return (struct trap_frame *)((u8 *)p->kstack + KSTACK_SIZE) - 1;
}

static int pid_alloc(void)
{
	for (;;) {
		struct proc *p;
		bool used = false;

		last_pid = last_pid >= 32767 ? 1 : last_pid + 1;
		proc_for_each(p)
			used |= p->pid == last_pid || p->pgid == last_pid || p->sid == last_pid;
		if (!used)
			return last_pid;
	}
}

static const struct linux_rlimit rlim_defaults[RLIM_NLIMITS] = {
	[RLIMIT_STACK] = { USER_STACK_MAX, RLIM_INFINITY },
	[RLIMIT_NOFILE] = { FD_MAX, FD_MAX },
	[RLIMIT_NPROC] = { PROC_MAX, PROC_MAX },
	[RLIMIT_CORE] = { 0, RLIM_INFINITY },
};

/* First code of a new process on its kernel stack (context_switch returns here). */
static __noreturn void proc_start(void)
{
	sched_finish_switch();
	pv_info.entry->enter_user(proc_user_frame(proc_current()));
}

/* First code of a kernel thread: interrupts come on as they would on
 * the way out of schedule(), which a new stack never returns through. */
static __noreturn void kthread_start(void)
{
	struct proc *p = proc_current();

	sched_finish_switch();
	irq_enable();
	p->kthread_fn(p->kthread_arg);
	panic("proc: kernel thread '%s' returned", p->name);
}

/* A struct and kernel stack whose first switch returns into start, on
 * the process list; NULL when the table or memory is exhausted. */
static struct proc *proc_new(void (*start)(void))
{
	struct proc *p;
	u64 *sp;

	if (nr_procs >= PROC_MAX)
		return NULL;
	p = kzalloc(sizeof(*p));
	if (!p)
		return NULL;
	p->kstack = kmalloc(KSTACK_SIZE);
	if (!p->kstack) {
		kfree(p);
		return NULL;
	}
	p->state = PROC_SLEEPING;          /* not runnable until sched_add */
	p->start_ns = clock_ns();
	/* context_switch pops six registers and returns into start. */
	sp = (u64 *)proc_user_frame(p) - 8;
	memset(sp, 0, 8 * sizeof(u64));
	sp[6] = (u64)start;
	p->saved_sp = (u64)sp;
	p->all_next = proc_list;
	proc_list = p;
	nr_procs++;
	return p;
}

struct proc *proc_kthread(const char *name, void (*fn)(void *), void *arg)
{
	struct proc *p = proc_new(kthread_start);

	if (!p)
		return NULL;
	strncpy(p->name, name, PROC_NAME_LEN - 1);
	p->parent = &boot_proc;
	p->kthread_fn = fn;
	p->kthread_arg = arg;
	signal_init(p);
	sched_add(p);
	return p;
}

/* A process with a kernel stack whose first switch enters user mode
 * through its frame; not yet runnable.  NULL when the table or memory is
 * exhausted. */
struct proc *proc_alloc(const struct proc *parent)
{
	struct proc *p = proc_new(proc_start);
	unsigned i;

	if (!p)
		return NULL;
	p->pid = pid_alloc();
	p->parent = (struct proc *)parent;
	for (i = 0; i < RLIM_NLIMITS; i++)
		p->rlim[i] = rlim_defaults[i].rlim_max ? rlim_defaults[i] :
			     (struct linux_rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	p->umask = 022;
	signal_init(p);
	return p;
}

/* Free a process that will never run again (a reaped zombie, or one that
 * never started). */
void proc_free(struct proc *p)
{
	struct proc **pp;

	if (p->on_cpu)
		panic("proc: freeing pid %d while it runs", p->pid);
	for (pp = &proc_list; *pp; pp = &(*pp)->all_next)
		if (*pp == p) {
			*pp = p->all_next;
			break;
		}
	nr_procs--;
	if (p->files)
		fdtable_put(p->files);
	if (p->cwd)
		inode_put(p->cwd);
	uspace_put(p->us);
	fpu_release(p);
	kfree(p->kstack);
	kfree(p);
}

/* The vfork parent waits for this: the child no longer uses its memory. */
void proc_vfork_release(struct proc *p)
{
	struct proc *parent = p->vfork_parent;

	if (parent) {
		p->vfork_parent = NULL;
		parent->vfork_done = true;
		sched_wakeup(&parent->vfork_done);
	}
}

static void proc_reparent_children(struct proc *p)
{
	struct proc *c, *init = proc_init();
	bool zombies = false;

	proc_for_each(c)
		if (c->parent == p) {
			c->parent = init && init != p ? init : &boot_proc;
			zombies |= c->state == PROC_ZOMBIE;
		}
	if (zombies && init && init != p)
		sched_wakeup(init);
}

__noreturn void proc_exit(int wait_status)
{
	struct proc *p = proc_current();
	u64 lazy = 0;

	if (p == &boot_proc)
		panic("proc: the kernel thread cannot exit");
	proc_vfork_release(p);
	if (p->pid == p->sid)
		tty_session_leader_exit(p->sid);
	if (p->files) {
		fdtable_put(p->files);
		p->files = NULL;
	}
	if (p->cwd) {
		inode_put(p->cwd);
		p->cwd = NULL;
	}
	fpu_release(p);
	irq_disable();
	p->alarm_at = 0;
	lazy_start_context_switch(&lazy);
	mm_switch(&kernel_mm);
	lazy_end_context_switch(&lazy);
	uspace_put(p->us);
	p->us = NULL;
	proc_reparent_children(p);
	p->exit_status = wait_status;
	p->state = PROC_ZOMBIE;
	signal_notify_parent(p, 0, wait_status);
	sched_wakeup(p->parent);
	schedule();
	panic("proc: a zombie ran again");
}

/* A zombie whose parent will not wait is freed by the next context. */
bool proc_autoreap(struct proc *p)
{
	return p->state == PROC_ZOMBIE && p->parent != &boot_proc &&
	       signal_child_autoreap(p->parent);
}
