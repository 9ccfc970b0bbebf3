/*
 * pv/ops.h — the paravirtual operations: grouped tables and the typed
 * wrappers common code calls.
 *
 * Common code never names a backend.  It calls the wrappers below; each
 * expands through <pvcall.h>, of which the build picks one variant:
 *   kernel/pvcall/on/   class B ops become patchable `call *slot(%rip)`
 *                       sites, class A ops indirect calls through the table
 *   kernel/pvcall/off/  (PARAVIRT=0) every op is a direct call to, or an
 *                       inlined copy of, the native implementation
 *
 * The tables are statically initialised with the native implementations,
 * so bare hardware runs no setup code; a backend overwrites slots before
 * the single patch pass (pv_setup).
 */
#ifndef PROTEUS_PV_OPS_H
#define PROTEUS_PV_OPS_H

#include "types.h"
#include "pv/index.h"

struct dtr {
	u16 limit;
	u64 base;
} __packed;

struct cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

struct mm;
struct entry_table;
struct gate_desc;

/* Data, not hooks: what the chosen backend is and how it runs the kernel. */
struct pv_info {
	const char *name;
	unsigned kernel_rpl;              /* 0 native, 3 when the kernel runs in ring 3 */
	u16 kernel_cs, kernel_ss;
	u16 user_cs, user_ss;
	const struct entry_table *entry;  /* this backend's copy of the entry code */
	void (*stats_print)(void);        /* the backend's counters (pv.stats=1), or NULL */
	u64 (*hypercalls)(void);          /* trips into the hypervisor so far, or NULL */
};

struct pv_irq_ops {
	u64 (*save_fl)(void);             /* callee-save; IF in bit 9 */
	void (*restore_fl)(u64 flags);    /* callee-save */
	void (*irq_disable)(void);        /* callee-save */
	void (*irq_enable)(void);         /* callee-save */
	void (*safe_halt)(void);          /* enable and wait, atomically */
	void (*halt)(void);
};

struct pv_cpu_ops {
	void (*cpuid)(u32 leaf, u32 subleaf, struct cpuid_regs *out);
	u64 (*read_msr)(u32 msr);
	void (*write_msr)(u32 msr, u64 value);
	u64 (*read_tsc)(void);
	void (*load_sp0)(u64 sp0);        /* kernel stack for entries from user mode */
	void (*set_fs_base)(u64 base);
	void (*load_gdt)(const struct dtr *gdtr);
	void (*load_idt)(const struct dtr *idtr);
	void (*load_tr)(u16 selector);
	void (*write_gdt_entry)(u64 *gdt, unsigned index, const u64 *desc, unsigned words);
	void (*write_idt_entry)(struct gate_desc *idt, unsigned vector, const struct gate_desc *gate);
	void (*set_kernel_gs)(u64 base);  /* the per-CPU area, found by swapgs on entry */
	void (*io_delay)(void);
	void (*fpu_set_ts)(bool set);     /* CR0.TS: the next FPU use traps (#NM) */
};

/*
 * Page-table values cross this interface in the form the hardware walks
 * (machine frames under a PV hypervisor); make_pte and pte_val convert
 * from and to the kernel's own (pseudo-)physical form.  Identity on native.
 */
struct pv_mmu_ops {
	u64 (*make_pte)(u64 val);         /* callee-save */
	u64 (*pte_val)(u64 pte);          /* callee-save */
	u64 (*read_cr2)(void);            /* callee-save */
	void (*set_pte)(u64 *ptep, u64 pte);
	void (*set_pmd)(u64 *pmdp, u64 pmd);
	void (*set_pud)(u64 *pudp, u64 pud);
	void (*set_pgd)(u64 *pgdp, u64 pgd);
	u64 (*read_cr3)(void);
	void (*write_cr3)(u64 cr3);
	void (*flush_tlb_one)(u64 va);
	void (*flush_tlb_all)(void);
	void (*alloc_pt)(int level, u64 pfn);   /* a page is about to become a page table */
	void (*release_pt)(int level, u64 pfn); /* ... and is about to stop being one */
	void (*pgd_activate)(struct mm *mm);    /* make mm's tables the live ones */
	void (*pgd_release)(struct mm *mm);     /* mm's tables will never be live again */
};

/* Windows in which a backend may queue work and issue it in one batch. */
struct pv_lazy_ops {
	void (*enter_mmu)(void);
	void (*leave_mmu)(void);
	void (*flush_mmu)(void);          /* issue what is queued, stay lazy */
	void (*start_context_switch)(void);
	void (*end_context_switch)(void);
};

struct pv_time_ops {
	u64 (*clock_ns)(void);            /* monotonic nanoseconds since boot */
	u64 (*steal_clock)(void);         /* ns this CPU was runnable but not running */
	void (*clock_init)(void);
	void (*timer_init)(unsigned hz);  /* periodic tick on TIMER_VECTOR */
	void (*timer_ack)(void);
};

struct pv_init_ops {
	/* A backend's own body for the site at addr (len bytes) of op, whose
	 * slot holds target: write all len bytes into out and return true, or
	 * return false to let the generic rules decide. */
	bool (*patch)(unsigned op, const void *target, u64 addr, u8 *out, unsigned len);
	void (*console_init)(void);
	void (*shutdown)(int code) __noreturn;
};

extern struct pv_info pv_info;
extern struct pv_irq_ops pv_irq_ops;
extern struct pv_cpu_ops pv_cpu_ops;
extern struct pv_mmu_ops pv_mmu_ops;
extern struct pv_lazy_ops pv_lazy_ops;
extern struct pv_time_ops pv_time_ops;
extern struct pv_init_ops pv_init_ops;

#include "native/ops.h"
#include <pvcall.h>

