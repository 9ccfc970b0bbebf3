/*
 * sock.h — datagram sockets (UDP, ICMP echo), shared by socket.c (the
 * socket itself: queue, ports, delivery, send and receive) and
 * sys_socket.c (the system calls that reach it through a descriptor).
 */
#ifndef PROTEUS_NET_SOCK_H
#define PROTEUS_NET_SOCK_H

#include "net.h"
#include "lib/ring.h"

#define SOCK_QUEUE_SIZE (64u * 1024)        /* the ring; SO_RCVBUF limits within it */

struct file;

struct sock {
	struct sock *next;
	int type, proto;                     /* SOCK_DGRAM/UDP, SOCK_DGRAM/ICMP (ping), SOCK_RAW/ICMP */
	be32 laddr, raddr;
	be16 lport, rport;
	bool bound, connected, shut_rd, shut_wr, reuseaddr, broadcast;
	u32 rcvbuf;                          /* bytes of records the queue may hold */
	u64 rcvtimeo_ns;                     /* 0: wait forever */
	int error;                           /* SO_ERROR */
	struct ring rq;                      /* records: struct sock_rec then the bytes */
	unsigned queued;
	u64 drops;
};

struct sock_rec {
	u32 len;
	be32 addr;
	be16 port;
	u16 pad;
};

/* A new socket in a file: 0 with *out, or -errno (the type checked). */
int sock_create(int type, int proto, int flags, struct file **out);
/* The socket behind descriptor fd with a file reference in *fp; NULL
 * and *err -EBADF or -ENOTSOCK. */
struct sock *sock_from_fd(int fd, struct file **fp, int *err);
int sock_bind(struct sock *s, be32 addr, be16 port);
/* ioctl on a socket: PROTEUS_NET_STATS (include/abi/proteus_net.h), else -ENOTTY. */
long sock_ioctl(struct sock *s, unsigned cmd, u64 arg);
int sock_connect(struct sock *s, be32 addr, be16 port);
/* Send n bytes (a kernel buffer) to (addr, port), or the peer when
 * !to: the count or -errno.  While the device has no room it waits,
 * unless nonblock (then -EAGAIN). */
long sock_send(struct sock *s, const void *buf, size_t n, bool to, be32 addr, be16 port,
	       bool nonblock);
/* Receive one datagram into buf (cap bytes): its full length (more than
 * cap when truncated), the sender in *from; or -errno. */
long sock_recv(struct sock *s, struct file *f, void *buf, size_t cap, int flags,
	       struct sock_rec *from);

#endif
