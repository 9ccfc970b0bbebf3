/*
 * test_pvpatch.c — the bytes of a pv call site, pinned by hand.
 *
 * Every expected byte string below is written out literally (worked out from
 * the AMD/Intel manuals and by hand arithmetic on the displacements), never
 * recomputed with lib/pvpatch.c.  On top of the byte checks, the real
 * disassembler (binutils objdump) decodes the results, so "one instruction"
 * means what a decoder says, not what the encoder believes.  The objdump
 * checks live in the objdump_* helpers; if objdump cannot be run they fail
 * the test, they never skip.
 */
#define _GNU_SOURCE /* mkstemp, popen */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/pvpatch.h"

#define SITE 0xffffffff81000000ull   /* a call site in kernel text */
#define SLOT 0xffffffff82345678ull   /* its slot: disp32 from SITE+6 = 0x01345672 */
#define AFTER 0xffffffff81234567ull  /* a call target after SITE */
#define BEFORE 0xffffffff80100000ull /* a call target before SITE */

#define BUF 32
#define CANARY 0xcc

/* ---------------------------------------------------------------- helpers */

static void fill_canary(uint8_t *buf)
{
	memset(buf, CANARY, BUF);
}

static void hex(char *dst, size_t cap, const uint8_t *p, size_t n)
{
	size_t off = 0;

	dst[0] = '\0';
	for (size_t i = 0; i < n && off + 4 < cap; i++)
		off += (size_t)snprintf(dst + off, cap - off, "%s%02x", i ? " " : "", p[i]);
}

/* got[0..n) must be want[0..n) and got[n..BUF) untouched. */
static void expect_bytes(const uint8_t *got, const uint8_t *want, size_t n, const char *what)
{
	char g[BUF * 3 + 1], w[BUF * 3 + 1];

	if (memcmp(got, want, n) != 0) {
		hex(g, sizeof(g), got, n);
		hex(w, sizeof(w), want, n);
		fail_msg("%s: got [%s], want [%s]", what, g, w);
	}
	for (size_t i = n; i < BUF; i++)
		if (got[i] != CANARY)
			fail_msg("%s: byte %zu past the %zu-byte result was written (0x%02x)",
				 what, i, n, got[i]);
}

static void expect_untouched(const uint8_t *buf, const char *what)
{
	for (size_t i = 0; i < BUF; i++)
		if (buf[i] != CANARY)
			fail_msg("%s: failed call wrote byte %zu (0x%02x)", what, i, buf[i]);
}

/* ---------------------------------------------------------- objdump helpers */

#define DIS_MAX 16

struct insn {
	uint64_t addr;
	unsigned nbytes;
	char text[160];          /* mnemonic and operands, as objdump prints them */
};

static unsigned count_hex_pairs(const char *s, const char *end)
{
	unsigned n = 0;

	while (s < end) {
		while (s < end && *s == ' ')
			s++;
		if (end - s >= 2 && strchr("0123456789abcdef", s[0]) && s[0] &&
		    strchr("0123456789abcdef", s[1]) && s[1]) {
			n++;
			s += 2;
		} else {
			break;
		}
	}
	return n;
}

/*
 * Decode bytes[0..len) placed at address vma with the real objdump and
 * return the number of instructions.  Fails the test if objdump cannot be
 * run (e.g. binutils missing), exits non-zero, prints "(bad)", or does not
 * account for exactly len bytes.
 */
static unsigned objdump_decode(const uint8_t *bytes, unsigned len, uint64_t vma,
			       struct insn *out, unsigned max)
{
	char path[] = "/tmp/test_pvpatch-XXXXXX";
	char cmd[512], line[512], log[4096];
	size_t logged = 0;
	unsigned n = 0, total = 0;
	bool bad = false, overflow = false, orphan = false;
	ssize_t w;
	FILE *p;
	int fd, status;

	log[0] = '\0';
	fd = mkstemp(path);
	if (fd < 0)
		fail_msg("objdump check: mkstemp: %s", strerror(errno));
	w = write(fd, bytes, len);
	close(fd);
	if (w != (ssize_t)len) {
		unlink(path);
		fail_msg("objdump check: could not write %u bytes to %s", len, path);
	}

