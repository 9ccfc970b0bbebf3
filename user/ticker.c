/*
 * ticker — a program that must not notice the machine changing under it
 * (`xl save` / `xl restore`, migration).  Every 200 ms of CLOCK_MONOTONIC
 * it reads the next 4 KiB block of /dev/disk0 and prints "ticker: N";
 * counting on from where it was is the sign that the process survived,
 * and a read that fails, or a clock that goes backwards, ends it with
 * status 1 and says why.  It runs until it is killed (or the machine
 * powers off).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int main(void)
{
	static char block[4096];
	int fd = open("/dev/disk0", O_RDONLY);
	long long last = mono_ms();
	unsigned long n;

	if (fd < 0) {
		printf("ticker: cannot open /dev/disk0: %s\n", strerror(errno));
		return 1;
	}
	for (n = 1;; n++) {
		struct timespec gap = { 0, 200 * 1000000L };
		ssize_t got = pread(fd, block, sizeof(block), (off_t)(n % 1024) * (off_t)sizeof(block));
		long long now = mono_ms();

		if (got != (ssize_t)sizeof(block)) {
			printf("ticker: reading block %lu of /dev/disk0 gave %zd (%s)\n", n % 1024, got,
			       got < 0 ? strerror(errno) : "short");
			return 1;
		}
		if (now < last) {
			printf("ticker: CLOCK_MONOTONIC went back from %lld ms to %lld ms\n", last, now);
			return 1;
		}
		last = now;
		printf("ticker: %lu\n", n);
		fflush(stdout);
		while (nanosleep(&gap, &gap) && errno == EINTR)
			;
	}
}
