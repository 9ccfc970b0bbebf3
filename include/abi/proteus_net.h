/*
 * proteus_net.h — Proteus's own network-interface ioctl, version 1: what
 * an interface has cost since boot, for benchmarks in user space.  Asked
 * of any socket (like Linux's SIOC* requests, but not one of them: type
 * 'P', number 2, checked with its size, so a Linux kernel answers ENOTTY
 * or EINVAL).  Self-contained: needs only <stdint.h>.
 */
#ifndef PROTEUS_ABI_PROTEUS_NET_H
#define PROTEUS_ABI_PROTEUS_NET_H

#define PROTEUS_NET_ABI_VERSION 1

#include <stdint.h>

struct proteus_net_stats {
	uint32_t version;             /* out: PROTEUS_NET_ABI_VERSION */
	uint32_t _pad;
	char name[16];                /* in: "eth0", or "" for the first interface; out: its name */
	uint64_t tx_frames, rx_frames;   /* Ethernet frames sent by the stack, handed up by the driver */
	uint64_t tx_full;             /* sends the device had no room for: a blocking
	                                 socket waited and sent again, anything else dropped */
	uint64_t tx_dropped;          /* frames the device refused (gone, broken) */
	uint64_t rx_dropped;          /* frames the driver threw away (malformed, no buffer) */
	uint64_t notifies;            /* times the driver told the device: kicks, event sends */
	uint64_t notifies_suppressed; /* times it had something to say but the device did not ask */
	uint64_t interrupts;          /* interrupts or events taken */
};

/* _IOWR('P', 2, struct proteus_net_stats), spelled out for the kernel. */
#define PROTEUS_NET_STATS (0xc0000000u | ((uint32_t)sizeof(struct proteus_net_stats) << 16) | \
			   ('P' << 8) | 2u)

#endif
