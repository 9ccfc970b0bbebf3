/*
 * 22_mem.c — the address space calls: brk, mmap, MAP_FIXED, partial
 * munmap, mprotect, and file mappings.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ut.h"

#define PG 4096ul

/* musl's brk() always fails, so the system call itself. */
static uintptr_t ut_brk(uintptr_t to)
{
	return (uintptr_t)syscall(SYS_brk, to);
}

UT_TEST(brk_grow_shrink)
{
	uintptr_t start = ut_brk(0), top;
	volatile unsigned char *p;

	UT_CHECK(start != 0);
	top = ut_brk(start + 64 * PG);
	UT_EQ(top, start + 64 * PG);
	UT_EQ(ut_brk(0), top);
	p = (volatile unsigned char *)start;
	for (uintptr_t off = 0; off < 64 * PG; off += PG)
		p[off] = (unsigned char)(off / PG);
	for (uintptr_t off = 0; off < 64 * PG; off += PG)
		if (p[off] != (unsigned char)(off / PG))
			ut_fail("brk page %lu lost its byte", (unsigned long)(off / PG));
	/* Shrink: the pages above the new break are gone. */
	uintptr_t low = (start + 8 * PG + PG - 1) & ~(PG - 1);

	UT_EQ(ut_brk(low), low);
	UT_EQ(ut_probe((void *)(low + 4 * PG), 0), SIGSEGV);
	UT_EQ(ut_probe((void *)(low - 1), 1), 0);
	/* Grow again: the new pages read as zero. */
	UT_EQ(ut_brk(low + 16 * PG), low + 16 * PG);
	UT_EQ(((volatile unsigned char *)low)[4 * PG], 0);
	/* Below the start of the heap: refused, the break stays. */
	UT_EQ(ut_brk(start - 64 * PG), low + 16 * PG);
	/* sbrk(0) agrees with the system call. */
	UT_EQ((uintptr_t)sbrk(0), low + 16 * PG);
	UT_EQ(ut_brk(start), start);
}

UT_TEST(mmap_anon_rw)
{
	size_t len = 256 * PG;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	UT_CHECK(p != MAP_FAILED);
	UT_EQ((uintptr_t)p % PG, 0);
	for (size_t i = 0; i < len; i += PG)
		if (p[i] != 0)
			ut_fail("fresh anonymous page %zu is not zero", i / PG);
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 13);
	for (size_t i = 0; i < len; i++)
		if (p[i] != (unsigned char)(i * 13))
			ut_fail("byte %zu lost", i);
	UT_SYS(munmap(p, len));
	UT_EQ(ut_probe(p, 0), SIGSEGV);
	/* Errors: zero length, an unaligned fixed address, no mapping type. */
	UT_CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	UT_EQ(errno, EINVAL);
	UT_CHECK(mmap((void *)0x10000001, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		      -1, 0) == MAP_FAILED);
	UT_EQ(errno, EINVAL);
	UT_CHECK(mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	UT_EQ(errno, EINVAL);
	/* A file mapping of a bad descriptor. */
	UT_CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 999, 0) == MAP_FAILED);
	UT_EQ(errno, EBADF);
}

