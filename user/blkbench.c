/*
 * blkbench — what a disk costs, sequentially, through /dev/disk0: read,
 * then write, MIB MiB (default 64) in 4 KiB and in 64 KiB system calls.
 *
 *   blkbench [MIB]      as init, or from a shell
 *
 * One line per run, after a header:
 *
 *   blkbench<TAB>op<TAB>bytes_per_call<TAB>KiB<TAB>tsc<TAB>idle<TAB>busy_per_KiB<TAB>
 *       requests<TAB>notifies<TAB>suppressed<TAB>interrupts<TAB>hypercalls
 *
 * tsc is the rdtsc difference around the loop, less the cost of the
 * measuring itself (the same bracket around nothing, taken first); idle
 * the part of it the CPU spent halted, waiting for the device
 * (/dev/cpu_idle).  Under QEMU's -icount shift=0 the TSC is virtual time
 * that counts guest instructions while the CPU runs, so busy_per_KiB,
 * (tsc - idle) / KiB, is instructions per KiB; elsewhere it is cycles.
 * requests are what the block layer handed the driver; notifies the times
 * the driver told the device (virtqueue kicks, event-channel sends),
 * suppressed the times it had requests to tell of but the device had not
 * asked (EVENT_IDX, the ring's req_event); interrupts the completions
 * taken; hypercalls from /dev/hypercalls (0 natively).  Counts come from
 * the PROTEUS_BLK_STATS ioctl (include/abi/proteus_blk.h).  A write run
 * ends with fsync, inside the timed part: the data is on the device.
 * Each run is preceded by one untimed pass over the first MiB (warm-up).
 *
 * A fifth run, read-par, reads the same bytes in 4 KiB calls from
 * PAR_PROCS processes at once, each its own quarter: several requests in
 * flight, so the device's event suppression (EVENT_IDX, req_event) and
 * the driver's batching have something to save.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench_counters.h"
#include "abi/proteus_blk.h"

#define PAR_PROCS 4

static uint8_t buf[65536];

struct sample { uint64_t tsc, idle, hc; struct proteus_blk_stats st; };

static int ifd = -1;

static int sample(int fd, int hfd, struct sample *s)
{
	if (ioctl(fd, PROTEUS_BLK_STATS, &s->st) || s->st.version != PROTEUS_BLK_ABI_VERSION) {
		printf("blkbench: FAIL PROTEUS_BLK_STATS: %s\n", strerror(errno));
		return -1;
	}
	s->hc = bench_counter(hfd);
	s->idle = bench_counter(ifd);
	s->tsc = bench_rdtsc();
	return 0;
}

static int pass_from(int fd, int write, size_t bs, uint64_t from, uint64_t bytes)
{
	uint64_t at;

	for (at = from; at < from + bytes; at += bs) {
		ssize_t n = write ? pwrite(fd, buf, bs, (off_t)at) : pread(fd, buf, bs, (off_t)at);
		if (n != (ssize_t)bs) {
			printf("blkbench: FAIL %s of %zu at %llu: %s\n", write ? "pwrite" : "pread", bs,
			       (unsigned long long)at, n < 0 ? strerror(errno) : "short");
			return -1;
		}
	}
	if (write && fsync(fd)) {
		printf("blkbench: FAIL fsync: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static int pass(int fd, int write, size_t bs, uint64_t bytes)
{
	return pass_from(fd, write, bs, 0, bytes);
}

/* PAR_PROCS readers at once, each over its own part of bytes. */
static int pass_par(int fd, size_t bs, uint64_t bytes)
{
	uint64_t part = bytes / PAR_PROCS / bs * bs;
	int failed = 0, status;

	for (int i = 0; i < PAR_PROCS; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			printf("blkbench: FAIL fork: %s\n", strerror(errno));
			return -1;
		}
		if (pid == 0)
			_exit(pass_from(fd, 0, bs, (uint64_t)i * part, part) ? 1 : 0);
	}
	for (int i = 0; i < PAR_PROCS; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
	if (failed)
		printf("blkbench: FAIL a parallel reader failed\n");
	return failed ? -1 : 0;
}

static void row(const char *op, size_t bs, uint64_t kib, const struct sample *a, const struct sample *b,
		uint64_t overhead)
{
	uint64_t tsc = b->tsc - a->tsc - overhead, idle = b->idle - a->idle;

	printf("blkbench\t%s\t%zu\t%llu\t%llu\t%llu\t%.1f\t%llu\t%llu\t%llu\t%llu\t%llu\n", op, bs,
	       (unsigned long long)kib, (unsigned long long)tsc, (unsigned long long)idle,
	       (double)(tsc - idle) / (double)kib,
	       (unsigned long long)(b->st.requests - a->st.requests),
	       (unsigned long long)(b->st.notifies - a->st.notifies),
	       (unsigned long long)(b->st.notifies_suppressed - a->st.notifies_suppressed),
	       (unsigned long long)(b->st.interrupts - a->st.interrupts),
	       (unsigned long long)(b->hc - a->hc));
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = { 4096, 65536 };
	uint64_t mib = argc > 1 ? strtoull(argv[1], NULL, 0) : 64, bytes = mib << 20, overhead;
	int fd = open("/dev/disk0", O_RDWR), hfd = open("/dev/hypercalls", O_RDONLY);
	struct sample a, b;
	unsigned i, w;

	ifd = open("/dev/cpu_idle", O_RDONLY);
	if (fd < 0) {
		printf("blkbench: FAIL open /dev/disk0: %s\n", strerror(errno));
		return 1;
	}
	if (lseek(fd, 0, SEEK_END) < (off_t)bytes) {
		printf("blkbench: FAIL /dev/disk0 is smaller than %llu MiB\n", (unsigned long long)mib);
		return 1;
	}
	memset(buf, 0x5a, sizeof buf);
	if (sample(fd, hfd, &a) || sample(fd, hfd, &b))
		return 1;
	overhead = b.tsc - a.tsc;
	printf("blkbench\top\tbytes_per_call\tKiB\ttsc\tidle\tbusy_per_KiB\trequests\tnotifies\t"
	       "suppressed\tinterrupts\thypercalls\n");
	for (w = 0; w < 2; w++)
		for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			if (pass(fd, (int)w, sizes[i], bytes < (1u << 20) ? bytes : 1u << 20))
				return 1;
			if (sample(fd, hfd, &a) || pass(fd, (int)w, sizes[i], bytes) || sample(fd, hfd, &b))
				return 1;
			row(w ? "write" : "read", sizes[i], bytes >> 10, &a, &b, overhead);
		}
	if (pass(fd, 0, 4096, bytes < (1u << 20) ? bytes : 1u << 20))
		return 1;
	if (sample(fd, hfd, &a) || pass_par(fd, 4096, bytes) || sample(fd, hfd, &b))
		return 1;
	row("read-par", 4096, (bytes / PAR_PROCS / 4096 * 4096 * PAR_PROCS) >> 10, &a, &b, overhead);
	printf("blkbench: done\n");
	return 0;
}
