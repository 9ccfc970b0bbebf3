/*
 * vma.h — what a process's user half maps, above the page tables: a
 * sorted list of regions (start, end, protection, backing).  Page tables
 * are filled lazily from it: a fault inside a region allocates or copies
 * the page (demand paging, copy-on-write), a fault outside one is the
 * process's SIGSEGV.
 *
 * A struct uspace is an address space with its regions; fork copies it
 * (sharing frames copy-on-write), vfork shares it by reference.
 */
#ifndef PROTEUS_VMA_H
#define PROTEUS_VMA_H

#include "types.h"
#include "mm.h"

struct inode;

#define VMA_READ   0x1u          /* = PROT_READ */
#define VMA_WRITE  0x2u          /* = PROT_WRITE */
#define VMA_EXEC   0x4u          /* = PROT_EXEC */
#define VMA_SHARED 0x8u          /* MAP_SHARED anonymous: frames shared across fork */
#define VMA_STACK  0x10u         /* grows down on faults just below it */

struct shm_anon;

struct vma {
	u64 start, end;              /* page aligned, [start, end) */
	unsigned flags;
	struct inode *file;          /* private file mapping, or NULL */
	struct shm_anon *shm;        /* VMA_SHARED anonymous: its pages (shm_anon.c) */
	u64 shm_pgoff;               /* the page of shm that start maps */
	u64 file_off;                /* file offset of start */
	u64 file_size;               /* bytes of file after file_off; the rest is zero */
	struct vma *next;
};

/* shm_anon.c: MAP_SHARED|MAP_ANONYMOUS memory. */
struct shm_anon *shm_anon_new(u64 npages);            /* NULL: too big or no memory */
struct shm_anon *shm_anon_get(struct shm_anon *s);
void shm_anon_put(struct shm_anon *s);
/* The frame of page idx, made (zeroed) on first use, with one more
 * reference for the caller's mapping; 0 when out of memory. */
u64 shm_anon_frame(struct shm_anon *s, u64 idx);

struct vma_list {
	struct vma *head;
	unsigned count;
};

struct uspace {
	struct mm mm;
	struct vma_list vmas;
	u64 brk_start, brk;
	u64 mmap_base;               /* where mmap without a hint searches down from */
	int refs;                    /* processes using it (vfork shares) */
};

/* A new empty address space; NULL when out of memory. */
struct uspace *uspace_new(void);
/* fork: a copy-on-write copy; NULL when out of memory (nothing leaked). */
struct uspace *uspace_fork(struct uspace *us);
void uspace_get(struct uspace *us);
/* Write n bytes at va of us (live or not); false if not writable there. */
bool uspace_write(struct uspace *us, u64 va, const void *src, size_t n);
/* Drop a reference; the last frees every page, table and region. */
void uspace_put(struct uspace *us);

/* Map [start, start+len) with flags; replaces what was there.  0 or -errno. */
int vma_map(struct uspace *us, u64 start, u64 len, unsigned flags,
	    struct inode *file, u64 file_off, u64 file_size);
/* Remove [start, start+len) from regions and page tables. */
int vma_unmap(struct uspace *us, u64 start, u64 len);
/* Change protection of [start, start+len); -ENOMEM if not all mapped. */
int vma_protect(struct uspace *us, u64 start, u64 len, unsigned flags);
struct vma *vma_find(struct uspace *us, u64 addr);
/* Drop every region of us (not its pages: mm_destroy frees those). */
void vma_list_free(struct uspace *us);
/* A free range of len bytes below us->mmap_base; 0 if none. */
u64 vma_find_free(struct uspace *us, u64 len);

/*
 * Resolve a fault at addr (write: a write access) in us: true when the
 * page is now mapped as the region allows, false when the access is not
 * allowed (the caller raises SIGSEGV) or memory ran out (*oom set).
 */
bool vma_fault(struct uspace *us, u64 addr, bool write, bool *oom);

#endif
