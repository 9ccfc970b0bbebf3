/*
 * test_virtqueue.c — a split virtqueue against a device played in memory:
 * the test reads the available ring as a device would and writes the used
 * ring, honestly and not: used ids that name nothing in flight, lengths
 * past the buffer, an index a whole ring ahead.  Also what the driver
 * notifies, with EVENT_IDX and with the flags, and indirect tables.
 */
#include "ktest.h"
#include "virtio.h"
#include "pv/ops.h"
#include "mm.h"
#include "errno.h"
#include <string.h>

static unsigned kt_notified;

static void kt_notify(struct virtqueue *vq)
{
	(void)vq;
	kt_notified++;
}

static const struct virtio_transport kt_transport = { .name = "ktest", .queue_notify = kt_notify };
static struct virtio_dev kt_vdev = { .name = "vq-test", .transport = &kt_transport };

static bool vq_setup(struct ktest_ctx *t, struct virtqueue *vq, u16 size, bool event_idx,
		     bool indirect)
{
	memset(vq, 0, sizeof(*vq));
	vq->dev = &kt_vdev;
	kt_notified = 0;
	if (virtq_init(vq, size, event_idx, indirect)) {
		ktest_fail(t, __FILE__, __LINE__, "virtq_init failed");
		return false;
	}
	return true;
}

/* The device's view: the head of the k-th buffer made available. */
static u16 dev_avail(struct virtqueue *vq, u16 k)
{
	return vq->avail->ring[k & (vq->size - 1)];
}

/* The device reports head as used with len bytes written. */
static void dev_use(struct virtqueue *vq, u32 head, u32 len)
{
	u16 i = vq->used->idx;

	vq->used->ring[i & (vq->size - 1)].id = head;
	vq->used->ring[i & (vq->size - 1)].len = len;
	__asm__ __volatile__("" ::: "memory");
	vq->used->idx = (u16)(i + 1);
}

static u8 bufs[4][64];

static int add2(struct virtqueue *vq, unsigned b)
{
	struct virtq_sg sg[2] = { { bufs[b], 16 }, { bufs[b] + 16, 48 } };
	u64 fl = irq_save();
	int rc = virtq_add(vq, sg, 1, 1, bufs[b]);

	virtq_kick(vq);
	irq_restore(fl);
	return rc;
}

static void *get(struct virtqueue *vq, u32 *len)
{
	u64 fl = irq_save();
	void *tok = virtq_get_used(vq, len);

	irq_restore(fl);
	return tok;
}

KTEST(virtq_round_trip, "buffers come back with their tokens and lengths in the device's order, descriptors all returned")
{
	struct virtqueue vq;
	u32 len = 0;
	u16 h0, h1, h2;

	if (!vq_setup(t, &vq, 8, false, false))
		return;
	KT_ASSERT(t, add2(&vq, 0) == 0 && add2(&vq, 1) == 0 && add2(&vq, 2) == 0);
	KT_EXPECT_EQ(t, virtq_free(&vq), 8 - 6);
	KT_EXPECT_EQ(t, vq.avail->idx, 3);
	h0 = dev_avail(&vq, 0), h1 = dev_avail(&vq, 1), h2 = dev_avail(&vq, 2);
	KT_EXPECT(t, vq.desc[h0].flags & VIRTQ_DESC_F_NEXT);
	KT_EXPECT(t, vq.desc[vq.desc[h0].next].flags & VIRTQ_DESC_F_WRITE);
	KT_EXPECT_EQ(t, vq.desc[vq.desc[h0].next].len, 48);
	dev_use(&vq, h2, 40);
	dev_use(&vq, h0, 48);
	KT_EXPECT(t, get(&vq, &len) == bufs[2] && len == 40);
	KT_EXPECT(t, get(&vq, &len) == bufs[0] && len == 48);
	KT_EXPECT(t, get(&vq, &len) == NULL);
	dev_use(&vq, h1, 0);
	KT_EXPECT(t, get(&vq, &len) == bufs[1] && len == 0);
	KT_EXPECT_EQ(t, virtq_free(&vq), 8);
	KT_EXPECT_EQ(t, vq.bad, 0);
	virtq_destroy(&vq);
}

