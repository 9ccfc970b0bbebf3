/*
 * virtio_pci.c — the modern virtio PCI transport (virtio 1.1, 4.1).  The
 * device describes four structures with vendor capabilities, each a
 * window into one of its BARs: the common configuration (features,
 * status, queue setup), the notification area (a queue is kicked by
 * writing its index at notify_off * multiplier), the ISR status byte
 * (read to acknowledge INTx) and the device-specific configuration.
 *
 * Interrupts: with MSI-X, entry 0 is the configuration's and entry 1 + i
 * queue i's while the table lasts; queues past it share the last entry,
 * and a one-entry table carries everything.  Without MSI-X, the INTx line
 * and the ISR byte.  Transitional devices (ids 0x1000..0x103f) are driven
 * through their modern interface when they have one.
 */
#include "virtio.h"
#include "dev/pci.h"
#include "irq.h"
#include "mm.h"
#include "printk.h"
#include "errno.h"
#include "lib/fmt.h"
#include "options.h"

struct virtio_pci {
	struct virtio_dev vdev;
	struct pci_dev *pd;
	volatile struct virtio_pci_common_cfg *common;
	volatile u8 *notify_base;
	u32 notify_mult, notify_len;
	volatile u8 *isr;
	volatile u8 *device_cfg;
	u32 device_cfg_len;
	unsigned msix_entries;             /* 0: INTx */
	u8 vq_entry[VIRTIO_MAX_VQS];
	char irq_name[VIRTIO_MAX_VQS + 1][16];
};

static bool msix_on = true;
KOPT_BOOL(virtio_pci_msix, "virtio_pci.msix", msix_on,
	  "0: use the INTx line even when a device has MSI-X");

static struct virtio_pci *vp_of(struct virtio_dev *d) { return d->transport_priv; }

static void vp_reset(struct virtio_dev *d)
{
	struct virtio_pci *vp = vp_of(d);
	unsigned i;

	vp->common->device_status = 0;
	/* The device is reset when status reads 0 again (4.1.4.3.2). */
	for (i = 0; i < 1000000 && vp->common->device_status; i++)
		__asm__ __volatile__("pause");
	if (vp->common->device_status)
		pr_err("virtio: %s: the device does not finish its reset\n", d->name);
}

static u8 vp_status_get(struct virtio_dev *d) { return vp_of(d)->common->device_status; }
static void vp_status_set(struct virtio_dev *d, u8 s) { vp_of(d)->common->device_status = s; }

static u64 vp_features_get(struct virtio_dev *d)
{
	volatile struct virtio_pci_common_cfg *c = vp_of(d)->common;
	u64 f;

	c->device_feature_select = 0;
	f = c->device_feature;
	c->device_feature_select = 1;
	return f | (u64)c->device_feature << 32;
}

static void vp_features_set(struct virtio_dev *d, u64 f)
{
	volatile struct virtio_pci_common_cfg *c = vp_of(d)->common;

	c->driver_feature_select = 0;
	c->driver_feature = (u32)f;
	c->driver_feature_select = 1;
	c->driver_feature = (u32)(f >> 32);
}

static u64 vp_config_read(struct virtio_dev *d, unsigned off, unsigned len)
{
	struct virtio_pci *vp = vp_of(d);
	volatile u8 *p = vp->device_cfg + off;

	if (!vp->device_cfg || off + len > vp->device_cfg_len)
		return 0;
	return virtio_cfg_read(p, len);
}

static void vp_config_write(struct virtio_dev *d, unsigned off, unsigned len, u64 v)
{
	struct virtio_pci *vp = vp_of(d);
	volatile u8 *p = vp->device_cfg + off;

	if (!vp->device_cfg || off + len > vp->device_cfg_len)
		return;
	virtio_cfg_write(p, len, v);
}

static u32 vp_config_generation(struct virtio_dev *d) { return vp_of(d)->common->config_generation; }

