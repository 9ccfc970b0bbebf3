/*
 * heap.c — kmalloc: power-of-two size classes from 32 to 2048 bytes carved
 * out of whole pages, and runs of whole frames for anything larger.
 *
 * Each block starts with a header recording its class (or page count) and
 * a magic word, so kfree needs no size and catches frees of pointers that
 * did not come from kmalloc, and double frees, instead of corrupting the
 * free lists.
 */
#include "mm.h"
#include "panic.h"
#include <string.h>

#define HEAP_MAGIC_LIVE 0x6b6d616c6c6f6321ull
#define HEAP_MAGIC_FREE 0x667265656672ee21ull
#define HEAP_MIN_SHIFT 5
#define HEAP_MAX_SHIFT 11
#define HEAP_CLASSES (HEAP_MAX_SHIFT - HEAP_MIN_SHIFT + 1)
#define HEAP_LARGE 0xffu

struct heap_hdr {
	u64 magic;
	u32 cls;            /* size class index, or HEAP_LARGE */
	u32 pages;          /* for HEAP_LARGE */
	struct heap_hdr *next_free;
	u64 pad;            /* keeps the payload 32-byte aligned */
};

static struct heap_hdr *free_lists[HEAP_CLASSES];
static u64 bytes_in_use;

static unsigned size_class(size_t total)
{
	unsigned c = 0;

	while (((size_t)1 << (HEAP_MIN_SHIFT + c)) < total)
		c++;
	return c;
}

static bool class_refill(unsigned c)
{
	size_t bsize = (size_t)1 << (HEAP_MIN_SHIFT + c);
	u64 pa = frame_alloc();
	u8 *page;
	size_t off;

	if (!pa)
		return false;
	page = phys_to_virt(pa);
	for (off = 0; off + bsize <= PAGE_SIZE; off += bsize) {
		struct heap_hdr *h = (struct heap_hdr *)(page + off);
		h->magic = HEAP_MAGIC_FREE;
		h->cls = c;
		h->next_free = free_lists[c];
		free_lists[c] = h;
	}
	return true;
}

void *kmalloc(size_t size)
{
	size_t total = size + sizeof(struct heap_hdr);
	struct heap_hdr *h;

	if (size == 0 || size > (1ull << 30))
		return NULL;
	if (total > ((size_t)1 << HEAP_MAX_SHIFT)) {
		unsigned pages = (unsigned)(ALIGN_UP(total, PAGE_SIZE) >> PAGE_SHIFT);
		u64 pa = frame_alloc_contig(pages);
		if (!pa)
			return NULL;
		h = phys_to_virt(pa);
		h->cls = HEAP_LARGE;
		h->pages = pages;
		bytes_in_use += (u64)pages << PAGE_SHIFT;
	} else {
		unsigned c = size_class(total);
		if (!free_lists[c] && !class_refill(c))
			return NULL;
		h = free_lists[c];
		free_lists[c] = h->next_free;
		bytes_in_use += (u64)1 << (HEAP_MIN_SHIFT + c);
	}
	h->magic = HEAP_MAGIC_LIVE;
	h->next_free = NULL;
	return h + 1;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	struct heap_hdr *h;

	if (!p)
		return;
	h = (struct heap_hdr *)p - 1;
	if (h->magic == HEAP_MAGIC_FREE)
		panic("kfree: double free of %p", p);
	if (h->magic != HEAP_MAGIC_LIVE)
		panic("kfree: %p was not allocated by kmalloc", p);
	if (h->cls == HEAP_LARGE) {
		h->magic = HEAP_MAGIC_FREE;
		bytes_in_use -= (u64)h->pages << PAGE_SHIFT;
		frame_free_contig(virt_to_phys(h), h->pages);
		return;
	}
	if (h->cls >= HEAP_CLASSES)
		panic("kfree: %p has a corrupt header", p);
	h->magic = HEAP_MAGIC_FREE;
	h->next_free = free_lists[h->cls];
	free_lists[h->cls] = h;
	bytes_in_use -= (u64)1 << (HEAP_MIN_SHIFT + h->cls);
}

u64 heap_bytes_in_use(void)
{
	return bytes_in_use;
}
