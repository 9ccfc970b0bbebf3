/*
 * test_net.c — the IPv4 stack against a fake netdev, kt0, whose xmit
 * keeps the last frame: parsers fed short and lying frames count and drop
 * them, ARP answers and resolves (the first packet waits for the answer),
 * ICMP echo is answered, and UDP sockets bind, receive, send, bound their
 * queue and refuse what Linux refuses.
 */
#include "ktest.h"
#include "kernel/net/sock.h"
#include "kernel/fs/fs.h"
#include "errno.h"
#include "kworker.h"
#include <string.h>

static u8 kt_last[ETH_FRAME_MAX];
static size_t kt_last_len;
static struct netdev kt_dev;
static unsigned kt_sent, kt_full;      /* kt_full: xmits still to refuse for want of room */

/* "Room came back", from another context than the sender's, as a
 * device's completion interrupt would say it. */
static void kt_room_fn(struct kwork *w)
{
	(void)w;
	netdev_tx_room(&kt_dev);
}
static struct kwork kt_room = { .fn = kt_room_fn };

static int kt_xmit(struct netdev *nd, const void *frame, size_t len)
{
	(void)nd;
	if (kt_full) {
		kt_full--;
		kwork_queue(&kt_room);
		return -EAGAIN;
	}
	memcpy(kt_last, frame, len);
	kt_last_len = len;
	kt_sent++;
	return 0;
}

static const struct netdev_ops kt_ops = { .xmit = kt_xmit };
static struct netdev kt_dev = {
	.name = "kt0", .mac = { 0x02, 0, 0, 0, 0, 0x01 }, .mtu = 1500, .ops = &kt_ops };
static const u8 peer_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x02 };
#define KT_ADDR htonl(0xc0000201)          /* 192.0.2.1/24, the documentation net */
#define KT_PEER htonl(0xc0000202)

static bool kt_up(struct ktest_ctx *t)
{
	if (!kt_dev.next && netdev_find("kt0") != &kt_dev && netdev_register(&kt_dev)) {
		ktest_fail(t, __FILE__, __LINE__, "kt0 did not register");
		return false;
	}
	kt_dev.gone = false;
	net_if_configure(&kt_dev, KT_ADDR, 24, 0);
	return true;
}

/* An Ethernet + IPv4 frame from the peer to us with l4 (n bytes) as payload. */
static size_t kt_ip_frame(u8 *f, u8 proto, const void *l4, size_t n)
{
	be32 src = KT_PEER, dst = KT_ADDR;
	u8 *ip = f + ETH_HLEN;
	u16 sum;

	memcpy(f, kt_dev.mac, ETH_ALEN);
	memcpy(f + 6, peer_mac, ETH_ALEN);
	f[12] = 0x08, f[13] = 0x00;
	memset(ip, 0, IP_HLEN);
	ip[0] = 0x45;
	ip[2] = (u8)((IP_HLEN + n) >> 8), ip[3] = (u8)(IP_HLEN + n);
	ip[8] = 64, ip[9] = proto;
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	sum = net_csum_fold(net_csum_add(0, ip, IP_HLEN));
	memcpy(ip + 10, &sum, 2);
	memcpy(ip + IP_HLEN, l4, n);
	return ETH_HLEN + IP_HLEN + n;
}

/* A UDP frame from the peer's port 1234 to our port (checksum 0: none). */
static size_t kt_udp_frame(u8 *f, u16 dport, const char *data, size_t n)
{
	u8 u[64];

	u[0] = 0x04, u[1] = 0xd2;
	u[2] = (u8)(dport >> 8), u[3] = (u8)dport;
	u[4] = (u8)((UDP_HLEN + n) >> 8), u[5] = (u8)(UDP_HLEN + n);
	u[6] = u[7] = 0;
	memcpy(u + UDP_HLEN, data, n);
	return kt_ip_frame(f, IPPROTO_UDP, u, UDP_HLEN + n);
}

