/*
 * socket.c — datagram sockets: UDP, ping sockets (SOCK_DGRAM/ICMP, the
 * kernel owns the echo id) and raw ICMP sockets (SOCK_RAW/ICMP, what
 * busybox ping opens: it writes ICMP messages and reads whole IP
 * packets).
 *
 * Each socket has a fixed ring of records (struct sock_rec then the
 * bytes), allocated when it is made, so delivery — which runs in the
 * receive path, with interrupts off — never allocates: a datagram that
 * does not fit within SO_RCVBUF is dropped and counted.  Readers sleep on
 * the socket and pollers on vfs_poll_chan; delivery wakes both.  All of
 * the list and every queue are touched with interrupts off.
 */
#include "sock.h"
#include "netdev.h"
#include "errno.h"
#include "mm.h"
#include "sched.h"
#include "clock.h"
#include "pv/ops.h"
#include "kernel/fs/fs.h"
#include <string.h>

#define EPHEMERAL_LO 32768
#define EPHEMERAL_HI 60999

static struct sock *sock_list;
static u16 sock_next_port = EPHEMERAL_LO;

static bool sock_port_busy(const struct sock *me, be32 addr, be16 port)
{
	const struct sock *s;

	for (s = sock_list; s; s = s->next)
		if (s != me && s->bound && s->proto == me->proto && s->type == me->type &&
		    s->lport == port && (!s->laddr || !addr || s->laddr == addr) &&
		    !(s->reuseaddr && me->reuseaddr))
			return true;
	return false;
}

int sock_bind(struct sock *s, be32 addr, be16 port)
{
	unsigned tries;
	u64 fl;
	int rc = 0;

	if (s->bound)
		return -EINVAL;
	if (addr && addr != 0xffffffffu && !ipv4_source_for(addr))
		return -EADDRNOTAVAIL;
	fl = irq_save();
	if (!port) {
		for (tries = 0; tries <= EPHEMERAL_HI - EPHEMERAL_LO; tries++) {
			be16 p = htons(sock_next_port);

			sock_next_port = sock_next_port == EPHEMERAL_HI ? EPHEMERAL_LO
									: (u16)(sock_next_port + 1);
			if (!sock_port_busy(s, addr, p)) {
				port = p;
				break;
			}
		}
		if (!port)
			rc = -EADDRINUSE;
	} else if (sock_port_busy(s, addr, port)) {
		rc = -EADDRINUSE;
	}
	if (!rc) {
		s->laddr = addr;
		s->lport = port;
		s->bound = true;
	}
	irq_restore(fl);
	return rc;
}

int sock_connect(struct sock *s, be32 addr, be16 port)
{
	if (!addr) {                          /* AF_UNSPEC or 0.0.0.0: dissolve */
		s->connected = false;
		s->raddr = 0;
		s->rport = 0;
		return 0;
	}
	if (!ipv4_source_for(addr))
		return -ENETUNREACH;
	if (!s->bound) {
		int rc = sock_bind(s, 0, 0);

		if (rc)
			return rc;
	}
	s->raddr = addr;
	s->rport = port;
	s->connected = true;
	return 0;
}

/* Queue one record (interrupts off). */
static void sock_enqueue(struct sock *s, be32 addr, be16 port, const void *a, size_t an,
			 const void *b, size_t bn)
{
	struct sock_rec r = { .len = (u32)(an + bn), .addr = addr, .port = port };
	size_t need = sizeof(r) + an + bn;

	if (s->shut_rd || ring_used(&s->rq) + need > s->rcvbuf || ring_free(&s->rq) < need) {
		s->drops++;
		net_stats.sock_drop++;
		return;
	}
	ring_put(&s->rq, &r, sizeof(r));
	ring_put(&s->rq, a, an);
	ring_put(&s->rq, b, bn);
	s->queued++;
	sched_wakeup(s);
	vfs_poll_wake();
}

