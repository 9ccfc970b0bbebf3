/*
 * shm_anon.c — the memory behind a MAP_SHARED|MAP_ANONYMOUS region: one
 * object per mmap, shared by every region that maps part of it (the
 * halves of a split, a fork's copies), holding the frame of each page
 * once it is first touched.  A page first touched after fork is then the
 * same page in parent and child, as on Linux (where shmem backs such a
 * mapping), not two private zero pages.
 *
 * The object keeps one reference on each of its frames (frame_ref.c);
 * every mapping of a frame takes another, so a page outlives whichever
 * goes first, the last process's mapping or the object.
 */
#include "vma.h"
#include "mm.h"
#include <string.h>

#define SHM_ANON_MAX_PAGES (1ull << 20)      /* 4 GiB: the index array stays 8 MiB */

struct shm_anon {
	int refs;
	u64 npages;
	u64 frames[];                        /* 0: not touched yet */
};

struct shm_anon *shm_anon_new(u64 npages)
{
	struct shm_anon *s;

	if (!npages || npages > SHM_ANON_MAX_PAGES)
		return NULL;
	s = kzalloc(sizeof(*s) + npages * sizeof(u64));
	if (s) {
		s->refs = 1;
		s->npages = npages;
	}
	return s;
}

struct shm_anon *shm_anon_get(struct shm_anon *s)
{
	s->refs++;
	return s;
}

void shm_anon_put(struct shm_anon *s)
{
	u64 i;

	if (--s->refs)
		return;
	for (i = 0; i < s->npages; i++)
		if (s->frames[i])
			frame_put(s->frames[i]);
	kfree(s);
}

u64 shm_anon_frame(struct shm_anon *s, u64 idx)
{
	u64 pa;

	if (idx >= s->npages)
		return 0;
	if (!s->frames[idx]) {
		pa = frame_alloc();
		if (!pa)
			return 0;
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
		s->frames[idx] = pa;
	}
	frame_share(s->frames[idx]);         /* the caller's mapping */
	return s->frames[idx];
}