	snprintf(cmd, sizeof(cmd),
		 "objdump -D -z -b binary -mi386:x86-64 --insn-width=15 "
		 "--adjust-vma=0x%llx %s 2>&1", (unsigned long long)vma, path);
	p = popen(cmd, "r");
	if (!p) {
		unlink(path);
		fail_msg("objdump check: popen(\"%s\"): %s", cmd, strerror(errno));
	}
	while (fgets(line, sizeof(line), p)) {
		unsigned long long a;
		int pos = -1;
		char *field, *tab, *nl;
		unsigned cnt;

		if (logged + strlen(line) + 1 < sizeof(log)) {
			strcpy(log + logged, line);
			logged += strlen(line);
		}
		/* "<addr>:\t<bytes>\t<text>" or a continuation "<addr>:\t<bytes>". */
		if (sscanf(line, " %llx:%n", &a, &pos) < 1 || pos < 0 || line[pos] != '\t')
			continue;
		field = line + pos + 1;
		nl = strchr(field, '\n');
		if (nl)
			*nl = '\0';
		tab = strchr(field, '\t');
		cnt = count_hex_pairs(field, tab ? tab : field + strlen(field));
		total += cnt;
		if (!tab) {
			if (n == 0)
				orphan = true;
			else
				out[n - 1].nbytes += cnt;
			continue;
		}
		if (n == max) {
			overflow = true;
			continue;
		}
		out[n].addr = a;
		out[n].nbytes = cnt;
		snprintf(out[n].text, sizeof(out[n].text), "%s", tab + 1);
		for (size_t e = strlen(out[n].text); e && out[n].text[e - 1] == ' '; e--)
			out[n].text[e - 1] = '\0';
		if (strstr(out[n].text, "(bad)"))
			bad = true;
		n++;
	}
	status = pclose(p);
	unlink(path);

	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("objdump check: `%s` did not run cleanly (status %d, exit %d): "
			 "binutils objdump is required for this test\n%s",
			 cmd, status, WIFEXITED(status) ? WEXITSTATUS(status) : -1, log);
	if (bad)
		fail_msg("objdump check: undecodable bytes\n%s", log);
	if (overflow)
		fail_msg("objdump check: more than %u instructions\n%s", max, log);
	if (orphan)
		fail_msg("objdump check: continuation line before any instruction\n%s", log);
	if (total != len)
		fail_msg("objdump check: decoded %u bytes of %u\n%s", total, len, log);
	return n;
}

/* objdump decodes bytes as exactly `want` instructions. */
static void objdump_expect_count(const uint8_t *bytes, unsigned len, unsigned want,
				 struct insn *insn, const char *what)
{
	unsigned n = objdump_decode(bytes, len, 0, insn, DIS_MAX);

	if (n != want) {
		char h[BUF * 3 + 1];

		hex(h, sizeof(h), bytes, len);
		fail_msg("%s: [%s] decodes as %u instructions, want %u (first: \"%s\")",
			 what, h, n, want, n ? insn[0].text : "");
	}
}

/* objdump decodes bytes as ONE instruction of all len bytes whose text holds mnem. */
static void objdump_expect_one(const uint8_t *bytes, unsigned len, const char *mnem,
			       const char *what)
{
	struct insn insn[DIS_MAX];

	objdump_expect_count(bytes, len, 1, insn, what);
	assert_int_equal(insn[0].nbytes, len);
	if (!strstr(insn[0].text, mnem))
		fail_msg("%s: decoded as \"%s\", want %s", what, insn[0].text, mnem);
}

/*
 * Placed at site, bytes decode as ONE direct call of len bytes whose
 * absolute target (objdump resolves it with --adjust-vma) is target.
 */
static void objdump_expect_call(const uint8_t *bytes, unsigned len, uint64_t site,
				uint64_t target, const char *what)
{
	struct insn insn[DIS_MAX];
	unsigned n = objdump_decode(bytes, len, site, insn, DIS_MAX);
	unsigned calls = 0;
	const char *c;
	char *end;
	unsigned long long got;

	for (unsigned i = 0; i < n; i++)
		if (strstr(insn[i].text, "call"))
			calls++;
	if (n != 1 || calls != 1)
		fail_msg("%s: %u instructions, %u calls; want one call (first: \"%s\")",
			 what, n, calls, n ? insn[0].text : "");
	assert_int_equal(insn[0].addr, site);
	assert_int_equal(insn[0].nbytes, len);
	c = strstr(insn[0].text, "call");
	c += strlen("call");
	while (*c == ' ')
		c++;
	if (*c == '*' || strncmp(c, "0x", 2) != 0)
		fail_msg("%s: \"%s\" is not a direct call", what, insn[0].text);
	got = strtoull(c + 2, &end, 16);
	if (end == c + 2 || got != target)
		fail_msg("%s: \"%s\" calls 0x%llx, want 0x%llx", what, insn[0].text, got,
			 (unsigned long long)target);
}

/* ------------------------------------------------------------ pvpatch_nop */

/* Index len-1; lengths 1..9 are the AMD/Intel recommended forms, 10..15
 * put further 0x66 operand-size prefixes in front of the 9-byte form. */