static void kt_arp_from_peer(u16 op)
{
	u8 f[60] = { 0 };
	be32 spa = KT_PEER, tpa = KT_ADDR;
	u8 *a = f + ETH_HLEN;

	memcpy(f, op == 1 ? eth_broadcast : kt_dev.mac, ETH_ALEN);
	memcpy(f + 6, peer_mac, ETH_ALEN);
	f[12] = 0x08, f[13] = 0x06;
	a[1] = 1, a[2] = 0x08, a[4] = 6, a[5] = 4, a[7] = (u8)op;
	memcpy(a + 8, peer_mac, ETH_ALEN);
	memcpy(a + 14, &spa, 4);
	if (op == 2)
		memcpy(a + 18, kt_dev.mac, ETH_ALEN);
	memcpy(a + 24, &tpa, 4);
	netdev_rx(&kt_dev, f, sizeof(f));
}

KTEST(net_parse_ip_option, "ip= takes ADDR/PREFIX with ',' or ':' before a gateway, nothing else")
{
	be32 a, g;
	unsigned p;

	KT_EXPECT_EQ(t, net_parse_ip_option("10.0.2.15/24", &a, &p, &g), 0);
	KT_EXPECT(t, a == htonl(0x0a00020f) && p == 24 && g == 0);
	KT_EXPECT_EQ(t, net_parse_ip_option("10.0.2.15/24,10.0.2.2", &a, &p, &g), 0);
	KT_EXPECT(t, g == htonl(0x0a000202));
	KT_EXPECT_EQ(t, net_parse_ip_option("10.0.2.15/24:10.0.2.2", &a, &p, &g), 0);
	KT_EXPECT(t, g == htonl(0x0a000202));
	KT_EXPECT(t, net_parse_ip_option("10.0.2.15", &a, &p, &g) == -EINVAL);
	KT_EXPECT(t, net_parse_ip_option("10.0.2/24", &a, &p, &g) == -EINVAL);
	KT_EXPECT(t, net_parse_ip_option("10.0.2.256/24", &a, &p, &g) == -EINVAL);
	KT_EXPECT(t, net_parse_ip_option("10.0.2.1/33", &a, &p, &g) == -EINVAL);
	KT_EXPECT(t, net_parse_ip_option("10.0.2.1/24;1.2.3.4", &a, &p, &g) == -EINVAL);
	KT_EXPECT(t, net_parse_ip_option("10.0.2.1/24,1.2.3.", &a, &p, &g) == -EINVAL);
}

