/*
 * kworker.h — work that interrupt context hands to a thread.
 *
 * An interrupt handler (a xenstore watch, a device event) may not sleep,
 * but what it asks for may have to: wait for a backend, a disk flush, a
 * round trip to xenstore.  It queues a struct kwork instead, and the one
 * kernel thread "kworker" runs the work in order, in process context,
 * where sleeping is allowed.  Linux's workqueues, at their smallest.
 */
#ifndef PROTEUS_KWORKER_H
#define PROTEUS_KWORKER_H

#include "types.h"

struct kwork {
	void (*fn)(struct kwork *w);
	struct kwork *next;
	bool queued;                 /* on the queue, not yet started */
};

/* Run w->fn(w) soon in the worker thread; callable from interrupts.  Work
 * already queued is not queued twice; work that has started may be
 * queued again (it then runs once more). */
void kwork_queue(struct kwork *w);

#endif
