/*
 * test_cpio.c — the newc reader on archives built here, whole, cut short
 * at every byte, and damaged one field at a time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cpio.h"

#define HDR 110
#define F_MODE 1
#define F_FILESIZE 6
#define F_NAMESIZE 11

struct archive {
	uint8_t buf[4096];
	size_t len;
	size_t off[16];         /* where each entry's header starts */
	unsigned n;
};

static void ar_pad4(struct archive *a)
{
	while (a->len % 4)
		a->buf[a->len++] = 0;
}

/* One newc entry, as the kernel's gen_init_cpio would write it. */
static void ar_add(struct archive *a, const char *name, uint32_t mode, const void *data, size_t size)
{
	size_t namesize = strlen(name) + 1;

	a->off[a->n++] = a->len;
	snprintf((char *)a->buf + a->len, HDR + 1,
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 a->n, mode, 0, 0, 1, 0, (unsigned)size, 0, 0, 0, 0, (unsigned)namesize, 0);
	a->len += HDR;
	memcpy(a->buf + a->len, name, namesize);
	a->len += namesize;
	ar_pad4(a);
	if (size)
		memcpy(a->buf + a->len, data, size);
	a->len += size;
	ar_pad4(a);
}

static void ar_trailer(struct archive *a)
{
	ar_add(a, "TRAILER!!!", 0, NULL, 0);
}

/* Overwrite field idx of entry e with 8 characters (not NUL-terminated). */
static void ar_set_field(struct archive *a, unsigned e, unsigned idx, const char *text8)
{
	memcpy(a->buf + a->off[e] + 6 + 8 * idx, text8, 8);
}

static const char init_sh[] = "#!/bin/sh\necho hi\n";   /* 18 bytes: needs padding */
static const char hello[] = "hello";

/* ".", "init", "bin", "bin/hello", "empty", trailer. */
static void ar_sample(struct archive *a)
{
	memset(a, 0, sizeof(*a));
	ar_add(a, ".", 040755, NULL, 0);
	ar_add(a, "init", 0100755, init_sh, sizeof(init_sh) - 1);
	ar_add(a, "bin", 040755, NULL, 0);
	ar_add(a, "bin/hello", 0100644, hello, sizeof(hello) - 1);
	ar_add(a, "empty", 0100644, NULL, 0);
	ar_trailer(a);
}

/* Iterate to the end; returns the final code and counts the entries. */
static int walk(const void *buf, size_t len, unsigned *count)
{
	struct cpio_iter it;
	struct cpio_entry e;
	int rc;

	*count = 0;
	cpio_iter_init(&it, buf, len);
	while ((rc = cpio_next(&it, &e)) == CPIO_OK) {
		const uint8_t *lo = buf, *hi = lo + len;

		/* Everything returned lies inside the buffer. */
		assert_true((const uint8_t *)e.name >= lo);
		assert_true((const uint8_t *)e.name + e.namelen < hi);
		assert_int_equal(e.name[e.namelen], '\0');
		assert_true((const uint8_t *)e.data >= lo);
		assert_true((const uint8_t *)e.data + e.size <= hi);
		++*count;
	}
	return rc;
}

static void test_iterate(void **state)
{
	struct archive a;
	struct cpio_iter it;
	struct cpio_entry e;

	(void)state;
	ar_sample(&a);
	cpio_iter_init(&it, a.buf, a.len);

	assert_int_equal(cpio_next(&it, &e), CPIO_OK);
	assert_string_equal(e.name, ".");
	assert_int_equal(e.mode, 040755);

	assert_int_equal(cpio_next(&it, &e), CPIO_OK);
	assert_string_equal(e.name, "init");
	assert_int_equal(e.namelen, 4);
	assert_int_equal(e.mode, 0100755);
	assert_int_equal(e.size, sizeof(init_sh) - 1);
	assert_memory_equal(e.data, init_sh, e.size);
	assert_int_equal(((const uint8_t *)e.data - a.buf) % 4, 0);

	assert_int_equal(cpio_next(&it, &e), CPIO_OK);
	assert_string_equal(e.name, "bin");

	assert_int_equal(cpio_next(&it, &e), CPIO_OK);
	assert_string_equal(e.name, "bin/hello");
	assert_int_equal(e.size, 5);
	assert_memory_equal(e.data, "hello", 5);

	assert_int_equal(cpio_next(&it, &e), CPIO_OK);
	assert_string_equal(e.name, "empty");
	assert_int_equal(e.size, 0);

	assert_int_equal(cpio_next(&it, &e), CPIO_END);
	assert_int_equal(cpio_next(&it, &e), CPIO_END);   /* stays at the end */
}

