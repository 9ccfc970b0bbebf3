/*
 * udp.c — UDP (RFC 768).  In: the length field must cover the header and
 * lie within the IP payload (what follows it is ignored), the checksum,
 * when the sender set one, must verify; then the datagram goes to the
 * socket bound to its port.  Out: the header and a checksum over the
 * pseudo header (a computed 0 is sent as 0xffff, RFC 768).
 */
#include "net.h"
#include "errno.h"
#include "mm.h"
#include "pv/ops.h"
#include <string.h>

static u32 udp_pseudo(be32 src, be32 dst, size_t len)
{
	u8 ph[12];

	memcpy(ph, &src, 4);
	memcpy(ph + 4, &dst, 4);
	ph[8] = 0;
	ph[9] = IPPROTO_UDP;
	ph[10] = (u8)(len >> 8);
	ph[11] = (u8)len;
	return net_csum_add(0, ph, sizeof(ph));
}

void udp_input(struct net_if *nif, const u8 *ip, size_t iplen, size_t hlen)
{
	const u8 *u = ip + hlen;
	size_t n = iplen - hlen, ulen;
	be32 src, dst;
	be16 sport, dport;

	(void)nif;
	if (n < UDP_HLEN) {
		net_stats.udp_bad++;
		return;
	}
	ulen = (size_t)(u[4] << 8 | u[5]);
	if (ulen < UDP_HLEN || ulen > n) {
		net_stats.udp_bad++;
		return;
	}
	memcpy(&src, ip + 12, 4);
	memcpy(&dst, ip + 16, 4);
	if ((u[6] | u[7]) &&
	    net_csum_fold(net_csum_add(udp_pseudo(src, dst, ulen), u, ulen)) != 0) {
		net_stats.udp_bad++;
		return;
	}
	memcpy(&sport, u, 2);
	memcpy(&dport, u + 2, 2);
	sock_deliver_udp(src, sport, dst, dport, u + UDP_HLEN, ulen - UDP_HLEN);
}

static u8 udp_buf[ETH_FRAME_MAX];

int udp_output(be32 src, be16 sport, be32 dst, be16 dport, const void *data, size_t n)
{
	size_t len = UDP_HLEN + n;
	u16 sum;
	u64 fl;
	int rc;

	if (len > sizeof(udp_buf) - ETH_HLEN - IP_HLEN)
		return -EMSGSIZE;
	fl = irq_save();
	if (!src)
		src = ipv4_source_for(dst);
	if (!src) {
		irq_restore(fl);
		return -ENETUNREACH;
	}
	memcpy(udp_buf, &sport, 2);
	memcpy(udp_buf + 2, &dport, 2);
	udp_buf[4] = (u8)(len >> 8);
	udp_buf[5] = (u8)len;
	udp_buf[6] = udp_buf[7] = 0;
	memcpy(udp_buf + UDP_HLEN, data, n);
	sum = net_csum_fold(net_csum_add(udp_pseudo(src, dst, len), udp_buf, len));
	if (sum == 0)
		sum = 0xffff;
	memcpy(udp_buf + 6, &sum, 2);
	rc = ipv4_output(src, dst, IPPROTO_UDP, udp_buf, len);
	irq_restore(fl);
	return rc < 0 ? rc : (int)n;
}
