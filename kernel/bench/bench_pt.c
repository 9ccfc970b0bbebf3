/*
 * bench_pt.c — what it costs to change page tables, three ways:
 *
 *   store  a plain store into the live leaf table.  Natively that is all
 *          set_pte ever is; under a PV hypervisor the table is read-only,
 *          so each store traps and the hypervisor emulates it
 *   op     one set_pte per entry outside any lazy window: under a PV
 *          hypervisor, one hypercall per entry
 *   lazy   the same set_pte calls inside a lazy-MMU window, which a
 *          backend may batch
 *
 * for mapping and unmapping N = 1, 2, 4 ... 4096 pages; plus building and
 * tearing down an address space, and a context switch, with and without
 * the lazy windows.  Each line gives guest instructions (TSC delta under
 * `qemu -icount shift=0`, which includes whatever the hypervisor executed
 * on our behalf) and hypercalls, the measuring window's own cost taken out:
 *   bench: pt <way> <map|unmap> <N> <instructions> <hypercalls>
 *   bench: aspace <eager|lazy> <instructions> <hypercalls>
 *   bench: cswitch <eager|lazy> <instructions> <hypercalls>
 */
#include "bench_pt.h"
#include "x86/insn.h"
#include "pv/ops.h"
#include "percpu.h"
#include "mm.h"
#include "proc.h"
#include "printk.h"
#include "panic.h"

#define PT_MAX 4096u

enum pt_way { WAY_STORE, WAY_OP, WAY_LAZY };
static const char *const way_names[] = { "store", "op", "lazy" };
static u64 frames[PT_MAX];
static u64 *slots[PT_MAX];     /* leaf slots, found once: walking is not measured */

struct cost {
	u64 insns, hcalls;
};

/*
 * A window: the counter, then the TSC; at the end the TSC, then the
 * counter, each read its own statement (the order of the operands of an
 * initializer list is not specified).  The empty window's cost, measured
 * once (window), is taken out of every figure.
 */
static struct cost window;

static struct cost cost_start(void)
{
	struct cost c;

	c.hcalls = pv_hypercalls();
	c.insns = x86_rdtsc();
	return c;
}

static struct cost cost_end(struct cost c)
{
	u64 t = x86_rdtsc();
	u64 h = pv_hypercalls();
	struct cost d;

	d.insns = t - c.insns > window.insns ? t - c.insns - window.insns : 0;
	d.hcalls = h - c.hcalls > window.hcalls ? h - c.hcalls - window.hcalls : 0;
	return d;
}

/* The empty window, after one to warm the path, with nothing subtracted. */
static void window_measure(void)
{
	struct cost c, w = { 0, 0 };
	unsigned r;

	window = w;
	for (r = 0; r < 2; r++) {
		c = cost_start();
		w = cost_end(c);
	}
	window = w;
}

static void pt_map(enum pt_way way, unsigned n)
{
	unsigned i;

	if (way == WAY_LAZY)
		lazy_enter_mmu();
	for (i = 0; i < n; i++) {
		u64 pte = frames[i] | PTE_P | PTE_W | pte_nx;

		/* A plain store writes the hardware's form itself. */
		if (way == WAY_STORE)
			*(volatile u64 *)slots[i] = make_pte(pte);
		else
			set_pte(slots[i], pte);
	}
	if (way == WAY_LAZY)
		lazy_leave_mmu();
}

static void pt_unmap(enum pt_way way, unsigned n)
{
	unsigned i;

	if (way == WAY_LAZY)
		lazy_enter_mmu();
	for (i = 0; i < n; i++) {
		if (way == WAY_STORE)
			*(volatile u64 *)slots[i] = 0;
		else
			set_pte(slots[i], 0);
	}
	flush_tlb_all();
	if (way == WAY_LAZY)
		lazy_leave_mmu();
}

static void bench_pt_sweep(void)
{
	u64 va = (u64)ioremap_reserve(PT_MAX * PAGE_SIZE);
	unsigned n, i, w;

	for (i = 0; i < PT_MAX; i++) {
		if (!(frames[i] = frame_alloc()))
			panic("bench: out of memory for %u frames", PT_MAX);
		if (!(slots[i] = paging_leaf(&kernel_mm, va + (u64)i * PAGE_SIZE)))
			panic("bench: no page table under %#llx", (unsigned long long)va);
	}
	for (w = WAY_STORE; w <= WAY_LAZY; w++)
		for (n = 1; n <= PT_MAX; n *= 2) {
			struct cost c = cost_start();

			pt_map(w, n);
			c = cost_end(c);
			kprintf("bench: pt %s map %u %llu %llu\n", way_names[w], n,
				(unsigned long long)c.insns, (unsigned long long)c.hcalls);
			c = cost_start();
			pt_unmap(w, n);
			c = cost_end(c);
			kprintf("bench: pt %s unmap %u %llu %llu\n", way_names[w], n,
				(unsigned long long)c.insns, (unsigned long long)c.hcalls);
		}
	for (i = 0; i < PT_MAX; i++)
		frame_free(frames[i]);
}

/* An address space with 64 user pages: create, fill, make live, switch
 * away, destroy (which frees the pages too, as for a process). */
static void bench_aspace(bool lazy)
{
	struct mm mm;
	struct cost c;
	unsigned i;

	for (i = 0; i < 64; i++)
		if (!(frames[i] = frame_alloc()))
			panic("bench: out of memory");
	c = cost_start();
	if (!mm_create(&mm))
		panic("bench: out of memory for an address space");
	if (lazy)
		lazy_enter_mmu();
	for (i = 0; i < 64; i++)
		paging_map(&mm, 0x400000 + (u64)i * PAGE_SIZE, frames[i], PTE_U | PTE_W | pte_nx);
	if (lazy)
		lazy_leave_mmu();
	mm_switch(&mm);
	mm_switch(&kernel_mm);
	mm_destroy(&mm);
	c = cost_end(c);
	kprintf("bench: aspace %s %llu %llu\n", lazy ? "lazy" : "eager",
		(unsigned long long)c.insns, (unsigned long long)c.hcalls);
}

/* The switch processes use (proc.c), timed. */
static struct cost switch_to(struct mm *mm, bool lazy)
{
	struct cost c = cost_start();

	context_switch_mm(mm, this_cpu_read(cpu_kernel_sp), lazy);
	return cost_end(c);
}

static void bench_cswitch(void)
{
	struct mm a, b;
	struct cost c;
	unsigned lazy;

	if (!mm_create(&a) || !mm_create(&b))
		panic("bench: out of memory for address spaces");
	switch_to(&a, false);          /* first activations pin: not measured */
	switch_to(&b, false);
	for (lazy = 0; lazy < 2; lazy++) {
		c = switch_to(&a, lazy);
		kprintf("bench: cswitch %s %llu %llu\n", lazy ? "lazy" : "eager",
			(unsigned long long)c.insns, (unsigned long long)c.hcalls);
		switch_to(&b, lazy);
	}
	switch_to(&kernel_mm, false);
	mm_destroy(&a);
	mm_destroy(&b);
}

void bench_pt_run_all(void)
{
	u64 f = irq_save();

	window_measure();
	bench_pt_sweep();
	bench_aspace(false);
	bench_aspace(true);
	bench_cswitch();
	irq_restore(f);
}