static inline u64 pv_hypercalls(void) { return pv_info.hypercalls ? pv_info.hypercalls() : 0; }

/* ---- irq ---- */
static inline u64 save_fl(void) { return PVOP_CALLEE0(u64, irq, save_fl); }
static inline void restore_fl(u64 f) { PVOP_VCALLEE1(irq, restore_fl, f); }
static inline void irq_disable(void) { PVOP_VCALLEE0(irq, irq_disable); }
static inline void irq_enable(void) { PVOP_VCALLEE0(irq, irq_enable); }
static inline void safe_halt(void) { PVOP_VCALL0(irq, safe_halt); }
static inline void halt(void) { PVOP_VCALL0(irq, halt); }

#define X86_FLAGS_IF 0x200u

static inline u64 irq_save(void)
{
	u64 f = save_fl();
	irq_disable();
	return f;
}
static inline void irq_restore(u64 f) { restore_fl(f); }
static inline bool irqs_enabled(void) { return (save_fl() & X86_FLAGS_IF) != 0; }

/* ---- cpu ---- */
static inline void cpuid(u32 leaf, u32 sub, struct cpuid_regs *r) { PVOP_VCALL3(cpu, cpuid, leaf, sub, r); }
static inline u64 read_msr(u32 msr) { return PVOP_CALL1(u64, cpu, read_msr, msr); }
static inline void write_msr(u32 msr, u64 v) { PVOP_VCALL2(cpu, write_msr, msr, v); }
static inline u64 read_tsc(void) { return PVOP_CALL0(u64, cpu, read_tsc); }
static inline void load_sp0(u64 sp0) { PVOP_VCALL1(cpu, load_sp0, sp0); }
static inline void set_fs_base(u64 b) { PVOP_VCALL1(cpu, set_fs_base, b); }
static inline void load_gdt(const struct dtr *d) { PVOP_A(cpu, load_gdt)(d); }
static inline void load_idt(const struct dtr *d) { PVOP_A(cpu, load_idt)(d); }
static inline void load_tr(u16 sel) { PVOP_A(cpu, load_tr)(sel); }
static inline void write_gdt_entry(u64 *gdt, unsigned i, const u64 *d, unsigned w) { PVOP_A(cpu, write_gdt_entry)(gdt, i, d, w); }
static inline void write_idt_entry(struct gate_desc *idt, unsigned v, const struct gate_desc *g) { PVOP_A(cpu, write_idt_entry)(idt, v, g); }
static inline void set_kernel_gs(u64 b) { PVOP_A(cpu, set_kernel_gs)(b); }
static inline void io_delay(void) { PVOP_A(cpu, io_delay)(); }
static inline void fpu_set_ts(bool set) { PVOP_A(cpu, fpu_set_ts)(set); }

/* ---- mmu ---- */
static inline u64 make_pte(u64 v) { return PVOP_CALLEE1(u64, mmu, make_pte, v); }
static inline u64 pte_val(u64 p) { return PVOP_CALLEE1(u64, mmu, pte_val, p); }
static inline u64 read_cr2(void) { return PVOP_CALLEE0(u64, mmu, read_cr2); }
static inline void set_pte(u64 *p, u64 v) { PVOP_VCALL2(mmu, set_pte, p, v); }
static inline void set_pmd(u64 *p, u64 v) { PVOP_VCALL2(mmu, set_pmd, p, v); }
static inline void set_pud(u64 *p, u64 v) { PVOP_VCALL2(mmu, set_pud, p, v); }
static inline void set_pgd(u64 *p, u64 v) { PVOP_VCALL2(mmu, set_pgd, p, v); }
static inline u64 read_cr3(void) { return PVOP_CALL0(u64, mmu, read_cr3); }
static inline void write_cr3(u64 v) { PVOP_VCALL1(mmu, write_cr3, v); }
static inline void flush_tlb_one(u64 va) { PVOP_VCALL1(mmu, flush_tlb_one, va); }
static inline void flush_tlb_all(void) { PVOP_VCALL0(mmu, flush_tlb_all); }
static inline void alloc_pt(int level, u64 pfn) { PVOP_A(mmu, alloc_pt)(level, pfn); }
static inline void release_pt(int level, u64 pfn) { PVOP_A(mmu, release_pt)(level, pfn); }
static inline void pgd_activate(struct mm *mm) { PVOP_A(mmu, pgd_activate)(mm); }
static inline void pgd_release(struct mm *mm) { PVOP_A(mmu, pgd_release)(mm); }

/* ---- lazy ---- */
static inline void lazy_enter_mmu(void) { PVOP_VCALL0(lazy, enter_mmu); }
static inline void lazy_leave_mmu(void) { PVOP_VCALL0(lazy, leave_mmu); }
static inline void lazy_flush_mmu(void) { PVOP_VCALL0(lazy, flush_mmu); }
static inline void lazy_start_context_switch(void) { PVOP_VCALL0(lazy, start_context_switch); }
static inline void lazy_end_context_switch(void) { PVOP_VCALL0(lazy, end_context_switch); }

/* ---- time ---- */
static inline u64 clock_ns(void) { return PVOP_CALL0(u64, time, clock_ns); }
static inline u64 steal_clock(void) { return PVOP_A(time, steal_clock)(); }
static inline void clock_init(void) { PVOP_A(time, clock_init)(); }
static inline void timer_init(unsigned hz) { PVOP_A(time, timer_init)(hz); }
static inline void timer_ack(void) { PVOP_A(time, timer_ack)(); }

/* ---- init ---- */
static inline void console_init(void) { PVOP_A(init, console_init)(); }
static inline __noreturn void machine_shutdown(int code) { PVOP_A(init, shutdown)(code); }

#endif
