/*
 * test_xenpv_lazy.c — the lazy modes: mapping 512 pages inside a lazy-MMU
 * window takes at most 4 hypercalls where it otherwise takes about 512,
 * and a context switch between two address spaces inside the lazy-CPU
 * window is one multicall where it would otherwise be several hypercalls.
 */
#include "xen/testing.h"
#include "../xenpv.h"
#include "mm.h"
#include "proc.h"
#include "printk.h"
#include "percpu.h"
#include "trap.h"

#define N 512

static u64 frames[N];

/* Events masked in every counted window: a timer event there would add
 * its own hypercalls (the next timer, a console kick) to the count. */
static u64 map_all(u64 va, bool lazy)
{
	u64 fl = irq_save(), h0 = this_cpu_read(xen_stats.hypercalls), n;
	unsigned i;

	if (lazy)
		lazy_enter_mmu();
	for (i = 0; i < N; i++)
		paging_map(&kernel_mm, va + i * PAGE_SIZE, frames[i], PTE_W | pte_nx);
	if (lazy)
		lazy_leave_mmu();
	n = this_cpu_read(xen_stats.hypercalls) - h0;
	irq_restore(fl);
	return n;
}

KTEST(xen_lazy_mmu_batching, "512 pages mapped in a lazy-MMU window take at most 4 hypercalls")
{
	u64 va = (u64)ioremap_reserve(N * PAGE_SIZE), lazy, eager, unmap, h0, v, fl, done;
	unsigned i;

	if (!xen_ktest_backend(t, "xen-pv"))
		return;
	for (i = 0; i < N; i++) {
		frames[i] = frame_alloc();
		KT_ASSERT(t, frames[i]);
		*(u64 *)phys_to_virt(frames[i]) = i;
	}
	lazy = map_all(va, true);
	KT_EXPECT(t, probe_read_u64((void *)(va + 77 * PAGE_SIZE), &v) && v == 77);
	fl = irq_save();
	h0 = this_cpu_read(xen_stats.hypercalls);
	done = paging_unmap_range(&kernel_mm, va, N, NULL);
	unmap = this_cpu_read(xen_stats.hypercalls) - h0;
	irq_restore(fl);
	KT_EXPECT_EQ(t, done, N);
	eager = map_all(va, false);
	KT_EXPECT(t, probe_read_u64((void *)(va + 300 * PAGE_SIZE), &v) && v == 300);
	paging_unmap_range(&kernel_mm, va, N, NULL);
	kprintf("ktest: xen_lazy_mmu_batching: map 512 pages: %llu hypercalls lazy, %llu eager; "
		"unmap 512: %llu\n", (unsigned long long)lazy, (unsigned long long)eager,
		(unsigned long long)unmap);
	KT_EXPECT(t, lazy <= 4);
	KT_EXPECT(t, unmap <= 4);
	KT_EXPECT(t, eager >= N);
	KT_EXPECT(t, eager >= 50 * lazy);
	for (i = 0; i < N; i++)
		frame_free(frames[i]);
}

/* Events masked, as in map_all. */
static u64 switch_to(struct mm *mm, u64 sp0, bool lazy)
{
	u64 fl = irq_save(), h0 = this_cpu_read(xen_stats.hypercalls), n;

	context_switch_mm(mm, sp0, lazy);
	n = this_cpu_read(xen_stats.hypercalls) - h0;
	irq_restore(fl);
	return n;
}

KTEST(xen_lazy_context_switch, "a context switch in lazy-CPU mode is one multicall")
{
	struct mm a, b;
	u64 sp0 = this_cpu_read(cpu_kernel_sp), m0, lazy, eager;

	if (!xen_ktest_backend(t, "xen-pv"))
		return;
	KT_ASSERT(t, mm_create(&a) && mm_create(&b));
	/* First activations pin the tables; measure the switches after. */
	switch_to(&a, sp0, false);
	switch_to(&b, sp0, false);
	m0 = this_cpu_read(xen_stats.multicalls);
	lazy = switch_to(&a, sp0, true);
	KT_EXPECT_EQ(t, this_cpu_read(xen_stats.multicalls) - m0, 1);
	eager = switch_to(&b, sp0, false);
	switch_to(&kernel_mm, sp0, false);
	kprintf("ktest: xen_lazy_context_switch: %llu hypercall(s) lazy, %llu eager\n",
		(unsigned long long)lazy, (unsigned long long)eager);
	KT_EXPECT_EQ(t, lazy, 1);
	KT_EXPECT(t, eager >= 3);
	mm_destroy(&a);
	mm_destroy(&b);
}

KTEST(xenpv_lazy_not_in_irq, "inside an interrupt handler nothing is queued, even in a lazy window")
{
	u64 h0;
	unsigned depth;

	if (!xen_ktest_backend(t, "xen-pv"))
		return;
	lazy_enter_mmu();
	KT_EXPECT(t, xen_mc_lazy());
	/* As the irq path does around a handler. */
	depth = this_cpu_read(irq_depth);
	this_cpu_write(irq_depth, depth + 1);
	KT_EXPECT(t, !xen_mc_lazy());
	h0 = this_cpu_read(xen_stats.hypercalls);
	flush_tlb_all();
	KT_EXPECT_EQ(t, this_cpu_read(xen_stats.hypercalls) - h0, 1);
	this_cpu_write(irq_depth, depth);
	KT_EXPECT(t, xen_mc_lazy());
	lazy_leave_mmu();
	KT_EXPECT(t, !xen_mc_lazy());
}

KTEST(xenpv_lazy_across_switch, "a context switch issues the outgoing window and resumes the incoming one")
{
	u64 va = (u64)ioremap_reserve(PAGE_SIZE), pa = frame_alloc(), prev = 0, next = 0, v;

	if (!xen_ktest_backend(t, "xen-pv"))
		goto out;
	KT_ASSERT(t, pa);
	*(u64 *)phys_to_virt(pa) = 0x5357;
	lazy_enter_mmu();
	paging_map(&kernel_mm, va, pa, PTE_W | pte_nx);
	/* The outgoing task was in a window with a mapping queued. */
	lazy_start_context_switch(&prev);
	KT_EXPECT_EQ(t, prev, 1);
	KT_EXPECT(t, probe_read_u64((void *)va, &v) && v == 0x5357);
	/* The incoming task was in none. */
	lazy_end_context_switch(&next);
	KT_EXPECT(t, !xen_mc_lazy());
	/* Switching back resumes the outgoing task's window. */
	lazy_start_context_switch(&next);
	lazy_end_context_switch(&prev);
	KT_EXPECT(t, xen_mc_lazy());
	KT_EXPECT_EQ(t, prev, 0);
	lazy_leave_mmu();
	KT_EXPECT(t, !xen_mc_lazy());
	paging_unmap(&kernel_mm, va);
out:
	frame_free(pa);
}
