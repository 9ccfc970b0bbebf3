/*
 * test_kworker.c — work queued with interrupts off runs in the worker
 * thread, in order, once per queueing; the worker is a process of its
 * own that no signal or wait4 can name (pid 0, no user half).
 */
#include "ktest.h"
#include "kworker.h"
#include "proc.h"
#include "sched.h"
#include "clock.h"
#include "pv/ops.h"

struct kt_work {
	struct kwork w;
	unsigned runs, order;
	struct proc *ran_in;
};
static unsigned kt_seq;

static void kt_work_fn(struct kwork *w)
{
	struct kt_work *k = (struct kt_work *)w;

	k->runs++;
	k->order = ++kt_seq;
	k->ran_in = proc_current();
}

KTEST(kworker_runs_queued_work, "work queued twice with interrupts off runs once each, in order, in the worker")
{
	static struct kt_work a = { .w = { .fn = kt_work_fn } }, b = { .w = { .fn = kt_work_fn } };
	u64 deadline = clock_ns() + 5000000000ull;
	u64 fl = irq_save();

	a.runs = b.runs = 0;
	kt_seq = 0;
	kwork_queue(&a.w);
	kwork_queue(&b.w);
	kwork_queue(&a.w);             /* still queued: not a second run */
	irq_restore(fl);
	/* The worker runs when we give it the CPU; the deadline bounds a
	 * worker that never does. */
	while ((a.runs == 0 || b.runs == 0) && clock_ns() < deadline)
		sched_yield_cpu();
	KT_ASSERT(t, a.runs == 1 && b.runs == 1);
	KT_EXPECT_EQ(t, a.order, 1);
	KT_EXPECT_EQ(t, b.order, 2);
	KT_EXPECT(t, a.ran_in != proc_current());
	KT_EXPECT_EQ(t, a.ran_in->pid, 0);
	KT_EXPECT(t, a.ran_in->us == NULL);
}
