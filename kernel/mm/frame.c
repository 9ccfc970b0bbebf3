/*
 * frame.c — the physical frame allocator: one bit per 4 KiB frame below
 * 4 GiB, set when the frame is in use or is not RAM.
 *
 * Everything starts used; only the RAM ranges of the memory map are
 * released, minus the first megabyte (firmware), the kernel image, the
 * initrd and whatever the loader still uses.  Freeing a frame that is
 * already free is a kernel bug and panics rather than corrupting the
 * allocator.
 *
 * Until the kernel's own page tables are live, only frames the loader's
 * tables map can be zeroed and filled, so allocation stops at the boot
 * mapping's limit; frames_unlimit() lifts that once the direct map exists.
 */
#include "mm.h"
#include "panic.h"
#include "printk.h"
#include <string.h>

#define MAX_FRAMES (1u << 20)                 /* 4 GiB */
static u64 used_map[MAX_FRAMES / 64];
static u64 nr_free, nr_ram;
static u64 search_hint;
static u64 alloc_limit = MAX_FRAMES;        /* in frames */
static const struct boot_info *frames_bi;

extern char __kernel_end[];

static bool bit_test(u64 f) { return (used_map[f / 64] >> (f % 64)) & 1; }
static void bit_set(u64 f) { used_map[f / 64] |= 1ull << (f % 64); }
static void bit_clear(u64 f) { used_map[f / 64] &= ~(1ull << (f % 64)); }

static void range_release(u64 start, u64 end)
{
	u64 f;

	start = ALIGN_UP(start, PAGE_SIZE) >> PAGE_SHIFT;
	end = ALIGN_DOWN(end, PAGE_SIZE) >> PAGE_SHIFT;
	if (end > MAX_FRAMES)
		end = MAX_FRAMES;
	for (f = start; f < end; f++)
		if (bit_test(f)) {
			bit_clear(f);
			nr_free++;
			nr_ram++;
		}
}

static void range_reserve(u64 start, u64 end)
{
	u64 f;

	start = ALIGN_DOWN(start, PAGE_SIZE) >> PAGE_SHIFT;
	end = ALIGN_UP(end, PAGE_SIZE) >> PAGE_SHIFT;
	if (end > MAX_FRAMES)
		end = MAX_FRAMES;
	for (f = start; f < end; f++)
		if (!bit_test(f)) {
			bit_set(f);
			nr_free--;
		}
}

void frames_init(const struct boot_info *bi)
{
	u64 ignored = 0, limit = (u64)MAX_FRAMES << PAGE_SHIFT;
	unsigned i;

	frames_bi = bi;
	if (bi->nr_ram == 0)
		panic("mm: the %s loader gave no memory map", bi->loader);
	memset(used_map, 0xff, sizeof(used_map));
	for (i = 0; i < bi->nr_ram; i++) {
		u64 s = bi->ram[i].start, e = s + bi->ram[i].size;
		if (e > limit) {
			ignored += e - MAX(s, limit);
			e = limit;
		}
		if (s < e)
			range_release(s, e);
	}
	range_reserve(0, 0x100000);
	range_reserve(KERNEL_PHYS, (u64)__kernel_end - KERNEL_VBASE);
	if (bi->initrd_size)
		range_reserve(bi->initrd_start, bi->initrd_start + bi->initrd_size);
	for (i = 0; i < bi->nr_reserved; i++)
		range_reserve(bi->reserved[i].start, bi->reserved[i].start + bi->reserved[i].size);
	alloc_limit = MIN(bi->boot_mapped_limit >> PAGE_SHIFT, (u64)MAX_FRAMES);
	pr_info("mm: %llu MiB of RAM, %llu MiB free%s\n",
		(unsigned long long)(nr_ram >> 8), (unsigned long long)(nr_free >> 8),
		ignored ? " (memory above 4 GiB not used)" : "");
}

bool frame_is_ram(u64 pa)
{
	unsigned i;

	for (i = 0; frames_bi && i < frames_bi->nr_ram; i++)
		if (pa >= frames_bi->ram[i].start &&
		    pa - frames_bi->ram[i].start < frames_bi->ram[i].size)
			return (pa >> PAGE_SHIFT) < MAX_FRAMES;
	return false;
}

void frames_unlimit(void)
{
	alloc_limit = MAX_FRAMES;
}

u64 frames_max_ram(void)
{
	u64 top = 0;
	unsigned i;

	for (i = 0; frames_bi && i < frames_bi->nr_ram; i++)
		top = MAX(top, frames_bi->ram[i].start + frames_bi->ram[i].size);
	return MIN(top, frames_max_addr());
}

u64 frames_max_addr(void)
{
	return (u64)MAX_FRAMES << PAGE_SHIFT;
}

u64 frame_alloc_contig(unsigned n)
{
	u64 f, run = 0, pass;

	if (n == 0 || n > nr_free)
		return 0;
	/* Two passes: from the hint to the end, then from the start. */
	for (pass = 0; pass < 2; pass++) {
		u64 from = pass ? 0 : MIN(search_hint, alloc_limit), to = alloc_limit;
		run = 0;
		for (f = from; f < to; f++) {
			if (!run && (used_map[f / 64] == ~0ull) && f % 64 == 0) {
				f += 63;
				continue;
			}
			run = bit_test(f) ? 0 : run + 1;
			if (run == n) {
				u64 first = f + 1 - n, g;
				for (g = first; g <= f; g++)
					bit_set(g);
				nr_free -= n;
				search_hint = f + 1;
				return first << PAGE_SHIFT;
			}
		}
	}
	return 0;
}

u64 frame_alloc(void)
{
	return frame_alloc_contig(1);
}

void frame_free_contig(u64 pa, unsigned n)
{
	u64 f = pa >> PAGE_SHIFT, g;

	if ((pa & (PAGE_SIZE - 1)) || f + n > MAX_FRAMES)
		panic("frame_free: bad frame address %llx", (unsigned long long)pa);
	for (g = f; g < f + n; g++) {
		if (!bit_test(g))
			panic("frame_free: frame %llx is already free",
			      (unsigned long long)(g << PAGE_SHIFT));
		bit_clear(g);
	}
	nr_free += n;
	if (f < search_hint)
		search_hint = f;
}

void frame_free(u64 pa)
{
	frame_free_contig(pa, 1);
}

u64 frames_free_count(void) { return nr_free; }
u64 frames_total(void) { return nr_ram; }
