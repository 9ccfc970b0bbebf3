/*
 * cpio.h — a reader for "newc" cpio archives (magic 070701, the format of
 * Linux initramfs), bounds-checked against the archive buffer.
 */
#ifndef PROTEUS_LIB_CPIO_H
#define PROTEUS_LIB_CPIO_H

#include <stddef.h>
#include <stdint.h>

enum cpio_err {
	CPIO_OK = 0,
	CPIO_END = 1,          /* reached the TRAILER!!! entry */
	CPIO_E_TRUNCATED = -1, /* header, name or data runs past the buffer */
	CPIO_E_MAGIC = -2,     /* header does not start with 070701 */
	CPIO_E_FIELD = -3,     /* a header field is not 8 hex digits */
	CPIO_E_NAME = -4,      /* name size 0 or the name is not NUL-terminated */
	CPIO_E_NOTFOUND = -5,  /* cpio_find: no such path */
};

struct cpio_entry {
	const char *name;      /* NUL-terminated, inside the archive */
	size_t namelen;        /* without the NUL */
	uint32_t mode;         /* st_mode bits as stored */
	const void *data;
	size_t size;
};

struct cpio_iter {
	const uint8_t *base;
	size_t size;
	size_t offset;         /* next header */
};

void cpio_iter_init(struct cpio_iter *it, const void *archive, size_t size);
/* CPIO_OK with *e filled, CPIO_END at the trailer, or a negative error. */
int cpio_next(struct cpio_iter *it, struct cpio_entry *e);
/* Find a regular file by path; a leading "/" or "./" on either side is ignored. */
int cpio_find(const void *archive, size_t size, const char *path, struct cpio_entry *e);
const char *cpio_strerror(int err);

#endif
