/*
 * virtqueue.c — split virtqueues (virtio 1.1, 2.6): the driver's side of
 * the descriptor table, the available ring it fills and the used ring the
 * device fills.
 *
 * Free descriptors form a list through our own shadow of the next fields
 * (slots[]), never through the table the device can see, so a device that
 * scribbles on the table cannot send the driver round a loop.  Each head
 * in flight remembers its token, how many descriptors it holds and how
 * many bytes the device may write; a used entry is checked against that
 * before anything is believed.
 *
 * Notification suppression, both ways (2.6.7, 2.6.8): with EVENT_IDX the
 * driver notifies only when the new available index passes the device's
 * avail_event, and tells the device through used_event the used index
 * after which it wants its next interrupt; without it, the
 * VIRTQ_USED_F_NO_NOTIFY and VIRTQ_AVAIL_F_NO_INTERRUPT flags.
 *
 * Ordering: x86 keeps stores in order and loads in order, so a compiler
 * barrier separates filling descriptors from publishing the index; only
 * the store of avail->idx followed by the load of avail_event (and the
 * store of used_event followed by the load of used->idx) needs mfence.
 */
#include "virtio.h"
#include "mm.h"
#include "printk.h"
#include "errno.h"
#include <string.h>

struct virtq_slot {
	void *token;                 /* non-NULL on the head of a buffer in flight */
	void *indirect;              /* its indirect table, or NULL */
	u16 ndesc;                   /* descriptors the buffer holds in the ring */
	u16 next;                    /* the free list / the chain, our copy */
	u32 in_len;                  /* bytes the device may write */
};

#define mb() __asm__ __volatile__("mfence" ::: "memory")

static volatile u16 *used_event(struct virtqueue *vq) { return &vq->avail->ring[vq->size]; }
static volatile u16 *avail_event(struct virtqueue *vq)
{
	return (volatile u16 *)&vq->used->ring[vq->size];
}

int virtq_init(struct virtqueue *vq, u16 size, bool event_idx, bool indirect)
{
	u64 desc_bytes = 16ull * size, avail_bytes = 6ull + 2ull * size;
	u64 used_off = ALIGN_UP(desc_bytes + avail_bytes, PAGE_SIZE);
	u64 total = used_off + ALIGN_UP(6ull + 8ull * size, PAGE_SIZE);
	u8 *base;
	unsigned i;

	if (size == 0 || (size & (size - 1)) || size > VIRTQ_SIZE_MAX)
		return -EINVAL;
	vq->ring_pages = (unsigned)(total / PAGE_SIZE);
	vq->ring_pa = frame_alloc_contig(vq->ring_pages);
	if (!vq->ring_pa)
		return -ENOMEM;
	vq->slots = kzalloc(sizeof(*vq->slots) * size);
	if (!vq->slots) {
		frame_free_contig(vq->ring_pa, vq->ring_pages);
		return -ENOMEM;
	}
	base = phys_to_virt(vq->ring_pa);
	memset(base, 0, total);
	vq->size = size;
	vq->desc = (volatile struct virtq_desc *)base;
	vq->avail = (volatile struct virtq_avail *)(base + desc_bytes);
	vq->used = (volatile struct virtq_used *)(base + used_off);
	vq->desc_pa = vq->ring_pa;
	vq->avail_pa = vq->ring_pa + desc_bytes;
	vq->used_pa = vq->ring_pa + used_off;
	for (i = 0; i < size; i++)
		vq->slots[i].next = (u16)(i + 1);
	vq->free_head = 0;
	vq->num_free = size;
	vq->avail_idx = vq->last_used = vq->kicked_idx = 0;
	vq->event_idx = event_idx;
	vq->indirect = indirect;
	vq->cb_enabled = true;
	vq->broken = false;
	return 0;
}

void virtq_destroy(struct virtqueue *vq)
{
	unsigned i;

	if (!vq->slots)
		return;
	for (i = 0; i < vq->size; i++)
		if (vq->slots[i].indirect)
			kfree(vq->slots[i].indirect);
	kfree(vq->slots);
	vq->slots = NULL;
	frame_free_contig(vq->ring_pa, vq->ring_pages);
}

static void desc_fill(volatile struct virtq_desc *d, const struct virtq_sg *sg, bool write)
{
	d->addr = virt_to_phys(sg->buf);
	d->len = sg->len;
	d->flags = write ? VIRTQ_DESC_F_WRITE : 0;
}

