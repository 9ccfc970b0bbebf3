/* ring.c — the byte ring (ring.h): each copy is at most two memcpys. */
#include "lib/ring.h"
#include <string.h>

void ring_init(struct ring *r, void *buf, size_t size)
{
	r->buf = buf;
	r->size = size;
	r->head = r->tail = 0;
}

size_t ring_used(const struct ring *r)
{
	return (size_t)(r->head - r->tail);
}

size_t ring_free(const struct ring *r)
{
	return r->size - ring_used(r);
}

size_t ring_put(struct ring *r, const void *src, size_t n)
{
	size_t at, first;

	if (n > ring_free(r))
		n = ring_free(r);
	at = (size_t)(r->head & (r->size - 1));
	first = n < r->size - at ? n : r->size - at;
	memcpy(r->buf + at, src, first);
	memcpy(r->buf, (const uint8_t *)src + first, n - first);
	r->head += n;
	return n;
}

size_t ring_get(struct ring *r, void *dst, size_t n)
{
	size_t at, first;

	if (n > ring_used(r))
		n = ring_used(r);
	at = (size_t)(r->tail & (r->size - 1));
	first = n < r->size - at ? n : r->size - at;
	memcpy(dst, r->buf + at, first);
	memcpy((uint8_t *)dst + first, r->buf, n - first);
	r->tail += n;
	return n;
}