static const struct {
	unsigned len;
	uint8_t b[15];
} nop_want[15] = {
	{ 1, { 0x90 } },
	{ 2, { 0x66, 0x90 } },
	{ 3, { 0x0f, 0x1f, 0x00 } },
	{ 4, { 0x0f, 0x1f, 0x40, 0x00 } },
	{ 5, { 0x0f, 0x1f, 0x44, 0x00, 0x00 } },
	{ 6, { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 } },
	{ 7, { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 } },
	{ 8, { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 9, { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 10, { 0x66,
		0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 11, { 0x66, 0x66,
		0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 12, { 0x66, 0x66, 0x66,
		0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 13, { 0x66, 0x66, 0x66, 0x66,
		0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 14, { 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ 15, { 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 } },
};

static void test_nop_short_forms(void **state)
{
	uint8_t out[BUF];
	char what[32];

	(void)state;
	for (unsigned len = 1; len <= 9; len++) {
		assert_int_equal(nop_want[len - 1].len, len);
		fill_canary(out);
		pvpatch_nop(out, len);
		snprintf(what, sizeof(what), "nop %u", len);
		expect_bytes(out, nop_want[len - 1].b, len, what);
	}
}

static void test_nop_long_forms(void **state)
{
	static const uint8_t nop9[9] = { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 };
	uint8_t out[BUF];
	char what[32];

	(void)state;
	for (unsigned len = 10; len <= 15; len++) {
		assert_int_equal(nop_want[len - 1].len, len);
		fill_canary(out);
		pvpatch_nop(out, len);
		snprintf(what, sizeof(what), "nop %u", len);
		expect_bytes(out, nop_want[len - 1].b, len, what);
		/* The shape, stated separately: len-9 0x66 bytes, then the 9-byte form. */
		for (unsigned i = 0; i < len - 9; i++)
			assert_int_equal(out[i], 0x66);
		assert_memory_equal(out + len - 9, nop9, 9);
	}
}

static void test_nop_zero_writes_nothing(void **state)
{
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	pvpatch_nop(out, 0);
	expect_untouched(out, "nop 0");
}

static void test_nop_objdump_one_insn(void **state)
{
	char what[32];

	(void)state;
	for (unsigned len = 1; len <= 15; len++) {
		snprintf(what, sizeof(what), "nop %u", len);
		/* Check the hand-written bytes, and what the encoder produced. */
		uint8_t out[BUF];

		fill_canary(out);
		pvpatch_nop(out, len);
		for (int pass = 0; pass < 2; pass++) {
			const uint8_t *b = pass ? out : nop_want[len - 1].b;

			/* objdump spells 66 90 as the nop it is: xchg %ax,%ax. */
			objdump_expect_one(b, len, len == 2 ? "%ax,%ax" : "nop", what);
		}
	}
}

/* ------------------------------------------------ pvpatch_encode_indirect */

static void test_encode_indirect_pad0(void **state)
{
	static const uint8_t want[] = { 0xff, 0x15, 0x72, 0x56, 0x34, 0x01 };
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_indirect(out, SITE, SLOT, 0), 0);
	expect_bytes(out, want, sizeof(want), "indirect pad 0");
}

static void test_encode_indirect_pad4(void **state)
{
	static const uint8_t want[] = {
		0xff, 0x15, 0x72, 0x56, 0x34, 0x01, 0x0f, 0x1f, 0x40, 0x00,
	};
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_indirect(out, SITE, SLOT, 4), 0);
	expect_bytes(out, want, sizeof(want), "indirect pad 4");
}

static void test_encode_indirect_pad9_is_15_bytes(void **state)
{
	static const uint8_t want[] = {
		0xff, 0x15, 0x72, 0x56, 0x34, 0x01,
		0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_indirect(out, SITE, SLOT, 9), 0);
	expect_bytes(out, want, sizeof(want), "indirect pad 9");
}

static void test_encode_indirect_negative_disp(void **state)
{
	/* slot 0x1000 below the site: disp = -0x1006 = 0xffffeffa. */
	static const uint8_t want0[] = { 0xff, 0x15, 0xfa, 0xef, 0xff, 0xff };
	static const uint8_t want4[] = {
		0xff, 0x15, 0xfa, 0xef, 0xff, 0xff, 0x0f, 0x1f, 0x40, 0x00,
	};
	/* slot just below: SITE-1 gives disp -7 = 0xfffffff9. */
	static const uint8_t want_m7[] = { 0xff, 0x15, 0xf9, 0xff, 0xff, 0xff };
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_indirect(out, SITE, SITE - 0x1000, 0), 0);
	expect_bytes(out, want0, sizeof(want0), "indirect negative pad 0");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_indirect(out, SITE, SITE - 0x1000, 4), 0);
	expect_bytes(out, want4, sizeof(want4), "indirect negative pad 4");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_indirect(out, SITE, SITE - 1, 0), 0);
	expect_bytes(out, want_m7, sizeof(want_m7), "indirect slot at site-1");
}

static void test_encode_indirect_reach(void **state)
{
	static const uint8_t want_max[] = { 0xff, 0x15, 0xff, 0xff, 0xff, 0x7f };
	static const uint8_t want_min[] = { 0xff, 0x15, 0x00, 0x00, 0x00, 0x80 };
	uint8_t out[BUF];

	(void)state;
	/* The farthest reachable slots, measured from the end of ff 15 disp32. */
	fill_canary(out);
	assert_int_equal(pvpatch_encode_indirect(out, SITE, SITE + 6 + 0x7fffffffull, 0), 0);
	expect_bytes(out, want_max, sizeof(want_max), "indirect +2GiB-1");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_indirect(out, SITE, SITE + 6 - 0x80000000ull, 0), 0);
	expect_bytes(out, want_min, sizeof(want_min), "indirect -2GiB");

	/* One byte further, and far further, in both directions. */
	static const uint64_t far[] = {
		SITE + 6 + 0x80000000ull,
		SITE + 6 - 0x80000001ull,
		SITE + 0x100000000ull,
		SITE - 0x100000000ull,
		0x00007fffffffe000ull,            /* user space from kernel text */
		0x0000000080000000ull,
	};
	for (size_t i = 0; i < sizeof(far) / sizeof(far[0]); i++) {
		for (unsigned pad = 0; pad <= 4; pad += 4) {
			fill_canary(out);
			assert_int_equal(pvpatch_encode_indirect(out, SITE, far[i], pad), -1);
			expect_untouched(out, "indirect out of range");
		}
	}
}

static void test_encode_indirect_pad_too_long(void **state)
{
	uint8_t out[BUF];

	(void)state;
	for (unsigned pad = 10; pad <= 20; pad++) {
		fill_canary(out);
		assert_int_equal(pvpatch_encode_indirect(out, SITE, SLOT, pad), -1);
		expect_untouched(out, "indirect pad > 9");
	}
}

static void test_encode_indirect_objdump(void **state)
{
	struct insn insn[DIS_MAX];
	uint8_t out[BUF];
	char want[64];

	(void)state;
	for (unsigned pad = 0; pad <= 9; pad++) {
		fill_canary(out);
		assert_int_equal(pvpatch_encode_indirect(out, SITE, SLOT, pad), 0);
		unsigned n = objdump_decode(out, 6 + pad, SITE, insn, DIS_MAX);

		assert_int_equal(n, pad ? 2 : 1);
		assert_int_equal(insn[0].addr, SITE);
		assert_int_equal(insn[0].nbytes, 6);
		assert_non_null(strstr(insn[0].text, "call"));
		assert_non_null(strstr(insn[0].text, "(%rip)"));
		/* objdump resolves the rip-relative operand in its comment. */
		snprintf(want, sizeof(want), "# 0x%llx", (unsigned long long)SLOT);
		if (!strstr(insn[0].text, want))
			fail_msg("indirect pad %u: \"%s\" lacks \"%s\"", pad, insn[0].text, want);
		if (pad) {
			assert_int_equal(insn[1].nbytes, pad);
			assert_non_null(strstr(insn[1].text, pad == 2 ? "%ax,%ax" : "nop"));
		}
	}
}

/* ---------------------------------------------------- pvpatch_is_indirect */

/* ff 15 disp32(SITE->SLOT) + 4-byte NOP, written by hand. */
static const uint8_t site_pad4[10] = {
	0xff, 0x15, 0x72, 0x56, 0x34, 0x01, 0x0f, 0x1f, 0x40, 0x00,
};
/* ... and with a 9-byte NOP: 15 bytes. */
static const uint8_t site_pad9[15] = {
	0xff, 0x15, 0x72, 0x56, 0x34, 0x01,
	0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void test_is_indirect_true(void **state)
{
	uint8_t out[BUF];

	(void)state;
	assert_true(pvpatch_is_indirect(site_pad4, 6, SITE, SLOT, 0));
	assert_true(pvpatch_is_indirect(site_pad4, 10, SITE, SLOT, 4));
	assert_true(pvpatch_is_indirect(site_pad9, 15, SITE, SLOT, 9));
	/* The encoding is position-relative: move site and slot together. */
	assert_true(pvpatch_is_indirect(site_pad4, 10, SITE + 0x40, SLOT + 0x40, 4));
	assert_true(pvpatch_is_indirect(site_pad4, 10, SITE - 0x10000, SLOT - 0x10000, 4));
	/* Whatever encode_indirect writes, is_indirect accepts. */
	for (unsigned pad = 0; pad <= 9; pad++) {
		assert_int_equal(pvpatch_encode_indirect(out, SITE, SITE - 0x2000, pad), 0);
		assert_true(pvpatch_is_indirect(out, 6 + pad, SITE, SITE - 0x2000, pad));
	}
}

static void one_byte_differs(const uint8_t *good, unsigned len, unsigned pad)
{
	uint8_t b[BUF];

	assert_true(pvpatch_is_indirect(good, len, SITE, SLOT, pad));
	for (unsigned i = 0; i < len; i++) {
		for (unsigned v = 0; v < 256; v++) {
			if (v == good[i])
				continue;
			memcpy(b, good, len);
			b[i] = (uint8_t)v;
			if (pvpatch_is_indirect(b, len, SITE, SLOT, pad))
				fail_msg("pad %u: byte %u changed 0x%02x -> 0x%02x still accepted",
					 pad, i, good[i], v);
		}
	}
}

static void test_is_indirect_any_byte_differs(void **state)
{
	(void)state;
	one_byte_differs(site_pad4, 6, 0);
	one_byte_differs(site_pad4, 10, 4);
	one_byte_differs(site_pad9, 15, 9);
}

static void test_is_indirect_wrong_slot_site(void **state)
{
	(void)state;
	assert_false(pvpatch_is_indirect(site_pad4, 10, SITE, SLOT + 1, 4));
	assert_false(pvpatch_is_indirect(site_pad4, 10, SITE, SLOT - 1, 4));
	assert_false(pvpatch_is_indirect(site_pad4, 10, SITE, SLOT + 8, 4));
	assert_false(pvpatch_is_indirect(site_pad4, 10, SITE, SLOT + 0x100000000ull, 4));
	assert_false(pvpatch_is_indirect(site_pad4, 10, SITE, 0, 4));
	assert_false(pvpatch_is_indirect(site_pad4, 10, SITE + 1, SLOT, 4));
	assert_false(pvpatch_is_indirect(site_pad4, 10, SITE - 1, SLOT, 4));
	assert_false(pvpatch_is_indirect(site_pad4, 6, SITE, SLOT + 1, 0));
}

static void test_is_indirect_wrong_pad_len(void **state)
{
	(void)state;
	/* Wrong pad, with len kept and with len following the pad. */
	assert_false(pvpatch_is_indirect(site_pad4, 10, SITE, SLOT, 3));
	assert_false(pvpatch_is_indirect(site_pad4, 10, SITE, SLOT, 5));
	assert_false(pvpatch_is_indirect(site_pad4, 10, SITE, SLOT, 0));
	assert_false(pvpatch_is_indirect(site_pad4, 9, SITE, SLOT, 3));   /* 0f 1f 00 != 0f 1f 40 */
	assert_false(pvpatch_is_indirect(site_pad9, 14, SITE, SLOT, 8));
	assert_false(pvpatch_is_indirect(site_pad4, 6, SITE, SLOT, 4));
	/* Wrong len for the pad. */
	for (unsigned len = 0; len <= 15; len++) {
		if (len != 10)
			assert_false(pvpatch_is_indirect(site_pad4, len, SITE, SLOT, 4));
		if (len != 6)
			assert_false(pvpatch_is_indirect(site_pad4, len, SITE, SLOT, 0));
	}
	/* A pad the unpatched form can never have. */
	assert_false(pvpatch_is_indirect(site_pad9, 16, SITE, SLOT, 10));
}

/* ----------------------------------------------- pvpatch_indirect_target */

static void test_indirect_target_hand_bytes(void **state)
{
	static const uint8_t neg[] = { 0xff, 0x15, 0xfa, 0xef, 0xff, 0xff };
	static const uint8_t max[] = { 0xff, 0x15, 0xff, 0xff, 0xff, 0x7f };
	static const uint8_t min[] = { 0xff, 0x15, 0x00, 0x00, 0x00, 0x80 };

	(void)state;
	assert_int_equal(pvpatch_indirect_target(site_pad4, 6, SITE), SLOT);
	assert_int_equal(pvpatch_indirect_target(site_pad4, 10, SITE), SLOT);
	assert_int_equal(pvpatch_indirect_target(site_pad9, 15, SITE), SLOT);
	assert_int_equal(pvpatch_indirect_target(neg, 6, SITE), SITE - 0x1000);
	assert_int_equal(pvpatch_indirect_target(max, 6, SITE), SITE + 6 + 0x7fffffffull);
	assert_int_equal(pvpatch_indirect_target(min, 6, SITE), SITE + 6 - 0x80000000ull);
}

static void test_indirect_target_round_trip(void **state)
{
	static const uint64_t slots[] = {
		SLOT, SITE - 0x1000, SITE + 6, SITE, SITE - 1,
		SITE + 6 + 0x7fffffffull, SITE + 6 - 0x80000000ull,
		0xffffffff81ffff00ull, 0xffffffff80000000ull,
	};
	uint8_t out[BUF];

	(void)state;
	for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		for (unsigned pad = 0; pad <= 9; pad++) {
			assert_int_equal(pvpatch_encode_indirect(out, SITE, slots[i], pad), 0);
			assert_int_equal(pvpatch_indirect_target(out, 6 + pad, SITE), slots[i]);
		}
	}
}

static void test_indirect_target_rejects(void **state)
{
	static const uint8_t not_ff15[][6] = {
		{ 0xe8, 0x72, 0x56, 0x34, 0x01, 0x90 },   /* call rel32 + nop */
		{ 0xff, 0x25, 0x72, 0x56, 0x34, 0x01 },   /* jmp *disp(%rip) */
		{ 0xff, 0x14, 0x72, 0x56, 0x34, 0x01 },   /* call *(sib) */
		{ 0xff, 0x16, 0x72, 0x56, 0x34, 0x01 },   /* other modrm */
		{ 0xfe, 0x15, 0x72, 0x56, 0x34, 0x01 },
		{ 0x15, 0xff, 0x72, 0x56, 0x34, 0x01 },   /* swapped */
		{ 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0xfa },   /* patched cli */
		{ 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },   /* patched nop */
		{ 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(not_ff15) / sizeof(not_ff15[0]); i++)
		assert_int_equal(pvpatch_indirect_target(not_ff15[i], 6, SITE), 0);
	for (unsigned len = 0; len < 6; len++)
		assert_int_equal(pvpatch_indirect_target(site_pad4, len, SITE), 0);
}

/* ------------------------------------------------- pvpatch_encode_inline */

static const uint8_t cli[] = { 0xfa };
static const uint8_t pushf_pop[] = { 0x9c, 0x58 };

static void test_inline_cli_prefixed_6(void **state)
{
	static const uint8_t want[] = { 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0xfa };
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 6, cli, 1, true), 0);
	expect_bytes(out, want, sizeof(want), "inline cli 6 prefixed");
}

