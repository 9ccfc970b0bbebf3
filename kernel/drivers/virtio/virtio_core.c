/*
 * virtio_core.c — bringing a device up, whatever transport found it
 * (virtio 1.1, 3.1.1): reset, ACKNOWLEDGE, DRIVER, feature negotiation
 * ending in FEATURES_OK, the driver's probe (queues, configuration), then
 * DRIVER_OK.  A device that offers no VIRTIO_F_VERSION_1 is a legacy one;
 * Proteus speaks only the 1.x interface, so it is left alone with a
 * message.  Every failure sets FAILED, which tells the device to stop.
 */
#include "virtio.h"
#include "mm.h"
#include "options.h"
#include "printk.h"
#include "errno.h"
#include "lib/fmt.h"

extern const struct virtio_driver *const __virtio_drivers_start[], *const __virtio_drivers_end[];

/* What the core itself can use, whatever the driver. */
#define VIRTIO_CORE_FEATURES ((1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_F_INDIRECT_DESC) | \
			      (1ull << VIRTIO_F_EVENT_IDX))

static unsigned nr_devices;

/* For measuring what notification suppression saves: without EVENT_IDX
 * the device is kicked for every batch and interrupts for every used one
 * unless the driver's flags say otherwise (virtio 1.x, 2.7.7). */
static bool event_idx_on = true;
KOPT_BOOL(virtio_event_idx, "virtio.event_idx", event_idx_on,
	  "virtio.event_idx=0 does not negotiate VIRTIO_F_EVENT_IDX (notification suppression "
	  "by index; the flags still apply)");

static const struct virtio_driver *driver_for(u32 type)
{
	const struct virtio_driver *const *p;

	for (p = __virtio_drivers_start; p < __virtio_drivers_end; p++)
		if ((*p)->type == type)
			return *p;
	return NULL;
}

static void status_add(struct virtio_dev *d, u8 bits)
{
	d->transport->status_set(d, (u8)(d->transport->status_get(d) | bits));
}

void virtio_fail(struct virtio_dev *d, const char *why)
{
	pr_err("virtio: %s (%s): %s; device given up\n", d->name, d->where, why);
	status_add(d, VIRTIO_STATUS_FAILED);
	d->failed = true;
}

void virtio_ready(struct virtio_dev *d)
{
	if (d->ready || d->failed)
		return;
	status_add(d, VIRTIO_STATUS_DRIVER_OK);
	d->ready = true;
}

static bool negotiate(struct virtio_dev *d)
{
	u64 offered = d->transport->features_get(d);

	if (!(offered & (1ull << VIRTIO_F_VERSION_1))) {
		virtio_fail(d, "no VIRTIO_F_VERSION_1: a legacy-only device, which Proteus does not drive");
		return false;
	}
	d->features = offered & (d->driver->features | VIRTIO_CORE_FEATURES);
	if (!event_idx_on)
		d->features &= ~(1ull << VIRTIO_F_EVENT_IDX);
	d->transport->features_set(d, d->features);
	status_add(d, VIRTIO_STATUS_FEATURES_OK);
	if (!(d->transport->status_get(d) & VIRTIO_STATUS_FEATURES_OK)) {
		virtio_fail(d, "the device refused our features (FEATURES_OK did not stick)");
		return false;
	}
	return true;
}

static void vqs_free(struct virtio_dev *d)
{
	unsigned i;

	for (i = 0; i < VIRTIO_MAX_VQS; i++)
		if (d->vqs[i]) {
			virtq_destroy(d->vqs[i]);
			kfree(d->vqs[i]);
			d->vqs[i] = NULL;
		}
	d->nvqs = 0;
}

void virtio_dev_name(struct virtio_dev *d)
{
	if (!d->name[0])
		fmt_snprintf(d->name, sizeof(d->name), "virtio%u", nr_devices++);
}

