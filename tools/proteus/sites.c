/*
 * sites.c — validating the site table and taking the census.
 *
 * The order of checks follows the ABI from the outside in: the header must
 * be ours (magic, version, record size, op count), the sections must have
 * the sizes the header implies, and only then is each record read and its
 * bytes in the image compared with the unpatched form (sites_bytes.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/sites.h"
#include "tools/proteus/sites_internal.h"

_Static_assert(PVOPS_NR <= SITES_MAX_OPS, "raise SITES_MAX_OPS");
_Static_assert(sizeof(struct pvsite_header) == 16, "pvsite ABI v1: 16-byte header");
_Static_assert(sizeof(struct pvsite) == 16, "pvsite ABI v1: 16-byte record");

static const char *const sites_errnames[] = {
	[SITES_OK] = "ok",
	[SITES_E_ABI_SIZE] = "bad " PVSITE_ABI_SECTION " section",
	[SITES_E_MAGIC] = "bad magic",
	[SITES_E_VERSION] = "unsupported ABI version",
	[SITES_E_RECORD_SIZE] = "bad record size",
	[SITES_E_NR_OPS] = "op count differs from pvops.def",
	[SITES_E_TABLE_SIZE] = "bad " PVSITE_SITES_SECTION " size",
	[SITES_E_SLOTS_SIZE] = "bad " PVSITE_SLOTS_SECTION " section",
	[SITES_E_SLOT_ADDR] = "slot outside the image",
	[SITES_E_OP_RANGE] = "op out of range",
	[SITES_E_CLASS] = "site for a class-A op",
	[SITES_E_CLOBBERS] = "clobbers differ from the op's convention",
	[SITES_E_LEN] = "bad site length",
	[SITES_E_UNMAPPED] = "site outside executable segments",
	[SITES_E_CALL] = "site is not call *slot(%rip)",
	[SITES_E_SLOT] = "site calls another op's slot",
	[SITES_E_PAD] = "bad NOP padding",
	[SITES_E_OVERLAP] = "overlapping sites",
};

const char *sites_strerror(enum sites_err code)
{
	if ((unsigned)code < sizeof sites_errnames / sizeof sites_errnames[0] && sites_errnames[code])
		return sites_errnames[code];
	return "unknown error";
}

void sites_fail(struct sites_check *c, enum sites_err code, uint64_t addr, const char *fmt, ...)
{
	struct sites_error e = { .code = code, .addr = addr };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	c->problems++;
	if (c->report)
		c->report(c->ctx, &e);
}

uint64_t sites_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

size_t sites_count(const struct sites_image *img)
{
	if (!img->recs || img->recs_size % sizeof(struct pvsite))
		return 0;
	return img->recs_size / sizeof(struct pvsite);
}

/* The header: is this table ours, and built from the same pvops.def? */
static int sites_check_header(struct sites_check *c)
{
	const struct sites_image *img = c->img;
	const uint8_t *h = img->abi;
	uint32_t magic, version, recsize, nr;

	if (!h || img->abi_size != sizeof(struct pvsite_header)) {
		sites_fail(c, SITES_E_ABI_SIZE, 0, "%s: expected one %zu-byte header, found %zu bytes",
			   PVSITE_ABI_SECTION, sizeof(struct pvsite_header), h ? img->abi_size : 0);
		return -1;
	}
	magic = sites_le(h + offsetof(struct pvsite_header, magic), 4);
	version = sites_le(h + offsetof(struct pvsite_header, version), 4);
	recsize = sites_le(h + offsetof(struct pvsite_header, record_size), 4);
	nr = sites_le(h + offsetof(struct pvsite_header, nr_ops), 4);
	if (magic != PVSITE_MAGIC) {
		sites_fail(c, SITES_E_MAGIC, 0, "%s: bad magic: expected 0x%08x, found 0x%08x",
			   PVSITE_ABI_SECTION, PVSITE_MAGIC, magic);
		return -1;
	}
	if (version != PVSITE_ABI_VERSION) {
		sites_fail(c, SITES_E_VERSION, 0, "%s: ABI version: expected %u, found %u",
			   PVSITE_ABI_SECTION, PVSITE_ABI_VERSION, version);
		return -1;
	}
	if (recsize != sizeof(struct pvsite)) {
		sites_fail(c, SITES_E_RECORD_SIZE, 0, "%s: record_size: expected %zu, found %u",
			   PVSITE_ABI_SECTION, sizeof(struct pvsite), recsize);
		return -1;
	}
	if (nr != c->ops->nr) {
		sites_fail(c, SITES_E_NR_OPS, 0,
			   "%s: nr_ops: expected %u (ops in pvops.def), found %u; kernel and tool built from different pvops.def",
			   PVSITE_ABI_SECTION, c->ops->nr, nr);
		return -1;
	}
	return 0;
}

