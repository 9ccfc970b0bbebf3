/*
 * patch.c — the one patch pass over every class-B call site.
 *
 * Runs once, early, on the boot CPU with interrupts off, after the backend
 * has filled its slots and before anything could be executing the text it
 * rewrites.  For each site it first proves the record is what the op
 * allows (a class-B op, the clobber set of the op's convention) and the
 * bytes are still the unpatched `call *slot(%rip)` for that op — a site
 * that fails this stops the boot, because patching a misdescribed site
 * would corrupt code silently.  Then it chooses, in order:
 *   1. the backend's own inline body (the patch_site op),
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

enum pvpatch_kind pv_patch_plan(const struct pvsite *s, u8 *out)
{
	const struct pvop_desc *d = &pvop_table[s->op];
	void *target = *d->slot;
	const u8 *body;
	unsigned n;
	bool prefixable;

	if (patch_site(s->op, target, s->addr, out, s->len))
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

bool pv_site_check(const struct pvsite *s, const u8 *bytes, char *why, size_t len)
{
	const struct pvop_desc *d;

	if (s->op >= PVOP_COUNT) {
		fmt_snprintf(why, len, "site %p names op %u, but there are only %u ops",
			     (void *)s->addr, s->op, PVOP_COUNT);
		return false;
	}
	d = &pvop_table[s->op];
	if (d->cls != 'B') {
		fmt_snprintf(why, len, "site %p names class-%c op %s.%s", (void *)s->addr,
			     d->cls, d->group, d->name);
		return false;
	}
	if (s->clobbers != d->clobbers) {
		fmt_snprintf(why, len, "site %p (op %s.%s) lets its target clobber %#x, but the "
			     "op's %s convention allows %#x", (void *)s->addr, d->group, d->name,
			     s->clobbers, d->conv, d->clobbers);
		return false;
	}
	if (!pvpatch_is_indirect(bytes, s->len, s->addr, (u64)d->slot, d->pad)) {
		fmt_snprintf(why, len, "site %p (op %s.%s, %u bytes) does not hold call *%p(%%rip)",
			     (void *)s->addr, d->group, d->name, s->len, (void *)d->slot);
		return false;
	}
	return true;
}

void pv_patch_all(bool enabled)
{
	const struct pvsite *s;
	u8 out[PVPATCH_MAX_LEN];
	enum pvpatch_kind k;

	char why[160];

	pv_patch_enabled = enabled;
	memset(&pv_census, 0, sizeof(pv_census));
	for (s = __pvsites_start; s < __pvsites_end; s++) {
		if (!pv_site_check(s, (const u8 *)s->addr, why, sizeof(why)))
			panic("pv: %s: refusing to patch", why);
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