static void test_inline_cli_prefixed_10(void **state)
{
	static const uint8_t want[] = {
		0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0xfa,
	};
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 10, cli, 1, true), 0);
	expect_bytes(out, want, sizeof(want), "inline cli 10 prefixed");
}

static void test_inline_cli_not_prefixable(void **state)
{
	static const uint8_t want6[] = { 0xfa, 0x0f, 0x1f, 0x44, 0x00, 0x00 };
	static const uint8_t want10[] = {
		0xfa, 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 6, cli, 1, false), 0);
	expect_bytes(out, want6, sizeof(want6), "inline cli 6 unprefixed");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 10, cli, 1, false), 0);
	expect_bytes(out, want10, sizeof(want10), "inline cli 10 unprefixed");
}

static void test_inline_pushf_pop_10(void **state)
{
	static const uint8_t want[] = {
		0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x9c, 0x58,
	};
	static const uint8_t want_np[] = {
		0x9c, 0x58, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 10, pushf_pop, 2, true), 0);
	expect_bytes(out, want, sizeof(want), "inline pushf;pop 10 prefixed");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 10, pushf_pop, 2, false), 0);
	expect_bytes(out, want_np, sizeof(want_np), "inline pushf;pop 10 unprefixed");
}

static void test_inline_exact_fit(void **state)
{
	static const uint8_t mov_rdi_rax[] = { 0x48, 0x89, 0xf8 };
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 1, cli, 1, true), 0);
	expect_bytes(out, cli, 1, "inline cli 1");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 2, pushf_pop, 2, false), 0);
	expect_bytes(out, pushf_pop, 2, "inline pushf;pop 2");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 3, mov_rdi_rax, 3, true), 0);
	expect_bytes(out, mov_rdi_rax, 3, "inline mov 3");
}