static u16 vp_queue_max(struct virtio_dev *d, unsigned index)
{
	volatile struct virtio_pci_common_cfg *c = vp_of(d)->common;

	if (index >= c->num_queues)
		return 0;
	c->queue_select = (u16)index;
	return c->queue_size;
}

static int vp_queue_enable(struct virtio_dev *d, struct virtqueue *vq)
{
	struct virtio_pci *vp = vp_of(d);
	volatile struct virtio_pci_common_cfg *c = vp->common;
	u64 off;

	c->queue_select = (u16)vq->index;
	c->queue_size = vq->size;
	if (vp->msix_entries) {
		c->queue_msix_vector = vp->vq_entry[vq->index];
		if (c->queue_msix_vector != vp->vq_entry[vq->index])
			return -EIO;             /* the device could not take the vector */
	}
	c->queue_desc = vq->desc_pa;
	c->queue_driver = vq->avail_pa;
	c->queue_device = vq->used_pa;
	off = (u64)c->queue_notify_off * vp->notify_mult;
	if (off + 2 > vp->notify_len)
		return -EINVAL;
	vq->transport_priv = (void *)(vp->notify_base + off);
	c->queue_enable = 1;
	return 0;
}

static void vp_queue_notify(struct virtqueue *vq)
{
	*(volatile u16 *)vq->transport_priv = (u16)vq->index;
}

static const struct virtio_transport virtio_pci_transport = {
	.name = "pci",
	.reset = vp_reset,
	.status_get = vp_status_get,
	.status_set = vp_status_set,
	.features_get = vp_features_get,
	.features_set = vp_features_set,
	.config_read = vp_config_read,
	.config_write = vp_config_write,
	.config_generation = vp_config_generation,
	.queue_max = vp_queue_max,
	.queue_enable = vp_queue_enable,
	.queue_notify = vp_queue_notify,
};

/* ---- interrupts ---- */

static void vp_intx(unsigned irq, void *arg)
{
	struct virtio_pci *vp = arg;

	(void)irq;
	virtio_isr_dispatch(&vp->vdev, *vp->isr);   /* reading acknowledges */
}

/* arg encodes the entry: vp + entry would not be a pointer, so the
 * handler gets vp and finds its entry through the irq's hwirq. */
static void vp_msix(unsigned irq, void *arg)
{
	struct virtio_pci *vp = arg;
	unsigned entry = irq_desc(irq)->hwirq, i;

	vp->vdev.interrupts++;
	if (entry == 0)
		virtio_config_interrupt(&vp->vdev);
	for (i = 0; i < vp->vdev.nvqs; i++)
		if (vp->vdev.vqs[i] && vp->vq_entry[i] == entry)
			virtio_vq_interrupt(vp->vdev.vqs[i]);
}

static bool irqs_setup(struct virtio_pci *vp)
{
	unsigned n = msix_on ? pci_msix_enable(vp->pd) : 0, e, i;
	int irq;

	if (n) {
		n = MIN(n, VIRTIO_MAX_VQS + 1);
		for (e = 0; e < n; e++) {
			fmt_snprintf(vp->irq_name[e], sizeof(vp->irq_name[e]), "%s-%u",
				     vp->vdev.name, e);
			irq = pci_msix_irq(vp->pd, e, vp->irq_name[e]);
			if (irq == IRQ_NONE || irq_request((unsigned)irq, vp_msix, vp)) {
				pr_err("virtio: %s: no irq for MSI-X entry %u\n", vp->vdev.name, e);
				return false;
			}
		}
		for (i = 0; i < VIRTIO_MAX_VQS; i++)
			vp->vq_entry[i] = (u8)(n == 1 ? 0 : MIN(1 + i, n - 1));
		vp->common->config_msix_vector = 0;
		if (vp->common->config_msix_vector != 0)
			pr_warn("virtio: %s: no configuration interrupt (vector refused)\n",
				vp->vdev.name);
		vp->msix_entries = n;
		return true;
	}
	fmt_snprintf(vp->irq_name[0], sizeof(vp->irq_name[0]), "%s", vp->vdev.name);
	irq = pci_intx_irq(vp->pd, vp->irq_name[0]);
	return irq != IRQ_NONE && irq_request((unsigned)irq, vp_intx, vp) == 0;
}

