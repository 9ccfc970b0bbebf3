/*
 * sys_socket.c — the socket system calls (socket(2) and its family) on
 * the datagram sockets of socket.c.
 *
 * What user memory holds is copied in before the stack is touched and
 * copied out after (uaccess: a bad pointer is EFAULT), so nothing here
 * faults with interrupts off.  Addresses are sockaddr_in; an address
 * length may exceed 16 (busybox passes its sockaddr union's size) but
 * not fall short.  What is not here fails with the errno a Linux without
 * that support would give: TCP and other protocols EPROTONOSUPPORT,
 * other families EAFNOSUPPORT, listen/accept EOPNOTSUPP on a datagram
 * socket.
 */
#include "sock.h"
#include "errno.h"
#include "mm.h"
#include "sched.h"
#include "syscall.h"
#include "uaccess.h"
#include "kernel/fs/fs.h"
#include <string.h>

#define SOCK_IO_MAX 65507u                  /* the largest UDP payload over IPv4 */

SYSCALL_DEFINE3(socket, int, family, int, type, int, proto)
{
	struct file *f;
	int flags = type & ~SOCK_TYPE_MASK, rc;

	if (family != AF_INET)
		return -EAFNOSUPPORT;
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	rc = sock_create(type & SOCK_TYPE_MASK, proto, flags & SOCK_NONBLOCK, &f);
	if (rc)
		return rc;
	rc = fd_install(f, 0, flags & SOCK_CLOEXEC);
	if (rc < 0)
		file_put(f);
	return rc;
}

