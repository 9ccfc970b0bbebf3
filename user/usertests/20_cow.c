/*
 * cow.c — after fork, parent and child each own their pages: a write by
 * one is invisible to the other, in every kind of private memory.  And
 * MAP_SHARED|MAP_ANONYMOUS memory is the one exception: it is shared.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ut.h"

static int ut_cow_data = 111;
static int ut_cow_bss;

struct ut_cow_places {
	volatile int *p[5];
};

static const char *const ut_cow_names[5] = { "stack", "data", "bss", "heap", "mmap" };

static void ut_cow_check(const struct ut_cow_places *w, int base, const char *who)
{
	for (int i = 0; i < 5; i++)
		if (*w->p[i] != base + i)
			ut_fail("%s: %s holds %d, want %d", who, ut_cow_names[i], *w->p[i], base + i);
}

static void ut_cow_set(const struct ut_cow_places *w, int base)
{
	for (int i = 0; i < 5; i++)
		*w->p[i] = base + i;
}

UT_TEST(cow_isolation)
{
	volatile int on_stack = 0;
	int *heap = malloc(sizeof *heap);
	int *anon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct ut_cow_places w = { { &on_stack, &ut_cow_data, &ut_cow_bss, heap, anon } };
	int to_child[2], to_parent[2];
	char c;
	pid_t pid;

	UT_CHECK(heap != NULL);
	UT_CHECK(anon != MAP_FAILED);
	ut_cow_set(&w, 100);
	UT_SYS(pipe(to_child));
	UT_SYS(pipe(to_parent));
	pid = ut_fork();
	if (pid == 0) {
		ut_cow_check(&w, 100, "child after fork");
		ut_cow_set(&w, 200);
		ut_write_all(to_parent[1], "c", 1);
		ut_read_all(to_child[0], &c, 1);
		/* The parent wrote 300s meanwhile. */
		ut_cow_check(&w, 200, "child after the parent's writes");
		_exit(0);
	}
	ut_read_all(to_parent[0], &c, 1);
	ut_cow_check(&w, 100, "parent after the child's writes");
	ut_cow_set(&w, 300);
	ut_write_all(to_child[1], "p", 1);
	ut_wait_exit(pid, 0);
	ut_cow_check(&w, 300, "parent at the end");
}

/* Writes on both sides of a page boundary and on many pages of the heap. */
UT_TEST(cow_many_pages)
{
	enum { PAGES = 64 };
	unsigned char *buf = malloc(PAGES * 4096);
	pid_t pid;

	UT_CHECK(buf != NULL);
	memset(buf, 0x5a, PAGES * 4096);
	pid = ut_fork();
	if (pid == 0) {
		memset(buf, 0xa5, PAGES * 4096);
		for (int i = 0; i < PAGES * 4096; i++)
			if (buf[i] != 0xa5)
				ut_fail("child: byte %d is %#x", i, buf[i]);
		_exit(0);
	}
	ut_wait_exit(pid, 0);
	for (int i = 0; i < PAGES * 4096; i++)
		if (buf[i] != 0x5a)
			ut_fail("parent: byte %d is %#x after the child's writes", i, buf[i]);
}

/* Shared anonymous memory (MAP_SHARED|MAP_ANONYMOUS): NOT copy-on-write. */
UT_TEST(mmap_shared_anon_fork)
{
	volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	UT_CHECK(shared != MAP_FAILED);
	shared[0] = 1;
	pid = ut_fork();
	if (pid == 0) {
		if (shared[0] != 1)
			ut_fail("child sees %d", shared[0]);
		shared[1] = 22;
		_exit(0);
	}
	ut_wait_exit(pid, 0);
	UT_EQ(shared[1], 22);
	UT_SYS(munmap((void *)shared, 4096));
}

/* Pages of a shared mapping first touched after fork are still shared,
 * by either side, in any part of a region split by munmap and mprotect
 * (Linux backs the mapping with one shmem object). */
UT_TEST(mmap_shared_anon_untouched_fork)
{
	long pg = sysconf(_SC_PAGESIZE);
	volatile char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	UT_CHECK(m != MAP_FAILED);
	UT_SYS(munmap((void *)(m + pg), pg));                   /* split: pages 0, 2, 3 */
	UT_SYS(mprotect((void *)(m + 3 * pg), pg, PROT_READ)); /* and page 3 read-only */
	pid = ut_fork();
	if (pid == 0) {
		m[0] = 'c';                                    /* never touched before fork */
		_exit(0);
	}
	m[2 * pg] = 'p';
	ut_wait_exit(pid, 0);
	UT_EQ(m[0], 'c');
	pid = ut_fork();
	if (pid == 0) {
		if (m[2 * pg] != 'p')
			ut_fail("child sees %d at page 2, want the parent's 'p'", m[2 * pg]);
		UT_SYS(mprotect((void *)(m + 3 * pg), pg, PROT_READ | PROT_WRITE));
		m[3 * pg] = 'w';                               /* a write after mprotect: no copy */
		_exit(0);
	}
	ut_wait_exit(pid, 0);
	UT_EQ(m[3 * pg], 'w');
	UT_SYS(munmap((void *)m, 4 * pg));
}
