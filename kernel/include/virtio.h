/*
 * virtio.h — the virtio core: devices found by a transport (PCI, MMIO),
 * drivers that register themselves, and split virtqueues
 * (kernel/drivers/virtio/; the wire format is include/abi/virtio.h).
 *
 * A transport finds a device and calls virtio_dev_add.  The core resets
 * it, sets ACKNOWLEDGE, finds the VIRTIO_DRIVER for its type, sets DRIVER,
 * negotiates features (the driver's wish list plus the core's own:
 * VIRTIO_F_VERSION_1, which is required, INDIRECT_DESC and EVENT_IDX) and
 * sets FEATURES_OK; then the driver's probe runs.  Probe reads the
 * device's configuration, creates its queues with virtio_vq_create and
 * calls virtio_ready (DRIVER_OK) before it submits anything.  Any failure
 * sets FAILED and the boot goes on without the device.
 *
 * A driver puts buffers on a queue with virtq_add (device-readable parts
 * first, then device-writable ones), makes them visible with virtq_kick
 * (which notifies only when the device asked to be), and takes finished
 * ones back with virtq_get_used, usually from the queue's callback, which
 * runs in the interrupt handler.  The device is not trusted: a used entry
 * that names no buffer in flight or claims more bytes than the buffer
 * holds is reported, counted in vq->bad, and dropped or clamped.
 *
 * Buffers are kernel virtual addresses of physically contiguous memory
 * (kmalloc, frame_alloc via phys_to_virt); the core translates them.
 * All queue calls are made with interrupts disabled.
 */
#ifndef PROTEUS_VIRTIO_H
#define PROTEUS_VIRTIO_H

#include "types.h"
#include "abi/virtio.h"

#define VIRTIO_MAX_VQS 8

struct virtio_dev;
struct virtqueue;

typedef void virtq_callback_fn(struct virtqueue *vq);

/* One part of a buffer: len bytes at buf. */
struct virtq_sg {
	const void *buf;
	u32 len;
};

struct virtq_slot;                       /* per descriptor: virtqueue.c's */

struct virtqueue {
	struct virtio_dev *dev;
	unsigned index;
	u16 size;                            /* entries, a power of two */
	volatile struct virtq_desc *desc;
	volatile struct virtq_avail *avail;
	volatile struct virtq_used *used;
	u64 desc_pa, avail_pa, used_pa;
	virtq_callback_fn *callback;
	void *priv;                          /* the driver's */
	void *transport_priv;                /* e.g. the notify register */
	/* the core's */
	struct virtq_slot *slots;
	u16 free_head, num_free;
	u16 avail_idx, last_used, kicked_idx;
	bool event_idx, indirect, cb_enabled, broken;
	u64 ring_pa;
	unsigned ring_pages;
	/* counters */
	u64 added, kicks, kicks_suppressed, interrupts, bad;
};

struct virtio_transport {
	const char *name;                    /* "pci", "mmio" */
	void (*reset)(struct virtio_dev *d); /* returns once the device reads status 0 */
	u8 (*status_get)(struct virtio_dev *d);
	void (*status_set)(struct virtio_dev *d, u8 status);
	u64 (*features_get)(struct virtio_dev *d);
	void (*features_set)(struct virtio_dev *d, u64 features);
	/* The device-specific configuration; len 1, 2, 4 or 8 at off. */
	u64 (*config_read)(struct virtio_dev *d, unsigned off, unsigned len);
	void (*config_write)(struct virtio_dev *d, unsigned off, unsigned len, u64 v);
	u32 (*config_generation)(struct virtio_dev *d);
	/* Largest size of queue index, 0 when there is no such queue. */
	u16 (*queue_max)(struct virtio_dev *d, unsigned index);
	/* Give the device vq's size and addresses, route its interrupt and
	 * enable it: 0 or -errno. */
	int (*queue_enable)(struct virtio_dev *d, struct virtqueue *vq);
	void (*queue_notify)(struct virtqueue *vq);
};

struct virtio_driver;

