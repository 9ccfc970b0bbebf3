/*
 * pv/patch.h — the site table, the patcher and its census.
 */
#ifndef PROTEUS_PV_PATCH_H
#define PROTEUS_PV_PATCH_H

#include "types.h"
#include "abi/pvsite.h"
#include "pv/index.h"

struct pvop_desc {
	const char *group, *name;
	char cls;                 /* 'A' or 'B' */
	const char *conv;         /* "CALLEE", "PURE" or "STD" */
	u16 clobbers;             /* what every site of the op must record */
	u8 pad;
	void **slot;              /* the live slot */
	void *const *native;      /* the slot's native value */
};
extern const struct pvop_desc pvop_table[PVOP_COUNT];

enum pvpatch_kind {
	PVPATCH_INLINE,           /* a native or backend body, padded */
	PVPATCH_DIRECT,           /* call rel32 to the slot's target */
	PVPATCH_NOP,              /* the op does nothing: one NOP */
	PVPATCH_IDENT,            /* the op returns its argument: mov %rdi,%rax */
	PVPATCH_UNPATCHED,        /* left as call *slot(%rip) */
	PVPATCH_NR_KINDS
};

struct pv_census {
	unsigned sites;
	unsigned kind[PVPATCH_NR_KINDS];
	unsigned per_op[PVOP_COUNT];
};

extern const struct pvsite __pvsites_start[], __pvsites_end[];
extern char __pv_calleesave_start[], __pv_calleesave_end[];
extern struct pv_census pv_census;
extern bool pv_patch_enabled;

/*
 * Whether site s, whose bytes are at bytes, is one the patcher may touch:
 * a class-B op, the clobber set of the op's convention, and the unpatched
 * call through the op's slot.  If not, why says which and returns false.
 */
bool pv_site_check(const struct pvsite *s, const u8 *bytes, char *why, size_t len);
/* Patch every site; stops the boot on a site it cannot verify. */
void pv_patch_all(bool enabled);
/* What the patcher would write at site s given the current slots (the
 * op's plan, then the site's displacement for a call). */
enum pvpatch_kind pv_patch_plan(const struct pvsite *s, u8 *out);
const char *pvpatch_kind_name(enum pvpatch_kind k);
/* Native instruction bytes that replace op when its slot is still native. */
const u8 *native_patch_template(unsigned op, unsigned *len, bool *prefixable);
/* Every slot holds something: a backend that left one NULL stops the boot. */
void pv_check_slots(void);

#endif