static void test_inline_errors(void **state)
{
	static const uint8_t body16[16] = { 0x90 };
	uint8_t out[BUF];

	(void)state;
	/* Body longer than the site. */
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 1, pushf_pop, 2, true), -1);
	expect_untouched(out, "inline 2 into 1");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 5, body16, 6, false), -1);
	expect_untouched(out, "inline 6 into 5");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 0, cli, 1, true), -1);
	expect_untouched(out, "inline 1 into 0");
	/* Empty body. */
	for (unsigned len = 0; len <= 15; len++) {
		fill_canary(out);
		assert_int_equal(pvpatch_encode_inline(out, len, cli, 0, true), -1);
		assert_int_equal(pvpatch_encode_inline(out, len, cli, 0, false), -1);
		expect_untouched(out, "inline empty body");
	}
	/* A site longer than any instruction. */
	fill_canary(out);
	assert_int_equal(pvpatch_encode_inline(out, 16, cli, 1, true), -1);
	assert_int_equal(pvpatch_encode_inline(out, 16, body16, 16, false), -1);
	expect_untouched(out, "inline len 16");
}

static void test_inline_objdump(void **state)
{
	static const uint8_t cli6[] = { 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0xfa };
	static const uint8_t cli10[] = {
		0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0xfa,
	};
	static const uint8_t pp10[] = {
		0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x9c, 0x58,
	};
	static const uint8_t cli_nop6[] = { 0xfa, 0x0f, 0x1f, 0x44, 0x00, 0x00 };
	struct insn insn[DIS_MAX];
	uint8_t out[BUF];

	(void)state;
	/* The hand-written bytes... */
	objdump_expect_one(cli6, sizeof(cli6), "cli", "prefixed cli 6");
	objdump_expect_one(cli10, sizeof(cli10), "cli", "prefixed cli 10");
	objdump_expect_count(pp10, sizeof(pp10), 2, insn, "prefixed pushf;pop 10");
	assert_int_equal(insn[0].nbytes, 9);
	assert_non_null(strstr(insn[0].text, "pushf"));
	assert_int_equal(insn[1].nbytes, 1);
	assert_non_null(strstr(insn[1].text, "pop"));
	objdump_expect_count(cli_nop6, sizeof(cli_nop6), 2, insn, "cli + nop 6");
	assert_non_null(strstr(insn[0].text, "cli"));
	assert_non_null(strstr(insn[1].text, "nop"));

	/* ... and cli at every site length the encoder handles, either way. */
	for (unsigned len = 1; len <= 15; len++) {
		char what[48];

		fill_canary(out);
		assert_int_equal(pvpatch_encode_inline(out, len, cli, 1, true), 0);
		snprintf(what, sizeof(what), "encoded cli %u prefixable", len);
		/* Up to ten prefixes go in front; past that, cli + one NOP. */
		objdump_expect_count(out, len, len <= 11 ? 1 : 2, insn, what);
		assert_non_null(strstr(insn[0].text, "cli"));

		fill_canary(out);
		assert_int_equal(pvpatch_encode_inline(out, len, cli, 1, false), 0);
		snprintf(what, sizeof(what), "encoded cli %u unprefixed", len);
		objdump_expect_count(out, len, len == 1 ? 1 : 2, insn, what);
		assert_non_null(strstr(insn[0].text, "cli"));
	}
}

