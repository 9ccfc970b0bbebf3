/*
 * vma_fault.c — filling page tables from regions: demand paging and
 * copy-on-write.
 *
 * A page is mapped on first touch: zeroed for anonymous memory, read
 * from the file for a private file mapping (bytes past file_size are
 * zero, which is how a segment's bss shares its last file page).  A
 * write to a present read-only page of a writable region is
 * copy-on-write: the frame is copied if another mapping still shares it,
 * or simply made writable if this is the last one.  A MAP_SHARED
 * anonymous region takes its pages from its shm_anon object and is never
 * copied.
 */
#include "vma.h"
#include "vfs.h"
#include "pv/ops.h"
#include <string.h>

static bool vma_allows(const struct vma *v, bool write)
{
	if (write)
		return v->flags & VMA_WRITE;
	return v->flags & (VMA_READ | VMA_WRITE | VMA_EXEC);
}

static u64 vma_pte_flags(const struct vma *v, bool writable)
{
	return PTE_U | (writable ? PTE_W : 0) | ((v->flags & VMA_EXEC) ? 0 : pte_nx);
}

/* A new frame with the page's first contents; 0 when out of memory. */
static u64 vma_page_fill(const struct vma *v, u64 va)
{
	u64 pa = frame_alloc(), off = va - v->start;
	u8 *page;

	if (!pa)
		return 0;
	page = phys_to_virt(pa);
	memset(page, 0, PAGE_SIZE);
	if (v->file && off < v->file_size) {
		size_t n = (size_t)MIN((u64)PAGE_SIZE, v->file_size - off);
		long got = inode_read(v->file, v->file_off + off, page, n);

		/* A file shorter than the mapping: the rest reads as zeros
		 * (Linux would give SIGBUS past the end; zero is the
		 * conservative choice for a read-only root). */
		if (got < 0)
			memset(page, 0, PAGE_SIZE);
	}
	return pa;
}

bool vma_fault(struct uspace *us, u64 addr, bool write, bool *oom)
{
	u64 va = ALIGN_DOWN(addr, PAGE_SIZE), *slot, e, pa;
	struct vma *v = vma_find(us, addr);

	*oom = false;
	if (!v || !vma_allows(v, write))
		return false;
	slot = paging_leaf(&us->mm, va);
	e = slot ? pte_read(slot) : 0;
	if (!(e & PTE_P)) {
		pa = v->shm ? shm_anon_frame(v->shm, v->shm_pgoff + ((va - v->start) >> PAGE_SHIFT))
			    : vma_page_fill(v, va);
		if (!pa || paging_map(&us->mm, va, pa, vma_pte_flags(v, v->flags & VMA_WRITE))) {
			if (pa)
				frame_put(pa);
			*oom = true;
			return false;
		}
		return true;
	}
	if (!write || (e & PTE_W))
		return true;                   /* another CPU's or a stale TLB fault */
	pa = e & PTE_ADDR;
	/* Shared memory is written where it is: its frame is meant to be shared. */
	if (!(v->flags & VMA_SHARED) && frame_is_shared(pa)) {
		u64 copy = frame_alloc();

		if (!copy) {
			*oom = true;
			return false;
		}
		memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
		frame_put(pa);
		pa = copy;
	}
	set_pte(slot, pa | PTE_P | vma_pte_flags(v, true));
	if (&us->mm == current_mm())
		flush_tlb_one(va);
	return true;
}
