/*
 * backend.c — the Xen PV backend: Proteus as a 64-bit paravirtualized
 * guest, its kernel in hardware ring 3 beside Xen.
 *
 * Nothing privileged works here: cli, mov to cr3, lgdt, wrmsr, iretq all
 * fault.  So every pv group is replaced.  The interrupt flag becomes a
 * byte in shared memory, page tables hold machine frames and are changed
 * only through Xen (batched in lazy windows), entry and exit go through
 * Xen's bounce frames and the iret hypercall, time comes from the pvclock
 * Xen publishes, interrupts are event channels, and the console and the
 * shutdown are hypercalls.  xenpv_init below reads as the table of
 * contents: whole op sets first, then the single ops.
 *
 * It is chosen when the kernel came in through the Xen PV entry (the only
 * way to be running in ring 3 here); Xen's CPUID leaves, through the
 * forced-emulation prefix, must confirm it once the console is up.
 */
#include "xenpv.h"
#include "pv/backend.h"
#include "boot_info.h"
#include "mm.h"
#include "trap.h"
#include "layout.h"
#include "irq.h"
#include "panic.h"

extern const struct entry_table xenpv_entry_table;

static u64 xenpv_pfn_to_gfn(u64 pfn)
{
	return xen_pfn_to_mfn(pfn);
}

static struct xen_platform xenpv_platform = {
	.name = "xen-pv",
	.pfn_to_gfn = xenpv_pfn_to_gfn,
	.grant_map_frames = xenpv_grant_map_frames,
	.suspend = xenpv_suspend,
};

/* Xen enters the upcall callback (entry.c), which the entry code delivers
 * on the upcall's software vector. */
static void xenpv_upcall(unsigned irq, void *arg)
{
	(void)irq;
	(void)arg;
	xen_evtchn_do_upcall();
}

/* shared_info, by the machine address start_info gave; events through it. */
static void xenpv_late_init(void)
{
	int irq;

	xenpv_shared_info_map();
	xen_p2m_publish();            /* for xl dump-core, save and restore */
	xen_events_init();
	irq = irq_alloc(&irq_chip_none, 0, "xen-upcall");
	if (irq == IRQ_NONE)
		panic("xen: no irq left for the event upcall");
	irq_bind_vector((unsigned)irq, UPCALL_VECTOR);
	irq_request((unsigned)irq, xenpv_upcall, NULL);
}

static int xenpv_detect(const struct pv_platform *p)
{
	return p->entry == &xenpv_boot_entry ? 100 : 0;
}

static const struct pv_info xenpv_info = {
	.name = "xen-pv",
	.kernel_rpl = 3,
	.kernel_cs = XEN_FLAT_KERNEL_CS,
	.kernel_ss = XEN_FLAT_KERNEL_SS,
	.user_cs = XEN_FLAT_USER_CS,
	.user_ss = XEN_FLAT_USER_SS,
	.entry = &xenpv_entry_table,
	.stats_print = xen_stats_print,
	.hypercalls = xen_hypercall_count,
	.hypercalls_of = xen_hypercalls_of,
};

static void xenpv_init(struct boot_info *bi)
{
	pv_info = xenpv_info;
	xen_mmu_init(bi);             /* p2m, bootstrap tables, writable page tables */
	xenpv_platform.dom0 = (xenpv_start.flags & XEN_SIF_INITDOMAIN) != 0;
	if (!xenpv_platform.dom0)
		xenpv_read_rings(&xenpv_platform, bi->platform);
	xen_platform = &xenpv_platform;
	xen_vcpu_info_register();     /* the mask byte moves into our per-CPU area */

	pv_irq_ops = xenpv_irq_ops;   /* the upcall mask in vcpu_info */
	pv_cpu_ops = xenpv_cpu_ops;   /* descriptor tables, stacks, segment bases by hypercall */
	pv_mmu_ops = xenpv_mmu_ops;   /* machine frames, mmu_update, pinning */
	pv_lazy_ops = xenpv_lazy_ops; /* multicalls */
	pv_time_ops = xen_time_ops;   /* the platform's pvclock and VIRQ_TIMER */
	pv_init_ops.patch_site = xen_patch_site;
	pv_init_ops.console_init = xen_console_init;
	pv_init_ops.machine_shutdown = xen_machine_shutdown;
}

static const struct pv_backend xenpv_backend = {
	.name = "xen-pv",
	.detect = xenpv_detect,
	.init = xenpv_init,
	.late_init = xenpv_late_init,
};
PV_BACKEND(xenpv_backend);
