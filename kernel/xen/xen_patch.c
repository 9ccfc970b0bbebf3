/*
 * xen_patch.c — the Xen backend's own inline bodies for patched sites.
 *
 * With vcpu_info at a link-time address (xen_irq.c), two hot ops fit in a
 * site as one RIP-relative instruction:
 *   irq_disable   movb $1, upcall_mask(%rip)     c6 05 rel32 01
 *   read_cr2      mov  arch.cr2(%rip), %rax      48 8b 05 rel32
 * The displacement is relative to the end of the instruction, which the
 * DS-prefix padding puts at the end of the site.  Everything else becomes
 * a direct call (the generic rules in pv/patch.c).
 */
#include "xen/xen.h"
#include "pv/patch.h"
#include "lib/pvpatch.h"


static bool rip_body(u8 *out, unsigned len, u64 addr, const u8 *op, unsigned oplen,
		     u64 target, const u8 *tail, unsigned taillen)
{
	u8 body[PVPATCH_MAX_LEN];
	u64 end = addr + len;
	s64 rel = (s64)(target - end);
	unsigned n = 0, i;

	if (rel < INT32_MIN || rel > INT32_MAX)
		return false;
	for (i = 0; i < oplen; i++)
		body[n++] = op[i];
	for (i = 0; i < 4; i++)
		body[n++] = (u8)((u64)rel >> (8 * i));
	for (i = 0; i < taillen; i++)
		body[n++] = tail[i];
	return pvpatch_encode_inline(out, len, body, n, true) == 0;
}

bool xen_patch_site(unsigned op, const void *target, u64 addr, u8 *out, unsigned len)
{
	static const u8 movb[] = { 0xc6, 0x05 }, imm1[] = { 0x01 };
	static const u8 movq[] = { 0x48, 0x8b, 0x05 };

	if (op == PVOP_irq_disable && target == (void *)xen_irq_disable_callee)
		return rip_body(out, len, addr, movb, sizeof(movb),
				(u64)&xen_vcpu_info.evtchn_upcall_mask, imm1, sizeof(imm1));
	if (op == PVOP_read_cr2 && target == (void *)xen_read_cr2_callee)
		return rip_body(out, len, addr, movq, sizeof(movq),
				(u64)&xen_vcpu_info.arch.cr2, NULL, 0);
	return false;
}
