/*
 * patch.c — the one patch pass over every class-B call site.
 *
 * Runs once, early, on the boot CPU with interrupts off, after the backend
 * has filled its slots and before anything could be executing the text it
 * rewrites.  For each site it first proves the record is what the op
 * allows (a class-B op, the clobber set of the op's convention) and the
 * bytes are still the unpatched `call *slot(%rip)` for that op — a site
 * that fails this stops the boot, because patching a misdescribed site
 * would corrupt code silently.  What a site becomes depends only on its op
 * and the op's slot, so it is decided once per op, in this order:
 *   1. the backend's own inline body (the patch_site op),
 *   2. the native instruction, if the slot still holds the native value,
 *   3. a NOP for an op that does nothing, `mov %rdi,%rax` for identity,
 *   4. a direct call, if the target honours the site's clobber set,
 *   5. otherwise leaves the indirect call.
 * Bodies (1-3) are position-independent and copied to every site of the
 * op; only a call's displacement is encoded per site.  The pass runs on
 * every boot, so its cost is part of the native tax.
 */
#include "pv/patch.h"
#include "pv/ops.h"
#include "printk.h"
#include "panic.h"
#include "lib/pvpatch.h"
#include "lib/fmt.h"
#include "x86/insn.h"
#include <string.h>

struct pv_census pv_census;
bool pv_patch_enabled;

static const u8 ident_body[] = { 0x48, 0x89, 0xf8 }; /* mov %rdi,%rax */

const char *pvpatch_kind_name(enum pvpatch_kind k)
{
	static const char *const names[PVPATCH_NR_KINDS] = {
		"inline", "direct", "nop", "ident", "unpatched",
	};
	return k < PVPATCH_NR_KINDS ? names[k] : "?";
}

static bool in_calleesave_text(const void *p)
{
	return (const char *)p >= __pv_calleesave_start &&
	       (const char *)p < __pv_calleesave_end;
}

/* What every site of one op becomes. */
struct pv_op_plan {
	u8 kind;                  /* enum pvpatch_kind */
	u8 bytes[PVPATCH_MAX_LEN]; /* the body, for INLINE, NOP and IDENT */
};

static void pv_plan_op(unsigned op, struct pv_op_plan *p)
{
	const struct pvop_desc *d = &pvop_table[op];
	unsigned len = 6 + d->pad, n;
	void *target = *d->slot;
	const u8 *body;
	bool prefixable;

	p->kind = PVPATCH_INLINE;
	if (patch_site(op, target, p->bytes, len))
		return;
	if (target == *d->native) {
		body = native_patch_template(op, &n, &prefixable);
		if (body && pvpatch_encode_inline(p->bytes, len, body, n, prefixable) == 0)
			return;
	}
	p->kind = PVPATCH_NOP;
	if (target == (void *)pv_nop) {
		pvpatch_nop(p->bytes, len);
		return;
	}
	p->kind = PVPATCH_IDENT;
	if (target == (void *)pv_ident &&
	    pvpatch_encode_inline(p->bytes, len, ident_body, sizeof(ident_body), true) == 0)
		return;
	/* A C function may clobber every caller-saved register; a callee-save
	 * site allows only rax, so it may call only the audited stubs. */
	p->kind = (d->clobbers & PVCLOBBER_ANY) == PVCLOBBER_ANY || in_calleesave_text(target)
		? PVPATCH_DIRECT : PVPATCH_UNPATCHED;
}

/* The bytes for site s of an op planned as p. */
static enum pvpatch_kind pv_plan_site(const struct pvsite *s, const struct pv_op_plan *p, u8 *out)
{
	const struct pvop_desc *d = &pvop_table[s->op];

	switch (p->kind) {
	case PVPATCH_DIRECT:
		if (pvpatch_encode_call(out, s->len, s->addr, (u64)*d->slot) == 0)
			return PVPATCH_DIRECT;
		break;          /* out of rel32 reach: stays indirect */
	case PVPATCH_UNPATCHED:
		break;
	default:
		memcpy(out, p->bytes, s->len);
		return p->kind;
	}
	pvpatch_encode_indirect(out, s->addr, (u64)d->slot, d->pad);
	return PVPATCH_UNPATCHED;
}

enum pvpatch_kind pv_patch_plan(const struct pvsite *s, u8 *out)
{
	struct pv_op_plan p;

	pv_plan_op(s->op, &p);
	return pv_plan_site(s, &p, out);
}

/* Says which check of pv_site_check failed; kept out of its way, since the
 * boot runs that check on every site. */
static __attribute__((cold, noinline)) bool site_refuse(const struct pvsite *s, char *why,
							 size_t len)
{
	const struct pvop_desc *d = &pvop_table[s->op < PVOP_COUNT ? s->op : 0];

	if (s->op >= PVOP_COUNT)
		fmt_snprintf(why, len, "site %p names op %u, but there are only %u ops",
			     (void *)s->addr, s->op, PVOP_COUNT);
	else if (d->cls != 'B')
		fmt_snprintf(why, len, "site %p names class-%c op %s.%s", (void *)s->addr,
			     d->cls, d->group, d->name);
	else if (s->clobbers != d->clobbers)
		fmt_snprintf(why, len, "site %p (op %s.%s) lets its target clobber %#x, but the "
			     "op's %s convention allows %#x", (void *)s->addr, d->group, d->name,
			     s->clobbers, d->conv, d->clobbers);
	else
		fmt_snprintf(why, len, "site %p (op %s.%s, %u bytes) does not hold call *%p(%%rip)",
			     (void *)s->addr, d->group, d->name, s->len, (void *)d->slot);
	return false;
}

bool pv_site_check(const struct pvsite *s, const u8 *bytes, char *why, size_t len)
{
	const struct pvop_desc *d = s->op < PVOP_COUNT ? &pvop_table[s->op] : NULL;

	if (d && d->cls == 'B' && s->clobbers == d->clobbers &&
	    pvpatch_is_indirect(bytes, s->len, s->addr, (u64)d->slot, d->pad))
		return true;
	return site_refuse(s, why, len);
}

void pv_patch_all(bool enabled)
{
	static struct pv_op_plan plans[PVOP_COUNT];
	const struct pvsite *s;
	u8 out[PVPATCH_MAX_LEN];
	enum pvpatch_kind k;
	char why[160];
	unsigned op;

	pv_patch_enabled = enabled;
	memset(&pv_census, 0, sizeof(pv_census));
	for (op = 0; op < PVOP_COUNT; op++)
		if (pvop_table[op].cls == 'B')
			pv_plan_op(op, &plans[op]);
	for (s = __pvsites_start; s < __pvsites_end; s++) {
		if (!pv_site_check(s, (const u8 *)s->addr, why, sizeof(why)))
			panic("pv: %s: refusing to patch", why);
		pv_census.sites++;
		pv_census.per_op[s->op]++;
		k = enabled ? pv_plan_site(s, &plans[s->op], out) : PVPATCH_UNPATCHED;
		pv_census.kind[k]++;
		if (k != PVPATCH_UNPATCHED)
			memcpy((void *)s->addr, out, s->len);
	}
	/* Serialise: later fetches must see the new bytes (the write was
	 * through the same linear address, so a far transfer is not needed;
	 * cpuid is the architectural serialising instruction). */
	x86_sync_core();
}

void pv_check_slots(void)
{
	unsigned i;

	for (i = 0; i < PVOP_COUNT; i++)
		if (!*pvop_table[i].slot)
			panic("pv: backend %s left op %s.%s empty", pv_info.name,
			      pvop_table[i].group, pvop_table[i].name);
}
