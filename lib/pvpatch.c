/*
 * pvpatch.c — see pvpatch.h.  Every function writes exactly `len` bytes on
 * success, so a site never holds a partial instruction.
 */
#include "pvpatch.h"

#include <string.h>

/* Recommended single-instruction NOPs of 1..9 bytes (AMD/Intel manuals). */
static const uint8_t nops[9][9] = {
	{ 0x90 },
	{ 0x66, 0x90 },
	{ 0x0f, 0x1f, 0x00 },
	{ 0x0f, 0x1f, 0x40, 0x00 },
	{ 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	{ 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	{ 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
	{ 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
	{ 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

void pvpatch_nop(uint8_t *out, unsigned len)
{
	unsigned extra = 0;

	if (len == 0)
		return;
	if (len > 9) {
		/* Longer NOPs: more operand-size prefixes on the 9-byte form. */
		extra = len - 9;
		memset(out, 0x66, extra);
		len = 9;
	}
	memcpy(out + extra, nops[len - 1], len);
}

static bool rel32_reaches(uint64_t from_end, uint64_t to, int32_t *rel)
{
	int64_t d = (int64_t)(to - from_end);

	if (d < INT32_MIN || d > INT32_MAX)
		return false;
	*rel = (int32_t)d;
	return true;
}

static void put_le32(uint8_t *p, int32_t v)
{
	uint32_t u = (uint32_t)v;

	p[0] = (uint8_t)u;
	p[1] = (uint8_t)(u >> 8);
	p[2] = (uint8_t)(u >> 16);
	p[3] = (uint8_t)(u >> 24);
}

static int32_t get_le32(const uint8_t *p)
{
	return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 |
			 (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
}

int pvpatch_encode_indirect(uint8_t *out, uint64_t site, uint64_t slot, unsigned pad)
{
	int32_t rel;

	if (pad > PVPATCH_MAX_LEN - 6 || !rel32_reaches(site + 6, slot, &rel))
		return -1;
	out[0] = 0xff;
	out[1] = 0x15;
	put_le32(out + 2, rel);
	pvpatch_nop(out + 6, pad);
	return 0;
}

uint64_t pvpatch_indirect_target(const uint8_t *bytes, unsigned len, uint64_t site)
{
	if (len < 6 || bytes[0] != 0xff || bytes[1] != 0x15)
		return 0;
	return site + 6 + (uint64_t)(int64_t)get_le32(bytes + 2);
}

/* Compares in place rather than encoding and comparing: the boot checks
 * every site with this, and it is the larger half of the patch pass. */
bool pvpatch_is_indirect(const uint8_t *bytes, unsigned len, uint64_t site,
			 uint64_t slot, unsigned pad)
{
	int32_t rel;

	/* len <= 15 keeps pad within the single-instruction NOPs. */
	if (len < 6 || len - 6 != pad || len > PVPATCH_MAX_LEN ||
	    !rel32_reaches(site + 6, slot, &rel))
		return false;
	if (bytes[0] != 0xff || bytes[1] != 0x15 || get_le32(bytes + 2) != rel)
		return false;
	return pad == 0 || memcmp(bytes + 6, nops[pad - 1], pad) == 0;
}

int pvpatch_encode_inline(uint8_t *out, unsigned len, const uint8_t *body,
			  unsigned body_len, bool prefixable)
{
	unsigned pad;

	if (body_len == 0 || body_len > len || len > PVPATCH_MAX_LEN)
		return -1;
	pad = len - body_len;
	/* Prefixes keep the count of executed instructions at the body's own;
	 * ten of them in front of a short first instruction stay well inside
	 * the 15-byte limit. */
	if (prefixable && pad <= 10) {
		memset(out, PVPATCH_PREFIX_DS, pad);
		memcpy(out + pad, body, body_len);
	} else {
		memcpy(out, body, body_len);
		pvpatch_nop(out + body_len, pad);
	}
	return 0;
}

int pvpatch_encode_call(uint8_t *out, unsigned len, uint64_t site, uint64_t target)
{
	uint8_t call[5];
	int32_t rel;

	if (len < 5 || len > PVPATCH_MAX_LEN)
		return -1;
	/* The call instruction ends at the end of the site whatever the padding. */
	if (!rel32_reaches(site + len, target, &rel))
		return -1;
	call[0] = 0xe8;
	put_le32(call + 1, rel);
	return pvpatch_encode_inline(out, len, call, 5, true);
}
