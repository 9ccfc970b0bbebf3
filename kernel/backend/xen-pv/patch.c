/*
 * patch.c — the Xen PV backend's own inline bodies for patched sites.
 *
 * With vcpu_info in the per-CPU area, two hot ops fit in a site as one
 * %gs-relative instruction, the same bytes on every CPU:
 *   irq_disable   movb $1, %gs:upcall_mask        65 c6 04 25 disp32 01
 *   read_cr2      mov  %gs:arch.cr2, %rax         65 48 8b 04 25 disp32
 * The displacement is the per-CPU variable's link address (sign-extended,
 * as -mcmodel=kernel guarantees).  A body with a segment prefix takes no
 * DS-prefix padding (two segment prefixes on one instruction are
 * undefined), so the rest of the site is one NOP.  Everything else becomes
 * a direct call (the generic rules in pv/patch.c).
 */
#include "xenpv.h"
#include "pv/patch.h"
#include "lib/pvpatch.h"

static bool gs_body(u8 *out, unsigned len, const u8 *op, unsigned oplen, u64 target,
		    const u8 *tail, unsigned taillen)
{
	u8 body[PVPATCH_MAX_LEN];
	s64 disp = (s64)target;
	unsigned n = 0, i;

	if (disp < INT32_MIN || disp > INT32_MAX)
		return false;
	for (i = 0; i < oplen; i++)
		body[n++] = op[i];
	for (i = 0; i < 4; i++)
		body[n++] = (u8)((u64)disp >> (8 * i));
	for (i = 0; i < taillen; i++)
		body[n++] = tail[i];
	return pvpatch_encode_inline(out, len, body, n, false) == 0;
}

bool xen_patch_site(unsigned op, const void *target, u8 *out, unsigned len)
{
	static const u8 movb[] = { 0x65, 0xc6, 0x04, 0x25 }, imm1[] = { 0x01 };
	static const u8 movq[] = { 0x65, 0x48, 0x8b, 0x04, 0x25 };
	struct xen_vcpu_info *vi = &xen_vcpu_info;   /* the link address, not this CPU's */

	if (op == PVOP_irq_disable && target == (void *)xen_irq_disable_callee)
		return gs_body(out, len, movb, sizeof(movb), (u64)&vi->evtchn_upcall_mask,
			       imm1, sizeof(imm1));
	if (op == PVOP_read_cr2 && target == (void *)xen_read_cr2_callee)
		return gs_body(out, len, movq, sizeof(movq), (u64)&vi->arch.cr2, NULL, 0);
	return false;
}
