/*
 * diskcheck — a disk's contents through the Linux block-device ABI, the
 * same static binary on the host (on an image file) and in the guest (on
 * /dev/vda, /dev/xvda or /dev/disk0):
 *
 *   diskcheck make FILE SECTORS   write the pattern image (host)
 *   diskcheck guest DEV           check the pattern, the node, the ioctls and
 *                                 the edges; then write the edits (guest)
 *   diskcheck verify FILE         the image is the pattern with exactly the
 *                                 guest's edits (host, after the guest is gone)
 *   diskcheck                     guest /dev/disk0
 *
 * The pattern names its own position (byte o is a function of o), so a
 * read from the wrong sector, a shifted partial sector or a torn request
 * shows as a mismatch at a stated offset.  The edits cross sector
 * boundaries at odd offsets, span more than the kernel's bounce buffer,
 * and touch the first and last bytes of the disk.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define BLKSSZGET _IO(0x12, 104)
#define BLKGETSIZE64 _IOR(0x12, 114, size_t)

struct edit { uint64_t off, len; unsigned seed; };

/* Offsets from the end are negative; resolved against the capacity. */
static const struct { int64_t off; uint64_t len; unsigned seed; } edits_rel[] = {
	{ 0, 1, 1 },                       /* the very first byte */
	{ 1000, 3000, 2 },                 /* odd start and end, across sectors */
	{ 512 * 100, 65536 + 512 * 3, 3 }, /* aligned, more than one bounce */
	{ 300001, 70001, 4 },              /* unaligned and longer than a bounce */
	{ -100, 100, 5 },                  /* the last bytes */
};
#define NEDITS (sizeof(edits_rel) / sizeof(edits_rel[0]))

static uint8_t pattern(uint64_t o)
{
	uint64_t s = o >> 9;

	/* Each sector starts with its number; the rest mixes both. */
	if ((o & 511) < 8)
		return (uint8_t)(s >> (8 * (o & 7)));
	return (uint8_t)(s * 31 + (o & 511) * 7 + (o >> 20));
}

static uint8_t edited(uint64_t o, unsigned seed)
{
	return (uint8_t)((o * 5 + seed * 77) ^ 0x5a);
}

static void edits_resolve(uint64_t cap, struct edit *e)
{
	size_t i;

	for (i = 0; i < NEDITS; i++) {
		e[i].off = edits_rel[i].off < 0 ? cap + edits_rel[i].off : (uint64_t)edits_rel[i].off;
		e[i].len = edits_rel[i].len;
		e[i].seed = edits_rel[i].seed;
	}
}

static int fail(const char *what, uint64_t at)
{
	printf("diskcheck: FAIL %s at byte %llu: %s\n", what, (unsigned long long)at,
	       errno ? strerror(errno) : "mismatch");
	return 1;
}

/* Byte o of the disk after the guest's edits (later edits win). */
static uint8_t expect(uint64_t o, const struct edit *e, int with_edits)
{
	uint8_t b = pattern(o);
	size_t i;

	for (i = 0; with_edits && i < NEDITS; i++)
		if (o >= e[i].off && o < e[i].off + e[i].len)
			b = edited(o, e[i].seed);
	return b;
}

/* Read the whole disk in chunks of varying size and compare. */
static int compare_all(int fd, uint64_t cap, const struct edit *e, int with_edits)
{
	static uint8_t buf[200000];
	static const size_t sizes[] = { 4096, 1, 511, 65536, 131072, 777, 200000 };
	uint64_t at = 0;
	size_t k = 0, i;

	if (lseek(fd, 0, SEEK_SET) != 0)
		return fail("lseek 0", 0);
	while (at < cap) {
		size_t want = sizes[k++ % (sizeof(sizes) / sizeof(sizes[0]))];
		ssize_t n = read(fd, buf, want);

		if (n <= 0)
			return fail(n ? "read" : "early end of disk", at);
		for (i = 0; i < (size_t)n; i++)
			if (buf[i] != expect(at + i, e, with_edits)) {
				errno = 0;
				return fail("contents", at + i);
			}
		at += (uint64_t)n;
	}
	errno = 0;
	if (read(fd, buf, 1) != 0)
		return fail("read at the end returned data or an error", at);
	return 0;
}

