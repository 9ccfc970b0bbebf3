/*
 * ipv4.c — IPv4 (RFC 791) in and out.
 *
 * In: a header is checked before anything trusts it — version 4, a
 * header length of 20..60 bytes within the frame, a total length within
 * the frame and covering the header (Ethernet padding past it is cut
 * off), the header checksum.  Fragments are counted and dropped: nothing
 * here reassembles.  Packets not addressed to the interface (or its
 * broadcasts) are dropped; we do not forward.
 *
 * Out: one route lookup, a 20-byte header with DF set, and a packet that
 * must fit the device's MTU — we never fragment, a larger send is
 * EMSGSIZE.  The frame is built in one buffer, with interrupts off, since
 * the receive path sends too (echo replies, ARP answers).
 */
#include "net.h"
#include "errno.h"
#include "pv/ops.h"
#include <string.h>

static u8 ipv4_frame[ETH_FRAME_MAX];
static u16 ipv4_next_id;

static void ipv4_input_if(struct net_if *nif, const u8 *ip, size_t len);

void ipv4_input(struct netdev *nd, const u8 *ip, size_t len)
{
	ipv4_input_if(nd->proto, ip, len);
}

static void ipv4_input_if(struct net_if *nif, const u8 *ip, size_t len)
{
	size_t hlen, tot;
	be32 dst;

	if (len < IP_HLEN) {
		net_stats.ip_short++;
		return;
	}
	hlen = (size_t)(ip[0] & 15) * 4;
	tot = (size_t)(ip[2] << 8 | ip[3]);
	if ((ip[0] >> 4) != 4 || hlen < IP_HLEN || hlen > len || tot < hlen || tot > len) {
		net_stats.ip_bad_hdr++;
		return;
	}
	if (net_csum_fold(net_csum_add(0, ip, hlen)) != 0) {
		net_stats.ip_bad_csum++;
		return;
	}
	if ((ip[6] & 0x3f) || ip[7]) {             /* MF set or an offset: a fragment */
		net_stats.ip_frag++;
		return;
	}
	memcpy(&dst, ip + 16, 4);
	if (!nif || !nif->addr || !net_addr_local(nif, dst)) {
		net_stats.ip_not_ours++;
		return;
	}
	switch (ip[9]) {
	case IPPROTO_ICMP:
		icmp_input(nif, ip, tot, hlen);
		break;
	case IPPROTO_UDP:
		udp_input(nif, ip, tot, hlen);
		break;
	default:
		net_stats.ip_proto++;
	}
}

be32 ipv4_source_for(be32 dst)
{
	struct net_if *nif;
	be32 nh;

	if (net_route(dst, &nif, &nh))
		return 0;
	/* To one of our own addresses: from it, as Linux does. */
	if (nif == &net_loopback && ((dst ^ nif->addr) & nif->mask))
		return dst;
	return nif->addr;
}

int ipv4_output(be32 src, be32 dst, u8 proto, const void *l4, size_t n)
{
	struct net_if *nif;
	u8 *ip = ipv4_frame + ETH_HLEN;
	be32 nh;
	u16 sum;
	u64 fl;
	int rc;

	fl = irq_save();
	rc = net_route(dst, &nif, &nh);
	if (rc)
		goto out;
	if (IP_HLEN + n > (nif->nd ? nif->nd->mtu : ETH_FRAME_MAX - ETH_HLEN)) {
		rc = -EMSGSIZE;
		goto out;
	}
	if (!src)
		src = ipv4_source_for(dst);
	ip[0] = 0x45;
	ip[1] = 0;
	ip[2] = (u8)((IP_HLEN + n) >> 8);
	ip[3] = (u8)(IP_HLEN + n);
	ip[4] = (u8)(ipv4_next_id >> 8);
	ip[5] = (u8)ipv4_next_id++;
	ip[6] = 0x40;                                /* DF: we never fragment */
	ip[7] = 0;
	ip[8] = 64;
	ip[9] = proto;
	ip[10] = ip[11] = 0;
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	sum = net_csum_fold(net_csum_add(0, ip, IP_HLEN));
	memcpy(ip + 10, &sum, 2);
	memcpy(ip + IP_HLEN, l4, n);
	if (nif == &net_loopback) {
		/* Delivery copies what it keeps; an echo reply it sends from
		 * here rebuilds this buffer only after the request was copied. */
		ipv4_input_if(nif, ip, IP_HLEN + n);
		rc = 0;
	} else {
		rc = arp_output(nif, nh, ipv4_frame, ETH_HLEN + IP_HLEN + n);
	}
	if (rc == 0)
		rc = (int)n;
out:
	irq_restore(fl);
	return rc;
}