UT_TEST(mmap_fixed_replaces)
{
	unsigned char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *q;

	UT_CHECK(p != MAP_FAILED);
	memset(p, 0xee, 4 * PG);
	/* MAP_FIXED over pages 1-2: fresh zero pages there, the rest kept. */
	q = mmap(p + PG, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	UT_CHECK(q == p + PG);
	UT_EQ(p[0], 0xee);
	UT_EQ(p[PG], 0);
	UT_EQ(p[3 * PG - 1], 0);
	UT_EQ(p[3 * PG], 0xee);
	/* A hint without MAP_FIXED never replaces: it lands elsewhere. */
	q = mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	UT_CHECK(q != MAP_FAILED && q != p);
	UT_EQ(p[0], 0xee);
	UT_SYS(munmap(q, PG));
	UT_SYS(munmap(p, 4 * PG));
}

UT_TEST(munmap_middle_hole)
{
	unsigned char *p = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	UT_CHECK(p != MAP_FAILED);
	memset(p, 1, 8 * PG);
	UT_SYS(munmap(p + 3 * PG, 2 * PG));
	UT_EQ(ut_probe(p + 2 * PG, 1), 0);
	UT_EQ(ut_probe(p + 3 * PG, 0), SIGSEGV);
	UT_EQ(ut_probe(p + 5 * PG - 1, 1), SIGSEGV);
	UT_EQ(ut_probe(p + 5 * PG, 1), 0);
	UT_EQ(p[2 * PG + 5], 1);
	UT_EQ(p[7 * PG], 1);
	/* Unmapping a hole again, or across it, is fine. */
	UT_SYS(munmap(p + 3 * PG, 2 * PG));
	UT_SYS(munmap(p, 8 * PG));
	UT_EQ(ut_probe(p, 0), SIGSEGV);
	UT_ERR(munmap(p + 1, PG), EINVAL);
}

UT_TEST(mprotect_enforced)
{
	unsigned char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	UT_CHECK(p != MAP_FAILED);
	p[0] = 5;
	p[PG] = 6;
	UT_SYS(mprotect(p, PG, PROT_READ));
	UT_EQ(ut_probe(p, 1), SIGSEGV);
	UT_EQ(ut_probe(p, 0), 0);
	UT_EQ(ut_probe(p + PG, 1), 0);
	UT_EQ(p[0], 5);
	UT_SYS(mprotect(p, PG, PROT_NONE));
	UT_EQ(ut_probe(p, 0), SIGSEGV);
	UT_SYS(mprotect(p, PG, PROT_READ | PROT_WRITE));
	p[0] = 7;
	UT_EQ(p[0], 7);
	/* musl rounds mprotect's address down, so the system call itself. */
	UT_ERR(syscall(SYS_mprotect, p + 1, PG, PROT_READ), EINVAL);
	UT_SYS(munmap(p, 2 * PG));
}

/* Any file on the root fs: the helper binary is always there. */
static int ut_open_rootfile(char *path, size_t len, off_t *size)
{
	struct stat st;
	int fd;

	snprintf(path, len, "%s/ut-echoargs", ut_bindir());
	fd = (int)UT_SYS(open(path, O_RDONLY));
	UT_SYS(fstat(fd, &st));
	UT_CHECK(st.st_size > (off_t)(2 * PG));
	*size = st.st_size;
	return fd;
}

UT_TEST(mmap_file_private)
{
	char path[300];
	off_t size;
	int fd = ut_open_rootfile(path, sizeof path, &size);
	static unsigned char copy[1 << 20];
	size_t n = (size_t)size < sizeof copy ? (size_t)size : sizeof copy;
	unsigned char *m;

	UT_EQ(pread(fd, copy, n, 0), (long long)n);
	m = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
	UT_CHECK(m != MAP_FAILED);
	if (memcmp(m, copy, n) != 0)
		ut_fail("the mapping of %s differs from read()", path);
	UT_SYS(munmap(m, n));
	/* An offset mapping starts at that page of the file. */
	m = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, PG);
	UT_CHECK(m != MAP_FAILED);
	UT_CHECK(memcmp(m, copy + PG, PG) == 0);
	UT_SYS(munmap(m, PG));
	/* Unaligned offsets are refused. */
	UT_CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 100) == MAP_FAILED);
	UT_EQ(errno, EINVAL);
	close(fd);
}

UT_TEST(mmap_file_private_write)
{
	char path[300];
	off_t size;
	int fd = ut_open_rootfile(path, sizeof path, &size);
	unsigned char before[64], after[64];
	unsigned char *m;

	UT_EQ(pread(fd, before, sizeof before, 0), (long long)sizeof before);
	m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	UT_CHECK(m != MAP_FAILED);
	memset(m, 0, sizeof before);
	UT_EQ(m[1], 0);
	UT_EQ(pread(fd, after, sizeof after, 0), (long long)sizeof after);
	UT_CHECK(memcmp(before, after, sizeof before) == 0);
	/* And a second private mapping sees the file, not our copy. */
	unsigned char *m2 = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);

	UT_CHECK(m2 != MAP_FAILED);
	UT_CHECK(memcmp(m2, before, sizeof before) == 0);
	/* A shared writable mapping needs a writable descriptor. */
	UT_CHECK(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED);
	UT_EQ(errno, EACCES);
	UT_SYS(munmap(m, PG));
	UT_SYS(munmap(m2, PG));
	close(fd);
}
