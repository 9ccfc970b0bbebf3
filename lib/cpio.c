/*
 * cpio.c — walking a "newc" cpio archive in memory (see cpio.h).
 *
 * Each entry is a 110-byte ASCII header ("070701" and thirteen 8-digit hex
 * fields), the name with its NUL, padding to a multiple of 4, the file
 * data, and padding to a multiple of 4 again.  Alignment is measured from
 * the start of the archive.  The entry named TRAILER!!! ends the archive.
 *
 * Invariant: it->offset <= it->size, so size - offset never wraps, and
 * every length from the archive is compared against what remains before
 * it is added to anything.  An entry is returned only when all of it,
 * including the padding in front of its data, lies inside the buffer; the
 * padding after the data may be missing only where the buffer ends.
 */
#include <stdbool.h>
#include <string.h>

#include "cpio.h"

#define CPIO_HDR_SIZE   110
#define CPIO_MAGIC      "070701"
#define CPIO_TRAILER    "TRAILER!!!"

/* Field order in the header, after the 6-byte magic. */
enum {
	CPIO_F_INO, CPIO_F_MODE, CPIO_F_UID, CPIO_F_GID, CPIO_F_NLINK,
	CPIO_F_MTIME, CPIO_F_FILESIZE, CPIO_F_DEVMAJOR, CPIO_F_DEVMINOR,
	CPIO_F_RDEVMAJOR, CPIO_F_RDEVMINOR, CPIO_F_NAMESIZE, CPIO_F_CHECK,
	CPIO_NFIELDS
};

#define CPIO_S_IFMT  0170000u
#define CPIO_S_IFREG 0100000u

static bool cpio_hex8(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		uint8_t c = p[i];
		uint32_t d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* Round up to 4; callers have checked that off + 3 cannot wrap. */
static size_t cpio_align4(size_t off)
{
	return (off + 3) & ~(size_t)3;
}

void cpio_iter_init(struct cpio_iter *it, const void *archive, size_t size)
{
	it->base = archive;
	it->size = size;
	it->offset = 0;
}

int cpio_next(struct cpio_iter *it, struct cpio_entry *e)
{
	const uint8_t *h = it->base + it->offset;
	const uint8_t *name = h + CPIO_HDR_SIZE;
	size_t left = it->size - it->offset;
	uint32_t f[CPIO_NFIELDS], namesize, filesize;
	size_t data_off;

	if (left < CPIO_HDR_SIZE)
		return CPIO_E_TRUNCATED;
	if (memcmp(h, CPIO_MAGIC, 6) != 0)
		return CPIO_E_MAGIC;
	for (int i = 0; i < CPIO_NFIELDS; i++)
		if (!cpio_hex8(h + 6 + 8 * i, &f[i]))
			return CPIO_E_FIELD;
	namesize = f[CPIO_F_NAMESIZE];
	filesize = f[CPIO_F_FILESIZE];

	if (namesize == 0)
		return CPIO_E_NAME;
	if (namesize > left - CPIO_HDR_SIZE)
		return CPIO_E_TRUNCATED;
	/* The name must hold exactly one NUL, at its end. */
	if (memchr(name, '\0', namesize) != name + namesize - 1)
		return CPIO_E_NAME;

	/* The name ends inside the buffer, so aligning its end cannot wrap. */
	data_off = cpio_align4(it->offset + CPIO_HDR_SIZE + namesize);
	if (data_off > it->size || filesize > it->size - data_off)
		return CPIO_E_TRUNCATED;

	e->name = (const char *)name;
	e->namelen = namesize - 1;
	e->mode = f[CPIO_F_MODE];
	e->data = it->base + data_off;
	e->size = filesize;

	/* Stay on the trailer, so that asking again gives CPIO_END again. */
	if (e->namelen == sizeof(CPIO_TRAILER) - 1 &&
	    memcmp(e->name, CPIO_TRAILER, e->namelen) == 0)
		return CPIO_END;

	it->offset = cpio_align4(data_off + filesize);
	if (it->offset > it->size)
		it->offset = it->size;   /* keeps the invariant; the next call reports truncation */
	return CPIO_OK;
}

/* Drop any leading "/" and "./" so "/init", "./init" and "init" compare equal. */
static const char *cpio_strip(const char *s, size_t *len)
{
	for (;;) {
		if (*len >= 1 && s[0] == '/') {
			s++;
			*len -= 1;
		} else if (*len >= 2 && s[0] == '.' && s[1] == '/') {
			s += 2;
			*len -= 2;
		} else {
			return s;
		}
	}
}

int cpio_find(const void *archive, size_t size, const char *path, struct cpio_entry *e)
{
	struct cpio_iter it;
	size_t plen = strlen(path);
	const char *p = cpio_strip(path, &plen);
	int err;

	cpio_iter_init(&it, archive, size);
	while ((err = cpio_next(&it, e)) == CPIO_OK) {
		size_t nlen = e->namelen;
		const char *n = cpio_strip(e->name, &nlen);

		if (nlen == plen && memcmp(n, p, plen) == 0 &&
		    (e->mode & CPIO_S_IFMT) == CPIO_S_IFREG)
			return CPIO_OK;
	}
	return err == CPIO_END ? CPIO_E_NOTFOUND : err;
}

const char *cpio_strerror(int err)
{
	switch (err) {
	case CPIO_OK:          return "ok";
	case CPIO_END:         return "end of archive";
	case CPIO_E_TRUNCATED: return "archive truncated";
	case CPIO_E_MAGIC:     return "bad magic (not newc 070701)";
	case CPIO_E_FIELD:     return "header field is not 8 hex digits";
	case CPIO_E_NAME:      return "bad entry name";
	case CPIO_E_NOTFOUND:  return "no such file";
	default:               return "unknown cpio error";
	}
}