/* ---- finding the structures ---- */

static volatile void *cap_map(struct virtio_pci *vp, u8 cap, u32 min_len, u32 *len_out)
{
	struct pci_dev *pd = vp->pd;
	u8 bar = (u8)pci_config_read(pd, cap + 4u, 1);
	u32 off = pci_config_read(pd, cap + 8u, 4), len = pci_config_read(pd, cap + 12u, 4);

	if (len < min_len) {
		pr_err("virtio: %s: a capability of %u bytes where %u are needed\n", pd->where,
		       len, min_len);
		return NULL;
	}
	if (len_out)
		*len_out = len;
	return pci_bar_map(pd, bar, off, len);
}

static bool caps_find(struct virtio_pci *vp)
{
	struct pci_dev *pd = vp->pd;
	u8 cap = 0;

	while ((cap = pci_cap_find(pd, PCI_CAP_ID_VNDR, cap)) != 0) {
		u8 type = (u8)pci_config_read(pd, cap + 3u, 1);

		/* The first capability of each type is the one to use (4.1.4). */
		if (type == VIRTIO_PCI_CAP_COMMON_CFG && !vp->common)
			vp->common = cap_map(vp, cap, sizeof(struct virtio_pci_common_cfg), NULL);
		else if (type == VIRTIO_PCI_CAP_NOTIFY_CFG && !vp->notify_base) {
			vp->notify_mult = pci_config_read(pd, cap + VIRTIO_PCI_NOTIFY_MULTIPLIER_OFF, 4);
			vp->notify_base = cap_map(vp, cap, 2, &vp->notify_len);
		} else if (type == VIRTIO_PCI_CAP_ISR_CFG && !vp->isr)
			vp->isr = cap_map(vp, cap, 1, NULL);
		else if (type == VIRTIO_PCI_CAP_DEVICE_CFG && !vp->device_cfg)
			vp->device_cfg = cap_map(vp, cap, 1, &vp->device_cfg_len);
	}
	return vp->common && vp->notify_base && vp->isr;
}

static int virtio_pci_probe(struct pci_dev *pd)
{
	struct virtio_pci *vp;

	if (pd->device < VIRTIO_PCI_DEVICE_TRANS_FIRST)
		return -ENODEV;
	vp = kzalloc(sizeof(*vp));
	if (!vp)
		return -ENOMEM;
	vp->pd = pd;
	vp->vdev.type = pd->device >= VIRTIO_PCI_DEVICE_MODERN ?
		pd->device - VIRTIO_PCI_DEVICE_MODERN : pd->subsys_device;
	vp->vdev.transport = &virtio_pci_transport;
	vp->vdev.transport_priv = vp;
	vp->vdev.where = pd->where;
	pci_enable(pd);
	if (!caps_find(vp)) {
		pr_err("virtio: pci %s: no modern (1.x) interface; legacy devices are not driven\n",
		       pd->where);
		kfree(vp);
		return -ENODEV;
	}
	pd->priv = vp;
	/* The name irqs_setup gives the irqs is virtio_dev_add's: take it first. */
	virtio_dev_name(&vp->vdev);
	if (!irqs_setup(vp)) {
		pr_err("virtio: %s (pci %s): no interrupt; device left alone\n", vp->vdev.name,
		       pd->where);
		return -EIO;
	}
	virtio_dev_add(&vp->vdev);
	return 0;
}

static const struct pci_driver virtio_pci_driver = {
	.name = "virtio-pci",
	.vendor = VIRTIO_PCI_VENDOR,
	.device_first = VIRTIO_PCI_DEVICE_TRANS_FIRST,
	.device_last = 0x107f,
	.probe = virtio_pci_probe,
};
PCI_DRIVER(virtio_pci_driver);
