/*
 * udpecho — a UDP echo server: udpecho [PORT [COUNT]], PORT 7 by default
 * (so it can run as init with no arguments: microvm's QEMU appends its
 * virtio_mmio.device= options to the command line, after any "--").
 *
 * Binds PORT on every address, prints "udpecho: ready on port PORT" once
 * it can receive (a test waits for that line before it sends), then sends
 * each datagram back to where it came from: COUNT of them, or forever
 * when COUNT is 0 or absent; a datagram saying exactly "stop" is
 * answered "stopped" and ends the program (a test's last word, so lost
 * and resent datagrams cannot miscount).  It checks a few things a UDP socket must do
 * on the way: getsockname names the port, a second bind of the port is
 * EADDRINUSE, TCP fails cleanly, poll says when a datagram is there.
 * Exit 0 after COUNT echoes, 1 on any error (said on stderr).
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <unistd.h>

static int die(const char *what)
{
	fprintf(stderr, "udpecho: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET }, peer;
	socklen_t alen = sizeof(a);
	long port = argc > 1 ? strtol(argv[1], NULL, 10) : 7, count = argc > 2 ? atol(argv[2]) : 0;
	char buf[2048];
	int s, s2, one = 1;

	if (port <= 0 || port > 65535 || count < 0) {
		fprintf(stderr, "usage: udpecho [PORT [COUNT]]\n");
		return 2;
	}
	if (socket(AF_INET, SOCK_STREAM, 0) >= 0 || errno != EPROTONOSUPPORT)
		fprintf(stderr, "udpecho: note: TCP socket gave %s\n", strerror(errno));
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0)
		return die("socket");
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a.sin_port = htons((unsigned short)port);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0)
		return die("bind");
	if (getsockname(s, (struct sockaddr *)&a, &alen) < 0 || ntohs(a.sin_port) != port)
		return die("getsockname");
	s2 = socket(AF_INET, SOCK_DGRAM, 0);
	if (s2 < 0 || bind(s2, (struct sockaddr *)&a, sizeof(a)) == 0 || errno != EADDRINUSE) {
		fprintf(stderr, "udpecho: a second bind of port %ld was not EADDRINUSE\n", port);
		return 1;
	}
	close(s2);
	printf("udpecho: ready on port %ld\n", port);
	fflush(stdout);
	for (long done = 0; count == 0 || done < count; done++) {
		struct pollfd p = { .fd = s, .events = POLLIN };
		socklen_t plen = sizeof(peer);
		ssize_t n;

		if (poll(&p, 1, -1) != 1 || !(p.revents & POLLIN))
			return die("poll");
		n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &plen);
		if (n < 0)
			return die("recvfrom");
		if (n == 4 && !memcmp(buf, "stop", 4)) {
			if (sendto(s, "stopped", 7, 0, (struct sockaddr *)&peer, plen) != 7)
				return die("sendto");
			break;
		}
		if (sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&peer, plen) != n)
			return die("sendto");
		printf("udpecho: echoed %zd bytes to %s:%u\n", n, inet_ntoa(peer.sin_addr),
		       ntohs(peer.sin_port));
	}
	printf("udpecho: done\n");
	return 0;
}