static int sockaddr_in_from_user(u64 uaddr, u64 len, struct linux_sockaddr_in *sa)
{
	if (len < 2)
		return -EINVAL;
	memset(sa, 0, sizeof(*sa));
	if (copy_from_user(sa, uaddr, MIN((size_t)len, sizeof(*sa))))
		return -EFAULT;
	if (sa->sin_family == AF_UNSPEC)
		return 1;                       /* connect's "dissolve" */
	if (len < sizeof(*sa))
		return -EINVAL;
	if (sa->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	return 0;
}

/* Write (addr, port) to a user sockaddr with a value-result length. */
static int sockaddr_in_to_user(u64 uaddr, u64 ulen, be32 addr, be16 port)
{
	struct linux_sockaddr_in sa = { .sin_family = AF_INET, .sin_port = port, .sin_addr = addr };
	u32 len;

	if (!uaddr)
		return 0;
	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if ((s32)len < 0)
		return -EINVAL;
	if (copy_to_user(uaddr, &sa, MIN((size_t)len, sizeof(sa))))
		return -EFAULT;
	len = sizeof(sa);
	return copy_to_user(ulen, &len, sizeof(len)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(bind, int, fd, u64, uaddr, u64, len)
{
	struct linux_sockaddr_in sa;
	struct file *f;
	int rc;
	struct sock *s = sock_from_fd(fd, &f, &rc);

	if (!s)
		return rc;
	rc = sockaddr_in_from_user(uaddr, len, &sa);
	if (rc == 1)
		rc = len < sizeof(sa) ? -EINVAL : -EAFNOSUPPORT;
	if (!rc)
		rc = sock_bind(s, sa.sin_addr, sa.sin_port);
	file_put(f);
	return rc;
}

SYSCALL_DEFINE3(connect, int, fd, u64, uaddr, u64, len)
{
	struct linux_sockaddr_in sa;
	struct file *f;
	int rc;
	struct sock *s = sock_from_fd(fd, &f, &rc);

	if (!s)
		return rc;
	rc = sockaddr_in_from_user(uaddr, len, &sa);
	if (rc == 1)
		rc = sock_connect(s, 0, 0);
	else if (!rc)
		rc = sock_connect(s, sa.sin_addr, sa.sin_port);
	file_put(f);
	return rc;
}

static long do_sendto(int fd, const struct linux_iovec *iov, unsigned niov, int flags,
		      u64 uaddr, u64 alen)
{
	struct linux_sockaddr_in sa;
	struct file *f;
	size_t total = 0, off = 0;
	unsigned i;
	u8 *buf;
	int err;
	long rc;
	struct sock *s = sock_from_fd(fd, &f, &err);

	if (!s)
		return err;
	for (i = 0; i < niov; i++) {
		if (iov[i].iov_len > SOCK_IO_MAX || total + iov[i].iov_len > SOCK_IO_MAX) {
			file_put(f);
			return -EMSGSIZE;
		}
		total += iov[i].iov_len;
	}
	rc = uaddr ? sockaddr_in_from_user(uaddr, alen, &sa) : 0;
	if (rc == 1)
		rc = -EAFNOSUPPORT;
	buf = rc ? NULL : kmalloc(total ? total : 1);
	if (!rc && !buf)
		rc = -ENOMEM;
	for (i = 0; !rc && i < niov; i++) {
		if (copy_from_user(buf + off, iov[i].iov_base, iov[i].iov_len))
			rc = -EFAULT;
		off += iov[i].iov_len;
	}
	if (!rc)
		rc = sock_send(s, buf, total, uaddr != 0, sa.sin_addr, sa.sin_port,
			       (f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT));
	kfree(buf);
	file_put(f);
	return rc;
}

SYSCALL_DEFINE6(sendto, int, fd, u64, ubuf, u64, len, int, flags, u64, uaddr, u64, alen)
{
	struct linux_iovec iov = { ubuf, len };

	return do_sendto(fd, &iov, 1, flags, uaddr, alen);
}

static long do_recvfrom(int fd, const struct linux_iovec *iov, unsigned niov, int flags,
			u64 uaddr, u64 ualen, int *msg_flags)
{
	struct sock_rec from;
	struct file *f;
	size_t cap = 0, off = 0;
	unsigned i;
	u8 *buf;
	int err;
	long rc;
	struct sock *s = sock_from_fd(fd, &f, &err);

	if (!s)
		return err;
	for (i = 0; i < niov; i++)
		cap += iov[i].iov_len;
	cap = MIN(cap, (size_t)SOCK_QUEUE_SIZE);
	for (i = 0; i < niov; i++)             /* fail before a datagram is consumed */
		if (!user_access_ok(iov[i].iov_base, iov[i].iov_len, true)) {
			file_put(f);
			return -EFAULT;
		}
	buf = kmalloc(cap ? cap : 1);
	if (!buf) {
		file_put(f);
		return -ENOMEM;
	}
	rc = sock_recv(s, f, buf, cap, flags, &from);
	if (rc >= 0) {
		size_t got = MIN((size_t)rc, cap);

		for (i = 0; i < niov && off < got; i++) {
			size_t n = MIN((size_t)iov[i].iov_len, got - off);

			if (copy_to_user(iov[i].iov_base, buf + off, n))
				rc = -EFAULT;
			off += n;
		}
		if (msg_flags)
			*msg_flags = (size_t)rc > cap ? MSG_TRUNC : 0;
		if (rc >= 0 && !(flags & MSG_TRUNC))
			rc = (long)got;
		if (rc >= 0 && uaddr && sockaddr_in_to_user(uaddr, ualen, from.addr, from.port))
			rc = -EFAULT;
	}
	kfree(buf);
	file_put(f);
	return rc;
}

SYSCALL_DEFINE6(recvfrom, int, fd, u64, ubuf, u64, len, int, flags, u64, uaddr, u64, ualen)
{
	struct linux_iovec iov = { ubuf, len };

	return do_recvfrom(fd, &iov, 1, flags, uaddr, ualen, NULL);
}

/* The msghdr and its iovec array, copied in: 0 or -errno; *iov kmalloc'd. */
static int msghdr_from_user(u64 umsg, struct linux_msghdr *m, struct linux_iovec **iov)
{
	size_t bytes;

	if (copy_from_user(m, umsg, sizeof(*m)))
		return -EFAULT;
	if (m->msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	bytes = (size_t)m->msg_iovlen * sizeof(**iov);
	*iov = kmalloc(bytes ? bytes : 1);
	if (!*iov)
		return -ENOMEM;
	if (bytes && copy_from_user(*iov, m->msg_iov, bytes)) {
		kfree(*iov);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE3(sendmsg, int, fd, u64, umsg, int, flags)
{
	struct linux_msghdr m;
	struct linux_iovec *iov;
	long rc = msghdr_from_user(umsg, &m, &iov);

	if (rc)
		return rc;
	rc = do_sendto(fd, iov, (unsigned)m.msg_iovlen, flags, m.msg_name, m.msg_namelen);
	kfree(iov);
	return rc;
}

SYSCALL_DEFINE3(recvmsg, int, fd, u64, umsg, int, flags)
{
	struct linux_msghdr m;
	struct linux_iovec *iov;
	int mflags = 0;
	u64 zero = 0;
	long rc = msghdr_from_user(umsg, &m, &iov);

	if (rc)
		return rc;
	/* The name length is value-result inside the user's msghdr. */
	rc = do_recvfrom(fd, iov, (unsigned)m.msg_iovlen, flags, m.msg_name,
			 m.msg_name ? umsg + __builtin_offsetof(struct linux_msghdr, msg_namelen) : 0,
			 &mflags);
	kfree(iov);
	if (rc < 0)
		return rc;
	/* No ancillary data: controllen 0 says so. */
	if (copy_to_user(umsg + __builtin_offsetof(struct linux_msghdr, msg_controllen), &zero,
			 sizeof(zero)) ||
	    copy_to_user(umsg + __builtin_offsetof(struct linux_msghdr, msg_flags), &mflags,
			 sizeof(mflags)))
		return -EFAULT;
	return rc;
}

static long sock_name(int fd, u64 uaddr, u64 ulen, bool peer)
{
	struct file *f;
	int rc;
	struct sock *s = sock_from_fd(fd, &f, &rc);

	if (!s)
		return rc;
	if (peer && !s->connected)
		rc = -ENOTCONN;
	else if (!uaddr || !ulen)
		rc = -EFAULT;
	else if (peer)
		rc = sockaddr_in_to_user(uaddr, ulen, s->raddr, s->rport);
	else
		rc = sockaddr_in_to_user(uaddr, ulen, s->laddr, s->lport);
	file_put(f);
	return rc;
}

SYSCALL_DEFINE3(getsockname, int, fd, u64, uaddr, u64, ulen)
{
	return sock_name(fd, uaddr, ulen, false);
}

SYSCALL_DEFINE3(getpeername, int, fd, u64, uaddr, u64, ulen)
{
	return sock_name(fd, uaddr, ulen, true);
}

SYSCALL_DEFINE2(shutdown, int, fd, int, how)
{
	struct file *f;
	int rc;
	struct sock *s = sock_from_fd(fd, &f, &rc);

	if (!s)
		return rc;
	rc = 0;
	if (how < SHUT_RD || how > SHUT_RDWR)
		rc = -EINVAL;
	else if (!s->connected)
		rc = -ENOTCONN;            /* Linux's answer for an unconnected datagram socket */
	else {
		if (how != SHUT_WR)
			s->shut_rd = true;
		if (how != SHUT_RD)
			s->shut_wr = true;
		sched_wakeup(s);
		vfs_poll_wake();
	}
	file_put(f);
	return rc;
}

SYSCALL_DEFINE2(listen, int, fd, int, backlog)
{
	struct file *f;
	int rc;

	(void)backlog;
	if (!sock_from_fd(fd, &f, &rc))
		return rc;
	file_put(f);
	return -EOPNOTSUPP;
}

SYSCALL_DEFINE3(accept, int, fd, u64, uaddr, u64, ulen)
{
	struct file *f;
	int rc;

	(void)uaddr, (void)ulen;
	if (!sock_from_fd(fd, &f, &rc))
		return rc;
	file_put(f);
	return -EOPNOTSUPP;
}

SYSCALL_DEFINE4(socketpair, int, family, int, type, int, proto, u64, usv)
{
	(void)type, (void)proto, (void)usv;
	return family == AF_UNIX ? -EOPNOTSUPP : -EAFNOSUPPORT;
}
