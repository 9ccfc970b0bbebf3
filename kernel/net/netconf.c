/*
 * netconf.c — interface addresses and the routing decision.
 *
 * Each netdev gets one IPv4 address with a prefix and optionally a
 * gateway, from the kernel command line:
 *
 *     ip=ADDR/PREFIX            e.g. ip=10.0.2.15/24
 *     ip=ADDR/PREFIX,GATEWAY    e.g. ip=10.0.2.15/24,10.0.2.2
 *     ip=ADDR/PREFIX:GATEWAY    the same, for hosts whose tools refuse ','
 *
 * applied to the first netdev once the drivers have registered theirs.
 * Routing is what one interface needs: loopback for 127/8 and our own
 * addresses (delivered to ourselves without a device), on-link when dst
 * shares the subnet (or is the limited broadcast), else via the gateway,
 * else ENETUNREACH.
 */
#include "net.h"
#include "errno.h"
#include "initcall.h"
#include "options.h"
#include "printk.h"
#include <string.h>

#define NET_IFS 4

static struct net_if net_ifs[NET_IFS];
struct net_if net_loopback = { .addr = 0x0100007fu, .mask = 0x000000ffu };  /* 127.0.0.1/8 */
static char net_ip_opt[48];
KOPT_STRING(net_ip, "ip", net_ip_opt,
	    "ADDR/PREFIX[,GATEWAY] (or ':' before GATEWAY): the first netdev's IPv4 address");

struct net_if *net_if_of(struct netdev *nd)
{
	unsigned i;

	if (nd->proto)
		return nd->proto;
	for (i = 0; i < NET_IFS; i++)
		if (!net_ifs[i].nd) {
			net_ifs[i].nd = nd;
			nd->proto = &net_ifs[i];
			return nd->proto;
		}
	return NULL;
}

static be32 prefix_mask(unsigned prefix)
{
	return prefix ? htonl(~0u << (32 - prefix)) : 0;
}

int net_if_configure(struct netdev *nd, be32 addr, unsigned prefix, be32 gateway)
{
	struct net_if *nif = net_if_of(nd);

	if (!nif)
		return -ENOMEM;
	if (prefix > 32)
		return -EINVAL;
	nif->addr = addr;
	nif->mask = prefix_mask(prefix);
	nif->gateway = gateway;
	return 0;
}

int net_route(be32 dst, struct net_if **out, be32 *nexthop)
{
	struct net_if *via = NULL;
	unsigned i;

	if (((dst ^ net_loopback.addr) & net_loopback.mask) == 0) {
		*out = &net_loopback;
		*nexthop = dst;
		return 0;
	}
	for (i = 0; i < NET_IFS; i++) {
		struct net_if *nif = &net_ifs[i];

		if (!nif->nd || nif->nd->gone || !nif->addr)
			continue;
		if (dst == nif->addr) {
			*out = &net_loopback;
			*nexthop = dst;
			return 0;
		}
		if (dst == 0xffffffffu || ((dst ^ nif->addr) & nif->mask) == 0) {
			*out = nif;
			*nexthop = dst;
			return 0;
		}
		if (nif->gateway && !via)
			via = nif;
	}
	if (!via)
		return -ENETUNREACH;
	*out = via;
	*nexthop = via->gateway;
	return 0;
}

bool net_addr_local(struct net_if *nif, be32 addr)
{
	if (nif == &net_loopback)
		return true;                     /* only what we sent ourselves comes in here */
	return addr == nif->addr || addr == 0xffffffffu || addr == (nif->addr | ~nif->mask);
}

bool net_parse_ip(const char *s, size_t n, be32 *out)
{
	u32 v = 0, part = 0;
	unsigned dots = 0, digits = 0;
	size_t i;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] >= '0' && s[i] <= '9') {
			part = part * 10 + (u32)(s[i] - '0');
			if (++digits > 3 || part > 255)
				return false;
			continue;
		}
		if (!digits || (i < n && s[i] != '.') || (i < n && ++dots > 3))
			return false;
		v = v << 8 | part;
		part = 0;
		digits = 0;
	}
	if (dots != 3)
		return false;
	*out = htonl(v);
	return true;
}

/* Parse the ip= value: 0, or -EINVAL with nothing set. */
int net_parse_ip_option(const char *s, be32 *addr, unsigned *prefix, be32 *gw)
{
	const char *slash = strchr(s, '/'), *sep;
	unsigned p = 0;
	size_t i;

	*gw = 0;
	if (!slash || !net_parse_ip(s, (size_t)(slash - s), addr))
		return -EINVAL;
	sep = slash + 1;
	for (i = 0; sep[i] >= '0' && sep[i] <= '9' && i < 3; i++)
		p = p * 10 + (unsigned)(sep[i] - '0');
	if (i == 0 || p > 32)
		return -EINVAL;
	sep += i;
	if (*sep == ',' || *sep == ':') {
		if (!net_parse_ip(sep + 1, strlen(sep + 1), gw))
			return -EINVAL;
	} else if (*sep) {
		return -EINVAL;
	}
	*prefix = p;
	return 0;
}

static void net_ip_apply(void)
{
	struct netdev *nd;
	be32 addr, gw;
	unsigned prefix;
	u32 a, g;

	if (!net_ip_opt[0])
		return;
	if (net_parse_ip_option(net_ip_opt, &addr, &prefix, &gw)) {
		pr_err("net: ip=%s: expected ADDR/PREFIX[,GATEWAY], e.g. 10.0.2.15/24,10.0.2.2\n",
		       net_ip_opt);
		return;
	}
	nd = netdev_first();
	if (!nd) {
		pr_err("net: ip=%s given but there is no network device\n", net_ip_opt);
		return;
	}
	if (net_if_configure(nd, addr, prefix, gw)) {
		pr_err("net: %s: cannot configure %s\n", nd->name, net_ip_opt);
		return;
	}
	a = ntohl(addr), g = ntohl(gw);
	pr_info("net: %s: address %u.%u.%u.%u/%u, gateway %u.%u.%u.%u\n", nd->name, a >> 24,
		(a >> 16) & 255, (a >> 8) & 255, a & 255, prefix, g >> 24, (g >> 16) & 255,
		(g >> 8) & 255, g & 255);
}
DEVICE_INIT(INIT_LATE, net_ip_apply);