/* --------------------------------------------------- pvpatch_encode_call */

static void test_call_len5(void **state)
{
	/* rel = AFTER - (SITE+5) = 0x00234562; BEFORE - (SITE+5) = -0xf00005. */
	static const uint8_t after[] = { 0xe8, 0x62, 0x45, 0x23, 0x00 };
	static const uint8_t before[] = { 0xe8, 0xfb, 0xff, 0x0f, 0xff };
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 5, SITE, AFTER), 0);
	expect_bytes(out, after, sizeof(after), "call 5 after");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 5, SITE, BEFORE), 0);
	expect_bytes(out, before, sizeof(before), "call 5 before");
}

static void test_call_len6(void **state)
{
	/* rel from SITE+6: 0x00234561 and -0xf00006 = 0xff0ffffa. */
	static const uint8_t after[] = { 0x3e, 0xe8, 0x61, 0x45, 0x23, 0x00 };
	static const uint8_t before[] = { 0x3e, 0xe8, 0xfa, 0xff, 0x0f, 0xff };
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 6, SITE, AFTER), 0);
	expect_bytes(out, after, sizeof(after), "call 6 after");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 6, SITE, BEFORE), 0);
	expect_bytes(out, before, sizeof(before), "call 6 before");
}

static void test_call_len10(void **state)
{
	/* rel from SITE+10: 0x0023455d and -0xf0000a = 0xff0ffff6. */
	static const uint8_t after[] = {
		0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0xe8, 0x5d, 0x45, 0x23, 0x00,
	};
	static const uint8_t before[] = {
		0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0xe8, 0xf6, 0xff, 0x0f, 0xff,
	};
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 10, SITE, AFTER), 0);
	expect_bytes(out, after, sizeof(after), "call 10 after");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 10, SITE, BEFORE), 0);
	expect_bytes(out, before, sizeof(before), "call 10 before");
}