void virtio_dev_add(struct virtio_dev *d)
{
	int rc;

	virtio_dev_name(d);
	d->transport->reset(d);
	status_add(d, VIRTIO_STATUS_ACKNOWLEDGE);
	d->driver = driver_for(d->type);
	if (!d->driver) {
		pr_info("virtio: %s (%s): device type %u, no driver\n", d->name, d->where, d->type);
		return;
	}
	status_add(d, VIRTIO_STATUS_DRIVER);
	if (!negotiate(d))
		return;
	pr_info("virtio: %s (%s): %s, features %#llx\n", d->name, d->where, d->driver->name,
		(unsigned long long)d->features);
	rc = d->driver->probe(d);
	if (rc) {
		if (!d->failed)
			virtio_fail(d, "the driver's probe failed");
		d->transport->reset(d);   /* the device forgets the queues before they go */
		vqs_free(d);
		return;
	}
	virtio_ready(d);
}

struct virtqueue *virtio_vq_create(struct virtio_dev *d, unsigned index, u16 max_size,
				   virtq_callback_fn *cb, void *priv)
{
	u16 dev_max, size = 1;
	struct virtqueue *vq;
	int rc;

	if (index >= VIRTIO_MAX_VQS || d->vqs[index])
		return NULL;
	dev_max = d->transport->queue_max(d, index);
	if (dev_max == 0) {
		pr_err("virtio: %s: the device has no queue %u\n", d->name, index);
		return NULL;
	}
	if (!max_size)
		max_size = 256;
	while ((u32)size * 2 <= MIN(dev_max, max_size))
		size = (u16)(size * 2);
	vq = kzalloc(sizeof(*vq));
	if (!vq)
		return NULL;
	rc = virtq_init(vq, size, virtio_has(d, VIRTIO_F_EVENT_IDX),
			virtio_has(d, VIRTIO_F_INDIRECT_DESC));
	if (rc) {
		kfree(vq);
		pr_err("virtio: %s: no memory for queue %u\n", d->name, index);
		return NULL;
	}
	vq->dev = d;
	vq->index = index;
	vq->callback = cb;
	vq->priv = priv;
	d->vqs[index] = vq;
	if (index >= d->nvqs)
		d->nvqs = index + 1;
	rc = d->transport->queue_enable(d, vq);
	if (rc) {
		pr_err("virtio: %s: cannot enable queue %u (%d)\n", d->name, index, rc);
		d->vqs[index] = NULL;
		virtq_destroy(vq);
		kfree(vq);
		return NULL;
	}
	return vq;
}

u64 virtio_config_read(struct virtio_dev *d, unsigned off, unsigned len)
{
	u32 gen;
	u64 v;

	/* A value wider than the device's atomic access is re-read until the
	 * generation shows no change happened in between (2.4.1). */
	do {
		gen = d->transport->config_generation(d);
		v = d->transport->config_read(d, off, len);
	} while (gen != d->transport->config_generation(d));
	return v;
}

void virtio_vq_interrupt(struct virtqueue *vq)
{
	vq->interrupts++;
	if (vq->callback)
		vq->callback(vq);
}

void virtio_config_interrupt(struct virtio_dev *d)
{
	d->config_changes++;
	if (d->transport->status_get(d) & VIRTIO_STATUS_DEVICE_NEEDS_RESET)
		pr_err("virtio: %s: the device says it needs a reset; its requests may stall\n",
		       d->name);
	if (d->driver && d->driver->config_changed)
		d->driver->config_changed(d);
}

void virtio_isr_dispatch(struct virtio_dev *d, u32 isr)
{
	unsigned i;

	d->interrupts++;
	if (isr & VIRTIO_ISR_CONFIG)
		virtio_config_interrupt(d);
	if (isr & VIRTIO_ISR_QUEUE)
		for (i = 0; i < d->nvqs; i++)
			if (d->vqs[i])
				virtio_vq_interrupt(d->vqs[i]);
}

/* Both transports map the device configuration as memory; an 8-byte
 * field is read as two 4-byte halves, which is all virtio 1.x promises. */
u64 virtio_cfg_read(volatile u8 *p, unsigned len)
{
	switch (len) {
	case 1: return *p;
	case 2: return *(volatile u16 *)p;
	case 4: return *(volatile u32 *)p;
	default: return *(volatile u32 *)p | (u64)*(volatile u32 *)(p + 4) << 32;
	}
}

void virtio_cfg_write(volatile u8 *p, unsigned len, u64 v)
{
	if (len == 1)
		*p = (u8)v;
	else if (len == 2)
		*(volatile u16 *)p = (u16)v;
	else
		*(volatile u32 *)p = (u32)v;
}
