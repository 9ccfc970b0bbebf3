/*
 * test_sites.c — the site-table checks and census of `proteus sites`,
 * on synthetic in-memory images: one executable text segment holding the
 * sites and one data segment holding the slots, built by the fx_ helpers.
 */
#define _GNU_SOURCE /* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tools/proteus/census.h"
#include "tools/proteus/sites.h"

#define TEXT_VA 0xffffffff80100000ull
#define DATA_VA 0xffffffff80200000ull
#define MAX_SITES 64

/* A synthetic kernel image. */
struct fx {
	uint8_t abi[sizeof(struct pvsite_header)];
	uint8_t recs[MAX_SITES * sizeof(struct pvsite)];
	uint8_t slots[8 * SITES_MAX_OPS];
	uint8_t text[4096];
	size_t nrecs, text_used;
	struct sites_segment segs[2];
	struct sites_image img;
	const struct pvops *ops;
	struct sites_census census;
};

/* What the report callback saw. */
struct seen {
	unsigned n;
	enum sites_err first;
	uint64_t first_addr;
	char first_msg[256];
};

static struct fx F;

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t slot_va(unsigned op)
{
	return DATA_VA + 8ull * op;
}

static void fx_init(const struct pvops *ops)
{
	memset(&F, 0, sizeof F);
	F.ops = ops;
	put_le(F.abi + 0, PVSITE_MAGIC, 4);
	put_le(F.abi + 4, PVSITE_ABI_VERSION, 4);
	put_le(F.abi + 8, sizeof(struct pvsite), 4);
	put_le(F.abi + 12, ops->nr, 4);
	for (unsigned i = 0; i < ops->nr; i++)
		put_le(F.slots + 8 * i, slot_va(i), 8);
	memset(F.text, 0xcc, sizeof F.text);
	F.segs[0] = (struct sites_segment){ TEXT_VA, sizeof F.text, sizeof F.text, 5, F.text };
	F.segs[1] = (struct sites_segment){ DATA_VA, 0, 4096, 6, NULL };   /* slots live in .bss */
	F.img = (struct sites_image){
		.abi = F.abi, .abi_size = sizeof F.abi,
		.recs = F.recs, .recs_size = 0,
		.slots = F.slots, .slots_size = 8 * (size_t)ops->nr,
		.segs = F.segs, .nsegs = 2,
	};
}

/* Append a record; returns its address. */
static uint64_t fx_record(uint64_t addr, unsigned op, unsigned len)
{
	uint8_t *r = F.recs + F.nrecs * sizeof(struct pvsite);

	assert_true(F.nrecs < MAX_SITES);
	put_le(r + offsetof(struct pvsite, addr), addr, 8);
	put_le(r + offsetof(struct pvsite, op), op, 2);
	r[offsetof(struct pvsite, len)] = (uint8_t)len;
	put_le(r + offsetof(struct pvsite, clobbers),
	       op < F.ops->nr ? F.ops->ops[op].clobbers : PVCLOBBER_ANY, 2);
	F.nrecs++;
	F.img.recs_size = F.nrecs * sizeof(struct pvsite);
	return addr;
}

/* Emit a correct unpatched site for op (calling through slot_op's slot). */
static uint64_t fx_site_via(unsigned op, unsigned slot_op)
{
	unsigned pad = op < F.ops->nr ? F.ops->ops[op].pad : 0;
	uint64_t addr = TEXT_VA + F.text_used;
	uint8_t *p = F.text + F.text_used;

	p[0] = 0xff;
	p[1] = 0x15;
	put_le(p + 2, (uint32_t)(int32_t)(slot_va(slot_op) - (addr + 6)), 4);
	if (pad)
		memcpy(p + 6, nops_bytes(pad), pad);
	F.text_used += 6 + pad;
	return fx_record(addr, op, 6 + pad);
}

static uint64_t fx_site(unsigned op)
{
	return fx_site_via(op, op);
}

/* Text bytes of the site at addr. */
static uint8_t *fx_bytes(uint64_t addr)
{
	return F.text + (addr - TEXT_VA);
}

static void seen_report(void *ctx, const struct sites_error *e)
{
	struct seen *s = ctx;

	if (s->n++ == 0) {
		s->first = e->code;
		s->first_addr = e->addr;
		snprintf(s->first_msg, sizeof s->first_msg, "%s", e->msg);
	}
}

static unsigned fx_verify(struct seen *s)
{
	memset(s, 0, sizeof *s);
	return sites_verify(&F.img, F.ops, &F.census, seen_report, s);
}

