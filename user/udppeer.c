/*
 * udppeer — the far end of user/udpbench.c: the host's natively (behind
 * QEMU's user network, where the guest reaches 127.0.0.1 as 10.0.2.2),
 * a Xen dom0's for a domU (on the bridge).  A static musl program like
 * every other in user/, so it runs on either as it is.
 *
 *     udppeer PORT [IDLE-SECONDS]
 *
 * Binds PORT on every address, prints "udppeer: ready on port PORT",
 * then serves datagrams by their first byte:
 *
 *   'E' ...            echoed back as it is (round trips)
 *   'S' ...            counted, not answered (a stream from the guest)
 *   'Q'                answered "Q <datagrams> <bytes>": the 'S' ones
 *                      since the last 'Q', which starts a new count
 *   'R' <n> <size>     answered by n datagrams of size bytes, 'r' first
 *                      (a burst to the guest); n <= 1024, size <= 1472
 *   'X'                answered "X", and the program ends (exit 0)
 *
 * Anything else is counted and ignored.  It also ends, with status 1,
 * after IDLE-SECONDS (default 600) with nothing received, so a guest that
 * died never leaves it behind.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define PEER_MAX_BURST 1024
#define PEER_MAX_SIZE  1472           /* a 1500-byte MTU less IPv4 and UDP headers */

static unsigned char buf[65536];

static int burst(int fd, const struct sockaddr_in *to, const char *req)
{
	unsigned n, size;

	if (sscanf(req, "R %u %u", &n, &size) != 2 || n > PEER_MAX_BURST || size < 1 ||
	    size > PEER_MAX_SIZE)
		return fprintf(stderr, "udppeer: bad burst request '%.40s'\n", req), 0;
	memset(buf, 0xa5, size);
	buf[0] = 'r';
	for (unsigned i = 0; i < n; i++)
		if (sendto(fd, buf, size, 0, (const struct sockaddr *)to, sizeof *to) != (ssize_t)size)
			return fprintf(stderr, "udppeer: sendto: %s\n", strerror(errno)), -1;
	return 0;
}

/*
 * Room for a whole 'S' stream: the guest sends as fast as its ring goes,
 * and a peer that shares a slow CPU (a dom0 under TCG) reads slower, so
 * with the default buffer (about 200 KiB) most of a stream is dropped at
 * this socket (the kernel's RcvbufErrors) and the loss would be charged
 * to the path.  A stream is 4096 datagrams of 1472 bytes, some 9 MiB as
 * the kernel counts them; SO_RCVBUFFORCE passes rmem_max where we may.
 */
static void peer_rcvbuf(int fd)
{
	int want = 16 << 20, got = 0;
	socklen_t len = sizeof got;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &want, sizeof want) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &want, sizeof want);
	if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &len) == 0)
		printf("udppeer: receive buffer %d bytes\n", got);
}

int main(int argc, char **argv)
{
	struct sockaddr_in me = { .sin_family = AF_INET }, from;
	unsigned long long got = 0, bytes = 0, strays = 0;
	long idle = argc > 2 ? strtol(argv[2], NULL, 10) : 600;
	int port = argc > 1 ? atoi(argv[1]) : 0, fd;

	if (port <= 0 || port > 65535 || idle <= 0) {
		fprintf(stderr, "usage: udppeer PORT [IDLE-SECONDS]\n");
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	me.sin_port = htons((unsigned short)port);
	if (fd < 0 || bind(fd, (struct sockaddr *)&me, sizeof me) < 0)
		return fprintf(stderr, "udppeer: port %d: %s\n", port, strerror(errno)), 1;
	peer_rcvbuf(fd);
	printf("udppeer: ready on port %d\n", port);
	fflush(stdout);
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		socklen_t fl = sizeof from;
		ssize_t n;
		char reply[64];
		int r;

		if (poll(&p, 1, (int)(idle * 1000)) == 0)
			return fprintf(stderr, "udppeer: nothing for %ld s; %llu strays\n", idle, strays), 1;
		n = recvfrom(fd, buf, sizeof buf - 1, 0, (struct sockaddr *)&from, &fl);
		if (n <= 0)
			continue;
		buf[n] = 0;
		switch (buf[0]) {
		case 'E':
			sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, fl);
			break;
		case 'S':
			got++, bytes += (unsigned long long)n;
			break;
		case 'Q':
			r = snprintf(reply, sizeof reply, "Q %llu %llu", got, bytes);
			sendto(fd, reply, (size_t)r, 0, (struct sockaddr *)&from, fl);
			got = bytes = 0;
			break;
		case 'R':
			if (burst(fd, &from, (const char *)buf) < 0)
				return 1;
			break;
		case 'X':
			sendto(fd, "X", 1, 0, (struct sockaddr *)&from, fl);
			printf("udppeer: stopped; %llu strays\n", strays);
			return 0;
		default:
			strays++;
		}
	}
}
