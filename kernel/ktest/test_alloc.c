/*
 * test_alloc.c — the frame allocator and the kernel heap.
 */
#include "ktest.h"
#include "mm.h"
#include <string.h>

KTEST(alloc_frames, "frames are distinct, RAM, counted, and come back on free")
{
	u64 before = frames_free_count(), f[64];
	unsigned i, j;

	for (i = 0; i < ARRAY_SIZE(f); i++) {
		f[i] = frame_alloc();
		KT_ASSERT(t, f[i] && !(f[i] & (PAGE_SIZE - 1)) && frame_is_ram(f[i]));
		for (j = 0; j < i; j++)
			KT_ASSERT(t, f[j] != f[i]);
	}
	KT_EXPECT_EQ(t, frames_free_count(), before - ARRAY_SIZE(f));
	for (i = 0; i < ARRAY_SIZE(f); i++)
		frame_free(f[i]);
	KT_EXPECT_EQ(t, frames_free_count(), before);
}

KTEST(alloc_frames_contig, "contiguous runs are contiguous and writable")
{
	u64 before = frames_free_count();
	u64 pa = frame_alloc_contig(33);
	u64 *p;
	unsigned i;

	KT_ASSERT(t, pa);
	p = phys_to_virt(pa);
	for (i = 0; i < 33; i++)
		p[i * PAGE_SIZE / 8] = i;
	for (i = 0; i < 33; i++)
		KT_EXPECT_EQ(t, p[i * PAGE_SIZE / 8], i);
	frame_free_contig(pa, 33);
	KT_EXPECT_EQ(t, frames_free_count(), before);
	KT_EXPECT_EQ(t, frame_alloc_contig(0), 0);
	KT_EXPECT_EQ(t, frame_alloc_contig(0x7fffffff), 0);
}

KTEST(alloc_heap, "kmalloc sizes, alignment, isolation and reuse")
{
	static const size_t sizes[] = { 1, 7, 32, 100, 500, 2000, 2016, 5000, 70000 };
	void *p[ARRAY_SIZE(sizes)];
	u64 in_use = heap_bytes_in_use(), frames = frames_free_count();
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = kmalloc(sizes[i]);
		KT_ASSERT(t, p[i] && ((u64)p[i] & 15) == 0);
		memset(p[i], (int)i + 1, sizes[i]);
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *b = p[i];
		KT_EXPECT(t, b[0] == i + 1 && b[sizes[i] - 1] == i + 1);
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		kfree(p[i]);
	KT_EXPECT_EQ(t, heap_bytes_in_use(), in_use);
	/* Large blocks return their frames; small ones stay cached per class. */
	KT_EXPECT(t, frames_free_count() + 4 >= frames);
	KT_EXPECT(t, kmalloc(0) == NULL);
	KT_EXPECT(t, kmalloc(1ull << 40) == NULL);
	p[0] = kzalloc(300);
	KT_ASSERT(t, p[0]);
	KT_EXPECT(t, ((u8 *)p[0])[0] == 0 && ((u8 *)p[0])[299] == 0);
	kfree(p[0]);
}
