/*
 * tmpfs.c — the contents of tmpfs files: one frame per 4 KiB page,
 * allocated on first write, so a hole (never written, or cut off by a
 * truncate and grown again) reads as zeros without holding memory.
 *
 * Invariants: pages[i] is NULL or a frame (through the physical map);
 * no page at or beyond ALIGN_UP(size) is held, and the bytes of the last
 * page past size are zero, so growing a file exposes only zeros.
 * Running out of memory is -ENOSPC for the writer, never a panic.
 */
#include "fs.h"
#include "mm.h"
#include <string.h>

#define TMPFS_MAX_SIZE (1ull << 32)         /* 4 GiB: far above the RAM we have */

long tmpfs_read(struct inode *ino, u64 off, void *buf, size_t n)
{
	u8 *dst = buf;
	size_t done = 0;

	if (off >= ino->size)
		return 0;
	n = MIN(n, ino->size - off);
	while (done < n) {
		u64 at = off + done, slot = at / PAGE_SIZE, in = at % PAGE_SIZE;
		size_t chunk = MIN(n - done, PAGE_SIZE - in);
		u8 *page = slot < ino->u.tmp.slots ? ino->u.tmp.pages[slot] : NULL;

		if (page)
			memcpy(dst + done, page + in, chunk);
		else
			memset(dst + done, 0, chunk);
		done += chunk;
	}
	return (long)n;
}

/* Room for at least slots page pointers. */
static int tmpfs_grow_slots(struct inode *ino, u64 slots)
{
	u64 want = ino->u.tmp.slots ? ino->u.tmp.slots : 8;
	u8 **pages;

	if (slots <= ino->u.tmp.slots)
		return 0;
	while (want < slots)
		want *= 2;
	pages = kzalloc(want * sizeof(*pages));
	if (!pages)
		return -ENOSPC;
	if (ino->u.tmp.slots)
		memcpy(pages, ino->u.tmp.pages, ino->u.tmp.slots * sizeof(*pages));
	kfree(ino->u.tmp.pages);
	ino->u.tmp.pages = pages;
	ino->u.tmp.slots = want;
	return 0;
}

long tmpfs_write(struct inode *ino, u64 off, const void *buf, size_t n)
{
	const u8 *src = buf;
	size_t done = 0;

	if (off >= TMPFS_MAX_SIZE || n > TMPFS_MAX_SIZE - off)
		return -EFBIG;
	if (tmpfs_grow_slots(ino, (off + n + PAGE_SIZE - 1) / PAGE_SIZE))
		return -ENOSPC;
	while (done < n) {
		u64 at = off + done, slot = at / PAGE_SIZE, in = at % PAGE_SIZE;
		size_t chunk = MIN(n - done, PAGE_SIZE - in);
		u8 **page = &ino->u.tmp.pages[slot];

		if (!*page) {
			u64 pa = frame_alloc();

			if (!pa)
				break;
			*page = phys_to_virt(pa);
			memset(*page, 0, PAGE_SIZE);
		}
		memcpy(*page + in, src + done, chunk);
		done += chunk;
	}
	if (off + done > ino->size)
		ino->size = off + done;
	if (done)
		inode_touch(ino, true);
	return done ? (long)done : -ENOSPC;
}

int tmpfs_truncate(struct inode *ino, u64 size)
{
	u64 keep = (size + PAGE_SIZE - 1) / PAGE_SIZE, i;

	if (size > TMPFS_MAX_SIZE)
		return -EFBIG;
	if (size < ino->size) {
		for (i = keep; i < ino->u.tmp.slots; i++)
			if (ino->u.tmp.pages[i]) {
				frame_free(virt_to_phys(ino->u.tmp.pages[i]));
				ino->u.tmp.pages[i] = NULL;
			}
		if (size % PAGE_SIZE && keep - 1 < ino->u.tmp.slots && ino->u.tmp.pages[keep - 1])
			memset(ino->u.tmp.pages[keep - 1] + size % PAGE_SIZE, 0,
			       PAGE_SIZE - size % PAGE_SIZE);
	}
	ino->size = size;
	inode_touch(ino, true);
	return 0;
}

void tmpfs_free(struct inode *ino)
{
	tmpfs_truncate(ino, 0);
	kfree(ino->u.tmp.pages);
	ino->u.tmp.pages = NULL;
	ino->u.tmp.slots = 0;
}
