/*
 * blockdev.h — disks, whoever carries their sectors (virtio-blk natively,
 * blkfront on Xen).  A driver registers a struct blockdev and takes
 * requests asynchronously; the block layer (kernel/dev/block/) splits
 * reads and writes of any length into requests the driver accepts, keeps
 * several in flight, and gives user space /dev/NAME plus the stable alias
 * /dev/disk0 for the first disk found.
 *
 * Sectors are always 512 bytes in this interface, as in virtio-blk and
 * blkif; a device with a larger logical sector says so in sector_size and
 * the layer only sends it requests aligned to that size.
 */
#ifndef PROTEUS_BLOCKDEV_H
#define PROTEUS_BLOCKDEV_H

#include "types.h"

#define BLK_SECTOR_SIZE 512u

enum blk_op { BLK_READ, BLK_WRITE, BLK_FLUSH };

struct blk_req {
	enum blk_op op;
	u64 sector;                  /* first 512-byte sector (0 for a flush) */
	void *buf;                   /* kernel address of physically contiguous memory */
	size_t len;                  /* bytes, a multiple of the device's sector_size */
	int status;                  /* set by the driver before done: 0 or -EIO */
	/* Called exactly once when the request is over, possibly from an
	 * interrupt handler; the driver no longer touches r or buf after. */
	void (*done)(struct blk_req *r);
	void *priv;                  /* the submitter's */
	struct blk_req *next;        /* the driver's, while it owns r */
};

struct blockdev;

struct blockdev_stats_drv {
	u64 notifies, notifies_suppressed, interrupts;
};

struct blockdev_ops {
	/* What the device has cost the driver (may be NULL: all 0). */
	void (*stats)(struct blockdev *bd, struct blockdev_stats_drv *out);
	/* Queue r.  0: done will be called.  Negative errno: r was refused
	 * (the device is gone, or r breaks a limit below) and done will not
	 * be called.  A full ring is not a refusal: the driver queues r
	 * itself until there is room.  Called with interrupts disabled. */
	int (*submit)(struct blockdev *bd, struct blk_req *r);
};

struct blockdev {
	char name[16];               /* "vda", "xvda": the node is /dev/NAME */
	u32 sector_size;             /* logical sector in bytes: 512 or a power of two above */
	u64 nr_sectors;              /* capacity in 512-byte sectors */
	bool readonly;
	bool can_flush;              /* BLK_FLUSH means something (a write cache is there) */
	u32 max_req_bytes;           /* the largest len the driver takes in one request */
	const struct blockdev_ops *ops;
	void *priv;                  /* the driver's */
	u32 major, minor;            /* the node's numbers; major 0: the layer picks 254:N */
	/* the block layer's */
	struct blockdev *next;
	bool gone;
	u64 reads, writes, flushes, errors, requests;
};

/* Make bd usable (and its /dev node): 0, or -EEXIST/-EINVAL before
 * anything happened, or the node's error: then bd is listed but gone
 * (every request -ENODEV) and must stay allocated. */
int blockdev_register(struct blockdev *bd);
/* The device vanished: every later request fails with -ENODEV.  Requests
 * the driver holds must still be completed (with -EIO) by the driver. */
void blockdev_unregister(struct blockdev *bd);
struct blockdev *blockdev_find(const char *name);
/* The first disk registered (the /dev/disk0 one), or NULL. */
struct blockdev *blockdev_first(void);
/* Read, write or flush and sleep until done: 0 or -errno.  Any length
 * that is a multiple of the sector size; buf physically contiguous. */
int blockdev_rw(struct blockdev *bd, enum blk_op op, u64 sector, void *buf, size_t len);
/* Flush every disk's write cache (sync(2)): the first error, or 0. */
int blockdev_sync_all(void);

#endif
