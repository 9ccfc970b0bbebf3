/*
 * udpbench — what a network interface costs, against user/udppeer.c:
 * UDP round trips, a stream out and a stream in.
 *
 *   udpbench HOST PORT [ROUNDS]     as init, or from a shell
 *
 * Words with a '=' in them are skipped (QEMU's microvm appends its
 * virtio_mmio.device= options to init's arguments).  Three runs, one
 * line each after a header:
 *
 *   rtt        ROUNDS (default 2000) round trips of 64 bytes, one in flight
 *   stream-tx  4096 datagrams of 1472 bytes sent as fast as sendto goes,
 *              then the peer says how many arrived
 *   stream-rx  64 bursts of 32 datagrams of 1472 bytes from the peer,
 *              each asked for when the last has been read (or given up
 *              after a second of silence)
 *
 *   udpbench<TAB>op<TAB>bytes<TAB>count<TAB>delivered<TAB>tsc<TAB>idle<TAB>
 *       tx_frames<TAB>rx_frames<TAB>tx_full<TAB>notifies<TAB>suppressed<TAB>
 *       interrupts<TAB>hypercalls<TAB>retries
 *
 * count is the round trips or datagrams asked for, delivered what made it
 * (echoes received; what the peer counted; datagrams read).  tsc is the
 * rdtsc difference around the run less the cost of measuring (the same
 * bracket around nothing); idle the part spent halted (/dev/cpu_idle).
 * Under QEMU's -icount shift=0 the busy part, tsc - idle, is guest
 * instructions; elsewhere cycles.  The frame and notification counts are
 * the interface's (PROTEUS_NET_STATS, include/abi/proteus_net.h: so the
 * ARP and the peer's replies are in them too; tx_full the sends that found
 * the device full and waited); hypercalls /dev/hypercalls
 * (0 natively).  retries: round trips resent after a second without an
 * echo.  Exit 0 after "udpbench: done", 1 on any error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "bench_counters.h"
#include "abi/proteus_net.h"

#define STREAM_N      4096
#define BURSTS        64
#define BURST_N       32
#define DGRAM         1472
#define RTT_BYTES     64

static unsigned char buf[2048];
static int fd, hfd, ifd;

struct sample { uint64_t tsc, idle, hc; struct proteus_net_stats st; };

static int sample(struct sample *s)
{
	memset(&s->st, 0, sizeof s->st);
	if (ioctl(fd, PROTEUS_NET_STATS, &s->st) || s->st.version != PROTEUS_NET_ABI_VERSION) {
		printf("udpbench: FAIL PROTEUS_NET_STATS: %s\n", strerror(errno));
		return -1;
	}
	s->hc = bench_counter(hfd);
	s->idle = bench_counter(ifd);
	s->tsc = bench_rdtsc();
	return 0;
}

/* One datagram within ms milliseconds: its length, 0 on silence, -1 on error. */
static ssize_t recv_within(int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r = poll(&p, 1, ms);
	ssize_t n;

	if (r <= 0)
		return r < 0 ? (printf("udpbench: FAIL poll: %s\n", strerror(errno)), -1) : 0;
	n = recv(fd, buf, sizeof buf, 0);
	if (n < 0)
		printf("udpbench: FAIL recv: %s\n", strerror(errno));
	return n;
}

/* Send req until an answer starting with want[0] comes (30 tries a second apart). */
static ssize_t ask(const char *req, size_t len, char want)
{
	for (int t = 0; t < 30; t++) {
		ssize_t n;

		if (send(fd, req, len, 0) != (ssize_t)len)
			return printf("udpbench: FAIL send: %s\n", strerror(errno)), -1;
		while ((n = recv_within(1000)) > 0 && buf[0] != (unsigned char)want)
			;
		if (n != 0)
			return n;
	}
	printf("udpbench: FAIL the peer did not answer '%c' in 30 tries\n", req[0]);
	return -1;
}

/* ROUNDS echoes, each resent after a second of silence; *retries counts them. */
static long rtt(unsigned long rounds, unsigned long *retries)
{
	unsigned char req[RTT_BYTES];

	memset(req, 0, sizeof req);
	req[0] = 'E';
	for (unsigned long i = 0; i < rounds; i++) {
		ssize_t n;

		memcpy(req + 1, &i, sizeof i);
		do {
			if (send(fd, req, sizeof req, 0) != (ssize_t)sizeof req)
				return printf("udpbench: FAIL send: %s\n", strerror(errno)), -1;
			while ((n = recv_within(1000)) > 0 && (n != RTT_BYTES || memcmp(buf, req, RTT_BYTES)))
				;                            /* a late echo of an earlier try */
			if (n == 0)
				++*retries;
		} while (n == 0);
		if (n < 0)
			return -1;
	}
	return (long)rounds;
}