static void test_call_len15(void **state)
{
	/* Ten prefixes + call: still one 15-byte instruction.  rel from SITE+15. */
	static const uint8_t after[] = {
		0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e,
		0xe8, 0x58, 0x45, 0x23, 0x00,
	};
	static const uint8_t before[] = {
		0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e,
		0xe8, 0xf1, 0xff, 0x0f, 0xff,
	};
	uint8_t out[BUF];

	(void)state;
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 15, SITE, AFTER), 0);
	expect_bytes(out, after, sizeof(after), "call 15 after");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 15, SITE, BEFORE), 0);
	expect_bytes(out, before, sizeof(before), "call 15 before");
}

static void test_call_reach(void **state)
{
	static const uint8_t max6[] = { 0x3e, 0xe8, 0xff, 0xff, 0xff, 0x7f };
	static const uint8_t min6[] = { 0x3e, 0xe8, 0x00, 0x00, 0x00, 0x80 };
	uint8_t out[BUF];

	(void)state;
	/* The limits are measured from the end of the site, not its start. */
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 6, SITE, SITE + 6 + 0x7fffffffull), 0);
	expect_bytes(out, max6, sizeof(max6), "call 6 +2GiB-1");
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 6, SITE, SITE + 6 - 0x80000000ull), 0);
	expect_bytes(out, min6, sizeof(min6), "call 6 -2GiB");

	static const struct {
		unsigned len;
		uint64_t target;
	} far[] = {
		{ 6, SITE + 6 + 0x80000000ull },
		{ 6, SITE + 6 - 0x80000001ull },
		{ 5, SITE + 5 + 0x80000000ull },
		{ 5, SITE + 5 - 0x80000001ull },
		{ 10, SITE + 10 + 0x80000000ull },
		{ 10, SITE + 10 - 0x80000001ull },
		/* Reachable from SITE+5 but not from the end of a 10-byte site. */
		{ 10, SITE + 5 - 0x80000000ull },
		{ 6, 0x00007fffffffe000ull },     /* user space from kernel text */
		{ 6, 0x0000000080000000ull },
		{ 6, SITE + 0x100000000ull },
		{ 6, SITE - 0x100000000ull },
	};
	for (size_t i = 0; i < sizeof(far) / sizeof(far[0]); i++) {
		fill_canary(out);
		assert_int_equal(pvpatch_encode_call(out, far[i].len, SITE, far[i].target), -1);
		expect_untouched(out, "call out of range");
	}
}

