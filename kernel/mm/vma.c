/*
 * vma.c — the sorted list of a process's regions and the operations that
 * split, merge-free replace and re-protect them.  Page tables follow: a
 * range that stops being mapped has its pages unmapped (and their frames
 * dropped) in one lazy-MMU window; a protection change rewrites the
 * present entries of the range in one window.
 *
 * Regions never overlap and are kept in address order; count bounds the
 * list so a program cannot exhaust the heap with one-page mmaps.
 */
#include "vma.h"
#include "proc.h"
#include "pv/ops.h"
#include "vfs.h"
#include <string.h>

#define VMA_MAX 1024

struct vma *vma_find(struct uspace *us, u64 addr)
{
	struct vma *v;

	for (v = us->vmas.head; v && v->start <= addr; v = v->next)
		if (addr < v->end)
			return v;
	return NULL;
}

static struct vma *vma_alloc(void)
{
	return kzalloc(sizeof(struct vma));
}

static void vma_free(struct vma *v)
{
	if (v->file)
		inode_put(v->file);
	if (v->shm)
		shm_anon_put(v->shm);
	kfree(v);
}

void vma_list_free(struct uspace *us)
{
	struct vma *v = us->vmas.head, *next;

	for (; v; v = next) {
		next = v->next;
		vma_free(v);
	}
	us->vmas.head = NULL;
	us->vmas.count = 0;
}

/* Split v at addr (inside it): v keeps [start, addr), the new one the rest. */
static struct vma *vma_split(struct uspace *us, struct vma *v, u64 addr)
{
	struct vma *n = vma_alloc();

	if (!n || us->vmas.count >= VMA_MAX) {
		kfree(n);
		return NULL;
	}
	*n = *v;
	n->start = addr;
	if (n->file) {
		u64 skip = addr - v->start;
		n->file_off += skip;
		n->file_size = n->file_size > skip ? n->file_size - skip : 0;
		inode_get(n->file);
	}
	if (n->shm) {
		n->shm_pgoff += (addr - v->start) >> PAGE_SHIFT;
		shm_anon_get(n->shm);
	}
	v->end = addr;
	v->next = n;
	us->vmas.count++;
	return n;
}

/*
 * Make region boundaries fall at start and end, so that [start, end) is
 * covered by whole regions; false when out of memory (nothing changed
 * that matters: a split alone does not change what is mapped).
 */
static bool vma_carve(struct uspace *us, u64 start, u64 end)
{
	struct vma *v;

	for (v = us->vmas.head; v; v = v->next) {
		if (v->start < start && start < v->end && !vma_split(us, v, start))
			return false;
		if (v->start < end && end < v->end && !vma_split(us, v, end))
			return false;
	}
	return true;
}

/* Apply fn to every present entry of [start, end), one walk per leaf
 * table, in one lazy-MMU window, then flush if the space is live. */
static void pages_each(struct uspace *us, u64 start, u64 end,
		       void (*fn)(u64 *slot, u64 e, unsigned flags), unsigned flags)
{
	u64 va = start;

	lazy_flush_mmu();
	lazy_enter_mmu();
	while (va < end) {
		u64 span = leaf_span(va, (end - va) >> PAGE_SHIFT), i;
		u64 *slot = paging_leaf_raw(&us->mm, va, false);

		for (i = 0; slot && i < span; i++)
			if (pte_present_raw(slot + i))
				fn(slot + i, pte_read(slot + i), flags);
		va += span << PAGE_SHIFT;
	}
	if (&us->mm == current_mm())
		flush_tlb_all();
	lazy_leave_mmu();
}

static void page_drop(u64 *slot, u64 e, unsigned flags)
{
	(void)flags;
	set_pte(slot, 0);
	frame_put(e & PTE_ADDR);
}

static void pages_unmap(struct uspace *us, u64 start, u64 end)
{
	pages_each(us, start, end, page_drop, 0);
}

int vma_unmap(struct uspace *us, u64 start, u64 len)
{
	u64 end = start + ALIGN_UP(len, PAGE_SIZE);
	struct vma **pp, *v;

	if ((start & (PAGE_SIZE - 1)) || end <= start || end > USER_TOP)
		return -EINVAL;
	if (!vma_carve(us, start, end))
		return -ENOMEM;
	for (pp = &us->vmas.head; (v = *pp);) {
		if (v->start >= start && v->end <= end) {
			*pp = v->next;
			us->vmas.count--;
			vma_free(v);
		} else {
			pp = &v->next;
		}
	}
	pages_unmap(us, start, end);
	return 0;
}

