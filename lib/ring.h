/*
 * ring.h — a byte ring of a power-of-two size, for pipes.  head and tail
 * count bytes ever written and read (they wrap at 2^64, never in
 * practice), so used = head - tail with no full/empty ambiguity.
 */
#ifndef PROTEUS_LIB_RING_H
#define PROTEUS_LIB_RING_H

#include <stddef.h>
#include <stdint.h>

struct ring {
	uint8_t *buf;
	size_t size;               /* a power of two */
	uint64_t head, tail;
};

void ring_init(struct ring *r, void *buf, size_t size);
size_t ring_used(const struct ring *r);
size_t ring_free(const struct ring *r);
/* Copy in at most n bytes (what fits); the count. */
size_t ring_put(struct ring *r, const void *src, size_t n);
/* Copy out at most n bytes (what is there); the count. */
size_t ring_get(struct ring *r, void *dst, size_t n);

#endif
