/*
 * net.h — the IPv4 stack's own structure, private to kernel/net.
 *
 * One stack serves every netdev.  Frames arrive through netdev_rx (from
 * interrupt handlers) and go out through netdev_xmit; everything that
 * touches the stack's state (ARP cache, socket queues, the port table)
 * does so with interrupts off, and nothing in the receive path allocates:
 * socket queues are rings allocated when the socket is made.  Addresses
 * and ports are kept in network byte order everywhere (be32/be16), as the
 * wire and the socket ABI have them.
 */
#ifndef PROTEUS_NET_NET_H
#define PROTEUS_NET_NET_H

#include "types.h"
#include "netdev.h"
#include "abi/linux.h"

typedef u32 be32;
typedef u16 be16;

static inline u16 net_bswap16(u16 v) { return (u16)((v >> 8) | (v << 8)); }
static inline u32 net_bswap32(u32 v) { return __builtin_bswap32(v); }
#define htons(v) net_bswap16(v)
#define ntohs(v) net_bswap16(v)
#define htonl(v) net_bswap32(v)
#define ntohl(v) net_bswap32(v)

#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define IP_HLEN 20
#define UDP_HLEN 8

/* Counters of what the stack refused or lost; net.stats prints them. */
struct net_stats {
	u64 eth_short, eth_unknown, arp_bad, arp_drop, ip_short, ip_bad_hdr, ip_bad_csum,
		ip_frag, ip_not_ours, ip_proto, icmp_bad, udp_bad, udp_no_port, sock_drop;
};
extern struct net_stats net_stats;

/* The address configuration of one interface (nd->proto). */
struct net_if {
	struct netdev *nd;
	be32 addr, mask, gateway;    /* 0: none */
};

/* ---- checksum.c ---- */
/* The ones' complement sum of len bytes added to sum (not folded). */
u32 net_csum_add(u32 sum, const void *data, size_t len);
/* Fold and complement: the value for the header field. */
u16 net_csum_fold(u32 sum);

/* ---- eth.c ---- */
void eth_input(struct netdev *nd, const void *frame, size_t len);
/* Send a frame built in buf (ETH_HLEN bytes free at the front). */
int eth_output(struct netdev *nd, const u8 dst[ETH_ALEN], u16 type, u8 *frame, size_t len);
extern const u8 eth_broadcast[ETH_ALEN];

/* ---- arp.c ---- */
void arp_input(struct netdev *nd, const u8 *pkt, size_t len);
/* Send an IPv4 frame (payload after ETH_HLEN) to next hop nh: at once
 * when its MAC is known, else queued while a request goes out. */
int arp_output(struct net_if *nif, be32 nh, u8 *frame, size_t len);
/* Forget every entry (tests). */
void arp_flush(void);

/* ---- netconf.c: addresses and routes ---- */
extern struct net_if net_loopback;      /* 127.0.0.1/8, no device */
struct net_if *net_if_of(struct netdev *nd);
int net_if_configure(struct netdev *nd, be32 addr, unsigned prefix, be32 gateway);
/* Where dst goes: 0 with the interface and next hop, or -ENETUNREACH. */
int net_route(be32 dst, struct net_if **nif, be32 *nexthop);
/* Whether addr is one of ours (or a broadcast on nif). */
bool net_addr_local(struct net_if *nif, be32 addr);
/* Parse "a.b.c.d" at s (n bytes): true with *out. */
bool net_parse_ip(const char *s, size_t n, be32 *out);
/* The ip= option ADDR/PREFIX[,:GATEWAY]: 0, or -EINVAL. */
int net_parse_ip_option(const char *s, be32 *addr, unsigned *prefix, be32 *gw);

/* ---- ipv4.c ---- */
void ipv4_input(struct netdev *nd, const u8 *pkt, size_t len);
/* Send proto's payload (l4, n bytes) from src (0: the route's) to dst;
 * the count or -ENETUNREACH, -EMSGSIZE, -EAGAIN. */
int ipv4_output(be32 src, be32 dst, u8 proto, const void *l4, size_t n);
/* The source address a packet to dst would carry (0 if unroutable). */
be32 ipv4_source_for(be32 dst);

/* ---- icmp.c ---- */
void icmp_input(struct net_if *nif, const u8 *ip, size_t iplen, size_t hlen);

/* ---- udp.c ---- */
void udp_input(struct net_if *nif, const u8 *ip, size_t iplen, size_t hlen);
/* Send a datagram from (src, sport) to (dst, dport). */
int udp_output(be32 src, be16 sport, be32 dst, be16 dport, const void *data, size_t n);

/* ---- socket.c: datagram sockets ---- */
struct sock;
/* Queue a datagram for each socket that wants it: see socket.c. */
void sock_deliver_udp(be32 src, be16 sport, be32 dst, be16 dport, const void *data, size_t n);
void sock_deliver_icmp(const u8 *ip, size_t iplen, size_t hlen);

#endif
