/*
 * sites_bytes.c — what each site must hold before the patcher runs.
 *
 * An unpatched class-B site is `ff 15 disp32` — call *slot(%rip) — whose
 * target addr + 6 + disp32 is the slot .pvslots gives for the record's op,
 * followed by the op's pad bytes as one NOP.  We find the bytes by mapping
 * the site address through the PT_LOAD segments, the way a loader would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/sites_internal.h"

#define SITES_PF_X 1u

int sites_in_memory(const struct sites_image *img, uint64_t addr, uint64_t len)
{
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct sites_segment *s = &img->segs[i];

		if (addr >= s->vaddr && len <= s->memsz && addr - s->vaddr <= s->memsz - len)
			return 1;
	}
	return 0;
}

/* The file bytes of [addr, addr+len) in an executable segment, or NULL. */
static const uint8_t *sites_text(const struct sites_image *img, uint64_t addr, uint64_t len)
{
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct sites_segment *s = &img->segs[i];

		if (!(s->flags & SITES_PF_X) || addr < s->vaddr)
			continue;
		if (len <= s->filesz && addr - s->vaddr <= s->filesz - len)
			return s->data + (addr - s->vaddr);
	}
	return NULL;
}

/* "ff 15 00 …" for messages. */
static void sites_hex(char *buf, size_t size, const uint8_t *p, unsigned n)
{
	size_t used = 0;

	buf[0] = 0;
	for (unsigned i = 0; i < n && used < size; i++)
		used += snprintf(buf + used, size - used, i ? " %02x" : "%02x", p[i]);
}

/* The op whose slot is at addr, for a more helpful message; -1 if none. */
static int sites_slot_owner(const struct sites_check *c, uint64_t addr)
{
	for (unsigned i = 0; i < c->ops->nr; i++)
		if (sites_slot(c, i) == addr)
			return (int)i;
	return -1;
}

int sites_check_bytes(struct sites_check *c, const struct pvsite *rec, const struct pvop_info *op)
{
	unsigned long long addr = rec->addr;
	const uint8_t *p = sites_text(c->img, rec->addr, rec->len);
	char found[64], want[64];
	uint64_t target, slot;
	int owner;

	if (!p) {
		sites_fail(c, SITES_E_UNMAPPED, rec->addr,
			   "site 0x%016llx (%s.%s): %u bytes not inside the file part of an executable PT_LOAD segment",
			   addr, op->group, op->name, rec->len);
		return -1;
	}
	if (p[0] != 0xff || p[1] != 0x15) {
		sites_hex(found, sizeof found, p, PVSITE_CALL_LEN);
		sites_fail(c, SITES_E_CALL, rec->addr,
			   "site 0x%016llx (%s.%s): expected ff 15 disp32 (call *slot(%%rip)), found %s",
			   addr, op->group, op->name, found);
		return -1;
	}
	target = rec->addr + PVSITE_CALL_LEN + (uint64_t)(int64_t)(int32_t)sites_le(p + 2, 4);
	slot = sites_slot(c, rec->op);
	if (target != slot) {
		owner = sites_slot_owner(c, target);
		if (owner >= 0)
			snprintf(found, sizeof found, " (the slot of %s.%s)",
				 c->ops->ops[owner].group, c->ops->ops[owner].name);
		else
			found[0] = 0;
		sites_fail(c, SITES_E_SLOT, rec->addr,
			   "site 0x%016llx (%s.%s): calls through 0x%016llx%s, expected the op's slot 0x%016llx",
			   addr, op->group, op->name, (unsigned long long)target, found,
			   (unsigned long long)slot);
		return -1;
	}
	if (op->pad && memcmp(p + PVSITE_CALL_LEN, nops_bytes(op->pad), op->pad) != 0) {
		sites_hex(found, sizeof found, p + PVSITE_CALL_LEN, op->pad);
		sites_hex(want, sizeof want, nops_bytes(op->pad), op->pad);
		sites_fail(c, SITES_E_PAD, rec->addr,
			   "site 0x%016llx (%s.%s): padding is %s, expected the %u-byte NOP %s",
			   addr, op->group, op->name, found, op->pad, want);
		return -1;
	}
	return 0;
}

struct sites_span {
	uint64_t addr;
	unsigned len;
	unsigned op;
};

static int sites_span_cmp(const void *a, const void *b)
{
	const struct sites_span *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

void sites_check_overlaps(struct sites_check *c)
{
	size_t n = sites_count(c->img), m = 0;
	struct sites_span *v = calloc(n ? n : 1, sizeof *v);

	if (!v)
		return;
	for (size_t i = 0; i < n; i++) {
		struct pvsite rec;

		sites_decode(c->img->recs + i * sizeof rec, &rec);
		if (rec.op < c->ops->nr)
			v[m++] = (struct sites_span){ rec.addr, rec.len, rec.op };
	}
	qsort(v, m, sizeof *v, sites_span_cmp);
	for (size_t i = 1; i < m; i++) {
		const struct sites_span *a = &v[i - 1], *b = &v[i];

		if (b->addr - a->addr < a->len) {
			const struct pvop_info *oa = &c->ops->ops[a->op], *ob = &c->ops->ops[b->op];

			sites_fail(c, SITES_E_OVERLAP, b->addr,
				   "site 0x%016llx (%s.%s) overlaps site 0x%016llx (%s.%s, %u bytes)",
				   (unsigned long long)b->addr, ob->group, ob->name,
				   (unsigned long long)a->addr, oa->group, oa->name, a->len);
		}
	}
	free(v);
}