KTEST(virtq_lying_device, "a used id in flight nowhere is ignored, a length past the buffer clamped, a runaway index breaks the queue")
{
	struct virtqueue vq;
	u32 len = 0;
	u16 h0;

	if (!vq_setup(t, &vq, 8, false, false))
		return;
	KT_ASSERT(t, add2(&vq, 0) == 0);
	h0 = dev_avail(&vq, 0);
	dev_use(&vq, 5000, 1);                    /* out of range */
	dev_use(&vq, (u32)((h0 + 3) % 8), 1);     /* a free descriptor */
	dev_use(&vq, h0, 4096);                   /* more than the 48 writable bytes */
	KT_EXPECT(t, get(&vq, &len) == bufs[0]);
	KT_EXPECT_EQ(t, len, 48);
	KT_EXPECT_EQ(t, vq.bad, 3);
	/* The same head again: no longer in flight. */
	dev_use(&vq, h0, 1);
	KT_EXPECT(t, get(&vq, &len) == NULL);
	KT_EXPECT_EQ(t, vq.bad, 4);
	KT_EXPECT_EQ(t, virtq_free(&vq), 8);
	/* An index a whole ring and more ahead: nothing believed, queue broken. */
	KT_ASSERT(t, add2(&vq, 1) == 0);
	vq.used->idx = (u16)(vq.used->idx + 9);
	KT_EXPECT(t, get(&vq, &len) == NULL);
	KT_EXPECT(t, vq.broken);
	KT_EXPECT_EQ(t, add2(&vq, 2), -EIO);
	virtq_destroy(&vq);
}

KTEST(virtq_notify_suppression, "the driver notifies only when the device asked: avail_event with EVENT_IDX, NO_NOTIFY without")
{
	struct virtqueue vq;
	volatile u16 *avail_event;

	if (!vq_setup(t, &vq, 8, true, false))
		return;
	avail_event = (volatile u16 *)&vq.used->ring[vq.size];
	*avail_event = 0;                         /* wants to hear of buffer 0 */
	KT_ASSERT(t, add2(&vq, 0) == 0);
	KT_EXPECT_EQ(t, kt_notified, 1);
	KT_ASSERT(t, add2(&vq, 1) == 0);          /* index 1 is past what it asked for */
	KT_EXPECT_EQ(t, kt_notified, 1);
	KT_EXPECT_EQ(t, vq.kicks_suppressed, 1);
	*avail_event = 2;                         /* now it wants index 2's */
	KT_ASSERT(t, add2(&vq, 2) == 0);
	KT_EXPECT_EQ(t, kt_notified, 2);
	virtq_destroy(&vq);

	if (!vq_setup(t, &vq, 8, false, false))
		return;
	vq.used->flags = VIRTQ_USED_F_NO_NOTIFY;
	KT_ASSERT(t, add2(&vq, 0) == 0);
	KT_EXPECT_EQ(t, kt_notified, 0);
	vq.used->flags = 0;
	KT_ASSERT(t, add2(&vq, 1) == 0);
	KT_EXPECT_EQ(t, kt_notified, 1);
	virtq_destroy(&vq);
}

KTEST(virtq_indirect, "with INDIRECT_DESC a buffer of several parts takes one ring descriptor")
{
	struct virtqueue vq;
	struct virtq_desc *table;
	u32 len = 0;
	u16 h;

	if (!vq_setup(t, &vq, 4, false, true))
		return;
	KT_ASSERT(t, add2(&vq, 0) == 0 && add2(&vq, 1) == 0 && add2(&vq, 2) == 0 && add2(&vq, 3) == 0);
	KT_EXPECT_EQ(t, virtq_free(&vq), 0);
	h = dev_avail(&vq, 0);
	KT_EXPECT(t, vq.desc[h].flags & VIRTQ_DESC_F_INDIRECT);
	KT_EXPECT_EQ(t, vq.desc[h].len, 2 * sizeof(struct virtq_desc));
	table = phys_to_virt(vq.desc[h].addr);
	KT_EXPECT(t, table[0].len == 16 && (table[0].flags & VIRTQ_DESC_F_NEXT) && table[0].next == 1);
	KT_EXPECT(t, table[1].len == 48 && (table[1].flags & VIRTQ_DESC_F_WRITE));
	dev_use(&vq, h, 8);
	KT_EXPECT(t, get(&vq, &len) == bufs[0] && len == 8);
	KT_EXPECT_EQ(t, virtq_free(&vq), 1);
	virtq_destroy(&vq);
}
