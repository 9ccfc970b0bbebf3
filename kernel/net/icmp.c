/*
 * icmp.c — ICMP (RFC 792): we answer echo requests (so a peer can ping
 * us) and hand every well-formed message to the ICMP sockets, which is
 * how a user-space ping sees its replies.  Other types are not acted on.
 */
#include "net.h"
#include "errno.h"
#include <string.h>

#define ICMP_ECHOREPLY 0
#define ICMP_ECHO 8
#define ICMP_MAX (ETH_FRAME_MAX - ETH_HLEN - IP_HLEN)

static u8 icmp_reply_buf[ICMP_MAX];

void icmp_input(struct net_if *nif, const u8 *ip, size_t iplen, size_t hlen)
{
	const u8 *m = ip + hlen;
	size_t n = iplen - hlen;
	be32 src, dst;
	u16 sum;

	(void)nif;
	if (n < 8 || net_csum_fold(net_csum_add(0, m, n)) != 0) {
		net_stats.icmp_bad++;
		return;
	}
	sock_deliver_icmp(ip, iplen, hlen);
	if (m[0] != ICMP_ECHO || n > ICMP_MAX)
		return;
	memcpy(&src, ip + 12, 4);
	memcpy(&dst, ip + 16, 4);
	if (nif != &net_loopback && dst != nif->addr)   /* no replies to broadcast pings */
		return;
	memcpy(icmp_reply_buf, m, n);
	icmp_reply_buf[0] = ICMP_ECHOREPLY;
	icmp_reply_buf[2] = icmp_reply_buf[3] = 0;
	sum = net_csum_fold(net_csum_add(0, icmp_reply_buf, n));
	memcpy(icmp_reply_buf + 2, &sum, 2);
	ipv4_output(dst, src, IPPROTO_ICMP, icmp_reply_buf, n);
}