int virtq_add(struct virtqueue *vq, const struct virtq_sg *sg, unsigned nout, unsigned nin,
	      void *token)
{
	unsigned n = nout + nin, i;
	u16 head, cur = 0, prev = 0;
	u32 in_len = 0;
	struct virtq_desc *table = NULL;

	if (vq->broken)
		return -EIO;
	if (n == 0 || !token)
		return -EINVAL;
	for (i = nout; i < n; i++)
		in_len += sg[i].len;
	if (vq->indirect && n > 1 && vq->num_free >= 1)
		table = kmalloc(sizeof(*table) * n);
	if (!table && vq->num_free < n)
		return -ENOSPC;
	head = vq->free_head;
	if (table) {
		for (i = 0; i < n; i++) {
			desc_fill(&table[i], &sg[i], i >= nout);
			table[i].next = (u16)(i + 1);
			if (i + 1 < n)
				table[i].flags |= VIRTQ_DESC_F_NEXT;
		}
		vq->desc[head].addr = virt_to_phys(table);
		vq->desc[head].len = (u32)(sizeof(*table) * n);
		vq->desc[head].flags = VIRTQ_DESC_F_INDIRECT;
		vq->free_head = vq->slots[head].next;
		vq->slots[head].ndesc = 1;
	} else {
		cur = head;
		for (i = 0; i < n; i++) {
			desc_fill(&vq->desc[cur], &sg[i], i >= nout);
			if (i > 0) {
				vq->desc[prev].flags |= VIRTQ_DESC_F_NEXT;
				vq->desc[prev].next = cur;
			}
			prev = cur;
			cur = vq->slots[cur].next;
		}
		vq->free_head = cur;
		vq->slots[head].ndesc = (u16)n;
	}
	vq->num_free = (u16)(vq->num_free - vq->slots[head].ndesc);
	vq->slots[head].token = token;
	vq->slots[head].indirect = table;
	vq->slots[head].in_len = in_len;
	vq->avail->ring[vq->avail_idx & (vq->size - 1)] = head;
	barrier();                   /* the entry before the index that shows it */
	vq->avail_idx++;
	WRITE_ONCE(vq->avail->idx, vq->avail_idx);
	vq->added++;
	return 0;
}

void virtq_kick(struct virtqueue *vq)
{
	u16 old = vq->kicked_idx, new = vq->avail_idx;
	bool need;

	if (old == new)
		return;
	mb();                        /* avail->idx out before reading what the device wants */
	if (vq->event_idx)
		need = (u16)(new - *avail_event(vq) - 1) < (u16)(new - old);
	else
		need = !(vq->used->flags & VIRTQ_USED_F_NO_NOTIFY);
	vq->kicked_idx = new;
	if (need) {
		vq->kicks++;
		vq->dev->transport->queue_notify(vq);
	} else {
		vq->kicks_suppressed++;
	}
}

static void vq_error(struct virtqueue *vq, const char *what, u32 a, u32 b)
{
	vq->bad++;
	pr_err("virtio: %s queue %u: %s (%u, %u)\n",
	       vq->dev ? vq->dev->name : "?", vq->index, what, a, b);
}

/* Give head's descriptors back to the free list. */
static void chain_free(struct virtqueue *vq, u16 head)
{
	struct virtq_slot *s = &vq->slots[head];
	u16 last = head, i;

	for (i = 1; i < s->ndesc; i++)
		last = vq->slots[last].next;
	vq->slots[last].next = vq->free_head;
	vq->free_head = head;
	vq->num_free = (u16)(vq->num_free + s->ndesc);
	if (s->indirect)
		kfree(s->indirect);
	s->indirect = NULL;
	s->token = NULL;
}

void *virtq_get_used(struct virtqueue *vq, u32 *len)
{
	for (;;) {
		u16 idx = READ_ONCE(vq->used->idx);
		struct virtq_used_elem e;
		struct virtq_slot *s;
		void *token;

		if (vq->broken || idx == vq->last_used)
			return NULL;
		if ((u16)(idx - vq->last_used) > vq->size) {
			vq_error(vq, "used index ran more than a ring ahead; nothing believed", idx, vq->last_used);
			pr_err("virtio: %s queue %u: marked broken\n", vq->dev ? vq->dev->name : "?",
			       vq->index);
			vq->broken = true;
			return NULL;
		}
		barrier();           /* the entry after the index that shows it */
		e.id = vq->used->ring[vq->last_used & (vq->size - 1)].id;
		e.len = vq->used->ring[vq->last_used & (vq->size - 1)].len;
		vq->last_used++;
		if (vq->cb_enabled && vq->event_idx)
			WRITE_ONCE(*used_event(vq), vq->last_used);
		if (e.id >= vq->size || !vq->slots[e.id].token) {
			vq_error(vq, "used id names no buffer in flight; entry ignored", e.id, vq->size);
			continue;
		}
		s = &vq->slots[e.id];
		if (e.len > s->in_len) {
			vq_error(vq, "used length beyond the buffer, clamped", e.len, s->in_len);
			e.len = s->in_len;
		}
		token = s->token;
		chain_free(vq, (u16)e.id);
		*len = e.len;
		return token;
	}
}

void virtq_disable_cb(struct virtqueue *vq)
{
	vq->cb_enabled = false;
	/* With EVENT_IDX used_event is simply left behind: at most one more
	 * interrupt comes, which the callback tolerates. */
	if (!vq->event_idx)
		vq->avail->flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
}

bool virtq_enable_cb(struct virtqueue *vq)
{
	vq->cb_enabled = true;
	if (vq->event_idx)
		WRITE_ONCE(*used_event(vq), vq->last_used);
	else
		vq->avail->flags = 0;
	mb();                        /* the request out before looking for more */
	return READ_ONCE(vq->used->idx) == vq->last_used;
}
