/*
 * eth.c — Ethernet II framing, the stack's entry for every frame a netdev
 * receives.  Frames not for our MAC or the broadcast address are dropped
 * (the devices here are not promiscuous, but nothing says a peer is
 * honest); types other than IPv4 and ARP are counted and dropped.
 */
#include "net.h"
#include "initcall.h"
#include <string.h>

const u8 eth_broadcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
struct net_stats net_stats;

void eth_input(struct netdev *nd, const void *frame, size_t len)
{
	const u8 *f = frame;
	u16 type;

	if (len < ETH_HLEN) {
		net_stats.eth_short++;
		return;
	}
	if (memcmp(f, nd->mac, ETH_ALEN) && memcmp(f, eth_broadcast, ETH_ALEN)) {
		net_stats.eth_unknown++;
		return;
	}
	type = (u16)(f[12] << 8 | f[13]);
	if (type == ETH_P_IP)
		ipv4_input(nd, f + ETH_HLEN, len - ETH_HLEN);
	else if (type == ETH_P_ARP)
		arp_input(nd, f + ETH_HLEN, len - ETH_HLEN);
	else
		net_stats.eth_unknown++;
}

int eth_output(struct netdev *nd, const u8 dst[ETH_ALEN], u16 type, u8 *frame, size_t len)
{
	memcpy(frame, dst, ETH_ALEN);
	memcpy(frame + ETH_ALEN, nd->mac, ETH_ALEN);
	frame[12] = (u8)(type >> 8);
	frame[13] = (u8)type;
	return netdev_xmit(nd, frame, len);
}

static void net_stack_init(void)
{
	netdev_set_rx_handler(eth_input);
}
DEVICE_INIT(INIT_CORE, net_stack_init);
