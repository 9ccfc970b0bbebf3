/*
 * pv/ops.h — the paravirtual operations: the group structs, the live
 * tables, the native op sets, and the typed wrappers common code calls,
 * all expanded from include/abi/pvops.def.
 *
 * Common code never names a backend.  It calls the wrappers, each named as
 * its op (irq_disable(), set_pte(), clock_ns() ...), which expand through
 * <pvcall.h>, of which the build picks one variant:
 *   kernel/pvcall/on/   class B ops become patchable `call *slot(%rip)`
 *                       sites, class A ops indirect calls through the table
 *   kernel/pvcall/off/  (PARAVIRT=0) every op is a direct call to, or an
 *                       inlined copy of, the native implementation
 *
 * The live tables are statically initialised with the native op sets, so
 * bare hardware runs no setup code; a backend assigns whole op sets
 * (pv_time_ops = xen_time_ops) and then single slots, before the single
 * patch pass (pv_setup).
 */
#ifndef PROTEUS_PV_OPS_H
#define PROTEUS_PV_OPS_H

#include "types.h"
#include "pv/index.h"
#include "pv/def.h"

struct dtr {
	u16 limit;
	u64 base;
} __packed;

struct cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

struct mm;
struct entry_table;
struct trap_frame;
struct gate_desc;

/* Data, not hooks: what the chosen backend is and how it runs the kernel. */
struct pv_info {
	const char *name;
	unsigned kernel_rpl;              /* 0 native, 3 when the kernel runs in ring 3 */
	bool large_pages;                 /* the kernel may map 2 MiB pages itself */
	u16 kernel_cs, kernel_ss;
	u16 user_cs, user_ss;
	const struct entry_table *entry;  /* this backend's copy of the entry code */
	void (*stats_print)(void);        /* the backend's counters (pv.stats=1), or NULL */
	u64 (*hypercalls)(void);          /* trips into the hypervisor so far, or NULL */
	/* Of those, the trips by hypercall number nr (< PV_HYPERCALL_NRS)
	 * through the backend's hypercall path, or NULL. */
	u64 (*hypercalls_of)(unsigned nr);
	/* A trap from user mode the backend handles itself (true), before the
	 * process is killed for it; NULL if none. */
	bool (*user_trap)(struct trap_frame *f);
	/* Where a platform may run user mode on state of its own rather than
	 * the guest's: why CR0.TS or the guest's GDT might not reach ring 3,
	 * or NULL.  Tests that see exactly that skip with this reason. */
	const char *user_ts_unseen, *user_gdt_unseen;
};
extern struct pv_info pv_info;

/* The group structs; pv_<group>_ops is live, native_<group>_ops the native set. */
#define PVGROUP_BEGIN(g) struct pv_##g##_ops {
#define PVGROUP_END(g)                                                       \
	};                                                                   \
	extern struct pv_##g##_ops pv_##g##_ops;                             \
	extern const struct pv_##g##_ops native_##g##_ops;
#define PVOP(g, n, cls, conv, pad, native, ret, argc, args) \
	PV_ATTR_##ret PV_CTYPE_##ret (*n)(PV_PARAMS(argc, args));
#include "abi/pvops.def"
#undef PVOP
#undef PVGROUP_BEGIN
#undef PVGROUP_END

#include "native/ops.h"
#include <pvcall.h>

/* The wrappers: one static inline function per op, named as the op. */
#define PVGROUP_BEGIN(g)
#define PVGROUP_END(g)
#define PVOP(g, n, cls, conv, pad, native, ret, argc, args)                  \
	static inline PV_ATTR_##ret PV_CTYPE_##ret n(PV_PARAMS(argc, args))  \
	{ PV_RETURN_##ret(PVOP_BODY_##cls(g, n, conv, argc, args)); }
#include "abi/pvops.def"
#undef PVOP
#undef PVGROUP_BEGIN
#undef PVGROUP_END

static inline u64 pv_hypercalls(void) { return pv_info.hypercalls ? pv_info.hypercalls() : 0; }
#define PV_HYPERCALL_NRS 64
static inline u64 pv_hypercalls_of(unsigned nr)
{
	return nr < PV_HYPERCALL_NRS && pv_info.hypercalls_of ? pv_info.hypercalls_of(nr) : 0;
}

#define X86_FLAGS_IF 0x200u

static inline u64 irq_save(void)
{
	u64 f = save_fl();
	irq_disable();
	return f;
}
static inline void irq_restore(u64 f) { restore_fl(f); }
static inline bool irqs_enabled(void) { return (save_fl() & X86_FLAGS_IF) != 0; }

#endif
