/*
 * test_mmu.c — page-table ops through their call sites: converters, the
 * fault address, TLB flushes after a remap, the live top-level table.
 */
#include "ktest.h"
#include "pv/ops.h"
#include "mm.h"
#include "trap.h"
#include <string.h>

KTEST(mmu_pte_round_trip, "pte_val(make_pte(x)) == x for frames with every flag")
{
	u64 pa = frame_alloc();
	u64 vals[] = { 0, pa | PTE_P, pa | PTE_P | PTE_W | PTE_U | pte_nx,
		       pa | PTE_P | PTE_PCD | PTE_PWT | PTE_A | PTE_D };
	unsigned i;

	KT_ASSERT(t, pa);
	for (i = 0; i < ARRAY_SIZE(vals); i++)
		KT_EXPECT_EQ(t, pte_val(make_pte(vals[i])), vals[i]);
	frame_free(pa);
}

KTEST(mmu_cr2_after_fault, "read_cr2 reports the address of a deliberate page fault")
{
	u64 va = IOREMAP_BASE + 0x123;   /* the guard page: never mapped */
	u64 v;

	KT_EXPECT(t, !probe_read_u64((const void *)va, &v));
	KT_EXPECT_EQ(t, extable_last_vector, VEC_PF);
	KT_EXPECT_EQ(t, extable_last_cr2, va);
	KT_EXPECT_EQ(t, read_cr2(), va);
}

KTEST(mmu_remap_flush, "after a remap and flush_tlb_one the new frame is seen")
{
	u64 a = frame_alloc(), b = frame_alloc();
	u64 va = IOREMAP_BASE + IOREMAP_SIZE - 2 * PAGE_SIZE;
	u64 v = 0;

	KT_ASSERT(t, a && b);
	*(u64 *)phys_to_virt(a) = 0xaaaa;
	*(u64 *)phys_to_virt(b) = 0xbbbb;
	KT_ASSERT(t, paging_map(&kernel_mm, va, a, PTE_W | pte_nx) == 0);
	flush_tlb_one(va);
	KT_EXPECT(t, probe_read_u64((void *)va, &v) && v == 0xaaaa);
	KT_ASSERT(t, paging_map(&kernel_mm, va, b, PTE_W | pte_nx) == 0);
	flush_tlb_one(va);
	KT_EXPECT(t, probe_read_u64((void *)va, &v) && v == 0xbbbb);
	/* flush_tlb_all covers it too */
	KT_ASSERT(t, paging_map(&kernel_mm, va, a, PTE_W | pte_nx) == 0);
	flush_tlb_all();
	KT_EXPECT(t, probe_read_u64((void *)va, &v) && v == 0xaaaa);
	/* and an unmapped page faults again */
	KT_EXPECT_EQ(t, paging_unmap(&kernel_mm, va), a);
	KT_EXPECT(t, !probe_read_u64((void *)va, &v));
	frame_free(a);
	frame_free(b);
}

KTEST(mmu_readonly_enforced, "a read-only kernel mapping faults on write (CR0.WP)")
{
	u64 a = frame_alloc();
	u64 va = IOREMAP_BASE + IOREMAP_SIZE - 3 * PAGE_SIZE;
	u64 v;

	KT_ASSERT(t, a);
	KT_ASSERT(t, paging_map(&kernel_mm, va, a, pte_nx) == 0);
	flush_tlb_one(va);
	KT_EXPECT(t, probe_read_u64((void *)va, &v));
	KT_EXPECT(t, !probe_write_u64((void *)va, 1));
	KT_EXPECT_EQ(t, extable_last_vector, VEC_PF);
	paging_unmap(&kernel_mm, va);
	frame_free(a);
}

KTEST(mmu_cr3_is_kernel_pgd, "read_cr3 names the live top-level table")
{
	KT_EXPECT_EQ(t, read_cr3() & PTE_ADDR, pte_val(make_pte(kernel_mm.pgd_pa)) & PTE_ADDR);
}