static void test_find(void **state)
{
	struct archive a;
	struct cpio_entry e;

	(void)state;
	ar_sample(&a);
	assert_int_equal(cpio_find(a.buf, a.len, "init", &e), CPIO_OK);
	assert_memory_equal(e.data, init_sh, e.size);
	assert_int_equal(cpio_find(a.buf, a.len, "/init", &e), CPIO_OK);
	assert_int_equal(cpio_find(a.buf, a.len, "./init", &e), CPIO_OK);
	assert_int_equal(cpio_find(a.buf, a.len, "/bin/hello", &e), CPIO_OK);
	assert_memory_equal(e.data, "hello", 5);
	assert_int_equal(cpio_find(a.buf, a.len, "empty", &e), CPIO_OK);
	assert_int_equal(e.size, 0);

	assert_int_equal(cpio_find(a.buf, a.len, "bin", &e), CPIO_E_NOTFOUND);   /* a directory */
	assert_int_equal(cpio_find(a.buf, a.len, "bin/hell", &e), CPIO_E_NOTFOUND);
	assert_int_equal(cpio_find(a.buf, a.len, "bin/hello/", &e), CPIO_E_NOTFOUND);
	assert_int_equal(cpio_find(a.buf, a.len, "nope", &e), CPIO_E_NOTFOUND);
	assert_int_equal(cpio_find(a.buf, a.len, "TRAILER!!!", &e), CPIO_E_NOTFOUND);
}

/* Names stored with "./" or "/" in the archive match plain paths too. */
static void test_find_prefixed_names(void **state)
{
	struct archive a;
	struct cpio_entry e;

	(void)state;
	memset(&a, 0, sizeof(a));
	ar_add(&a, "./etc/motd", 0100644, "hi", 2);
	ar_add(&a, "/sbin/init", 0100755, "x", 1);
	ar_trailer(&a);
	assert_int_equal(cpio_find(a.buf, a.len, "etc/motd", &e), CPIO_OK);
	assert_int_equal(cpio_find(a.buf, a.len, "/etc/motd", &e), CPIO_OK);
	assert_int_equal(cpio_find(a.buf, a.len, "sbin/init", &e), CPIO_OK);
	assert_int_equal(cpio_find(a.buf, a.len, "./sbin/init", &e), CPIO_OK);
}

static void test_empty_and_trailer_only(void **state)
{
	struct archive a;
	struct cpio_entry e;
	unsigned n;

	(void)state;
	memset(&a, 0, sizeof(a));
	assert_int_equal(walk(a.buf, 0, &n), CPIO_E_TRUNCATED);
	ar_trailer(&a);
	assert_int_equal(walk(a.buf, a.len, &n), CPIO_END);
	assert_int_equal(n, 0);
	assert_int_equal(cpio_find(a.buf, a.len, "init", &e), CPIO_E_NOTFOUND);
}

/*
 * Cut the archive at every length: the walk must end in CPIO_E_TRUNCATED
 * (never CPIO_END, never a read outside the copy), and cpio_find must
 * either find the file whole or report the truncation.  Each cut is copied
 * to an exact-size heap block so a sanitizer or valgrind sees overreads.
 */
static void test_truncated_every_length(void **state)
{
	struct archive a;

	(void)state;
	ar_sample(&a);
	for (size_t len = 0; len < a.len; len++) {
		uint8_t *cut = malloc(len ? len : 1);
		struct cpio_entry e;
		unsigned n;
		int rc;

		assert_non_null(cut);
		memcpy(cut, a.buf, len);
		assert_int_equal(walk(cut, len, &n), CPIO_E_TRUNCATED);
		rc = cpio_find(cut, len, "bin/hello", &e);
		if (rc == CPIO_OK)
			assert_true((const uint8_t *)e.data + e.size <= cut + len);
		else
			assert_int_equal(rc, CPIO_E_TRUNCATED);
		free(cut);
	}
	{
		unsigned n;

		assert_int_equal(walk(a.buf, a.len, &n), CPIO_END);
		assert_int_equal(n, 5);
	}
}

