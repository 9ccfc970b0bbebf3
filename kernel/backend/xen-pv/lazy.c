/*
 * lazy.c — the lazy modes of a PV guest, with Linux's rules:
 *
 *  - per CPU: each CPU batches into its own queue (multicall.c);
 *  - lazy-MMU windows nest (a walk inside a walk), and the outermost
 *    leave issues the queue;
 *  - nothing is queued in interrupt context: a handler that interrupts a
 *    window issues its own operations at once, so it never waits on the
 *    interrupted code, nor the interrupted code on it;
 *  - a context switch is a lazy-CPU window of its own: it issues what the
 *    outgoing task queued and parks its window depth in the task's word,
 *    batches the switch itself (stack, base pointers, segment bases) into
 *    one multicall, and resumes the incoming task's window from its word.
 */
#include "xenpv.h"
#include "trap.h"
#include "panic.h"
#include "printk.h"

struct lazy_state {
	unsigned mmu_depth;        /* nested lazy-MMU windows */
	bool cpu;                  /* inside a context switch */
};
static DEFINE_PER_CPU(struct lazy_state, xen_lazy);

bool xen_mc_lazy(void)
{
	const struct lazy_state *l = this_cpu_ptr(&xen_lazy);

	return (l->mmu_depth || l->cpu) && !in_interrupt();
}

void xen_lazy_enter_mmu(void)
{
	this_cpu_ptr(&xen_lazy)->mmu_depth++;
}

void xen_lazy_leave_mmu(void)
{
	struct lazy_state *l = this_cpu_ptr(&xen_lazy);

	if (l->mmu_depth == 0)
		panic("xen: leaving a lazy-MMU window that was never entered");
	if (--l->mmu_depth == 0)
		xen_mc_flush();
}

void xen_lazy_flush_mmu(void)
{
	xen_mc_flush();
}

void xen_lazy_start_context_switch(u64 *prev_state)
{
	struct lazy_state *l = this_cpu_ptr(&xen_lazy);

	if (l->cpu)
		panic("xen: a context switch inside a context switch");
	xen_mc_flush();
	*prev_state = l->mmu_depth;
	l->mmu_depth = 0;
	l->cpu = true;
}

void xen_lazy_end_context_switch(u64 *next_state)
{
	struct lazy_state *l = this_cpu_ptr(&xen_lazy);

	xen_mc_flush();
	l->cpu = false;
	l->mmu_depth = (unsigned)*next_state;
	*next_state = 0;
}

void xen_stats_print(void)
{
	const struct xen_stats *s = this_cpu_ptr(&xen_stats);

	u64 counted = 0;
	unsigned nr;

	pr_info("xen: %llu ops requested, %llu hypercalls issued, of which %llu multicalls\n",
		(unsigned long long)s->ops_requested, (unsigned long long)s->hypercalls,
		(unsigned long long)s->multicalls);
	/* By number, for a profile of where they go; the entry code's iret
	 * is counted only in the total, so it is what is left over. */
	for (nr = 0; nr < XEN_STATS_NR; nr++) {
		counted += s->by_nr[nr];
		if (s->by_nr[nr])
			pr_info("xen:   hypercall %u: %llu\n", nr, (unsigned long long)s->by_nr[nr]);
	}
	pr_info("xen:   iret (from the entry code): %llu\n",
		(unsigned long long)(s->hypercalls - counted));
}

u64 xen_hypercall_count(void)
{
	return this_cpu_read(xen_stats.hypercalls);
}

const struct pv_lazy_ops xenpv_lazy_ops = {
	.lazy_enter_mmu = xen_lazy_enter_mmu,
	.lazy_leave_mmu = xen_lazy_leave_mmu,
	.lazy_flush_mmu = xen_lazy_flush_mmu,
	.lazy_start_context_switch = xen_lazy_start_context_switch,
	.lazy_end_context_switch = xen_lazy_end_context_switch,
};