KTEST(mmu_lazy_window, "mappings made inside a lazy-MMU window are in force after it")
{
	u64 frames[16], va = IOREMAP_BASE + IOREMAP_SIZE - 64 * PAGE_SIZE, v;
	unsigned i;

	lazy_enter_mmu();
	for (i = 0; i < ARRAY_SIZE(frames); i++) {
		frames[i] = frame_alloc();
		*(u64 *)phys_to_virt(frames[i]) = i + 1;
		paging_map(&kernel_mm, va + i * PAGE_SIZE, frames[i], PTE_W | pte_nx);
	}
	lazy_leave_mmu();
	for (i = 0; i < ARRAY_SIZE(frames); i++) {
		KT_EXPECT(t, probe_read_u64((void *)(va + i * PAGE_SIZE), &v) && v == i + 1);
		paging_unmap(&kernel_mm, va + i * PAGE_SIZE);
		frame_free(frames[i]);
	}
}

/*
 * Alternating entry writes and TLB flushes cannot share a batched array
 * call, so each takes a batch slot of its own: 40 pairs overflow a
 * multicall buffer of 32 slots part-way through.  Every remap must still
 * land, the one that triggered the overflow included.
 */
KTEST(mmu_lazy_overflow, "40 remap+flush pairs in one lazy window all take effect")
{
	enum { N = 40 };
	u64 old[N], new[N], va = IOREMAP_BASE + IOREMAP_SIZE - 160 * PAGE_SIZE, v;
	unsigned i, wrong = 0;

	for (i = 0; i < N; i++) {
		old[i] = frame_alloc();
		new[i] = frame_alloc();
		KT_ASSERT(t, old[i] && new[i]);
		*(u64 *)phys_to_virt(old[i]) = 0x1000 + i;
		*(u64 *)phys_to_virt(new[i]) = 0x2000 + i;
		KT_ASSERT(t, paging_map(&kernel_mm, va + i * PAGE_SIZE, old[i], PTE_W | pte_nx) == 0);
	}
	lazy_enter_mmu();
	for (i = 0; i < N; i++) {
		paging_map(&kernel_mm, va + i * PAGE_SIZE, new[i], PTE_W | pte_nx);
		flush_tlb_one(va + i * PAGE_SIZE);
	}
	lazy_leave_mmu();
	for (i = 0; i < N; i++) {
		if (!probe_read_u64((void *)(va + i * PAGE_SIZE), &v) || v != 0x2000 + i) {
			if (wrong++ < 3)
				ktest_fail(t, __FILE__, __LINE__, "page %u reads %#llx, want %#x", i,
					   (unsigned long long)v, 0x2000 + i);
		}
		paging_unmap(&kernel_mm, va + i * PAGE_SIZE);
		frame_free(old[i]);
		frame_free(new[i]);
	}
	KT_EXPECT_EQ(t, wrong, 0);
}

KTEST(mmu_range_across_tables, "a ranged map and unmap across leaf tables reach every page, once")
{
	enum { N = 600 };                  /* more than one leaf table's 512 */
	u64 va = IOREMAP_BASE + IOREMAP_SIZE - 2048 * PAGE_SIZE + 100 * PAGE_SIZE;
	u64 pa = frame_alloc_contig(N), got;
	unsigned i, wrong = 0;

	KT_ASSERT(t, pa);
	KT_ASSERT(t, paging_map_range(&kernel_mm, va, pa, N, PTE_W | pte_nx) == 0);
	for (i = 0; i < N; i++)
		if (!paging_translate(&kernel_mm, va + (u64)i * PAGE_SIZE, &got, NULL) ||
		    got != pa + (u64)i * PAGE_SIZE)
			wrong++;
	KT_EXPECT_EQ(t, wrong, 0);
	KT_EXPECT_EQ(t, paging_unmap_range(&kernel_mm, va, N, NULL), N);
	KT_EXPECT(t, !paging_translate(&kernel_mm, va, NULL, NULL));
	KT_EXPECT(t, !paging_translate(&kernel_mm, va + (N - 1) * PAGE_SIZE, NULL, NULL));
	KT_EXPECT_EQ(t, paging_unmap_range(&kernel_mm, va, N, NULL), 0);
	frame_free_contig(pa, N);
}
