/*
 * cpu.c — the privileged CPU operations of a ring-3 kernel.
 *
 * What hardware does with an instruction, a PV guest asks Xen to do:
 *   cpuid            the forced-emulation prefix, so Xen applies its policy
 *   MSR writes       segment bases through set_segment_base; others trap
 *                    and Xen emulates the few it allows
 *   load_sp0         stack_switch: the stack Xen uses for user->kernel entry
 *   GDT              set_gdt with our (read-only) page; later entries via
 *                    update_descriptor
 *   IDT              a trap table (set_trap_table) built from the same gates
 *   TR / io_delay    nothing: PV has no TSS, and no port-80 delay is needed
 *   CR0.TS           fpu_taskswitch
 */
#include "xenpv.h"
#include "pv/ops.h"
#include "cpu.h"
#include "mm.h"
#include "layout.h"
#include "panic.h"
#include <string.h>

void xen_cpuid(u32 leaf, u32 sub, struct cpuid_regs *r)
{
	u32 a = leaf, b, c = sub, d;

	__asm__ __volatile__(XEN_CPUID : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	r->eax = a;
	r->ebx = b;
	r->ecx = c;
	r->edx = d;
}

static void segment_base(unsigned which, u64 base)
{
	if (xen_mc_lazy()) {
		xen_mc_call(XEN_HYPERCALL_set_segment_base, which, base, 0, 0);
		return;
	}
	long rc = xen_hcall2(XEN_HYPERCALL_set_segment_base, which, base);
	if (rc)
		xen_fail("set_segment_base", rc, "%u, %#llx", which, (unsigned long long)base);
}

void xen_set_fs_base(u64 base) { segment_base(XEN_SEGBASE_FS, base); }
void xen_set_kernel_gs(u64 base) { segment_base(XEN_SEGBASE_GS_KERNEL, base); }

void xen_write_msr(u32 msr, u64 v)
{
	switch (msr) {
	case MSR_FS_BASE: segment_base(XEN_SEGBASE_FS, v); return;
	case MSR_GS_BASE: segment_base(XEN_SEGBASE_GS_KERNEL, v); return;
	case MSR_KERNEL_GS_BASE: segment_base(XEN_SEGBASE_GS_USER, v); return;
	default: native_write_msr(msr, v);   /* trapped; Xen emulates or refuses */
	}
}

void xen_load_sp0(u64 sp0)
{
	if (xen_mc_lazy()) {
		xen_mc_call(XEN_HYPERCALL_stack_switch, XEN_FLAT_KERNEL_SS, sp0, 0, 0);
		return;
	}
	long rc = xen_hcall2(XEN_HYPERCALL_stack_switch, XEN_FLAT_KERNEL_SS, sp0);
	if (rc)
		xen_fail("stack_switch", rc, "ss %#x, sp %#llx", XEN_FLAT_KERNEL_SS,
			 (unsigned long long)sp0);
}

/* ---- GDT ---- */

/* Entries Xen checks and installs: all of ours.  The TSS slots have no
 * meaning under PV and are left empty (a not-present descriptor is valid). */
#define XEN_GDT_ENTRIES GDT_ENTRIES
static u64 *gdt_live;

void xen_load_gdt(const struct dtr *d)
{
	u64 pa = virt_to_phys((void *)d->base);
	u64 frame = xen_pfn_to_mfn(pa >> PAGE_SHIFT);
	long rc;

	if (d->base & (PAGE_SIZE - 1))
		panic("xen: the GDT must start a page (it is at %#llx)", (unsigned long long)d->base);
	xen_frame_set_readonly(pa >> PAGE_SHIFT, true);
	rc = xen_hcall2(XEN_HYPERCALL_set_gdt, &frame, XEN_GDT_ENTRIES);
	if (rc)
		xen_fail("set_gdt", rc, "frame %#llx, %u entries", (unsigned long long)frame,
			 XEN_GDT_ENTRIES);
	gdt_live = (u64 *)d->base;
}

void xen_write_gdt_entry(u64 *gdt, unsigned i, const u64 *desc, unsigned words)
{
	unsigned w;
	long rc;

	/* Xen validates every descriptor in the page and refuses system
	 * descriptors; the TSS has no meaning for a PV kernel anyway. */
	if (i >= XEN_GDT_ENTRIES || i * 8 == GDT_TSS)
		return;
	if (gdt != gdt_live) {
		/* Not Xen's yet: an ordinary write into our own page. */
		memcpy(&gdt[i], desc, words * sizeof(u64));
		return;
	}
	for (w = 0; w < words; w++) {
		rc = xen_hcall2(XEN_HYPERCALL_update_descriptor, xen_virt_to_machine(&gdt[i + w]),
				desc[w]);
		if (rc)
			xen_fail("update_descriptor", rc, "entry %u, %#llx", i + w,
				 (unsigned long long)desc[w]);
	}
}

void xen_load_tr(u16 sel) { (void)sel; }
void xen_io_delay(void) {}

/* ---- IDT -> trap table ---- */

static struct xen_trap_info trap_table[257];

void xen_write_idt_entry(struct gate_desc *idt, unsigned v, const struct gate_desc *g)
{
	u64 addr = g->offset_lo | ((u64)g->offset_mid << 16) | ((u64)g->offset_hi << 32);

	idt[v] = *g;
	trap_table[v].vector = (u8)v;
	/* An interrupt gate masks events on entry, like clearing IF. */
	trap_table[v].flags = (u8)(((g->type_attr >> 5) & 3) |
				   ((g->type_attr & 0xf) == 0xe ? XEN_TI_IF : 0));
	trap_table[v].cs = XEN_FLAT_KERNEL_CS;
	trap_table[v].address = addr;
}

void xen_load_idt(const struct dtr *d)
{
	struct xen_trap_info table[257];
	unsigned v, n = 0;
	long rc;

	(void)d;
	for (v = 0; v < 256; v++)
		if (trap_table[v].address)
			table[n++] = trap_table[v];
	memset(&table[n], 0, sizeof(table[n]));
	rc = xen_hcall1(XEN_HYPERCALL_set_trap_table, table);
	if (rc)
		xen_fail("set_trap_table", rc, "%u entries", n);
}

/* CR0.TS is Xen's, per vCPU.  Setting it is part of every process
 * switch (lazy FPU): inside the switch's lazy window it joins the
 * multicall, as Linux batches it. */
void xen_fpu_set_ts(bool set)
{
	if (xen_mc_lazy()) {
		xen_mc_call(XEN_HYPERCALL_fpu_taskswitch, set ? 1 : 0, 0, 0, 0);
		return;
	}
	long rc = xen_hcall1(XEN_HYPERCALL_fpu_taskswitch, set ? 1 : 0);

	if (rc)
		xen_fail("fpu_taskswitch", rc, "%d", set);
}

const struct pv_cpu_ops xenpv_cpu_ops = {
	.cpuid = xen_cpuid,
	.read_msr = native_read_msr_fn,     /* trapped; Xen emulates the few it allows */
	.write_msr = xen_write_msr,
	.read_tsc = native_read_tsc_fn,     /* rdtsc works in ring 3 */
	.load_sp0 = xen_load_sp0,
	.set_fs_base = xen_set_fs_base,
	.load_gdt = xen_load_gdt,
	.load_idt = xen_load_idt,
	.load_tr = xen_load_tr,
	.write_gdt_entry = xen_write_gdt_entry,
	.write_idt_entry = xen_write_idt_entry,
	.set_kernel_gs = xen_set_kernel_gs,
	.io_delay = xen_io_delay,
	.fpu_set_ts = xen_fpu_set_ts,
};