void sock_deliver_udp(be32 src, be16 sport, be32 dst, be16 dport, const void *data, size_t n)
{
	struct sock *s;

	for (s = sock_list; s; s = s->next) {
		if (s->proto != IPPROTO_UDP || !s->bound || s->lport != dport)
			continue;
		if (s->laddr && s->laddr != dst)
			continue;
		if (s->connected && (s->raddr != src || s->rport != sport))
			continue;
		sock_enqueue(s, src, sport, data, n, NULL, 0);
		return;
	}
	net_stats.udp_no_port++;
}

void sock_deliver_icmp(const u8 *ip, size_t iplen, size_t hlen)
{
	const u8 *m = ip + hlen;
	struct sock *s;
	be32 src;
	be16 id;

	memcpy(&src, ip + 12, 4);
	memcpy(&id, m + 4, 2);
	for (s = sock_list; s; s = s->next) {
		if (s->proto != IPPROTO_ICMP)
			continue;
		if (s->type == SOCK_RAW)
			sock_enqueue(s, src, 0, ip, iplen, NULL, 0);
		else if (m[0] == 0 && s->bound && s->lport == id)   /* echo reply for our id */
			sock_enqueue(s, src, 0, m, iplen - hlen, NULL, 0);
	}
}

static long sock_send_once(struct sock *s, const void *buf, size_t n, be32 addr, be16 port)
{
	if (s->proto == IPPROTO_UDP)
		return udp_output(s->laddr, s->lport, addr, port, buf, n);
	if (s->type == SOCK_DGRAM) {
		/* A ping socket: an echo request whose id is ours, its sum redone. */
		u8 *m = (u8 *)buf;
		u16 sum;

		if (n < 8 || m[0] != 8 || m[1] != 0)
			return -EINVAL;
		memcpy(m + 4, &s->lport, 2);
		m[2] = m[3] = 0;
		sum = net_csum_fold(net_csum_add(0, m, n));
		memcpy(m + 2, &sum, 2);
	}
	return ipv4_output(s->laddr, addr, IPPROTO_ICMP, buf, n);
}

/*
 * A device with no room (-EAGAIN from its xmit) makes a blocking sender
 * wait and send again, as Linux's send buffer does, so a stream is not
 * thinned by the sender's own queue; a non-blocking one gets -EAGAIN.
 * Interrupts stay off from the try to the sleep, so the driver's
 * netdev_tx_room cannot come in between and be missed.
 */
long sock_send(struct sock *s, const void *buf, size_t n, bool to, be32 addr, be16 port,
	       bool nonblock)
{
	long rc;
	u64 fl;

	if (s->shut_wr)
		return -EPIPE;
	if (!to) {
		if (!s->connected)
			return -EDESTADDRREQ;
		addr = s->raddr;
		port = s->rport;
	}
	if (addr == 0xffffffffu && !s->broadcast)
		return -EACCES;
	if (!s->bound) {
		rc = sock_bind(s, 0, 0);
		if (rc)
			return rc;
	}
	fl = irq_save();
	while ((rc = sock_send_once(s, buf, n, addr, port)) == -EAGAIN && !nonblock)
		if (netdev_wait_room()) {
			rc = -ERESTARTSYS;
			break;
		}
	irq_restore(fl);
	return rc;
}

/* Copy len bytes at offset off of the ring's unread bytes, leaving them. */
static void sock_ring_peek(const struct ring *r, size_t off, void *dst, size_t len)
{
	u8 *d = dst;
	size_t i;

	for (i = 0; i < len; i++)
		d[i] = r->buf[(r->tail + off + i) & (r->size - 1)];
}

long sock_recv(struct sock *s, struct file *f, void *buf, size_t cap, int flags,
	       struct sock_rec *from)
{
	u64 deadline = s->rcvtimeo_ns ? clock_ns() + s->rcvtimeo_ns : 0;
	u64 fl = irq_save();
	long rc;