/* Entries that end exactly at the buffer, with no trailer: truncated. */
static void test_missing_trailer(void **state)
{
	struct archive a;
	unsigned n;

	(void)state;
	memset(&a, 0, sizeof(a));
	ar_add(&a, "init", 0100755, "abc", 3);
	assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_TRUNCATED);
	assert_int_equal(n, 1);
}

static void test_bad_magic(void **state)
{
	static const char *const magics[] = { "070702", "070707", "070700", "170701", "\0\0\0\0\0\0" };
	struct archive a;
	unsigned n;

	(void)state;
	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		ar_sample(&a);
		memcpy(a.buf, magics[i], 6);
		assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_MAGIC);
		assert_int_equal(n, 0);
	}
	/* A bad second entry: the first is still returned. */
	ar_sample(&a);
	a.buf[a.off[1]] = 'X';
	assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_MAGIC);
	assert_int_equal(n, 1);
}

static void test_non_hex_fields(void **state)
{
	static const char bad[] = { 'g', 'G', ' ', 'x', '-', '\0', 0x7f, (char)0xc3 };
	struct archive a;
	unsigned n;

	(void)state;
	/* Every position of every field of the "init" entry. */
	for (unsigned field = 0; field < 13; field++) {
		for (unsigned pos = 0; pos < 8; pos++) {
			ar_sample(&a);
			a.buf[a.off[1] + 6 + 8 * field + pos] = bad[(field + pos) % sizeof(bad)];
			assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_FIELD);
			assert_int_equal(n, 1);
		}
	}
}

static void test_lowercase_hex_accepted(void **state)
{
	struct archive a;
	struct cpio_entry e;

	(void)state;
	memset(&a, 0, sizeof(a));
	ar_add(&a, "f", 0100644, NULL, 0);
	ar_trailer(&a);
	ar_set_field(&a, 0, 0, "deadbeef");
	ar_set_field(&a, 0, F_MODE, "000081a4");     /* 0100644 */
	assert_int_equal(cpio_find(a.buf, a.len, "f", &e), CPIO_OK);
	assert_int_equal(e.mode, 0100644);
}

static void test_bad_names(void **state)
{
	struct archive a;
	unsigned n;

	(void)state;
	/* Name without its NUL: the last byte of namesize is not 0. */
	ar_sample(&a);
	a.buf[a.off[1] + HDR + 4] = 'X';
	assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_NAME);
	assert_int_equal(n, 1);

	/* namesize 0. */
	ar_sample(&a);
	ar_set_field(&a, 1, F_NAMESIZE, "00000000");
	assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_NAME);

	/* A NUL inside the name: "in\0t" with namesize 5. */
	ar_sample(&a);
	a.buf[a.off[1] + HDR + 2] = '\0';
	assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_NAME);

	/* namesize one short, so the NUL falls outside the name. */
	ar_sample(&a);
	ar_set_field(&a, 1, F_NAMESIZE, "00000004");
	assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_NAME);
}

/* Sizes near 2^32 must not wrap the bounds checks. */
static void test_huge_sizes(void **state)
{
	struct archive a;
	unsigned n;

	(void)state;
	ar_sample(&a);
	ar_set_field(&a, 1, F_FILESIZE, "FFFFFFFF");
	assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_TRUNCATED);
	assert_int_equal(n, 1);

	ar_sample(&a);
	ar_set_field(&a, 1, F_NAMESIZE, "FFFFFFFF");
	assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_TRUNCATED);

	/* The trailer's data would run one byte past the end. */
	ar_sample(&a);
	ar_set_field(&a, 5, F_FILESIZE, "00000001");
	assert_int_equal(walk(a.buf, a.len, &n), CPIO_E_TRUNCATED);
}

static void test_strerror(void **state)
{
	static const int codes[] = {
		CPIO_OK, CPIO_END, CPIO_E_TRUNCATED, CPIO_E_MAGIC, CPIO_E_FIELD, CPIO_E_NAME, CPIO_E_NOTFOUND,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		assert_non_null(cpio_strerror(codes[i]));
		assert_string_not_equal(cpio_strerror(codes[i]), cpio_strerror(-100));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iterate),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_find_prefixed_names),
		cmocka_unit_test(test_empty_and_trailer_only),
		cmocka_unit_test(test_truncated_every_length),
		cmocka_unit_test(test_missing_trailer),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_non_hex_fields),
		cmocka_unit_test(test_lowercase_hex_accepted),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_huge_sizes),
		cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
