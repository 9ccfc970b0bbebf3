/*
 * native/ops.h — the native implementation of every pv op.
 *
 * The one-instruction ops are static inline so that a PARAVIRT=0 build
 * inlines them; the PARAVIRT=1 tables take their address (an out-of-line
 * copy) and the patcher puts the same instruction back inline at each site.
 * Callee-save slots need stubs that provably touch only rax; those are the
 * *_callee symbols from native/callee.S.
 */
#ifndef PROTEUS_NATIVE_OPS_H
#define PROTEUS_NATIVE_OPS_H

#include "types.h"

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
	u32 a, b, c, d;
	__asm__ __volatile__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(sub));
	((u32 *)r)[0] = a;
	((u32 *)r)[1] = b;
	((u32 *)r)[2] = c;
	((u32 *)r)[3] = d;
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
static inline u64 native_read_tsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}
#define MSR_FS_BASE        0xc0000100u
#define MSR_GS_BASE        0xc0000101u
#define MSR_KERNEL_GS_BASE 0xc0000102u
static inline void native_set_fs_base(u64 b) { native_write_msr(MSR_FS_BASE, b); }
void native_load_sp0(u64 sp0);
void native_load_gdt(const struct dtr *d);
void native_load_idt(const struct dtr *d);
void native_load_tr(u16 sel);
void native_write_gdt_entry(u64 *gdt, unsigned i, const u64 *desc, unsigned words);
void native_write_idt_entry(struct gate_desc *idt, unsigned v, const struct gate_desc *g);
void native_set_kernel_gs(u64 base);
void native_io_delay(void);
void native_fpu_set_ts(bool set);

/* mmu */
static inline u64 native_make_pte(u64 v) { return v; }
static inline u64 native_pte_val(u64 p) { return p; }
static inline u64 native_read_cr2(void)
{
	u64 v;
	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}
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
void native_alloc_pt(int level, u64 pfn);
void native_release_pt(int level, u64 pfn);
void native_pgd_activate(struct mm *mm);
void native_pgd_release(struct mm *mm);

/* lazy: nothing to batch on hardware */
static inline void native_enter_mmu(void) {}
static inline void native_leave_mmu(void) {}
static inline void native_flush_mmu(void) {}
static inline void native_start_context_switch(void) {}
static inline void native_end_context_switch(void) {}

/* time */
u64 native_clock_ns(void);
u64 native_steal_clock(void);
void native_clock_init(void);
void native_timer_init(unsigned hz);
void native_timer_ack(void);

/* init */
void native_console_init(void);
__noreturn void native_shutdown(int code);

/* Callee-save stubs (native/callee.S), valid targets for callee-save sites. */
u64 native_save_fl_callee(void);
void native_restore_fl_callee(u64 f);
void native_irq_disable_callee(void);
void native_irq_enable_callee(void);
u64 native_read_cr2_callee(void);
/* Generic bodies recognised by the patcher: no-op and identity. */
void pv_nop(void);
u64 pv_ident(u64 v);

#endif
