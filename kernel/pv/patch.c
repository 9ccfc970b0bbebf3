/*
 * patch.c — the one patch pass over every class-B call site.
 *
 * Runs once, early, on the boot CPU with interrupts off, after the backend
 * has filled its slots and before anything could be executing the text it
 * rewrites.  For each site it first proves the bytes are still the
 * unpatched `call *slot(%rip)` for the op the record names — a site that
 * fails this stops the boot, because patching a misdescribed site would
 * corrupt code silently.  Then it chooses, in order:
 *   1. the backend's own inline body (pv_init_ops.patch),
 *   2. the native instruction, if the slot still holds the native value,
 *   3. a NOP for an op that does nothing, `mov %rdi,%rax` for identity,
 *   4. a direct call, if the target honours the site's clobber set,
 *   5. otherwise leaves the indirect call.
 */
#include "pv/patch.h"
#include "pv/ops.h"
#include "printk.h"
#include "panic.h"
#include "lib/pvpatch.h"
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

enum pvpatch_kind pv_patch_plan(const struct pvsite *s, u8 *out)
{
	const struct pvop_desc *d = &pvop_table[s->op];
	void *target = *d->slot;
	const u8 *body;
	unsigned n;
	bool prefixable;

	if (pv_init_ops.patch && pv_init_ops.patch(s->op, target, s->addr, out, s->len))
		return PVPATCH_INLINE;
	if (target == *d->native) {
		body = native_patch_template(s->op, &n, &prefixable);
		if (body && pvpatch_encode_inline(out, s->len, body, n, prefixable) == 0)
			return PVPATCH_INLINE;
	}
	if (target == (void *)pv_nop) {
		pvpatch_nop(out, s->len);
		return PVPATCH_NOP;
	}
	if (target == (void *)pv_ident &&
	    pvpatch_encode_inline(out, s->len, ident_body, sizeof(ident_body), true) == 0)
		return PVPATCH_IDENT;
	/* A C function may clobber every caller-saved register; a callee-save
	 * site allows only rax, so it may call only the audited stubs. */
	if ((s->clobbers & PVCLOBBER_ANY) != PVCLOBBER_ANY && !in_calleesave_text(target))
		goto indirect;
	if (pvpatch_encode_call(out, s->len, s->addr, (u64)target) == 0)
		return PVPATCH_DIRECT;
indirect:
	pvpatch_encode_indirect(out, s->addr, (u64)d->slot, d->pad);
	return PVPATCH_UNPATCHED;
}

static void site_verify(const struct pvsite *s)
{
	const struct pvop_desc *d;

	if (s->op >= PVOP_COUNT)
		panic("pv: site %p names op %u, but there are only %u ops",
		      (void *)s->addr, s->op, PVOP_COUNT);
	d = &pvop_table[s->op];
	if (d->cls != 'B')
		panic("pv: site %p names class-%c op %s.%s", (void *)s->addr,
		      d->cls, d->group, d->name);
	if (!pvpatch_is_indirect((const u8 *)s->addr, s->len, s->addr, (u64)d->slot, d->pad))
		panic("pv: site %p (op %s.%s, %u bytes) does not hold call *%p(%%rip): "
		      "refusing to patch", (void *)s->addr, d->group, d->name,
		      s->len, (void *)d->slot);
}

void pv_patch_all(bool enabled)
{
	const struct pvsite *s;
	u8 out[PVPATCH_MAX_LEN];
	enum pvpatch_kind k;

	pv_patch_enabled = enabled;
	memset(&pv_census, 0, sizeof(pv_census));
	for (s = __pvsites_start; s < __pvsites_end; s++) {
		site_verify(s);
		pv_census.sites++;
		pv_census.per_op[s->op]++;
		k = enabled ? pv_patch_plan(s, out) : PVPATCH_UNPATCHED;
		pv_census.kind[k]++;
		if (k != PVPATCH_UNPATCHED)
			memcpy((void *)s->addr, out, s->len);
	}
	/* Serialise: later fetches must see the new bytes (the write was
	 * through the same linear address, so a far transfer is not needed;
	 * cpuid is the architectural serialising instruction). */
	{
		struct cpuid_regs r;
		native_cpuid(0, 0, &r);
	}
}
