/*
 * multicall.c — this CPU's queue of hypercalls for the lazy modes.
 *
 * Outside a lazy window (lazy.c) every operation is one hypercall.  Inside
 * one, operations are queued here and issued together when the window
 * closes, when the queue fills, or when a caller needs the effect now
 * (xen_mc_flush).  Consecutive page-table writes extend one mmu_update
 * array and consecutive mmuext ops one mmuext_op array, so mapping 512
 * pages is one hypercall, not 512.  The queue is built with interrupts
 * off, so an interrupt never sees a half-written entry.
 *
 * A failed entry stops the kernel with the operation and Xen's error: a
 * page-table update that silently did not happen is worse than a panic.
 */
#include "xenpv.h"
#include "pv/ops.h"
#include "panic.h"

#define MC_CALLS 32
#define MC_MMU   512
#define MC_EXT   32

struct mc_queue {
	struct xen_multicall_entry calls[MC_CALLS];
	unsigned ncalls;
	struct xen_mmu_update mmu[MC_MMU];
	unsigned nmmu;
	struct xen_mmuext_op ext[MC_EXT];
	unsigned next;
};
static DEFINE_PER_CPU(struct mc_queue, xen_mc_queue);

static void check(const char *op, long rc, u64 a1, u64 a2)
{
	if (rc)
		xen_fail(op, rc, "%#llx, %#llx", (unsigned long long)a1, (unsigned long long)a2);
}

static const char *op_name(u64 op)
{
	switch (op) {
	case XEN_HYPERCALL_mmu_update: return "mmu_update";
	case XEN_HYPERCALL_mmuext_op: return "mmuext_op";
	case XEN_HYPERCALL_stack_switch: return "stack_switch";
	case XEN_HYPERCALL_set_segment_base: return "set_segment_base";
	case XEN_HYPERCALL_update_va_mapping: return "update_va_mapping";
	default: return "hypercall";
	}
}

void xen_mc_flush(void)
{
	struct mc_queue *mc;
	unsigned i, n;
	u64 f = irq_save();
	long rc;

	mc = this_cpu_ptr(&xen_mc_queue);
	n = mc->ncalls;
	if (n == 1) {
		struct xen_multicall_entry *e = &mc->calls[0];
		rc = xen_hypercall((unsigned)e->op, e->args[0], e->args[1], e->args[2],
				   e->args[3], e->args[4]);
		check(op_name(e->op), rc, e->args[0], e->args[1]);
	} else if (n > 1) {
		this_cpu_inc(xen_stats.multicalls);
		rc = xen_hcall2(XEN_HYPERCALL_multicall, mc->calls, n);
		check("multicall", rc, n, 0);
		for (i = 0; i < n; i++)
			check(op_name(mc->calls[i].op), (long)mc->calls[i].result,
			      mc->calls[i].args[0], mc->calls[i].args[1]);
	}
	mc->ncalls = mc->nmmu = mc->next = 0;
	irq_restore(f);
}

/* A fresh multicall slot for op; the caller has made room (mc_reserve). */
static struct xen_multicall_entry *slot_new(struct mc_queue *mc, u64 op)
{
	struct xen_multicall_entry *e = &mc->calls[mc->ncalls++];

	e->op = op;
	e->result = 0;
	e->args[0] = e->args[1] = e->args[2] = e->args[3] = e->args[4] = e->args[5] = 0;
	return e;
}

/*
 * Make room for one more element of an array hypercall (or, with
 * array_full false, one more plain call) before anything is stored: a
 * flush empties the element arrays, so an element written before it
 * would be issued twice or, worse, overwritten by the next one.
 */
static void mc_reserve(struct mc_queue *mc, bool array_full)
{
	if (array_full || mc->ncalls == MC_CALLS)
		xen_mc_flush();
}

/*
 * Account element elem (of size bytes, just stored) to the running array
 * hypercall op: extend the last entry if it is that op and elem follows
 * its array, else open a new entry for it.  mc_reserve guaranteed a slot.
 */
static void array_append(struct mc_queue *mc, u64 op, const void *elem, u64 size)
{
	struct xen_multicall_entry *last = mc->ncalls ? &mc->calls[mc->ncalls - 1] : NULL;

	if (last && last->op == op && last->args[0] + last->args[1] * size == (u64)elem) {
		last->args[1]++;
		return;
	}
	last = slot_new(mc, op);
	last->args[0] = (u64)elem;
	last->args[1] = 1;
	last->args[2] = 0;
	last->args[3] = XEN_DOMID_SELF;
}

void xen_mc_mmu_update(u64 ptr, u64 val)
{
	u64 f = irq_save();
	struct mc_queue *mc = this_cpu_ptr(&xen_mc_queue);

	this_cpu_inc(xen_stats.ops_requested);
	mc_reserve(mc, mc->nmmu == MC_MMU);
	mc->mmu[mc->nmmu].ptr = ptr;
	mc->mmu[mc->nmmu].val = val;
	array_append(mc, XEN_HYPERCALL_mmu_update, &mc->mmu[mc->nmmu], sizeof(mc->mmu[0]));
	mc->nmmu++;
	if (!xen_mc_lazy())
		xen_mc_flush();
	irq_restore(f);
}

void xen_mc_mmuext(unsigned cmd, u64 arg1, u64 arg2)
{
	u64 f = irq_save();
	struct mc_queue *mc = this_cpu_ptr(&xen_mc_queue);
	struct xen_mmuext_op *op;

	this_cpu_inc(xen_stats.ops_requested);
	mc_reserve(mc, mc->next == MC_EXT);
	op = &mc->ext[mc->next];
	op->cmd = cmd;
	op->_pad = 0;
	op->arg1.mfn = arg1;
	op->arg2.src_mfn = arg2;
	array_append(mc, XEN_HYPERCALL_mmuext_op, op, sizeof(*op));
	mc->next++;
	if (!xen_mc_lazy())
		xen_mc_flush();
	irq_restore(f);
}

void xen_mc_call(unsigned op, u64 a1, u64 a2, u64 a3, u64 a4)
{
	u64 f = irq_save();
	struct mc_queue *mc = this_cpu_ptr(&xen_mc_queue);
	struct xen_multicall_entry *e;

	this_cpu_inc(xen_stats.ops_requested);
	mc_reserve(mc, false);
	e = slot_new(mc, op);
	e->args[0] = a1;
	e->args[1] = a2;
	e->args[2] = a3;
	e->args[3] = a4;
	if (!xen_mc_lazy())
		xen_mc_flush();
	irq_restore(f);
}
