/*
 * arp.c — IPv4 over Ethernet address resolution (RFC 826): a small cache
 * of next hops, answers to requests for our addresses, and requests for
 * the hops we need.
 *
 * An entry is valid for ARP_VALID_NS after the answer.  While a hop is
 * being resolved the latest packet for it waits in its entry (one per
 * hop: an older one is dropped and counted, as a NIC queue would drop),
 * and a further send re-asks at most once per ARP_RETRY_NS; the packet
 * goes out when the answer comes.  An unanswered entry is reused after
 * ARP_GIVEUP_NS.  Any ARP packet naming us as target also teaches us its
 * sender (RFC 826's merge rule), which saves the reverse request.
 */
#include "net.h"
#include "clock.h"
#include "pv/ops.h"
#include "printk.h"
#include <string.h>

#define ARP_ENTRIES 16
#define ARP_VALID_NS (60ull * NSEC_PER_SEC)
#define ARP_RETRY_NS (NSEC_PER_SEC)
#define ARP_GIVEUP_NS (5ull * NSEC_PER_SEC)
#define ARP_LEN 28
#define ARP_REQUEST 1
#define ARP_REPLY 2

enum arp_state { ARP_FREE, ARP_PENDING, ARP_VALID };

struct arp_entry {
	enum arp_state state;
	struct net_if *nif;
	be32 ip;
	u8 mac[ETH_ALEN];
	u64 stamp;                 /* answer (valid) or first request (pending) */
	u64 asked;                 /* last request sent */
	size_t pending_len;
	u8 pending[ETH_FRAME_MAX];
};

static struct arp_entry arp_cache[ARP_ENTRIES];

static bool arp_expired(const struct arp_entry *e, u64 now)
{
	if (e->state == ARP_VALID)
		return now - e->stamp > ARP_VALID_NS;
	return e->state == ARP_PENDING && now - e->stamp > ARP_GIVEUP_NS;
}

static struct arp_entry *arp_lookup(struct net_if *nif, be32 ip)
{
	u64 now = clock_ns();
	unsigned i;

	for (i = 0; i < ARP_ENTRIES; i++) {
		struct arp_entry *e = &arp_cache[i];

		if (e->state != ARP_FREE && arp_expired(e, now)) {
			if (e->pending_len)
				net_stats.arp_drop++;
			e->state = ARP_FREE;
			e->pending_len = 0;
		}
		if (e->state != ARP_FREE && e->nif == nif && e->ip == ip)
			return e;
	}
	return NULL;
}

/* A free entry, else the oldest (its waiting packet is dropped). */
static struct arp_entry *arp_slot(void)
{
	struct arp_entry *old = &arp_cache[0];
	unsigned i;

	for (i = 0; i < ARP_ENTRIES; i++) {
		if (arp_cache[i].state == ARP_FREE)
			return &arp_cache[i];
		if (arp_cache[i].stamp < old->stamp)
			old = &arp_cache[i];
	}
	if (old->pending_len)
		net_stats.arp_drop++;
	old->pending_len = 0;
	return old;
}

static int arp_send(struct net_if *nif, u16 op, const u8 tha[ETH_ALEN], be32 tpa)
{
	u8 f[60];                                /* the 802.3 minimum, padded with zeros */
	u8 *a = f + ETH_HLEN;

	memset(f, 0, sizeof(f));

	a[0] = 0, a[1] = 1;                      /* hardware: Ethernet */
	a[2] = 0x08, a[3] = 0x00;                /* protocol: IPv4 */
	a[4] = ETH_ALEN, a[5] = 4;
	a[6] = 0, a[7] = (u8)op;
	memcpy(a + 8, nif->nd->mac, ETH_ALEN);
	memcpy(a + 14, &nif->addr, 4);
	memcpy(a + 18, op == ARP_REPLY ? tha : (const u8 *)"\0\0\0\0\0\0", ETH_ALEN);
	memcpy(a + 24, &tpa, 4);
	return eth_output(nif->nd, op == ARP_REPLY ? tha : eth_broadcast, ETH_P_ARP, f, sizeof(f));
}

static void arp_learn(struct net_if *nif, be32 ip, const u8 mac[ETH_ALEN], bool create)
{
	struct arp_entry *e = arp_lookup(nif, ip);

	if (!e) {
		if (!create)
			return;
		e = arp_slot();
		e->pending_len = 0;
	}
	e->state = ARP_VALID;
	e->nif = nif;
	e->ip = ip;
	memcpy(e->mac, mac, ETH_ALEN);
	e->stamp = clock_ns();
	if (e->pending_len) {
		size_t n = e->pending_len;

		e->pending_len = 0;
		eth_output(nif->nd, e->mac, ETH_P_IP, e->pending, n);
	}
}

void arp_input(struct netdev *nd, const u8 *a, size_t len)
{
	struct net_if *nif = net_if_of(nd);
	be32 spa, tpa;
	u16 op;

	if (len < ARP_LEN || a[0] != 0 || a[1] != 1 || a[2] != 0x08 || a[3] != 0 ||
	    a[4] != ETH_ALEN || a[5] != 4) {
		net_stats.arp_bad++;
		return;
	}
	op = (u16)(a[6] << 8 | a[7]);
	memcpy(&spa, a + 14, 4);
	memcpy(&tpa, a + 24, 4);
	if (!nif || !nif->addr || spa == 0 || (a[8] & 1))  /* unconfigured, probe, multicast sender */
		return;
	arp_learn(nif, spa, a + 8, tpa == nif->addr);
	if (op == ARP_REQUEST && tpa == nif->addr)
		arp_send(nif, ARP_REPLY, a + 8, spa);
}

int arp_output(struct net_if *nif, be32 nh, u8 *frame, size_t len)
{
	struct arp_entry *e;
	u64 now;

	if (nh == 0xffffffffu || nh == (nif->addr | ~nif->mask))
		return eth_output(nif->nd, eth_broadcast, ETH_P_IP, frame, len);
	e = arp_lookup(nif, nh);
	if (e && e->state == ARP_VALID)
		return eth_output(nif->nd, e->mac, ETH_P_IP, frame, len);
	now = clock_ns();
	if (!e) {
		e = arp_slot();
		e->state = ARP_PENDING;
		e->nif = nif;
		e->ip = nh;
		e->stamp = now;
		e->asked = 0;
		e->pending_len = 0;
	}
	if (e->pending_len)
		net_stats.arp_drop++;
	memcpy(e->pending, frame, len);
	e->pending_len = len;
	if (!e->asked || now - e->asked >= ARP_RETRY_NS) {
		e->asked = now;
		arp_send(nif, ARP_REQUEST, NULL, nh);
	}
	return 0;
}

void arp_flush(void)
{
	memset(arp_cache, 0, sizeof(arp_cache));
}