/* First op of pvops.def with the given class (and pad, unless pad < 0). */
static unsigned find_op(enum pvop_class class, int pad)
{
	for (unsigned i = 0; i < pvops_compiled.nr; i++)
		if (pvops_compiled.ops[i].class == class && (pad < 0 || pvops_compiled.ops[i].pad == (unsigned)pad))
			return i;
	fail_msg("pvops.def has no class %c op with pad %d", class, pad);
	return 0;
}

static void expect_error(enum sites_err code, const char *needle)
{
	struct seen s;

	assert_int_not_equal(fx_verify(&s), 0);
	assert_int_equal(s.first, code);
	if (needle && !strstr(s.first_msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", s.first_msg, needle);
}

/* ---- tests ---- */

static void test_good_table_counts(void **state)
{
	unsigned padded = find_op(PVOP_CLASS_B, 4), plain = find_op(PVOP_CLASS_B, 0);
	struct seen s;
	(void)state;

	fx_init(&pvops_compiled);
	fx_site(padded);
	fx_site(padded);
	fx_site(plain);
	assert_int_equal(fx_verify(&s), 0);
	assert_int_equal(s.n, 0);
	assert_true(F.census.table_ok);
	assert_int_equal(F.census.sites[padded], 2);
	assert_int_equal(F.census.bytes[padded], 20);
	assert_int_equal(F.census.sites[plain], 1);
	assert_int_equal(F.census.bytes[plain], 6);
	assert_int_equal(F.census.total_sites, 3);
	assert_int_equal(F.census.total_bytes, 26);
	assert_int_equal(F.census.verified, 3);
}

static void test_empty_table_is_ok(void **state)
{
	struct seen s;
	(void)state;

	fx_init(&pvops_compiled);
	assert_int_equal(fx_verify(&s), 0);
	assert_true(F.census.table_ok);
	assert_int_equal(F.census.total_sites, 0);
}

static void test_bad_magic(void **state)
{
	(void)state;
	fx_init(&pvops_compiled);
	put_le(F.abi, 0x12345678, 4);
	expect_error(SITES_E_MAGIC, "found 0x12345678");
	assert_false(F.census.table_ok);
}

static void test_wrong_version(void **state)
{
	(void)state;
	fx_init(&pvops_compiled);
	char want[64];

	snprintf(want, sizeof(want), "expected %u, found %u", PVSITE_ABI_VERSION, PVSITE_ABI_VERSION + 1);
	put_le(F.abi + 4, PVSITE_ABI_VERSION + 1, 4);
	expect_error(SITES_E_VERSION, want);
}

static void test_wrong_record_size(void **state)
{
	(void)state;
	fx_init(&pvops_compiled);
	put_le(F.abi + 8, 24, 4);
	expect_error(SITES_E_RECORD_SIZE, "expected 16, found 24");
}

static void test_nr_ops_mismatch_names_both(void **state)
{
	char want[64];
	(void)state;

	fx_init(&pvops_compiled);
	put_le(F.abi + 12, pvops_compiled.nr + 1, 4);
	snprintf(want, sizeof want, "expected %u (ops in pvops.def), found %u", pvops_compiled.nr,
		 pvops_compiled.nr + 1);
	expect_error(SITES_E_NR_OPS, want);
}

static void test_missing_header_section(void **state)
{
	(void)state;
	fx_init(&pvops_compiled);
	F.img.abi = NULL;
	F.img.abi_size = 0;
	expect_error(SITES_E_ABI_SIZE, ".pvsite_abi");
	fx_init(&pvops_compiled);
	F.img.abi_size = 12;
	expect_error(SITES_E_ABI_SIZE, "found 12 bytes");
}

static void test_table_not_whole_records(void **state)
{
	(void)state;
	fx_init(&pvops_compiled);
	fx_site(find_op(PVOP_CLASS_B, -1));
	F.img.recs_size -= 1;
	expect_error(SITES_E_TABLE_SIZE, ".pvsites");
}

static void test_slots_wrong_size(void **state)
{
	(void)state;
	fx_init(&pvops_compiled);
	F.img.slots_size -= 8;
	expect_error(SITES_E_SLOTS_SIZE, ".pvslots");
	fx_init(&pvops_compiled);
	F.img.slots = NULL;
	expect_error(SITES_E_SLOTS_SIZE, "found 0");
}

static void test_slot_outside_image(void **state)
{
	(void)state;
	fx_init(&pvops_compiled);
	put_le(F.slots + 8, 0x1000, 8);
	expect_error(SITES_E_SLOT_ADDR, "0x0000000000001000");
}

static void test_op_out_of_range(void **state)
{
	struct seen s;
	(void)state;

	fx_init(&pvops_compiled);
	fx_record(TEXT_VA, pvops_compiled.nr, 6);
	expect_error(SITES_E_OP_RANGE, "site 0xffffffff80100000: op");
	fx_verify(&s);
	assert_int_equal(s.first_addr, TEXT_VA);
	assert_int_equal(F.census.total_sites, 0);
}

static void test_class_a_op_with_site(void **state)
{
	unsigned a = find_op(PVOP_CLASS_A, -1);
	char want[96];
	(void)state;

	fx_init(&pvops_compiled);
	fx_site(a);
	snprintf(want, sizeof want, "(%s.%s): op is class A", pvops_compiled.ops[a].group,
		 pvops_compiled.ops[a].name);
	expect_error(SITES_E_CLASS, want);
}

static void test_len_must_be_call_plus_pad(void **state)
{
	unsigned padded = find_op(PVOP_CLASS_B, 4);
	uint64_t addr;
	(void)state;

	fx_init(&pvops_compiled);
	addr = fx_site(padded);
	F.recs[offsetof(struct pvsite, len)] = 6;
	expect_error(SITES_E_LEN, "len 6, expected 10");
	(void)addr;
	fx_init(&pvops_compiled);
	fx_site(find_op(PVOP_CLASS_B, 0));
	F.recs[offsetof(struct pvsite, len)] = 5;
	expect_error(SITES_E_LEN, "len 5, expected 6");
}

/* First op of pvops.def of the given convention. */
static unsigned find_conv(const char *conv)
{
	for (unsigned i = 0; i < pvops_compiled.nr; i++)
		if (pvops_compiled.ops[i].class == PVOP_CLASS_B && !strcmp(pvops_compiled.ops[i].conv, conv))
			return i;
	fail_msg("no class-B %s op in pvops.def", conv);
	return 0;
}

static void test_clobbers_must_match_convention(void **state)
{
	unsigned callee = find_conv("CALLEE"), std = find_conv("STD"), pure = find_conv("PURE");
	(void)state;

	assert_int_equal(pvops_compiled.ops[callee].clobbers, PVCLOBBER_CALLEE_SAVE);
	assert_int_equal(pvops_compiled.ops[pure].clobbers, PVCLOBBER_CALLEE_SAVE);
	assert_int_equal(pvops_compiled.ops[std].clobbers, PVCLOBBER_ANY);
	/* a callee-save op whose site lets the target clobber everything */
	fx_init(&pvops_compiled);
	fx_site(callee);
	put_le(F.recs + offsetof(struct pvsite, clobbers), PVCLOBBER_ANY, 2);
	expect_error(SITES_E_CLOBBERS, "CALLEE convention allows 0x001");
	/* a C-convention op whose site promised to keep every register */
	fx_init(&pvops_compiled);
	fx_site(std);
	put_le(F.recs + offsetof(struct pvsite, clobbers), PVCLOBBER_CALLEE_SAVE, 2);
	expect_error(SITES_E_CLOBBERS, "clobbers 0x001, but the op's STD convention allows 0x1ff");
	/* and the right sets pass */
	fx_init(&pvops_compiled);
	fx_site(callee);
	fx_site(std);
	fx_site(pure);
	{
		struct seen seen;

		assert_int_equal(fx_verify(&seen), 0);
		assert_int_equal(F.census.verified, 3);
	}
}

static void test_bad_call_bytes(void **state)
{
	uint64_t addr;
	char want[64];
	(void)state;

	fx_init(&pvops_compiled);
	addr = fx_site(find_op(PVOP_CLASS_B, 0));
	fx_bytes(addr)[0] = 0xe8;    /* a direct call, e.g. already patched */
	snprintf(want, sizeof want, "site 0x%016llx", (unsigned long long)addr);
	expect_error(SITES_E_CALL, want);
	expect_error(SITES_E_CALL, "found e8 15");
}

static void test_disp_to_another_ops_slot(void **state)
{
	unsigned a = find_op(PVOP_CLASS_B, 4), b = a + 1;
	char want[96];
	(void)state;

	assert_true(b < pvops_compiled.nr);
	fx_init(&pvops_compiled);
	fx_site_via(a, b);
	snprintf(want, sizeof want, "(the slot of %s.%s)", pvops_compiled.ops[b].group,
		 pvops_compiled.ops[b].name);
	expect_error(SITES_E_SLOT, want);
	assert_int_equal(F.census.verified, 0);
	assert_int_equal(F.census.total_sites, 1);
}

static void test_disp_to_no_slot(void **state)
{
	uint64_t addr;
	(void)state;

	fx_init(&pvops_compiled);
	addr = fx_site(find_op(PVOP_CLASS_B, 0));
	put_le(fx_bytes(addr) + 2, 0x100, 4);
	expect_error(SITES_E_SLOT, "calls through 0xffffffff80100106, expected");
}

static void test_bad_padding(void **state)
{
	uint64_t addr;
	(void)state;

	fx_init(&pvops_compiled);
	addr = fx_site(find_op(PVOP_CLASS_B, 4));
	memset(fx_bytes(addr) + 6, 0x90, 4);     /* four 1-byte NOPs, not one */
	expect_error(SITES_E_PAD, "padding is 90 90 90 90, expected the 4-byte NOP 0f 1f 40 00");
}

static void test_site_outside_text(void **state)
{
	(void)state;
	fx_init(&pvops_compiled);
	fx_record(TEXT_VA + sizeof F.text - 3, find_op(PVOP_CLASS_B, 0), 6);   /* runs off the end */
	expect_error(SITES_E_UNMAPPED, "executable");
	fx_init(&pvops_compiled);
	fx_record(DATA_VA, find_op(PVOP_CLASS_B, 0), 6);                        /* in data */
	expect_error(SITES_E_UNMAPPED, "site 0xffffffff80200000");
}

static void test_overlapping_sites(void **state)
{
	uint64_t addr;
	(void)state;

	fx_init(&pvops_compiled);
	addr = fx_site(find_op(PVOP_CLASS_B, 0));
	fx_record(addr, find_op(PVOP_CLASS_B, 0), 6);
	expect_error(SITES_E_OVERLAP, "overlaps site");
}

static void test_all_problems_reported(void **state)
{
	unsigned op = find_op(PVOP_CLASS_B, 0);
	uint64_t bad;
	struct seen s;
	(void)state;

	fx_init(&pvops_compiled);
	fx_site(op);
	bad = fx_site(op);
	fx_site(op);
	fx_bytes(bad)[1] = 0x25;                  /* jmp *disp(%rip) */
	fx_record(TEXT_VA + 512, pvops_compiled.nr + 7, 6);
	assert_int_equal(fx_verify(&s), 2);
	assert_int_equal(s.first, SITES_E_CALL);
	assert_int_equal(s.first_addr, bad);
	assert_int_equal(F.census.sites[op], 3);
	assert_int_equal(F.census.verified, 2);
}

/* A three-op list independent of pvops.def. */
static const struct pvop_info tiny_list[] = {
	{ "g1", "fast", PVOP_CLASS_B, "CALLEE", PVCLOBBER_CALLEE_SAVE, 2 },
	{ "g1", "rare", PVOP_CLASS_A, "STD", PVCLOBBER_ANY, 0 },
	{ "g2", "only", PVOP_CLASS_A, "STD", PVCLOBBER_ANY, 0 },
};
static const struct pvops tiny = { tiny_list, 3 };

static void test_synthetic_op_list(void **state)
{
	uint64_t addr;
	struct seen s;
	(void)state;

	fx_init(&tiny);
	addr = fx_site(0);
	assert_int_equal(fx_verify(&s), 0);
	assert_memory_equal(fx_bytes(addr) + 6, ((const uint8_t[]){ 0x66, 0x90 }), 2);
	assert_int_equal(F.census.bytes[0], 8);
	put_le(F.abi + 12, pvops_compiled.nr, 4);
	expect_error(SITES_E_NR_OPS, "expected 3");
}

static char *census_text(const struct pvops *ops)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	assert_non_null(f);
	census_print(f, ops, &F.census);
	fclose(f);
	return buf;
}

static int has_row(const char *text, const char *prefix, const char *suffix)
{
	for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line), sl = strlen(suffix);
		char row[256];

		if (len >= sizeof row)
			continue;
		memcpy(row, line, len);
		row[len] = 0;
		while (len && row[len - 1] == ' ')
			row[--len] = 0;
		if (strncmp(row, prefix, strlen(prefix)) == 0 && len >= sl && strcmp(row + len - sl, suffix) == 0)
			return 1;
	}
	return 0;
}

