/*
 * sys_sockopt.c — setsockopt and getsockopt on datagram sockets.
 *
 * Accepted and acted on: SO_RCVBUF (the queue limit, doubled as Linux
 * reports it, within the socket's fixed ring), SO_RCVTIMEO, SO_REUSEADDR
 * (two sockets that both set it may share a port), SO_BROADCAST.
 * Accepted and ignored, as a lone host without TCP can: SO_SNDBUF,
 * SO_SNDTIMEO (sends never block), SO_KEEPALIVE, SO_REUSEPORT, IP_TOS,
 * IP_TTL, IP_RECVERR.  Read-only: SO_TYPE, SO_ERROR, SO_PROTOCOL,
 * SO_DOMAIN.  Anything else is ENOPROTOOPT.
 */
#include "sock.h"
#include "errno.h"
#include "syscall.h"
#include "uaccess.h"
#include "kernel/fs/fs.h"

static int sockopt_int(u64 uval, u64 len, int *v)
{
	if (len < sizeof(*v))
		return -EINVAL;
	return copy_from_user(v, uval, sizeof(*v)) ? -EFAULT : 0;
}

static int sockopt_set(struct sock *s, int level, int name, u64 uval, u64 len)
{
	struct linux_timeval tv;
	int v = 0, rc;

	if (level == SOL_SOCKET && (name == SO_RCVTIMEO || name == SO_SNDTIMEO)) {
		if (len < sizeof(tv))
			return -EINVAL;
		if (copy_from_user(&tv, uval, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EDOM;
		if (name == SO_RCVTIMEO)
			s->rcvtimeo_ns = (u64)tv.tv_sec * 1000000000ull + (u64)tv.tv_usec * 1000;
		return 0;
	}
	rc = sockopt_int(uval, len, &v);
	if (rc)
		return rc;
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_REUSEADDR:
			s->reuseaddr = v != 0;
			return 0;
		case SO_BROADCAST:
			s->broadcast = v != 0;
			return 0;
		case SO_RCVBUF: {
			u64 want = v < 128 ? 256 : (u64)v * 2;

			s->rcvbuf = (u32)MIN(want, (u64)SOCK_QUEUE_SIZE);
			return 0;
		}
		case SO_SNDBUF:
		case SO_KEEPALIVE:
		case SO_REUSEPORT:
			return 0;
		}
	} else if (level == SOL_IP) {
		switch (name) {
		case IP_TOS:
		case IP_TTL:
		case IP_RECVERR:
			return 0;
		}
	}
	return -ENOPROTOOPT;
}

SYSCALL_DEFINE5(setsockopt, int, fd, int, level, int, name, u64, uval, u64, len)
{
	struct file *f;
	int rc;
	struct sock *s = sock_from_fd(fd, &f, &rc);

	if (!s)
		return rc;
	rc = sockopt_set(s, level, name, uval, len);
	file_put(f);
	return rc;
}

static int sockopt_get(struct sock *s, int level, int name, struct linux_timeval *tv,
		       int *v, bool *is_tv)
{
	*is_tv = false;
	if (level != SOL_SOCKET)
		return level == SOL_IP && name == IP_TTL ? (*v = 64, 0) : -ENOPROTOOPT;
	switch (name) {
	case SO_TYPE: *v = s->type; return 0;
	case SO_PROTOCOL: *v = s->proto; return 0;
	case SO_DOMAIN: *v = AF_INET; return 0;
	case SO_ERROR: *v = s->error; s->error = 0; return 0;
	case SO_REUSEADDR: *v = s->reuseaddr; return 0;
	case SO_BROADCAST: *v = s->broadcast; return 0;
	case SO_RCVBUF: *v = (int)s->rcvbuf; return 0;
	case SO_SNDBUF: *v = SOCK_QUEUE_SIZE; return 0;
	case SO_RCVTIMEO:
		*is_tv = true;
		tv->tv_sec = (s64)(s->rcvtimeo_ns / 1000000000ull);
		tv->tv_usec = (s64)(s->rcvtimeo_ns % 1000000000ull / 1000);
		return 0;
	}
	return -ENOPROTOOPT;
}

SYSCALL_DEFINE5(getsockopt, int, fd, int, level, int, name, u64, uval, u64, ulen)
{
	struct linux_timeval tv;
	struct file *f;
	bool is_tv;
	u32 len;
	int v = 0, rc;
	struct sock *s = sock_from_fd(fd, &f, &rc);

	if (!s)
		return rc;
	rc = sockopt_get(s, level, name, &tv, &v, &is_tv);
	file_put(f);
	if (rc)
		return rc;
	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if ((s32)len < 0)
		return -EINVAL;
	len = MIN(len, is_tv ? (u32)sizeof(tv) : (u32)sizeof(v));
	if (copy_to_user(uval, is_tv ? (void *)&tv : (void *)&v, len) ||
	    copy_to_user(ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}