struct virtio_dev {
	char name[16];                       /* "virtio0" */
	u32 type;                            /* VIRTIO_ID_* */
	const struct virtio_transport *transport;
	void *transport_priv;
	const char *where;                   /* "pci 00:03.0", "mmio 0xfeb00e00" */
	u64 features;                        /* negotiated */
	const struct virtio_driver *driver;
	void *priv;                          /* the driver's */
	struct virtqueue *vqs[VIRTIO_MAX_VQS];
	unsigned nvqs;
	bool ready, failed;
	u64 config_changes;
	u64 interrupts;              /* the transport's handler ran (any vector, any cause) */
};

struct virtio_driver {
	const char *name;
	u32 type;                            /* VIRTIO_ID_* it drives */
	u64 features;                        /* device feature bits it can use */
	/* The device has FEATURES_OK: set it up; 0 or -errno (the core then
	 * sets FAILED).  Calls virtio_ready before submitting anything. */
	int (*probe)(struct virtio_dev *d);
	void (*config_changed)(struct virtio_dev *d);   /* may be NULL; in an irq */
};

#define VIRTIO_DRIVER(var)                                                   \
	static const struct virtio_driver *const virtio_driver_ptr_##var       \
		__section(".virtio_drivers") __used = &(var)

static inline bool virtio_has(const struct virtio_dev *d, unsigned bit)
{
	return (d->features >> bit) & 1;
}

/* ---- for transports ---- */
/* Give d its "virtioN" name now (transports that name irqs after it). */
void virtio_dev_name(struct virtio_dev *d);
/* A device was found (d filled in but for name): bring it up. */
void virtio_dev_add(struct virtio_dev *d);
/* The device interrupted for vq (used buffers), or for its config. */
void virtio_vq_interrupt(struct virtqueue *vq);
void virtio_config_interrupt(struct virtio_dev *d);
/* A device-configuration field of len 1, 2, 4 or 8 bytes at p, mapped memory. */
u64 virtio_cfg_read(volatile u8 *p, unsigned len);
void virtio_cfg_write(volatile u8 *p, unsigned len, u64 v);
/* An ISR-style status word (VIRTIO_ISR_*): every queue and/or the config. */
void virtio_isr_dispatch(struct virtio_dev *d, u32 isr);

/* ---- for drivers ---- */
/* Queue index with at most max_size entries (0: the device's maximum,
 * capped at 256); NULL with a message on failure. */
struct virtqueue *virtio_vq_create(struct virtio_dev *d, unsigned index, u16 max_size,
				   virtq_callback_fn *cb, void *priv);
/* DRIVER_OK: the device may now use the queues. */
void virtio_ready(struct virtio_dev *d);
/* Give up on the device, saying why (FAILED). */
void virtio_fail(struct virtio_dev *d, const char *why);
u64 virtio_config_read(struct virtio_dev *d, unsigned off, unsigned len);

/* ---- virtqueues ---- */
/* Post nout device-readable then nin device-writable parts as one buffer
 * named by token (not NULL).  0, -ENOSPC when the ring is full, -EIO when
 * the queue is broken, -EINVAL for an empty buffer. */
int virtq_add(struct virtqueue *vq, const struct virtq_sg *sg, unsigned nout, unsigned nin,
	      void *token);
/* Publish what virtq_add posted; notify the device if it wants it. */
void virtq_kick(struct virtqueue *vq);
/* The next finished buffer's token and the bytes written into it, or
 * NULL when there is none. */
void *virtq_get_used(struct virtqueue *vq, u32 *len);
/* Ask for (no) interrupts when buffers are used.  enable returns false
 * when used buffers are already waiting (take them, then enable again). */
void virtq_disable_cb(struct virtqueue *vq);
bool virtq_enable_cb(struct virtqueue *vq);
/* Descriptors free for virtq_add. */
static inline unsigned virtq_free(const struct virtqueue *vq) { return vq->num_free; }

/* The ring itself, without a transport (virtio_vq_create and the tests):
 * allocate vq's ring of size entries; 0 or -ENOMEM. */
int virtq_init(struct virtqueue *vq, u16 size, bool event_idx, bool indirect);
void virtq_destroy(struct virtqueue *vq);

#endif
