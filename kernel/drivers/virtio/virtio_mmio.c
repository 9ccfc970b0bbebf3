/*
 * virtio_mmio.c — the virtio MMIO transport, version 2 (virtio 1.1,
 * 4.2.2): one register window per device, found from the kernel command
 * line as Linux takes it, `virtio_mmio.device=SIZE@BASE:IRQ[:ID]`, the
 * form QEMU's microvm appends for each of its slots.  A slot whose
 * DeviceID reads 0 is empty.  Version 1 is the legacy layout (QEMU's
 * default unless `-global virtio-mmio.force-legacy=false`), which is not
 * driven.
 *
 * The interrupt is an IO-APIC input held high while InterruptStatus is
 * non-zero; the handler acknowledges what it read, which lowers it.
 */
#include "virtio.h"
#include "dev/isa_irq.h"
#include "initcall.h"
#include "irq.h"
#include "mm.h"
#include "options.h"
#include "printk.h"
#include "errno.h"
#include "lib/cmdline.h"
#include "lib/fmt.h"
#include <string.h>

#define MMIO_SLOTS_MAX 16

struct mmio_slot {
	u64 base, size;
	u32 irq;
};

struct virtio_mmio {
	struct virtio_dev vdev;
	volatile u8 *regs;
	u64 size;
	char where[32];
};

static struct mmio_slot slots[MMIO_SLOTS_MAX];
static unsigned nr_slots;

/* SIZE@BASE:IRQ, with an optional :ID that Linux uses for the device's
 * platform id and that means nothing here. */
static bool mmio_parse(const struct kopt *k, const struct cmdline_opt *o, char *err, size_t errlen)
{
	const char *v = o->value, *end = v + o->valuelen, *at, *colon, *colon2;
	u64 size, base, irq;

	(void)k;
	at = v ? memchr(v, '@', o->valuelen) : NULL;
	colon = at ? memchr(at, ':', (size_t)(end - at)) : NULL;
	colon2 = colon ? memchr(colon + 1, ':', (size_t)(end - colon - 1)) : NULL;
	if (!colon2)
		colon2 = end;
	if (!colon || cmdline_parse_u64(v, (size_t)(at - v), &size) != CMDLINE_OK ||
	    cmdline_parse_u64(at + 1, (size_t)(colon - at - 1), &base) != CMDLINE_OK ||
	    cmdline_parse_u64(colon + 1, (size_t)(colon2 - colon - 1), &irq) != CMDLINE_OK ||
	    size < VIRTIO_MMIO_CONFIG || irq > 255) {
		fmt_snprintf(err, errlen, "virtio_mmio.device wants SIZE@BASE:IRQ, not '%.*s'",
			     (int)o->valuelen, v ? v : "");
		return false;
	}
	if (nr_slots == MMIO_SLOTS_MAX) {
		fmt_snprintf(err, errlen, "virtio_mmio.device: more than %u slots", MMIO_SLOTS_MAX);
		return false;
	}
	slots[nr_slots++] = (struct mmio_slot){ .base = base, .size = size, .irq = (u32)irq };
	return true;
}
KOPT_APPENDED_(virtio_mmio_device, "virtio_mmio.device", mmio_parse, slots, sizeof(slots),
	       "a virtio-mmio device: SIZE@BASE:IRQ (may be repeated; also taken from the end of "
	       "init's arguments, where QEMU's microvm appends it)");

static struct virtio_mmio *vm_of(struct virtio_dev *d) { return d->transport_priv; }
static u32 rd(struct virtio_mmio *vm, unsigned reg) { return *(volatile u32 *)(vm->regs + reg); }
static void wr(struct virtio_mmio *vm, unsigned reg, u32 v) { *(volatile u32 *)(vm->regs + reg) = v; }

static void vm_reset(struct virtio_dev *d)
{
	struct virtio_mmio *vm = vm_of(d);
	unsigned i;

	wr(vm, VIRTIO_MMIO_STATUS, 0);
	for (i = 0; i < 1000000 && rd(vm, VIRTIO_MMIO_STATUS); i++)
		__asm__ __volatile__("pause");
	if (rd(vm, VIRTIO_MMIO_STATUS))
		pr_err("virtio: %s: the device does not finish its reset\n", d->name);
}

static u8 vm_status_get(struct virtio_dev *d) { return (u8)rd(vm_of(d), VIRTIO_MMIO_STATUS); }
static void vm_status_set(struct virtio_dev *d, u8 s) { wr(vm_of(d), VIRTIO_MMIO_STATUS, s); }

