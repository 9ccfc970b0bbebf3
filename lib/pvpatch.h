/*
 * pvpatch.h — encoding and verifying the bytes of a pv call site.
 *
 * Pure functions on byte buffers: the kernel's patcher uses them on its own
 * text, the host tool on an ELF image, the unit tests on arrays.
 *
 * Padding rule.  A replacement shorter than the site is padded so that it
 * still executes as few instructions as possible:
 *  - if the body's first instruction accepts them, redundant DS segment
 *    prefixes (3e) go in front of it, so `cli` in a 6-byte site is the single
 *    instruction 3e 3e 3e 3e 3e fa and costs what a bare cli costs;
 *  - otherwise one multi-byte NOP follows the body.
 * A whole-site NOP is one NOP instruction of the site's length.
 */
#ifndef PROTEUS_LIB_PVPATCH_H
#define PROTEUS_LIB_PVPATCH_H

#include <stdbool.h>
#include <stdint.h>

#define PVPATCH_MAX_LEN 15u   /* the longest x86 instruction; sites are shorter */
#define PVPATCH_PREFIX_DS 0x3eu

/* One NOP instruction of exactly len bytes (1..15) into out. */
void pvpatch_nop(uint8_t *out, unsigned len);
/* The unpatched form: ff 15 disp32 then a NOP of pad bytes. */
int pvpatch_encode_indirect(uint8_t *out, uint64_t site, uint64_t slot, unsigned pad);
/* True when bytes are exactly the unpatched form for this slot and pad. */
bool pvpatch_is_indirect(const uint8_t *bytes, unsigned len, uint64_t site,
			 uint64_t slot, unsigned pad);
/* The slot an unpatched site calls through, or 0 if it is not one. */
uint64_t pvpatch_indirect_target(const uint8_t *bytes, unsigned len, uint64_t site);
/* Body plus padding (see above); -1 if the body does not fit. */
int pvpatch_encode_inline(uint8_t *out, unsigned len, const uint8_t *body,
			  unsigned body_len, bool prefixable);
/* A direct `call rel32` to target, prefix-padded; -1 if it cannot reach. */
int pvpatch_encode_call(uint8_t *out, unsigned len, uint64_t site, uint64_t target);

#endif