/* Section sizes implied by the header, and every slot inside the image. */
static int sites_check_sections(struct sites_check *c)
{
	const struct sites_image *img = c->img;
	size_t want = (size_t)c->ops->nr * 8;

	if (!img->recs || img->recs_size % sizeof(struct pvsite)) {
		sites_fail(c, SITES_E_TABLE_SIZE, 0, "%s: size %zu is not a multiple of the %zu-byte record",
			   PVSITE_SITES_SECTION, img->recs ? img->recs_size : 0, sizeof(struct pvsite));
		return -1;
	}
	if (!img->slots || img->slots_size != want) {
		sites_fail(c, SITES_E_SLOTS_SIZE, 0, "%s: expected %zu bytes (%u ops x 8), found %zu",
			   PVSITE_SLOTS_SECTION, want, c->ops->nr, img->slots ? img->slots_size : 0);
		return -1;
	}
	for (unsigned i = 0; i < c->ops->nr; i++) {
		uint64_t slot = sites_slot(c, i);

		if (!sites_in_memory(img, slot, 8)) {
			const struct pvop_info *op = &c->ops->ops[i];

			sites_fail(c, SITES_E_SLOT_ADDR, 0, "%s: slot of op %u (%s.%s) at 0x%016llx is outside every loaded segment",
				   PVSITE_SLOTS_SECTION, i, op->group, op->name, (unsigned long long)slot);
			return -1;
		}
	}
	return 0;
}

uint64_t sites_slot(const struct sites_check *c, unsigned op)
{
	return sites_le(c->img->slots + (size_t)op * 8, 8);
}

/* One record: its op, its length, then its bytes. */
static void sites_check_record(struct sites_check *c, const struct pvsite *rec)
{
	const struct pvop_info *op;

	if (rec->op >= c->ops->nr) {
		sites_fail(c, SITES_E_OP_RANGE, rec->addr, "site 0x%016llx: op %u out of range (pvops.def has %u ops)",
			   (unsigned long long)rec->addr, rec->op, c->ops->nr);
		return;
	}
	op = &c->ops->ops[rec->op];
	if (op->class != PVOP_CLASS_B) {
		sites_fail(c, SITES_E_CLASS, rec->addr, "site 0x%016llx (%s.%s): op is class %c, which has no patch sites",
			   (unsigned long long)rec->addr, op->group, op->name, op->class);
		return;
	}
	c->census->sites[rec->op]++;
	c->census->bytes[rec->op] += rec->len;
	c->census->total_sites++;
	c->census->total_bytes += rec->len;
	/* A callee-save op patched in where the caller expects every
	 * caller-saved register kept would corrupt it, and the reverse loses
	 * the convention's point: the record must say exactly what the op says. */
	if (rec->clobbers != op->clobbers) {
		sites_fail(c, SITES_E_CLOBBERS, rec->addr, "site 0x%016llx (%s.%s): clobbers 0x%03x, but the op's %s convention allows 0x%03x",
			   (unsigned long long)rec->addr, op->group, op->name, rec->clobbers, op->conv,
			   op->clobbers);
		return;
	}
	if (rec->len != PVSITE_CALL_LEN + op->pad) {
		sites_fail(c, SITES_E_LEN, rec->addr, "site 0x%016llx (%s.%s): len %u, expected %u (6-byte call + pad %u)",
			   (unsigned long long)rec->addr, op->group, op->name, rec->len,
			   PVSITE_CALL_LEN + op->pad, op->pad);
		return;
	}
	if (sites_check_bytes(c, rec, op) == 0)
		c->census->verified++;
}

void sites_decode(const uint8_t *p, struct pvsite *rec)
{
	memset(rec, 0, sizeof *rec);
	rec->addr = sites_le(p + offsetof(struct pvsite, addr), 8);
	rec->op = sites_le(p + offsetof(struct pvsite, op), 2);
	rec->len = p[offsetof(struct pvsite, len)];
	rec->reserved0 = p[offsetof(struct pvsite, reserved0)];
	rec->clobbers = sites_le(p + offsetof(struct pvsite, clobbers), 2);
	rec->reserved1 = sites_le(p + offsetof(struct pvsite, reserved1), 2);
}

unsigned sites_verify(const struct sites_image *img, const struct pvops *ops,
		      struct sites_census *census, sites_report_fn *report, void *ctx)
{
	struct sites_check c = { img, ops, census, report, ctx, 0 };
	size_t n;

	memset(census, 0, sizeof *census);
	census->nr_ops = ops->nr;
	if (ops->nr > SITES_MAX_OPS) {
		sites_fail(&c, SITES_E_NR_OPS, 0, "pvops.def has %u ops, more than the %u this tool can count",
			   ops->nr, SITES_MAX_OPS);
		return c.problems;
	}
	if (sites_check_header(&c) || sites_check_sections(&c))
		return c.problems;
	census->table_ok = 1;
	n = sites_count(img);
	for (size_t i = 0; i < n; i++) {
		struct pvsite rec;

		sites_decode(img->recs + i * sizeof(struct pvsite), &rec);
		sites_check_record(&c, &rec);
	}
	sites_check_overlaps(&c);
	return c.problems;
}
