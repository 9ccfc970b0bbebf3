/*
 * uspace.c — process address spaces as a whole: creation, the
 * copy-on-write copy fork makes, and teardown.
 *
 * fork walks the parent's regions once, inside one lazy-MMU window: every
 * present private page loses its write permission in the parent and is
 * mapped read-only in the child with its frame's sharing count raised;
 * shared anonymous pages stay writable in both, and the pages of theirs
 * not touched yet come from the object both regions share (shm_anon.c).  The first write on
 * either side then copies (vma_fault.c).  A backend that turns each entry
 * write into a hypercall issues the whole fork as a few batches.
 */
#include "vma.h"
#include "vfs.h"
#include "proc.h"
#include "pv/ops.h"
#include <string.h>

/* mmap without a hint searches down from here, below the stack's reach. */
#define USPACE_MMAP_BASE (USER_STACK_TOP - USER_STACK_MAX - (1ull << 30))

struct uspace *uspace_new(void)
{
	struct uspace *us = kzalloc(sizeof(*us));

	if (!us)
		return NULL;
	if (!mm_create(&us->mm)) {
		kfree(us);
		return NULL;
	}
	us->mmap_base = USPACE_MMAP_BASE;
	us->refs = 1;
	return us;
}

void uspace_get(struct uspace *us)
{
	us->refs++;
}

void uspace_put(struct uspace *us)
{
	if (!us || --us->refs > 0)
		return;
	vma_list_free(us);
	mm_destroy(&us->mm);
	kfree(us);
}

static bool vmas_copy(struct uspace *dst, const struct uspace *src)
{
	const struct vma *v;
	struct vma **tail = &dst->vmas.head;

	for (v = src->vmas.head; v; v = v->next) {
		struct vma *n = kmalloc(sizeof(*n));

		if (!n)
			return false;
		*n = *v;
		n->next = NULL;
		if (n->file)
			inode_get(n->file);
		if (n->shm)
			shm_anon_get(n->shm);
		*tail = n;
		tail = &n->next;
		dst->vmas.count++;
	}
	return true;
}

/* Share one region's present pages, one walk per leaf table; false when a
 * child table could not be allocated. */
static bool vma_share_pages(struct uspace *child, struct uspace *parent, const struct vma *v)
{
	u64 va = v->start;

	while (va < v->end) {
		u64 span = leaf_span(va, (v->end - va) >> PAGE_SHIFT), i;
		u64 *ps = paging_leaf_raw(&parent->mm, va, false), *cs = NULL;

		for (i = 0; ps && i < span; i++) {
			u64 e;

			if (!pte_present_raw(ps + i))
				continue;
			e = pte_read(ps + i);
			if (!(v->flags & VMA_SHARED) && (e & PTE_W)) {
				e &= ~PTE_W;
				set_pte(ps + i, e);
			}
			if (!cs && !(cs = paging_leaf_raw(&child->mm, va, true)))
				return false;
			frame_share(e & PTE_ADDR);
			set_pte(cs + i, e);
		}
		va += span << PAGE_SHIFT;
	}
	return true;
}

struct uspace *uspace_fork(struct uspace *parent)
{
	struct uspace *child = uspace_new();
	const struct vma *v;
	bool ok;

	if (!child)
		return NULL;
	child->brk_start = parent->brk_start;
	child->brk = parent->brk;
	child->mmap_base = parent->mmap_base;
	ok = vmas_copy(child, parent);
	lazy_enter_mmu();
	for (v = parent->vmas.head; ok && v; v = v->next)
		ok = vma_share_pages(child, parent, v);
	/* The parent's entries lost write permission: stale TLB entries
	 * must not let it write a shared frame. */
	if (&parent->mm == current_mm())
		flush_tlb_all();
	lazy_leave_mmu();
	if (!ok) {
		uspace_put(child);
		return NULL;
	}
	return child;
}

/* Into an address space that need not be live: pages are faulted in as
 * their regions allow and written through the physical map. */
bool uspace_write(struct uspace *us, u64 va, const void *src, size_t n)
{
	const u8 *s = src;

	while (n) {
		size_t chunk = MIN(n, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
		u64 pa;
		bool oom;

		if (!paging_translate(&us->mm, va, &pa, NULL) &&
		    (!vma_fault(us, va, true, &oom) || !paging_translate(&us->mm, va, &pa, NULL)))
			return false;
		memcpy(phys_to_virt(pa), s, chunk);
		s += chunk;
		va += chunk;
		n -= chunk;
	}
	return true;
}
