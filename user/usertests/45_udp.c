/*
 * 45_udp.c — UDP sockets over 127.0.0.1, the same on Proteus as on
 * Linux: bind and getsockname, a round trip with the sender's address,
 * connect with read/write and getpeername, poll readiness, O_NONBLOCK,
 * MSG_DONTWAIT and SO_RCVTIMEO, MSG_TRUNC, EADDRINUSE and SO_REUSEADDR,
 * a bounded queue, and the errors for bad pointers and sizes.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include "ut.h"

static int udp_bound(struct sockaddr_in *a)
{
	socklen_t len = sizeof(*a);
	int s = (int)UT_SYS(socket(AF_INET, SOCK_DGRAM, 0));

	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	UT_SYS(bind(s, (struct sockaddr *)a, sizeof(*a)));
	UT_SYS(getsockname(s, (struct sockaddr *)a, &len));
	UT_EQ(len, sizeof(*a));
	UT_CHECK(a->sin_port != 0);
	return s;
}

UT_TEST(udp_loopback_round_trip)
{
	struct sockaddr_in a, b, from;
	socklen_t flen = sizeof(from);
	struct pollfd p;
	char buf[32];
	int sa = udp_bound(&a), sb = udp_bound(&b);

	p.fd = sa, p.events = POLLIN;
	UT_EQ(poll(&p, 1, 0), 0);
	UT_EQ(UT_SYS(sendto(sb, "ping", 4, 0, (struct sockaddr *)&a, sizeof(a))), 4);
	UT_EQ(poll(&p, 1, 1000), 1);
	UT_CHECK(p.revents & POLLIN);
	UT_EQ(UT_SYS(recvfrom(sa, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen)), 4);
	UT_CHECK(!memcmp(buf, "ping", 4));
	UT_EQ(flen, sizeof(from));
	UT_EQ(from.sin_port, b.sin_port);
	UT_EQ(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	UT_ERR(recv(sa, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	close(sa);
	close(sb);
}

UT_TEST(udp_connected)
{
	struct sockaddr_in a, b, peer;
	socklen_t plen = sizeof(peer);
	char buf[8];
	int sa = udp_bound(&a), sb = udp_bound(&b);

	UT_ERR(getpeername(sb, (struct sockaddr *)&peer, &plen), ENOTCONN);
	UT_ERR(write(sb, "x", 1), EDESTADDRREQ);
	UT_SYS(connect(sb, (struct sockaddr *)&a, sizeof(a)));
	UT_SYS(getpeername(sb, (struct sockaddr *)&peer, &plen));
	UT_EQ(peer.sin_port, a.sin_port);
	UT_EQ(write(sb, "hey", 3), 3);
	UT_EQ(read(sa, buf, sizeof(buf)), 3);
	UT_SYS(connect(sa, (struct sockaddr *)&b, sizeof(b)));
	UT_EQ(write(sa, "back", 4), 4);
	UT_EQ(read(sb, buf, sizeof(buf)), 4);
	UT_CHECK(!memcmp(buf, "back", 4));
	close(sa);
	close(sb);
}

UT_TEST(udp_nonblock_and_timeout)
{
	struct sockaddr_in a;
	struct timeval tv = { 0, 50000 };
	struct timespec t0, t1;
	char buf[4];
	int s = udp_bound(&a);
	long ms;

	UT_SYS(fcntl(s, F_SETFL, O_NONBLOCK));
	UT_ERR(recv(s, buf, sizeof(buf), 0), EAGAIN);
	UT_SYS(fcntl(s, F_SETFL, 0));
	UT_SYS(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	UT_ERR(recv(s, buf, sizeof(buf), 0), EAGAIN);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	UT_CHECK(ms >= 49);
	close(s);
}

UT_TEST(udp_truncation)
{
	struct sockaddr_in a;
	char buf[4];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	int s = udp_bound(&a);

	UT_EQ(sendto(s, "0123456789", 10, 0, (struct sockaddr *)&a, sizeof(a)), 10);
	UT_EQ(sendto(s, "0123456789", 10, 0, (struct sockaddr *)&a, sizeof(a)), 10);
	UT_EQ(UT_SYS(recvmsg(s, &m, 0)), 4);
	UT_CHECK(m.msg_flags & MSG_TRUNC);
	UT_CHECK(!memcmp(buf, "0123", 4));
	UT_EQ(recv(s, buf, sizeof(buf), MSG_TRUNC), 10);          /* the real length */
	close(s);
}

UT_TEST(udp_bind_rules)
{
	struct sockaddr_in a, b;
	int one = 1, s = udp_bound(&a), t = (int)UT_SYS(socket(AF_INET, SOCK_DGRAM, 0));

	UT_ERR(bind(t, (struct sockaddr *)&a, sizeof(a)), EADDRINUSE);
	UT_ERR(bind(t, (struct sockaddr *)&a, 8), EINVAL);
	UT_ERR(bind(s, (struct sockaddr *)&a, sizeof(a)), EINVAL);  /* bound already */
	close(t);
	close(s);
	s = (int)UT_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	t = (int)UT_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	UT_SYS(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	UT_SYS(setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	b = a;
	UT_SYS(bind(s, (struct sockaddr *)&b, sizeof(b)));
	UT_SYS(bind(t, (struct sockaddr *)&b, sizeof(b)));
	close(t);
	close(s);
}

UT_TEST(udp_queue_is_bounded)
{
	struct sockaddr_in a;
	static char big[1000];
	int s = udp_bound(&a), t = (int)UT_SYS(socket(AF_INET, SOCK_DGRAM, 0)), i, got = 0;

	for (i = 0; i < 1000; i++)
		UT_EQ(sendto(t, big, sizeof(big), 0, (struct sockaddr *)&a, sizeof(a)), sizeof(big));
	while (recv(s, big, sizeof(big), MSG_DONTWAIT) == sizeof(big))
		got++;
	UT_EQ(errno, EAGAIN);
	UT_CHECK(got > 0 && got < 1000);
	close(t);
	close(s);
}

UT_TEST(udp_errors)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	static char huge[65508];
	int p[2], s = udp_bound(&a);

	UT_ERR(sendto(s, (void *)16, 4, 0, (struct sockaddr *)&a, sizeof(a)), EFAULT);
	UT_ERR(sendto(s, "x", 1, 0, (struct sockaddr *)16, sizeof(a)), EFAULT);
	UT_ERR(getsockname(s, (struct sockaddr *)16, &len), EFAULT);
	UT_ERR(sendto(s, huge, sizeof(huge), 0, (struct sockaddr *)&a, sizeof(a)), EMSGSIZE);
	UT_SYS(pipe(p));
	UT_ERR(bind(p[0], (struct sockaddr *)&a, sizeof(a)), ENOTSOCK);
	UT_ERR(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), EPROTONOSUPPORT);
	if (ut_on_proteus()) {
		UT_ERR(socket(AF_INET, SOCK_STREAM, 0), EPROTONOSUPPORT);   /* no TCP */
		UT_ERR(socket(AF_INET6, SOCK_DGRAM, 0), EAFNOSUPPORT);
		a.sin_addr.s_addr = htonl(0xc6336401);                    /* 198.51.100.1: no route */
		UT_ERR(sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof(a)), ENETUNREACH);
	} else {
		ut_skip_part("TCP, IPv6 and the missing route are Proteus's answers");
	}
	close(p[0]);
	close(p[1]);
	close(s);
}