static void test_call_bad_len(void **state)
{
	uint8_t out[BUF];

	(void)state;
	for (unsigned len = 0; len < 5; len++) {
		fill_canary(out);
		assert_int_equal(pvpatch_encode_call(out, len, SITE, AFTER), -1);
		expect_untouched(out, "call len < 5");
	}
	fill_canary(out);
	assert_int_equal(pvpatch_encode_call(out, 16, SITE, AFTER), -1);
	expect_untouched(out, "call len 16");
}

static void test_call_objdump(void **state)
{
	static const uint64_t targets[] = {
		AFTER, BEFORE, SITE, SITE + 0x7fff0000ull, SITE - 0x7fff0000ull,
	};
	uint8_t out[BUF];
	char what[64];

	(void)state;
	for (unsigned len = 5; len <= 15; len++) {
		for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
			fill_canary(out);
			assert_int_equal(pvpatch_encode_call(out, len, SITE, targets[i]), 0);
			snprintf(what, sizeof(what), "call %u -> 0x%llx", len,
				 (unsigned long long)targets[i]);
			objdump_expect_call(out, len, SITE, targets[i], what);
		}
	}
}

/* Huge pads must be refused, not wrap around in the length arithmetic. */
static void test_huge_pad_refused(void **state)
{
	uint8_t out[PVPATCH_MAX_LEN + 1];
	(void)state;

	memset(out, 0xcc, sizeof(out));
	assert_int_equal(pvpatch_encode_indirect(out, 0x1000, 0x2000, UINT_MAX - 2), -1);
	assert_int_equal(out[0], 0xcc);
	assert_false(pvpatch_is_indirect(out, 5, 0x1000, 0x2000, UINT_MAX));
	assert_false(pvpatch_is_indirect(out, 0, 0x1000, 0x2000, UINT_MAX - 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nop_short_forms),
		cmocka_unit_test(test_nop_long_forms),
		cmocka_unit_test(test_nop_zero_writes_nothing),
		cmocka_unit_test(test_nop_objdump_one_insn),
		cmocka_unit_test(test_encode_indirect_pad0),
		cmocka_unit_test(test_encode_indirect_pad4),
		cmocka_unit_test(test_encode_indirect_pad9_is_15_bytes),
		cmocka_unit_test(test_encode_indirect_negative_disp),
		cmocka_unit_test(test_encode_indirect_reach),
		cmocka_unit_test(test_encode_indirect_pad_too_long),
		cmocka_unit_test(test_encode_indirect_objdump),
		cmocka_unit_test(test_is_indirect_true),
		cmocka_unit_test(test_is_indirect_any_byte_differs),
		cmocka_unit_test(test_is_indirect_wrong_slot_site),
		cmocka_unit_test(test_is_indirect_wrong_pad_len),
		cmocka_unit_test(test_indirect_target_hand_bytes),
		cmocka_unit_test(test_indirect_target_round_trip),
		cmocka_unit_test(test_indirect_target_rejects),
		cmocka_unit_test(test_inline_cli_prefixed_6),
		cmocka_unit_test(test_inline_cli_prefixed_10),
		cmocka_unit_test(test_inline_cli_not_prefixable),
		cmocka_unit_test(test_inline_pushf_pop_10),
		cmocka_unit_test(test_inline_exact_fit),
		cmocka_unit_test(test_inline_errors),
		cmocka_unit_test(test_inline_objdump),
		cmocka_unit_test(test_call_len5),
		cmocka_unit_test(test_call_len6),
		cmocka_unit_test(test_call_len10),
		cmocka_unit_test(test_call_len15),
		cmocka_unit_test(test_call_reach),
		cmocka_unit_test(test_call_bad_len),
		cmocka_unit_test(test_call_objdump),
		cmocka_unit_test(test_huge_pad_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