KTEST(net_bad_frames, "short frames, bad IP headers and checksums, fragments, UDP lengths past the packet: counted, dropped, no reply")
{
	struct net_stats before;
	u8 f[ETH_FRAME_MAX];
	size_t n;
	unsigned sent;

	if (!kt_up(t))
		return;
	before = net_stats;
	sent = kt_sent;
	n = kt_udp_frame(f, 9, "x", 1);
	eth_input(&kt_dev, f, 10);                              /* shorter than a header */
	KT_EXPECT_EQ(t, net_stats.eth_short, before.eth_short + 1);
	netdev_rx(&kt_dev, f, ETH_HLEN + 12);                  /* IP header cut short */
	KT_EXPECT_EQ(t, net_stats.ip_short, before.ip_short + 1);
	f[ETH_HLEN] = 0x4f;                                    /* 60-byte header past the frame */
	netdev_rx(&kt_dev, f, n);
	f[ETH_HLEN] = 0x44;                                    /* header length below 20 */
	netdev_rx(&kt_dev, f, n);
	f[ETH_HLEN] = 0x65;                                    /* version 6 */
	netdev_rx(&kt_dev, f, n);
	f[ETH_HLEN] = 0x45;
	f[ETH_HLEN + 2] = 0x05;                                /* total length past the frame */
	netdev_rx(&kt_dev, f, n);
	KT_EXPECT_EQ(t, net_stats.ip_bad_hdr, before.ip_bad_hdr + 4);
	n = kt_udp_frame(f, 9, "x", 1);
	f[ETH_HLEN + 8] ^= 1;                                  /* TTL changed, sum not */
	netdev_rx(&kt_dev, f, n);
	KT_EXPECT_EQ(t, net_stats.ip_bad_csum, before.ip_bad_csum + 1);
	n = kt_udp_frame(f, 9, "x", 1);
	f[ETH_HLEN + 6] = 0x20;                                /* MF: a first fragment */
	f[ETH_HLEN + 10] = f[ETH_HLEN + 11] = 0;
	{
		u16 sum = net_csum_fold(net_csum_add(0, f + ETH_HLEN, IP_HLEN));

		memcpy(f + ETH_HLEN + 10, &sum, 2);
	}
	netdev_rx(&kt_dev, f, n);
	KT_EXPECT_EQ(t, net_stats.ip_frag, before.ip_frag + 1);
	n = kt_udp_frame(f, 9, "x", 1);
	f[ETH_HLEN + IP_HLEN + 5] = 200;                       /* UDP length past the packet */
	netdev_rx(&kt_dev, f, n);
	f[ETH_HLEN + IP_HLEN + 5] = 4;                         /* shorter than its header */
	netdev_rx(&kt_dev, f, n);
	n = kt_udp_frame(f, 9, "x", 1);
	f[ETH_HLEN + IP_HLEN + 6] = 0x12;                      /* a checksum that is wrong */
	netdev_rx(&kt_dev, f, n);
	KT_EXPECT_EQ(t, net_stats.udp_bad, before.udp_bad + 3);
	KT_EXPECT_EQ(t, kt_sent, sent);
}

KTEST(net_arp_and_echo, "ARP requests for us are answered; an echo reply waits for the peer's ARP answer, then goes out")
{
	u8 f[ETH_FRAME_MAX], icmp[16] = { 8, 0, 0, 0, 0x12, 0x34, 0, 1, 'p', 'i', 'n', 'g' };
	u16 sum;
	size_t n;
	unsigned sent;

	if (!kt_up(t))
		return;
	arp_flush();
	sent = kt_sent;
	kt_arp_from_peer(1);
	KT_ASSERT(t, kt_sent == sent + 1);
	KT_EXPECT(t, !memcmp(kt_last, peer_mac, ETH_ALEN));
	KT_EXPECT(t, kt_last[12] == 0x08 && kt_last[13] == 0x06 && kt_last[ETH_HLEN + 7] == 2);
	KT_EXPECT(t, !memcmp(kt_last + ETH_HLEN + 8, kt_dev.mac, ETH_ALEN));
	arp_flush();                                          /* forget the peer again */
	sum = net_csum_fold(net_csum_add(0, icmp, sizeof(icmp)));
	memcpy(icmp + 2, &sum, 2);
	n = kt_ip_frame(f, IPPROTO_ICMP, icmp, sizeof(icmp));
	sent = kt_sent;
	netdev_rx(&kt_dev, f, n);
	KT_ASSERT(t, kt_sent == sent + 1);                    /* an ARP request, the reply waits */
	KT_EXPECT(t, kt_last[13] == 0x06 && kt_last[ETH_HLEN + 7] == 1);
	KT_EXPECT(t, !memcmp(kt_last, eth_broadcast, ETH_ALEN));
	kt_arp_from_peer(2);
	KT_ASSERT(t, kt_sent == sent + 2);
	KT_EXPECT(t, !memcmp(kt_last, peer_mac, ETH_ALEN) && kt_last[13] == 0x00);
	KT_EXPECT(t, kt_last[ETH_HLEN + 9] == IPPROTO_ICMP && kt_last[ETH_HLEN + IP_HLEN] == 0);
	KT_EXPECT(t, !memcmp(kt_last + ETH_HLEN + IP_HLEN + 4, icmp + 4, sizeof(icmp) - 4));
	KT_EXPECT_EQ(t, net_csum_fold(net_csum_add(0, kt_last + ETH_HLEN, IP_HLEN)), 0);
	KT_EXPECT_EQ(t, net_csum_fold(net_csum_add(0, kt_last + ETH_HLEN + IP_HLEN, sizeof(icmp))), 0);
}