	for (;;) {
		if (s->queued) {
			struct sock_rec r;

			sock_ring_peek(&s->rq, 0, &r, sizeof(r));
			sock_ring_peek(&s->rq, sizeof(r), buf, MIN((size_t)r.len, cap));
			if (!(flags & MSG_PEEK)) {
				s->rq.tail += sizeof(r) + r.len;
				s->queued--;
			}
			*from = r;
			rc = r.len;
			break;
		}
		if (s->shut_rd) {
			rc = 0;
			break;
		}
		if ((f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT)) {
			rc = -EAGAIN;
			break;
		}
		if (deadline && clock_ns() >= deadline) {
			rc = -EAGAIN;
			break;
		}
		if (deadline ? sched_sleep_until(s, deadline) : sched_sleep(s)) {
			rc = deadline ? -EINTR : -ERESTARTSYS;
			break;
		}
	}
	irq_restore(fl);
	return rc;
}

/* ---- the file ---- */

static long sock_file_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	struct sock_rec from;
	long rc = sock_recv(f->priv, f, buf, n, 0, &from);

	(void)pos;
	return rc < 0 ? rc : (long)MIN((size_t)rc, n);
}

static long sock_file_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	(void)pos;
	return sock_send(f->priv, buf, n, false, 0, 0, f->flags & O_NONBLOCK);
}

static unsigned sock_file_poll(struct file *f)
{
	struct sock *s = f->priv;
	unsigned ev = s->shut_wr ? 0 : POLLOUT | POLLWRNORM;

	if (s->queued || s->shut_rd)
		ev |= POLLIN | POLLRDNORM;
	if (s->shut_rd && s->shut_wr)
		ev |= POLLHUP;
	return ev;
}

static long sock_file_ioctl(struct file *f, unsigned cmd, u64 arg);

static void sock_file_release(struct file *f)
{
	struct sock *s = f->priv, **pp;
	u64 fl = irq_save();

	for (pp = &sock_list; *pp; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	irq_restore(fl);
	kfree(s->rq.buf);
	kfree(s);
}

static const struct file_ops sock_fops = {
	.read = sock_file_read, .write = sock_file_write, .poll = sock_file_poll,
	.release = sock_file_release, .ioctl = sock_file_ioctl, .stream = true, .one_call = true,
};

static long sock_file_ioctl(struct file *f, unsigned cmd, u64 arg)
{
	return sock_ioctl(f->priv, cmd, arg);
}

int sock_create(int type, int proto, int flags, struct file **out)
{
	struct sock *s;
	struct inode *ino;
	void *buf;
	u64 fl;

	if (type == SOCK_STREAM)
		return -EPROTONOSUPPORT;         /* no TCP here */
	if (type == SOCK_DGRAM && (proto == 0 || proto == IPPROTO_UDP))
		proto = IPPROTO_UDP;
	else if ((type == SOCK_DGRAM || type == SOCK_RAW) && proto == IPPROTO_ICMP)
		;
	else if (type == SOCK_DGRAM || type == SOCK_RAW)
		return -EPROTONOSUPPORT;
	else
		return -ESOCKTNOSUPPORT;
	s = kzalloc(sizeof(*s));
	buf = s ? kmalloc(SOCK_QUEUE_SIZE) : NULL;
	ino = buf ? inode_alloc(&pipefs_super, S_IFSOCK | 0777) : NULL;
	if (!ino) {
		kfree(buf);
		kfree(s);
		return -ENOMEM;
	}
	s->type = type;
	s->proto = proto;
	s->rcvbuf = SOCK_QUEUE_SIZE;
	ring_init(&s->rq, buf, SOCK_QUEUE_SIZE);
	*out = file_new(ino, &sock_fops, O_RDWR | (flags & O_NONBLOCK));
	inode_put(ino);
	if (!*out) {
		kfree(buf);
		kfree(s);
		return -ENFILE;
	}
	(*out)->priv = s;
	fl = irq_save();
	s->next = sock_list;
	sock_list = s;
	irq_restore(fl);
	return 0;
}

struct sock *sock_from_fd(int fd, struct file **fp, int *err)
{
	struct file *f = fd_get(fd);

	*fp = NULL;
	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (f->ops != &sock_fops) {
		file_put(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	*fp = f;
	return f->priv;
}