static long stream_tx(void)
{
	unsigned long long got, bytes;

	memset(buf, 0x5a, DGRAM);
	buf[0] = 'S';
	for (unsigned i = 0; i < STREAM_N; i++)
		if (send(fd, buf, DGRAM, 0) != DGRAM)
			return printf("udpbench: FAIL send: %s\n", strerror(errno)), -1;
	if (ask("Q", 1, 'Q') < 0)
		return -1;
	buf[sizeof buf - 1] = 0;
	if (sscanf((const char *)buf, "Q %llu %llu", &got, &bytes) != 2)
		return printf("udpbench: FAIL the peer's count '%.40s'\n", buf), -1;
	return (long)got;
}

static long stream_rx(void)
{
	char req[32];
	long got = 0;
	int len = snprintf(req, sizeof req, "R %d %d", BURST_N, DGRAM);

	for (int b = 0; b < BURSTS; b++) {
		ssize_t n = 0;
		int in = 0;

		if (send(fd, req, (size_t)len, 0) != len)
			return printf("udpbench: FAIL send: %s\n", strerror(errno)), -1;
		while (in < BURST_N && (n = recv_within(1000)) > 0)
			in += n == DGRAM && buf[0] == 'r';
		if (n < 0)
			return -1;
		got += in;
	}
	return got;
}

static void row(const char *op, int bytes, unsigned long count, long delivered, uint64_t overhead,
		const struct sample *a, const struct sample *b, unsigned long retries)
{
	printf("udpbench\t%s\t%d\t%lu\t%ld\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%lu\n",
	       op, bytes, count, delivered, (unsigned long long)(b->tsc - a->tsc - overhead),
	       (unsigned long long)(b->idle - a->idle),
	       (unsigned long long)(b->st.tx_frames - a->st.tx_frames),
	       (unsigned long long)(b->st.rx_frames - a->st.rx_frames),
	       (unsigned long long)(b->st.tx_full - a->st.tx_full),
	       (unsigned long long)(b->st.notifies - a->st.notifies),
	       (unsigned long long)(b->st.notifies_suppressed - a->st.notifies_suppressed),
	       (unsigned long long)(b->st.interrupts - a->st.interrupts),
	       (unsigned long long)(b->hc - a->hc), retries);
}

int main(int argc, char **argv)
{
	const char *words[3] = { 0 };
	struct sockaddr_in peer = { .sin_family = AF_INET };
	unsigned long rounds = 2000, retries = 0;
	struct sample a, b;
	uint64_t overhead;
	long got;
	int nw = 0;

	for (int i = 1; i < argc; i++)
		if (!strchr(argv[i], '=') && nw < 3)
			words[nw++] = argv[i];
	if (nw < 2 || !inet_aton(words[0], &peer.sin_addr) || atoi(words[1]) <= 0 ||
	    (nw > 2 && !(rounds = strtoul(words[2], NULL, 10)))) {
		printf("udpbench: FAIL usage: udpbench HOST PORT [ROUNDS]\n");
		return 1;
	}
	peer.sin_port = htons((unsigned short)atoi(words[1]));
	hfd = open("/dev/hypercalls", O_RDONLY);
	ifd = open("/dev/cpu_idle", O_RDONLY);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&peer, sizeof peer) < 0) {
		printf("udpbench: FAIL socket/connect: %s\n", strerror(errno));
		return 1;
	}
	/* The first round trip resolves the peer's MAC and wakes the path. */
	if (ask("E", 1, 'E') < 0 || sample(&a) || sample(&b))
		return 1;
	overhead = b.tsc - a.tsc;
	printf("udpbench\top\tbytes\tcount\tdelivered\ttsc\tidle\ttx_frames\trx_frames\ttx_full\t"
	       "notifies\tsuppressed\tinterrupts\thypercalls\tretries\n");
	if (sample(&a) || (got = rtt(rounds, &retries)) < 0 || sample(&b))
		return 1;
	row("rtt", RTT_BYTES, rounds, got, overhead, &a, &b, retries);
	if (sample(&a) || (got = stream_tx()) < 0 || sample(&b))
		return 1;
	row("stream-tx", DGRAM, STREAM_N, got, overhead, &a, &b, 0);
	if (sample(&a) || (got = stream_rx()) < 0 || sample(&b))
		return 1;
	row("stream-rx", DGRAM, BURSTS * BURST_N, got, overhead, &a, &b, 0);
	send(fd, "X", 1, 0);                     /* the peer may go; no answer awaited */
	printf("udpbench: done\n");
	return 0;
}