static bool vma_mergeable(const struct vma *a, const struct vma *b)
{
	return a->end == b->start && a->flags == b->flags && !a->file && !b->file && !a->shm &&
	       !b->shm;
}

/* Anonymous neighbours with the same protection become one region, so
 * brk growing a page at a time does not use up the region budget. */
static void vma_merge_around(struct uspace *us, struct vma *n)
{
	struct vma *prev = NULL, *v;

	for (v = us->vmas.head; v && v != n; v = v->next)
		prev = v;
	if (n->next && vma_mergeable(n, n->next)) {
		struct vma *next = n->next;

		n->end = next->end;
		n->next = next->next;
		us->vmas.count--;
		kfree(next);
	}
	if (prev && vma_mergeable(prev, n)) {
		prev->end = n->end;
		prev->next = n->next;
		us->vmas.count--;
		kfree(n);
	}
}

int vma_map(struct uspace *us, u64 start, u64 len, unsigned flags,
	    struct inode *file, u64 file_off, u64 file_size)
{
	u64 end = start + ALIGN_UP(len, PAGE_SIZE);
	struct vma *n, **pp;
	int rc;

	if ((start & (PAGE_SIZE - 1)) || end <= start || end > USER_TOP || start < USER_MIN_ADDR)
		return -EINVAL;
	if (us->vmas.count >= VMA_MAX - 2)
		return -ENOMEM;
	n = vma_alloc();
	if (!n)
		return -ENOMEM;
	if ((flags & VMA_SHARED) && !file && !(n->shm = shm_anon_new((end - start) >> PAGE_SHIFT))) {
		kfree(n);
		return -ENOMEM;
	}
	rc = vma_unmap(us, start, end - start);
	if (rc) {
		vma_free(n);
		return rc;
	}
	n->start = start;
	n->end = end;
	n->flags = flags;
	n->file = file ? inode_get(file) : NULL;
	n->file_off = file_off;
	n->file_size = file ? file_size : 0;
	for (pp = &us->vmas.head; *pp && (*pp)->start < start; pp = &(*pp)->next)
		;
	n->next = *pp;
	*pp = n;
	us->vmas.count++;
	vma_merge_around(us, n);
	return 0;
}

static u64 pte_flags_for(unsigned flags)
{
	/* Writable pages start read-only where frames may be shared; the
	 * fault path grants write.  Here: the ceiling a present page keeps. */
	return PTE_U | ((flags & VMA_EXEC) ? 0 : pte_nx);
}

static void page_reprotect(u64 *slot, u64 e, unsigned flags)
{
	if (!(flags & (VMA_READ | VMA_WRITE | VMA_EXEC))) {
		page_drop(slot, e, flags);
		return;
	}
	set_pte(slot, (e & PTE_ADDR) | PTE_P | pte_flags_for(flags) |
		      ((flags & VMA_WRITE) && (e & PTE_W) ? PTE_W : 0));
}

int vma_protect(struct uspace *us, u64 start, u64 len, unsigned flags)
{
	u64 end = start + ALIGN_UP(len, PAGE_SIZE), at;
	struct vma *v;

	if ((start & (PAGE_SIZE - 1)) || end < start || end > USER_TOP)
		return -EINVAL;
	/* Linux: ENOMEM when part of the range is not mapped. */
	for (at = start, v = us->vmas.head; at < end; v = v->next) {
		while (v && v->end <= at)
			v = v->next;
		if (!v || v->start > at)
			return -ENOMEM;
		at = v->end;
	}
	if (!vma_carve(us, start, end))
		return -ENOMEM;
	for (v = us->vmas.head; v; v = v->next)
		if (v->start >= start && v->end <= end)
			v->flags = (v->flags & ~(VMA_READ | VMA_WRITE | VMA_EXEC)) | flags;
	/* Present pages: drop write (the next write faults and is granted if
	 * the region and sharing allow), or unmap entirely for PROT_NONE. */
	pages_each(us, start, end, page_reprotect, flags);
	return 0;
}

u64 vma_find_free(struct uspace *us, u64 len)
{
	u64 top = us->mmap_base, need = ALIGN_UP(len, PAGE_SIZE);
	struct vma *v, *below;

	if (!need || need > top)
		return 0;
	/* Highest gap below top that fits: walk regions, remembering the
	 * highest one that ends at or below the candidate. */
	for (;;) {
		u64 cand = top - need;

		below = NULL;
		for (v = us->vmas.head; v; v = v->next)
			if (v->start < top && v->end > cand)
				below = v;         /* overlaps [cand, top) */
		if (!below)
			return cand >= USER_MIN_ADDR ? cand : 0;
		top = below->start;
		if (top < need + USER_MIN_ADDR)
			return 0;
	}
}