static u64 vm_features_get(struct virtio_dev *d)
{
	struct virtio_mmio *vm = vm_of(d);
	u64 f;

	wr(vm, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	f = rd(vm, VIRTIO_MMIO_DEVICE_FEATURES);
	wr(vm, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	return f | (u64)rd(vm, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
}

static void vm_features_set(struct virtio_dev *d, u64 f)
{
	struct virtio_mmio *vm = vm_of(d);

	wr(vm, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(vm, VIRTIO_MMIO_DRIVER_FEATURES, (u32)f);
	wr(vm, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(vm, VIRTIO_MMIO_DRIVER_FEATURES, (u32)(f >> 32));
}

static u64 vm_config_read(struct virtio_dev *d, unsigned off, unsigned len)
{
	struct virtio_mmio *vm = vm_of(d);
	volatile u8 *p = vm->regs + VIRTIO_MMIO_CONFIG + off;

	if (VIRTIO_MMIO_CONFIG + off + len > vm->size)
		return 0;
	return virtio_cfg_read(p, len);
}

static void vm_config_write(struct virtio_dev *d, unsigned off, unsigned len, u64 v)
{
	struct virtio_mmio *vm = vm_of(d);
	volatile u8 *p = vm->regs + VIRTIO_MMIO_CONFIG + off;

	if (VIRTIO_MMIO_CONFIG + off + len > vm->size)
		return;
	virtio_cfg_write(p, len, v);
}

static u32 vm_config_generation(struct virtio_dev *d)
{
	return rd(vm_of(d), VIRTIO_MMIO_CONFIG_GENERATION);
}

static u16 vm_queue_max(struct virtio_dev *d, unsigned index)
{
	struct virtio_mmio *vm = vm_of(d);
	u32 max;

	wr(vm, VIRTIO_MMIO_QUEUE_SEL, index);
	if (rd(vm, VIRTIO_MMIO_QUEUE_READY))
		return 0;                    /* in use already: not ours to set up */
	max = rd(vm, VIRTIO_MMIO_QUEUE_NUM_MAX);
	return (u16)MIN(max, VIRTQ_SIZE_MAX);
}

static int vm_queue_enable(struct virtio_dev *d, struct virtqueue *vq)
{
	struct virtio_mmio *vm = vm_of(d);

	wr(vm, VIRTIO_MMIO_QUEUE_SEL, vq->index);
	wr(vm, VIRTIO_MMIO_QUEUE_NUM, vq->size);
	wr(vm, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)vq->desc_pa);
	wr(vm, VIRTIO_MMIO_QUEUE_DESC_HIGH, (u32)(vq->desc_pa >> 32));
	wr(vm, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (u32)vq->avail_pa);
	wr(vm, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (u32)(vq->avail_pa >> 32));
	wr(vm, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (u32)vq->used_pa);
	wr(vm, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (u32)(vq->used_pa >> 32));
	wr(vm, VIRTIO_MMIO_QUEUE_READY, 1);
	return rd(vm, VIRTIO_MMIO_QUEUE_READY) ? 0 : -EIO;
}

static void vm_queue_notify(struct virtqueue *vq)
{
	wr(vm_of(vq->dev), VIRTIO_MMIO_QUEUE_NOTIFY, vq->index);
}

static const struct virtio_transport virtio_mmio_transport = {
	.name = "mmio",
	.reset = vm_reset,
	.status_get = vm_status_get,
	.status_set = vm_status_set,
	.features_get = vm_features_get,
	.features_set = vm_features_set,
	.config_read = vm_config_read,
	.config_write = vm_config_write,
	.config_generation = vm_config_generation,
	.queue_max = vm_queue_max,
	.queue_enable = vm_queue_enable,
	.queue_notify = vm_queue_notify,
};

static void vm_interrupt(unsigned irq, void *arg)
{
	struct virtio_mmio *vm = arg;
	u32 isr = rd(vm, VIRTIO_MMIO_INTERRUPT_STATUS);

	(void)irq;
	wr(vm, VIRTIO_MMIO_INTERRUPT_ACK, isr);
	virtio_isr_dispatch(&vm->vdev, isr);
}

static void slot_probe(const struct mmio_slot *s)
{
	struct virtio_mmio *vm;
	u32 magic, version, id;
	int irq;

	vm = kzalloc(sizeof(*vm));
	if (!vm)
		return;
	vm->regs = ioremap(s->base, s->size);
	vm->size = s->size;
	fmt_snprintf(vm->where, sizeof(vm->where), "mmio %#llx", (unsigned long long)s->base);
	magic = rd(vm, VIRTIO_MMIO_MAGIC_VALUE);
	version = rd(vm, VIRTIO_MMIO_VERSION);
	id = rd(vm, VIRTIO_MMIO_DEVICE_ID);
	if (magic != VIRTIO_MMIO_MAGIC) {
		pr_err("virtio: %s: no virtio-mmio device (magic %#x)\n", vm->where, magic);
		goto drop;
	}
	if (id == 0)
		goto drop;                   /* an empty slot */
	if (version != 2) {
		pr_err("virtio: %s: virtio-mmio version %u, only version 2 is driven (QEMU: "
		       "-global virtio-mmio.force-legacy=false)\n", vm->where, version);
		goto drop;
	}
	vm->vdev.type = id;
	vm->vdev.transport = &virtio_mmio_transport;
	vm->vdev.transport_priv = vm;
	vm->vdev.where = vm->where;
	virtio_dev_name(&vm->vdev);
	irq = gsi_irq_alloc(s->irq, true, false, vm->vdev.name);
	if (irq == IRQ_NONE || irq_request((unsigned)irq, vm_interrupt, vm)) {
		pr_err("virtio: %s (%s): cannot have irq %u; device left alone\n", vm->vdev.name,
		       vm->where, s->irq);
		return;
	}
	virtio_dev_add(&vm->vdev);
	return;
drop:
	kfree(vm);   /* the mapping stays: ioremap windows are never reused */
}

static void virtio_mmio_init(void)
{
	unsigned i;

	for (i = 0; i < nr_slots; i++)
		slot_probe(&slots[i]);
}
DEVICE_INIT(INIT_BUS, virtio_mmio_init);
