/*
 * proteus_blk.h — Proteus's own block-device ioctl, version 1: what a disk
 * has cost since boot, for benchmarks in user space.  Not Linux's: the
 * ioctl type 'P' is none Linux's block layer uses (Linux's is 0x12), and
 * the number is checked with its size, so a Linux kernel answers ENOTTY.
 * Self-contained: needs only <stdint.h> (and _IOR from the includer's
 * <sys/ioctl.h>, or the definition below).
 */
#ifndef PROTEUS_ABI_PROTEUS_BLK_H
#define PROTEUS_ABI_PROTEUS_BLK_H

#define PROTEUS_BLK_ABI_VERSION 1

#include <stdint.h>

struct proteus_blk_stats {
	uint32_t version;             /* PROTEUS_BLK_ABI_VERSION */
	uint32_t _pad;
	uint64_t requests;            /* handed to the driver (one transfer may be several) */
	uint64_t notifies;            /* times the driver told the device: kicks, event sends */
	uint64_t notifies_suppressed; /* times it had something to say but the device did not ask */
	uint64_t interrupts;          /* completion interrupts or events taken */
	uint64_t errors;
};

/* _IOR('P', 1, struct proteus_blk_stats), spelled out for the kernel. */
#define PROTEUS_BLK_STATS (0x80000000u | ((uint32_t)sizeof(struct proteus_blk_stats) << 16) | \
			   ('P' << 8) | 1u)

#endif