KTEST(net_udp_socket, "a UDP socket binds, receives, sends with a valid checksum, bounds its queue and refuses EADDRINUSE/EMSGSIZE")
{
	struct file *fa, *fb;
	struct sock *a, *b;
	struct sock_rec from;
	static u8 big[1473];
	u8 f[ETH_FRAME_MAX], buf[32];
	size_t n;
	unsigned i;
	u64 drops;
	long rc;

	if (!kt_up(t))
		return;
	KT_ASSERT(t, sock_create(SOCK_DGRAM, 0, O_NONBLOCK, &fa) == 0);
	KT_ASSERT(t, sock_create(SOCK_DGRAM, IPPROTO_UDP, O_NONBLOCK, &fb) == 0);
	a = fa->priv, b = fb->priv;
	KT_EXPECT_EQ(t, sock_bind(a, 0, htons(7)), 0);
	KT_EXPECT_EQ(t, sock_bind(b, KT_ADDR, htons(7)), -EADDRINUSE);
	KT_EXPECT_EQ(t, sock_recv(a, fa, buf, sizeof(buf), 0, &from), -EAGAIN);
	n = kt_udp_frame(f, 7, "hello", 5);
	netdev_rx(&kt_dev, f, n);
	rc = sock_recv(a, fa, buf, 3, MSG_PEEK, &from);
	KT_EXPECT_EQ(t, rc, 5);                                /* full length, 3 copied */
	rc = sock_recv(a, fa, buf, sizeof(buf), 0, &from);
	KT_ASSERT(t, rc == 5 && !memcmp(buf, "hello", 5));
	KT_EXPECT(t, from.addr == KT_PEER && from.port == htons(1234));
	arp_flush();
	kt_arp_from_peer(2);                                   /* the peer's MAC, known */
	rc = sock_send(a, "abc", 3, true, KT_PEER, htons(1234), true);
	KT_EXPECT_EQ(t, rc, 3);
	KT_EXPECT(t, kt_last_len == ETH_HLEN + IP_HLEN + UDP_HLEN + 3 && kt_last[ETH_HLEN + 9] == 17);
	{
		u8 ph[12] = { 0 };
		u32 s;

		memcpy(ph, kt_last + ETH_HLEN + 12, 8);
		ph[9] = 17, ph[11] = UDP_HLEN + 3;
		s = net_csum_add(net_csum_add(0, ph, 12), kt_last + ETH_HLEN + IP_HLEN, UDP_HLEN + 3);
		KT_EXPECT_EQ(t, net_csum_fold(s), 0);
	}
	KT_EXPECT_EQ(t, sock_send(a, big, 1472, true, KT_PEER, htons(1234), true), 1472);
	KT_EXPECT_EQ(t, sock_send(a, big, sizeof(big), true, KT_PEER, htons(1234), true), -EMSGSIZE);
	KT_EXPECT_EQ(t, sock_send(a, "x", 1, true, 0xffffffffu, htons(1234), true), -EACCES);
	KT_EXPECT_EQ(t, sock_send(b, "x", 1, false, 0, 0, true), -EDESTADDRREQ);
	a->rcvbuf = 256;                                      /* SO_RCVBUF's floor */
	drops = a->drops;
	for (i = 0; i < 20; i++)
		netdev_rx(&kt_dev, f, n);
	KT_EXPECT(t, a->queued > 0 && a->queued < 20);
	KT_EXPECT_EQ(t, a->drops, drops + 20 - a->queued);
	file_put(fa);
	file_put(fb);
	kt_dev.gone = true;                                   /* leave routing to real devices */
}

