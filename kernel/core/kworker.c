/*
 * kworker.c — one kernel thread that runs queued work (kworker.h).
 *
 * The queue is a FIFO guarded by disabling interrupts, since interrupt
 * handlers are the ones who fill it.  The thread sleeps uninterruptibly
 * on the queue while it is empty: no signal can reach a kernel thread,
 * and only kwork_queue wakes it.
 */
#include "kworker.h"
#include "initcall.h"
#include "proc.h"
#include "sched.h"
#include "pv/ops.h"
#include "printk.h"

static struct kwork *kwork_head, *kwork_tail;

void kwork_queue(struct kwork *w)
{
	u64 fl = irq_save();

	if (!w->queued) {
		w->queued = true;
		w->next = NULL;
		if (kwork_tail)
			kwork_tail->next = w;
		else
			kwork_head = w;
		kwork_tail = w;
		sched_wakeup(&kwork_head);
	}
	irq_restore(fl);
}

static struct kwork *kwork_next(void)
{
	struct kwork *w;

	irq_disable();
	while (!(w = kwork_head))
		sched_sleep_uninterruptible(&kwork_head);
	kwork_head = w->next;
	if (!kwork_head)
		kwork_tail = NULL;
	w->queued = false;
	irq_enable();
	return w;
}

static void kworker_main(void *arg)
{
	(void)arg;
	for (;;) {
		struct kwork *w = kwork_next();

		w->fn(w);
	}
}

static void kworker_init(void)
{
	if (!proc_kthread("kworker", kworker_main, NULL))
		pr_err("kworker: no process slot for the worker thread: "
		       "work from interrupts (suspend) will not run\n");
}
DEVICE_INIT(INIT_CORE, kworker_init);
