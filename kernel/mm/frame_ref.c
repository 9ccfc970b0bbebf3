/*
 * frame_ref.c — sharing counts for user frames, for copy-on-write.
 *
 * A frame mapped by one page-table entry has count 0 here and is freed
 * by frame_put as before; fork shares a frame between two address spaces
 * by counting the extra mapping.  The count is the number of mappings
 * beyond the first, so frames that are never shared (page tables, the
 * heap) never need an entry.  One byte per frame up to the highest RAM
 * address, allocated when the direct map is live; PROC_MAX processes
 * cannot push a count past 255.
 */
#include "mm.h"
#include "panic.h"
#include <string.h>

static u8 *refs;
static u64 nr_refs;

void frame_refs_init(void)
{
	u64 bytes, pa;

	nr_refs = frames_max_ram() >> PAGE_SHIFT;
	bytes = ALIGN_UP(nr_refs, PAGE_SIZE);
	pa = frame_alloc_contig((unsigned)(bytes >> PAGE_SHIFT));
	if (!pa)
		panic("mm: no room for %llu frame sharing counts", (unsigned long long)nr_refs);
	refs = phys_to_virt(pa);
	memset(refs, 0, bytes);
}

static u8 *ref_slot(u64 pa)
{
	u64 pfn = pa >> PAGE_SHIFT;

	if (pfn >= nr_refs)
		panic("mm: frame %#llx beyond the sharing table", (unsigned long long)pa);
	return &refs[pfn];
}

void frame_share(u64 pa)
{
	u8 *r = ref_slot(pa);

	if (*r == 255)
		panic("mm: frame %#llx shared too often", (unsigned long long)pa);
	(*r)++;
}

bool frame_is_shared(u64 pa)
{
	return *ref_slot(pa) != 0;
}

void frame_put(u64 pa)
{
	u8 *r = ref_slot(pa);

	if (*r)
		(*r)--;
	else
		frame_free(pa);
}