static void test_census_table(void **state)
{
	struct seen s;
	char *text;
	(void)state;

	fx_init(&tiny);
	fx_site(0);
	fx_site(0);
	fx_site(0);
	assert_int_equal(fx_verify(&s), 0);
	text = census_text(&tiny);
	if (!has_row(text, "group", "sites     bytes") ||
	    !has_row(text, "g1     fast", "CALLEE       3        24") ||
	    !has_row(text, "g1     rare", "STD          -         -") ||
	    !has_row(text, "g1     subtotal", "3        24") ||
	    !has_row(text, "g2     only", "-         -") ||
	    !has_row(text, "g2     subtotal", "-         -") ||
	    !has_row(text, "total", "3        24"))
		fail_msg("census table:\n%s", text);
	free(text);
}

static void test_census_covers_every_op(void **state)
{
	unsigned rows = 0, groups = 0;
	struct seen s;
	char *text, *p;
	(void)state;

	fx_init(&pvops_compiled);
	fx_site(find_op(PVOP_CLASS_B, 4));
	assert_int_equal(fx_verify(&s), 0);
	text = census_text(&pvops_compiled);
	for (p = text; (p = strchr(p, '\n')); p++)
		rows++;
	for (unsigned i = 0; i < pvops_compiled.nr; i++) {
		unsigned j;

		for (j = 0; j < i && strcmp(pvops_compiled.ops[j].group, pvops_compiled.ops[i].group); j++)
			;
		groups += j == i;
	}
	/* header, rule, one row per op, one subtotal per group, rule, total */
	assert_int_equal(rows, 2 + pvops_compiled.nr + groups + 2);
	assert_true(has_row(text, "total", "1        10"));
	free(text);
}

