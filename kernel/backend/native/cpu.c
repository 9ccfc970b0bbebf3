/*
 * cpu.c — the native pv_cpu ops that are more than one instruction:
 * descriptor tables, the kernel stack for ring transitions, GS bases.
 */
#include "pv/ops.h"
#include "x86/io.h"
#include "cpu.h"
#include <string.h>

void native_load_gdt(const struct dtr *d)
{
	__asm__ __volatile__("lgdt %0" : : "m"(*d) : "memory");
	/* Reload every segment register that caches a descriptor. */
	__asm__ __volatile__(
		"pushq %[cs]\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"mov %[ds], %%eax\n\t"
		"mov %%eax, %%ds\n\t"
		"mov %%eax, %%es\n\t"
		"mov %%eax, %%ss\n\t"
		: : [cs] "i"(GDT_KERNEL_CS), [ds] "i"(GDT_KERNEL_DS) : "rax", "memory");
}

void native_load_idt(const struct dtr *d)
{
	__asm__ __volatile__("lidt %0" : : "m"(*d) : "memory");
}

void native_load_tr(u16 sel)
{
	__asm__ __volatile__("ltr %0" : : "r"(sel) : "memory");
}

void native_write_gdt_entry(u64 *gdt, unsigned i, const u64 *desc, unsigned words)
{
	memcpy(&gdt[i], desc, words * sizeof(u64));
}

void native_write_idt_entry(struct gate_desc *idt, unsigned v, const struct gate_desc *g)
{
	idt[v] = *g;
}

void native_load_sp0(u64 sp0)
{
	this_cpu_ptr(&cpu_tss)->rsp[0] = sp0;
}

void native_set_kernel_gs(u64 base)
{
	/* Running in the kernel: the active base is ours, the shadow the user's. */
	native_write_msr(MSR_GS_BASE, base);
	native_write_msr(MSR_KERNEL_GS_BASE, 0);
}

void native_io_delay(void)
{
	outb(0x80, 0);
}

void native_fpu_set_ts(bool set)
{
	u64 cr0;

	__asm__ __volatile__("mov %%cr0, %0" : "=r"(cr0));
	cr0 = set ? cr0 | 8 : cr0 & ~8ull;
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(cr0) : "memory");
}