KTEST(net_send_waits_for_room, "a blocking UDP send waits while the device is full and then goes; a non-blocking one says EAGAIN")
{
	struct file *fa, *fb;
	struct sock *a, *b;
	u64 full;
	unsigned sent;

	if (!kt_up(t))
		return;
	KT_ASSERT(t, sock_create(SOCK_DGRAM, 0, O_NONBLOCK, &fa) == 0);
	KT_ASSERT(t, sock_create(SOCK_DGRAM, 0, 0, &fb) == 0);
	a = fa->priv, b = fb->priv;
	arp_flush();
	kt_arp_from_peer(2);
	full = kt_dev.tx_full, sent = kt_sent;
	kt_full = 1;
	KT_EXPECT_EQ(t, sock_send(a, "nb", 2, true, KT_PEER, htons(1234), true), -EAGAIN);
	KT_EXPECT_EQ(t, kt_dev.tx_full, full + 1);
	KT_EXPECT_EQ(t, kt_sent, sent);
	kt_full = 3;                                          /* three refusals, then room */
	KT_EXPECT_EQ(t, sock_send(b, "blk", 3, true, KT_PEER, htons(1234), false), 3);
	KT_EXPECT_EQ(t, kt_dev.tx_full, full + 4);
	KT_EXPECT_EQ(t, kt_sent, sent + 1);
	KT_EXPECT(t, kt_last_len == ETH_HLEN + IP_HLEN + UDP_HLEN + 3 &&
		  !memcmp(kt_last + ETH_HLEN + IP_HLEN + UDP_HLEN, "blk", 3));
	kt_full = 0;
	file_put(fa);
	file_put(fb);
	kt_dev.gone = true;
}

KTEST(net_ping_sockets, "a ping socket's echo to 127.0.0.1 comes back with its id; a raw ICMP socket sees request and reply")
{
	struct file *fp, *fr;
	struct sock *p, *r;
	struct sock_rec from;
	u8 echo[12] = { 8, 0, 0, 0, 0, 0, 0, 7, 'p', 'r', 'o', 't' }, buf[64];
	long rc;

	KT_ASSERT(t, sock_create(SOCK_DGRAM, IPPROTO_ICMP, O_NONBLOCK, &fp) == 0);
	KT_ASSERT(t, sock_create(SOCK_RAW, IPPROTO_ICMP, O_NONBLOCK, &fr) == 0);
	p = fp->priv, r = fr->priv;
	KT_EXPECT_EQ(t, sock_send(p, echo, sizeof(echo), true, htonl(0x7f000001), 0, true),
		     sizeof(echo));
	rc = sock_recv(p, fp, buf, sizeof(buf), 0, &from);
	KT_ASSERT(t, rc == sizeof(echo));
	KT_EXPECT(t, buf[0] == 0 && !memcmp(buf + 4, &p->lport, 2) && !memcmp(buf + 8, "prot", 4));
	KT_EXPECT(t, from.addr == htonl(0x7f000001));
	KT_EXPECT_EQ(t, sock_recv(p, fp, buf, sizeof(buf), 0, &from), -EAGAIN);
	rc = sock_recv(r, fr, buf, sizeof(buf), 0, &from);        /* the request, IP header first */
	KT_EXPECT(t, rc == IP_HLEN + sizeof(echo) && buf[0] == 0x45 && buf[IP_HLEN] == 8);
	rc = sock_recv(r, fr, buf, sizeof(buf), 0, &from);        /* and the reply */
	KT_EXPECT(t, rc == IP_HLEN + sizeof(echo) && buf[IP_HLEN] == 0);
	KT_EXPECT_EQ(t, sock_send(p, "\x00\x00\x00\x00\x00\x00\x00\x00", 8, true,
				  htonl(0x7f000001), 0, true), -EINVAL);   /* only echo requests */
	file_put(fp);
	file_put(fr);
}
