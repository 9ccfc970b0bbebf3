/*
 * sched.c — round-robin scheduling, sleep/wakeup, time slices and idle.
 *
 * Runnable processes other than the one running wait in a FIFO queue.
 * schedule() is the only place the CPU changes hands: the running
 * process has already set its state (sleeping, stopped, zombie, or still
 * runnable to be requeued).  With nothing to run the CPU idles right
 * there, on the kernel stack of whoever gave it up, halting until an
 * interrupt makes something runnable; the clock is told, so it stops
 * ticking and arms only the next deadline (tickless idle).
 *
 * Interrupts are disabled throughout: wakeups come from interrupt
 * handlers.  One queue serves every CPU for now (one CPU runs processes);
 * a second CPU would need a lock here and in the sleep lists.
 */
#include "sched.h"
#include "proc.h"
#include "signal.h"
#include "fpu.h"
#include "clock.h"
#include "trap.h"
#include "pv/ops.h"
#include "percpu.h"
#include "panic.h"

static struct proc *rq_head, *rq_tail;
static DEFINE_PER_CPU(bool, need_resched);
static DEFINE_PER_CPU(struct proc *, switch_prev);
DEFINE_PER_CPU(struct proc *, current_proc);

static void rq_push(struct proc *p)
{
	p->run_next = NULL;
	if (rq_tail)
		rq_tail->run_next = p;
	else
		rq_head = p;
	rq_tail = p;
}

static struct proc *rq_pop(void)
{
	struct proc *p = rq_head;

	if (p) {
		rq_head = p->run_next;
		if (!rq_head)
			rq_tail = NULL;
	}
	return p;
}

/* Runnable processes are queued unless running; one that is not
 * runnable is neither — even when it is "current" on a CPU idling on
 * its stack inside schedule(), which then finds it in the queue. */
static void make_runnable(struct proc *p)
{
	if (p->state == PROC_RUNNABLE)
		return;
	p->state = PROC_RUNNABLE;
	p->wait_chan = NULL;
	p->wake_at = 0;
	rq_push(p);
}

void sched_add(struct proc *p)
{
	u64 fl = irq_save();

	make_runnable(p);
	irq_restore(fl);
}

/* The kernel half of a switch: stack for user entries, address space,
 * TLS base, FPU trap, all in one lazy context-switch window. */
static void switch_state(struct proc *prev, struct proc *next)
{
	struct mm *mm = next->us ? &next->us->mm : &kernel_mm;

	lazy_start_context_switch(&prev->lazy_state);
	if (next->kstack) {
		u64 top = (u64)next->kstack + KSTACK_SIZE;
		this_cpu_write(cpu_kernel_sp, top);
		load_sp0(top);
	}
	if (mm != current_mm())
		mm_switch(mm);
	if (next->us)
		set_fs_base(next->fs_base);
	fpu_switch(prev, next);
	lazy_end_context_switch(&next->lazy_state);
}

void sched_finish_switch(void)
{
	struct proc *prev = this_cpu_read(switch_prev);

	if (!prev)
		return;
	prev->on_cpu = false;
	this_cpu_write(switch_prev, NULL);
	if (proc_autoreap(prev))
		proc_free(prev);
}

void schedule(void)
{
	struct proc *prev = proc_current(), *next;
	u64 fl = irq_save();

	this_cpu_write(need_resched, false);
	if (prev->state == PROC_RUNNABLE)
		rq_push(prev);
	while (!(next = rq_pop())) {
		clock_idle(true);
		clock_halt();
		irq_disable();
	}
	clock_idle(false);
	next->slice_end = clock_ns() + SCHED_SLICE_NS;
	if (next != prev) {
		switch_state(prev, next);
		next->on_cpu = true;
		this_cpu_write(switch_prev, prev);
		this_cpu_write(current_proc, next);
		context_switch(&prev->saved_sp, next->saved_sp);
		sched_finish_switch();
	}
	irq_restore(fl);
}

static int sleep_common(const void *chan, u64 deadline, bool nointr)
{
	struct proc *p = proc_current();

	if (!nointr && signal_pending(p))
		return -EINTR;
	p->wait_chan = chan;
	p->wake_at = deadline;
	p->sleep_nointr = nointr;
	p->state = PROC_SLEEPING;
	schedule();
	p->sleep_nointr = false;
	return !nointr && signal_pending(p) ? -EINTR : 0;
}

int sched_sleep(const void *chan)
{
	return sleep_common(chan, 0, false);
}

int sched_sleep_until(const void *chan, u64 deadline_ns)
{
	if (clock_ns() >= deadline_ns)
		return 0;
	return sleep_common(chan, deadline_ns, false);
}

void sched_sleep_uninterruptible(const void *chan)
{
	sleep_common(chan, 0, true);
}

void sched_wakeup(const void *chan)
{
	struct proc *p;
	u64 fl = irq_save();

	proc_for_each(p)
		if (p->state == PROC_SLEEPING && p->wait_chan == chan)
			make_runnable(p);
	irq_restore(fl);
}

void sched_kick(struct proc *p)
{
	u64 fl = irq_save();

	if (p->state == PROC_SLEEPING && !p->sleep_nointr)
		make_runnable(p);
	irq_restore(fl);
}

void sched_stop_current(void)
{
	proc_current()->state = PROC_STOPPED;
	schedule();
}

void sched_continue(struct proc *p)
{
	u64 fl = irq_save();

	if (p->state == PROC_STOPPED)
		make_runnable(p);
	irq_restore(fl);
}

void sched_yield_cpu(void)
{
	schedule();
}

void sched_user_return(void)
{
	struct proc *p = proc_current();

	if (this_cpu_read(need_resched) || (rq_head && clock_ns() >= p->slice_end))
		schedule();
}

void sched_timer_tick(u64 now)
{
	struct proc *p, *cur = proc_current();

	proc_for_each(p) {
		if (p->state == PROC_SLEEPING && p->wake_at && now >= p->wake_at)
			make_runnable(p);
		if (p->alarm_at && now >= p->alarm_at && p->state != PROC_ZOMBIE)
			signal_alarm_fire(p);
	}
	if (cur && rq_head && now >= cur->slice_end)
		this_cpu_write(need_resched, true);
}

u64 sched_next_deadline(void)
{
	u64 next = ~0ull;
	struct proc *p;

	proc_for_each(p) {
		if (p->state == PROC_SLEEPING && p->wake_at)
			next = MIN(next, p->wake_at);
		if (p->alarm_at && p->state != PROC_ZOMBIE)
			next = MIN(next, p->alarm_at);
	}
	return next;
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
