/*
 * xen_backend.c — the Xen PV backend: Proteus as a 64-bit paravirtualized
 * guest, its kernel in hardware ring 3 beside Xen.
 *
 * Nothing privileged works here: cli, mov to cr3, lgdt, wrmsr, iretq all
 * fault.  So every pv group is replaced.  The interrupt flag becomes a
 * byte in shared memory, page tables hold machine frames and are changed
 * only through Xen (batched in lazy windows), entry and exit go through
 * Xen's bounce frames and the iret hypercall, time comes from the pvclock
 * Xen publishes, interrupts are event channels, and the console and the
 * shutdown are hypercalls.  xen_init below reads as the table of contents.
 *
 * It is chosen when the kernel came in through the Xen PV entry (the only
 * way to be running in ring 3 here); CPUID, through the forced-emulation
 * prefix, must confirm Xen's signature.
 */
#include "pv/backend.h"
#include "pv/ops.h"
#include "xen/xen.h"
#include "trap.h"
#include "printk.h"
#include "panic.h"
#include <string.h>

extern const struct entry_table xenpv_entry_table;

void xen_hypervisor_identify(void)
{
	struct cpuid_regs r;
	char sig[13];
	long ver;

	xen_cpuid(0x40000000u, 0, &r);
	memcpy(sig, &r.ebx, 4);
	memcpy(sig + 4, &r.ecx, 4);
	memcpy(sig + 8, &r.edx, 4);
	sig[12] = 0;
	if (strcmp(sig, "XenVMMXenVMM"))
		panic("xen: entered through the Xen PV entry, but forced CPUID says '%s'", sig);
	ver = xen_hcall2(XEN_HYPERCALL_xen_version, XENVER_version, 0);
	pr_info("xen: CPUID (forced emulation) '%s', max leaf %#x; Xen %ld.%ld; %s, %llu pages\n",
		sig, r.eax, ver >> 16, ver & 0xffff,
		(xen_boot_info.flags & XEN_SIF_INITDOMAIN) ? "dom0" : "domU",
		(unsigned long long)xen_boot_info.nr_pages);
}

static int xen_detect(const struct pv_platform *p)
{
	return p->entry == BOOT_ENTRY_XEN_PV ? 100 : 0;
}

static void xen_init(struct boot_info *bi)
{
	pv_info.name = "xen-pv";
	pv_info.kernel_rpl = 3;
	pv_info.kernel_cs = XEN_FLAT_KERNEL_CS;
	pv_info.kernel_ss = XEN_FLAT_KERNEL_SS;
	pv_info.user_cs = XEN_FLAT_USER_CS;
	pv_info.user_ss = XEN_FLAT_USER_SS;
	pv_info.entry = &xenpv_entry_table;
	pv_info.stats_print = xen_stats_print;
	pv_info.hypercalls = xen_hypercall_count;

	xen_mmu_init(bi);          /* p2m, bootstrap tables, writable page tables */
	xen_irq_init();            /* vcpu_info placed in our memory */

	pv_irq_ops.save_fl = xen_save_fl_callee;
	pv_irq_ops.restore_fl = xen_restore_fl_callee;
	pv_irq_ops.irq_disable = xen_irq_disable_callee;
	pv_irq_ops.irq_enable = xen_irq_enable_callee;
	pv_irq_ops.safe_halt = xen_safe_halt;
	pv_irq_ops.halt = xen_halt;

	pv_cpu_ops.cpuid = xen_cpuid;
	pv_cpu_ops.write_msr = xen_write_msr;
	pv_cpu_ops.load_sp0 = xen_load_sp0;
	pv_cpu_ops.set_fs_base = xen_set_fs_base;
	pv_cpu_ops.load_gdt = xen_load_gdt;
	pv_cpu_ops.load_idt = xen_load_idt;
	pv_cpu_ops.load_tr = xen_load_tr;
	pv_cpu_ops.write_gdt_entry = xen_write_gdt_entry;
	pv_cpu_ops.write_idt_entry = xen_write_idt_entry;
	pv_cpu_ops.set_kernel_gs = xen_set_kernel_gs;
	pv_cpu_ops.io_delay = xen_io_delay;
	pv_cpu_ops.fpu_set_ts = xen_fpu_set_ts;

	pv_mmu_ops.make_pte = xen_make_pte_callee;
	pv_mmu_ops.pte_val = xen_pte_val_callee;
	pv_mmu_ops.read_cr2 = xen_read_cr2_callee;
	pv_mmu_ops.set_pte = xen_set_pte;
	pv_mmu_ops.set_pmd = xen_set_pmd;
	pv_mmu_ops.set_pud = xen_set_pud;
	pv_mmu_ops.set_pgd = xen_set_pgd;
	pv_mmu_ops.read_cr3 = xen_read_cr3;
	pv_mmu_ops.write_cr3 = xen_write_cr3;
	pv_mmu_ops.flush_tlb_one = xen_flush_tlb_one;
	pv_mmu_ops.flush_tlb_all = xen_flush_tlb_all;
	pv_mmu_ops.alloc_pt = xen_alloc_pt;
	pv_mmu_ops.release_pt = xen_release_pt;
	pv_mmu_ops.pgd_activate = xen_pgd_activate;
	pv_mmu_ops.pgd_release = xen_pgd_release;

	pv_lazy_ops.lazy_enter_mmu = xen_lazy_enter_mmu;
	pv_lazy_ops.lazy_leave_mmu = xen_lazy_leave_mmu;
	pv_lazy_ops.lazy_flush_mmu = xen_lazy_flush_mmu;
	pv_lazy_ops.lazy_start_context_switch = xen_lazy_start_context_switch;
	pv_lazy_ops.lazy_end_context_switch = xen_lazy_end_context_switch;

	pv_time_ops.clock_ns = xen_clock_ns;
	pv_time_ops.steal_clock = xen_steal_clock;
	pv_time_ops.clock_init = xen_clock_init;
	pv_time_ops.timer_init = xen_timer_init;
	pv_time_ops.timer_ack = xen_timer_ack;

	pv_init_ops.patch_site = xen_patch_site;
	pv_init_ops.console_init = xen_console_init;
	pv_init_ops.machine_shutdown = xen_machine_shutdown;
}

static const struct pv_backend xen_backend = {
	.name = "xen-pv",
	.detect = xen_detect,
	.init = xen_init,
};
PV_BACKEND(xen_backend);
