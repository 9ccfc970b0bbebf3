/*
 * patch.c — the native instruction for each op whose native body is
 * short enough to live inside its call site.
 *
 * Used by the patcher only when the op's slot still holds its native value,
 * so a backend that replaces a slot never gets a native body by mistake.
 * `prefixable` says the first instruction may carry redundant DS prefixes
 * as padding (see lib/pvpatch.h).
 */
#include "pv/patch.h"
#include "pv/ops.h"

struct native_template {
	u8 len;
	bool prefixable;
	u8 bytes[4];
};

static const struct native_template templates[PVOP_COUNT] = {
	[PVOP_save_fl]       = { 2, true, { 0x9c, 0x58 } },       /* pushf; pop %rax */
	[PVOP_restore_fl]    = { 2, true, { 0x57, 0x9d } },       /* push %rdi; popf */
	[PVOP_irq_disable]   = { 1, true, { 0xfa } },             /* cli */
	[PVOP_irq_enable]    = { 1, true, { 0xfb } },             /* sti */
	[PVOP_safe_halt]     = { 2, true, { 0xfb, 0xf4 } },       /* sti; hlt */
	[PVOP_halt]          = { 1, true, { 0xf4 } },             /* hlt */
	[PVOP_read_cr2]      = { 3, true, { 0x0f, 0x20, 0xd0 } }, /* mov %cr2,%rax */
	[PVOP_read_cr3]      = { 3, true, { 0x0f, 0x20, 0xd8 } }, /* mov %cr3,%rax */
	[PVOP_write_cr3]     = { 3, true, { 0x0f, 0x22, 0xdf } }, /* mov %rdi,%cr3 */
	[PVOP_flush_tlb_one] = { 3, true, { 0x0f, 0x01, 0x3f } }, /* invlpg (%rdi) */
	[PVOP_pte_read]      = { 3, true, { 0x48, 0x8b, 0x07 } }, /* mov (%rdi),%rax */
	[PVOP_set_pte]       = { 3, true, { 0x48, 0x89, 0x37 } }, /* mov %rsi,(%rdi) */
	[PVOP_set_pmd]       = { 3, true, { 0x48, 0x89, 0x37 } },
	[PVOP_set_pud]       = { 3, true, { 0x48, 0x89, 0x37 } },
	[PVOP_set_pgd]       = { 3, true, { 0x48, 0x89, 0x37 } },
	[PVOP_read_tsc]      = { 0 },  /* rdtsc needs shl/or to fit rax: too long */
};

const u8 *native_patch_template(unsigned op, unsigned *len, bool *prefixable)
{
	if (op >= PVOP_COUNT || templates[op].len == 0)
		return NULL;
	*len = templates[op].len;
	*prefixable = templates[op].prefixable;
	return templates[op].bytes;
}

/* Bare hardware has no bodies of its own beyond the native templates. */
bool native_patch_site(unsigned op, const void *target, u8 *out, unsigned len)
{
	(void)op;
	(void)target;
	(void)out;
	(void)len;
	return false;
}
