/*
 * test_census.c (PARAVIRT=1) — the patch census is consistent, and every
 * site holds exactly the bytes its op and backend call for.
 *
 * The expected native bytes are written out here by hand rather than
 * recomputed with the patcher's own encoder, so a bug in the encoder or in
 * the template table shows up as a mismatch.
 */
#include "ktest.h"
#include "pv/patch.h"
#include "pv/ops.h"
#include "lib/pvpatch.h"
#include <string.h>

KTEST(census_consistent, "census kinds add up to the number of site records")
{
	unsigned k, sum = 0, per_op = 0, records = (unsigned)(__pvsites_end - __pvsites_start);

	for (k = 0; k < PVPATCH_NR_KINDS; k++)
		sum += pv_census.kind[k];
	for (k = 0; k < PVOP_COUNT; k++)
		per_op += pv_census.per_op[k];
	KT_EXPECT(t, records > 0);
	KT_EXPECT_EQ(t, pv_census.sites, records);
	KT_EXPECT_EQ(t, sum, records);
	KT_EXPECT_EQ(t, per_op, records);
	if (!pv_patch_enabled)
		KT_EXPECT_EQ(t, pv_census.kind[PVPATCH_UNPATCHED], records);
}

/* The native body of op, or NULL if native code reaches it by a call. */
static const char *native_body(unsigned op, unsigned *n)
{
	static const struct { unsigned op; unsigned n; const char *b; } bodies[] = {
		{ PVOP_save_fl, 2, "\x9c\x58" },
		{ PVOP_restore_fl, 2, "\x57\x9d" },
		{ PVOP_irq_disable, 1, "\xfa" },
		{ PVOP_irq_enable, 1, "\xfb" },
		{ PVOP_safe_halt, 2, "\xfb\xf4" },
		{ PVOP_halt, 1, "\xf4" },
		{ PVOP_read_cr2, 3, "\x0f\x20\xd0" },
		{ PVOP_read_cr3, 3, "\x0f\x20\xd8" },
		{ PVOP_write_cr3, 3, "\x0f\x22\xdf" },
		{ PVOP_flush_tlb_one, 3, "\x0f\x01\x3f" },
		{ PVOP_pte_read, 3, "\x48\x8b\x07" },
		{ PVOP_set_pte, 3, "\x48\x89\x37" },
		{ PVOP_set_pmd, 3, "\x48\x89\x37" },
		{ PVOP_set_pud, 3, "\x48\x89\x37" },
		{ PVOP_set_pgd, 3, "\x48\x89\x37" },
		{ PVOP_make_pte, 3, "\x48\x89\xf8" },
		{ PVOP_pte_val, 3, "\x48\x89\xf8" },
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(bodies); i++)
		if (bodies[i].op == op) {
			*n = bodies[i].n;
			return bodies[i].b;
		}
	return NULL;
}

/* Ops bare hardware has nothing to do for: batching, and announcing
 * page-table pages. */
static bool native_does_nothing(unsigned op)
{
	return op == PVOP_lazy_enter_mmu || op == PVOP_lazy_leave_mmu || op == PVOP_lazy_flush_mmu ||
	       op == PVOP_lazy_start_context_switch || op == PVOP_lazy_end_context_switch ||
	       op == PVOP_alloc_pt || op == PVOP_release_pt;
}

/* Native expectation: DS prefixes, then the body, ending at the site's end. */
static bool native_site_ok(const struct pvsite *s)
{
	const u8 *b = (const u8 *)s->addr;
	const char *body;
	unsigned n, i;
	s32 rel;

	if (native_does_nothing(s->op))   /* one NOP: 66 0f 1f 44 00 00 for six bytes */
		return s->len == 6 && !memcmp(b, "\x66\x0f\x1f\x44\x00\x00", 6);
	body = native_body(s->op, &n);
	if (!body) {
		/* A direct call, prefix-padded, to what the slot holds. */
		n = 5;
		memcpy(&rel, b + s->len - 4, 4);
		if (b[s->len - 5] != 0xe8 ||
		    s->addr + s->len + (u64)(s64)rel != (u64)*pvop_table[s->op].slot)
			return false;
	} else if (memcmp(b + s->len - n, body, n)) {
		return false;
	}
	for (i = 0; i < s->len - n; i++)
		if (b[i] != 0x3e)
			return false;
	return true;
}

