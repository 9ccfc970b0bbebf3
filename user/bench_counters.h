/*
 * bench_counters.h — what the measuring programs (blkbench, udpbench)
 * read around a run: the TSC (under QEMU's -icount shift=0 it counts guest
 * instructions while the CPU runs), and Proteus's 8-byte counter nodes,
 * /dev/hypercalls and /dev/cpu_idle.
 */
#ifndef USER_BENCH_COUNTERS_H
#define USER_BENCH_COUNTERS_H

#include <stdint.h>
#include <unistd.h>

static inline uint64_t bench_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* A counter node's value; 0 when it is not there (fd < 0: not Proteus). */
static inline uint64_t bench_counter(int fd)
{
	uint64_t v = 0;

	if (fd < 0 || pread(fd, &v, sizeof v, 0) != sizeof v)
		return 0;
	return v;
}

#endif