static void test_nops_table(void **state)
{
	(void)state;
	assert_memory_equal(nops_bytes(4), ((const uint8_t[]){ 0x0f, 0x1f, 0x40, 0x00 }), 4);
	assert_memory_equal(nops_bytes(1), ((const uint8_t[]){ 0x90 }), 1);
	assert_null(nops_bytes(0));
	assert_null(nops_bytes(PVOPS_MAX_PAD + 1));
}

static void test_compiled_ops_match_def(void **state)
{
	(void)state;
	assert_int_equal(pvops_compiled.nr, PVOPS_NR);
	assert_true(pvops_compiled.nr > 0 && pvops_compiled.nr <= SITES_MAX_OPS);
	for (unsigned i = 0; i < pvops_compiled.nr; i++) {
		const struct pvop_info *op = &pvops_compiled.ops[i];

		assert_true(op->class == PVOP_CLASS_A || op->class == PVOP_CLASS_B);
		assert_true(strcmp(op->conv, "CALLEE") == 0 || strcmp(op->conv, "PURE") == 0 ||
			    strcmp(op->conv, "STD") == 0);
		assert_int_equal(op->clobbers, strcmp(op->conv, "STD") ? PVCLOBBER_CALLEE_SAVE : PVCLOBBER_ANY);
		assert_true(op->pad <= PVOPS_MAX_PAD);
		assert_true(op->group[0] && op->name[0]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_table_counts),
		cmocka_unit_test(test_empty_table_is_ok),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_wrong_version),
		cmocka_unit_test(test_wrong_record_size),
		cmocka_unit_test(test_nr_ops_mismatch_names_both),
		cmocka_unit_test(test_missing_header_section),
		cmocka_unit_test(test_table_not_whole_records),
		cmocka_unit_test(test_slots_wrong_size),
		cmocka_unit_test(test_slot_outside_image),
		cmocka_unit_test(test_op_out_of_range),
		cmocka_unit_test(test_class_a_op_with_site),
		cmocka_unit_test(test_len_must_be_call_plus_pad),
		cmocka_unit_test(test_clobbers_must_match_convention),
		cmocka_unit_test(test_bad_call_bytes),
		cmocka_unit_test(test_disp_to_another_ops_slot),
		cmocka_unit_test(test_disp_to_no_slot),
		cmocka_unit_test(test_bad_padding),
		cmocka_unit_test(test_site_outside_text),
		cmocka_unit_test(test_overlapping_sites),
		cmocka_unit_test(test_all_problems_reported),
		cmocka_unit_test(test_synthetic_op_list),
		cmocka_unit_test(test_census_table),
		cmocka_unit_test(test_census_covers_every_op),
		cmocka_unit_test(test_nops_table),
		cmocka_unit_test(test_compiled_ops_match_def),
	};

	return cmocka_run_group_tests_name("proteus sites", tests, NULL, NULL);
}
