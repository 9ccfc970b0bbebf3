/*
 * native/ops.h — the native implementation of every pv op.
 *
 * Ops whose native body is one instruction or so (INLINE, and the inline
 * forms of STUB, NOP and IDENT ops in pvops.def) are static inline here,
 * so that a PARAVIRT=0 build inlines them; the PARAVIRT=1 tables hold
 * native_<op>_fn, the one out-of-line copy (pv/ops.c), so any op set that
 * keeps a native op holds the same pointer and the patcher recognises it
 * and puts the instruction back inline at each site.  Callee-save slots need stubs that
 * provably touch only rax: native_<op>_callee (backend/native/callee.S).
 * The prototypes of the out-of-line natives (FUNC) and of the stubs are
 * expanded from pvops.def at the end.
 */
#ifndef PROTEUS_NATIVE_OPS_H
#define PROTEUS_NATIVE_OPS_H

#include "types.h"
#include "pv/def.h"
#include "x86/insn.h"

struct dtr;
struct cpuid_regs;
struct gate_desc;
struct mm;

/* irq */
static inline u64 native_save_fl(void)
{
	u64 f;
	__asm__ __volatile__("pushfq; popq %0" : "=r"(f) : : "memory");
	return f;
}
static inline void native_restore_fl(u64 f)
{
	__asm__ __volatile__("pushq %0; popfq" : : "g"(f) : "memory", "cc");
}
static inline void native_irq_disable(void) { __asm__ __volatile__("cli" ::: "memory"); }
static inline void native_irq_enable(void) { __asm__ __volatile__("sti" ::: "memory"); }
static inline void native_safe_halt(void) { __asm__ __volatile__("sti; hlt" ::: "memory"); }
static inline void native_halt(void) { __asm__ __volatile__("hlt" ::: "memory"); }

/* cpu */
static inline void native_cpuid(u32 leaf, u32 sub, struct cpuid_regs *r)
{
	u32 v[4];

	x86_cpuid(leaf, sub, v);
	((u32 *)r)[0] = v[0];
	((u32 *)r)[1] = v[1];
	((u32 *)r)[2] = v[2];
	((u32 *)r)[3] = v[3];
}
static inline u64 native_read_msr(u32 msr)
{
	u32 lo, hi;
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}
static inline void native_write_msr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)) : "memory");
}
static inline u64 native_read_tsc(void) { return x86_rdtsc(); }
#define MSR_FS_BASE        0xc0000100u
#define MSR_GS_BASE        0xc0000101u
#define MSR_KERNEL_GS_BASE 0xc0000102u
static inline void native_set_fs_base(u64 b) { native_write_msr(MSR_FS_BASE, b); }

/* mmu */
static inline u64 native_make_pte(u64 v) { return v; }
static inline u64 native_pte_val(u64 p) { return p; }
static inline u64 native_read_cr2(void)
{
	u64 v;
	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}
static inline u64 native_pte_read(const u64 *p) { return *(const volatile u64 *)p; }
static inline void native_set_pte(u64 *p, u64 v) { *(volatile u64 *)p = v; }
static inline void native_set_pmd(u64 *p, u64 v) { *(volatile u64 *)p = v; }
static inline void native_set_pud(u64 *p, u64 v) { *(volatile u64 *)p = v; }
static inline void native_set_pgd(u64 *p, u64 v) { *(volatile u64 *)p = v; }
static inline u64 native_read_cr3(void)
{
	u64 v;
	__asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
	return v;
}
static inline void native_write_cr3(u64 v) { __asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void native_flush_tlb_one(u64 va) { __asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory"); }
static inline void native_flush_tlb_all(void) { native_write_cr3(native_read_cr3()); }
/* Hardware needs no notice when a page becomes or stops being a table. */
static inline void native_alloc_pt(int level, u64 pfn) { (void)level; (void)pfn; }
static inline void native_release_pt(int level, u64 pfn) { (void)level; (void)pfn; }
static inline void native_pgd_release(struct mm *mm) { (void)mm; }

/* lazy: nothing to batch on hardware */
static inline void native_lazy_enter_mmu(void) {}
static inline void native_lazy_leave_mmu(void) {}
static inline void native_lazy_flush_mmu(void) {}
static inline void native_lazy_start_context_switch(u64 *s) { (void)s; }
static inline void native_lazy_end_context_switch(u64 *s) { (void)s; }

/* Prototypes of the out-of-line natives and of the callee-save stubs. */
#define PV_NATIVE_DECL_FUNC(n, ret, argc, args) PV_DECLARE_FN(native_##n, ret, argc, args);
#define PV_NATIVE_DECL_STUB(n, ret, argc, args) PV_DECLARE_FN(native_##n##_callee, ret, argc, args);
#define PV_NATIVE_DECL_INLINE(n, ret, argc, args) PV_DECLARE_FN(native_##n##_fn, ret, argc, args);
#define PV_NATIVE_DECL_NOP(n, ret, argc, args)
#define PV_NATIVE_DECL_IDENT(n, ret, argc, args)
#define PVGROUP_BEGIN(g)
#define PVGROUP_END(g)
#define PVOP(g, n, cls, conv, pad, native, ret, argc, args) \
	PV_NATIVE_DECL_##native(n, ret, argc, args)
#include "abi/pvops.def"
#undef PVOP
#undef PVGROUP_BEGIN
#undef PVGROUP_END

/* Generic bodies the patcher recognises: no-op and identity (callee.S). */
void pv_nop(void);
u64 pv_ident(u64 v);

#endif