KTEST(census_site_bytes, "each site holds exactly what its op and backend call for")
{
	const struct pvsite *s;
	unsigned bad = 0;

	for (s = __pvsites_start; s < __pvsites_end; s++) {
		const struct pvop_desc *d = &pvop_table[s->op];
		bool ok;

		if (!pv_patch_enabled)
			ok = pvpatch_is_indirect((const u8 *)s->addr, s->len, s->addr,
						 (u64)d->slot, d->pad);
		else if (!strcmp(pv_info.name, "native"))
			ok = native_site_ok(s);
		else {
			u8 want[PVPATCH_MAX_LEN];
			pv_patch_plan(s, want);
			ok = !memcmp((const u8 *)s->addr, want, s->len);
		}
		if (!ok && bad++ < 5)
			ktest_fail(t, __FILE__, __LINE__, "site %p (%s.%s) holds unexpected bytes",
				   (void *)s->addr, d->group, d->name);
	}
	KT_EXPECT_EQ(t, bad, 0);
}

KTEST(census_patched_all, "with patching on, no site is left indirect")
{
	if (!pv_patch_enabled) {
		ktest_skip(t, "pv.patch=0");
		return;
	}
	/* Every backend's callee-save targets are audited stubs, so every
	 * site can at least become a direct call. */
	KT_EXPECT_EQ(t, pv_census.kind[PVPATCH_UNPATCHED], 0);
	KT_EXPECT(t, pv_census.kind[PVPATCH_INLINE] > 0);
	KT_EXPECT(t, pv_census.kind[PVPATCH_DIRECT] > 0);
	if (!strcmp(pv_info.name, "native")) {
		/* Natively the lazy ops are empty and the converters identity. */
		KT_EXPECT(t, pv_census.kind[PVPATCH_NOP] > 0);
		KT_EXPECT(t, pv_census.kind[PVPATCH_IDENT] > 0);
	}
}

KTEST(census_refuses_misdescribed, "the patcher refuses a site whose clobbers or bytes are not its op's")
{
	const struct pvsite *s;
	struct pvsite fake;
	u8 bytes[PVPATCH_MAX_LEN];
	char why[160];

	for (s = __pvsites_start; s < __pvsites_end; s++)
		if (pvop_table[s->op].clobbers == PVCLOBBER_CALLEE_SAVE)
			break;
	KT_ASSERT(t, s < __pvsites_end);
	/* An unpatched copy of a real callee-save site, checked where it is. */
	fake = *s;
	pvpatch_encode_indirect(bytes, fake.addr, (u64)pvop_table[fake.op].slot,
				pvop_table[fake.op].pad);
	KT_EXPECT(t, pv_site_check(&fake, bytes, why, sizeof(why)));
	/* Recorded as free to clobber everything: the op says otherwise. */
	fake.clobbers = PVCLOBBER_ANY;
	KT_EXPECT(t, !pv_site_check(&fake, bytes, why, sizeof(why)));
	KT_EXPECT(t, strstr(why, "convention allows") != NULL);
	/* The right clobbers but another op's slot in the call. */
	fake.clobbers = s->clobbers;
	fake.op = (u16)((fake.op + 1) % PVOP_COUNT);
	while (pvop_table[fake.op].cls != 'B' || pvop_table[fake.op].clobbers != s->clobbers)
		fake.op = (u16)((fake.op + 1) % PVOP_COUNT);
	KT_EXPECT(t, !pv_site_check(&fake, bytes, why, sizeof(why)));
	KT_EXPECT(t, strstr(why, "does not hold call") != NULL);
}