static int do_make(const char *path, uint64_t sectors)
{
	static uint8_t buf[65536];
	uint64_t cap = sectors * 512, at;
	FILE *f = fopen(path, "wb");

	if (!f)
		return fail("create", 0);
	for (at = 0; at < cap; at += sizeof(buf)) {
		size_t n = (size_t)(cap - at < sizeof(buf) ? cap - at : sizeof(buf)), i;
		for (i = 0; i < n; i++)
			buf[i] = pattern(at + i);
		if (fwrite(buf, 1, n, f) != n)
			return fail("write", at);
	}
	if (fclose(f))
		return fail("close", cap);
	printf("diskcheck: made %s, %llu sectors\n", path, (unsigned long long)sectors);
	return 0;
}

static int check_node(int fd, const char *dev, uint64_t *cap)
{
	struct stat st;
	uint64_t size64 = 0;
	int ssz = 0;

	if (fstat(fd, &st))
		return fail("fstat", 0);
	if (!S_ISBLK(st.st_mode)) {
		printf("diskcheck: FAIL %s is not a block device (mode %o)\n", dev, st.st_mode);
		return 1;
	}
	if (ioctl(fd, BLKGETSIZE64, &size64) || ioctl(fd, BLKSSZGET, &ssz))
		return fail("BLKGETSIZE64/BLKSSZGET", 0);
	if (size64 == 0 || size64 % 512 || ssz < 512 || (uint64_t)st.st_size != size64 ||
	    lseek(fd, 0, SEEK_END) != (off_t)size64) {
		printf("diskcheck: FAIL sizes disagree: ioctl %llu, st_size %lld, sector %d\n",
		       (unsigned long long)size64, (long long)st.st_size, ssz);
		return 1;
	}
	*cap = size64;
	printf("diskcheck: %s: block device %u:%u, %llu bytes, %d-byte sectors\n", dev,
	       major(st.st_rdev), minor(st.st_rdev), (unsigned long long)size64, ssz);
	return 0;
}

static int write_edits(int fd, const struct edit *e)
{
	static uint8_t buf[80000];
	size_t i, j;

	for (i = 0; i < NEDITS; i++) {
		for (j = 0; j < e[i].len; j++)
			buf[j] = edited(e[i].off + j, e[i].seed);
		if (pwrite(fd, buf, e[i].len, (off_t)e[i].off) != (ssize_t)e[i].len)
			return fail("pwrite", e[i].off);
	}
	return 0;
}

static int do_guest(const char *dev)
{
	struct edit e[NEDITS];
	uint64_t cap = 0;
	uint8_t b = 0;
	int fd = open(dev, O_RDWR);

	if (fd < 0)
		return fail("open", 0);
	if (check_node(fd, dev, &cap) || compare_all(fd, cap, NULL, 0))
		return 1;
	printf("diskcheck: pattern read back\n");
	/* Past the end: a read is 0, a write is ENOSPC (Linux's block devices). */
	errno = 0;
	if (pread(fd, &b, 1, (off_t)cap) != 0)
		return fail("pread past the end", cap);
	if (pwrite(fd, &b, 1, (off_t)cap) != -1 || errno != ENOSPC)
		return fail("pwrite past the end (want ENOSPC)", cap);
	edits_resolve(cap, e);
	if (write_edits(fd, e))
		return 1;
	if (fsync(fd))
		return fail("fsync", 0);
	if (compare_all(fd, cap, e, 1))
		return 1;
	printf("diskcheck: edits read back after fsync\n");
	if (close(fd))
		return fail("close", 0);
	sync();
	printf("diskcheck: guest done\n");
	return 0;
}

static int do_verify(const char *path)
{
	struct edit e[NEDITS];
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st))
		return fail("open", 0);
	edits_resolve((uint64_t)st.st_size, e);
	if (compare_all(fd, (uint64_t)st.st_size, e, 1))
		return 1;
	printf("diskcheck: %s holds the pattern and exactly the guest's edits\n", path);
	return 0;
}

int main(int argc, char **argv)
{
	/* As init with no arguments (microvm's QEMU appends its own words
	 * after an init's, so the tests pass none): the first disk. */
	if (argc == 1)
		return do_guest("/dev/disk0");
	if (argc == 4 && !strcmp(argv[1], "make"))
		return do_make(argv[2], strtoull(argv[3], NULL, 0));
	if (argc == 3 && !strcmp(argv[1], "guest"))
		return do_guest(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "verify"))
		return do_verify(argv[2]);
	fprintf(stderr, "usage: diskcheck make FILE SECTORS | guest DEV | verify FILE\n");
	return 2;
}
