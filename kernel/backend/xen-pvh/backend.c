/*
 * backend.c — the Xen PVH backend: Proteus as a PVH domain (here dom0),
 * a hybrid of the two models.
 *
 * Xen runs a PVH guest in a hardware container (SVM or VMX with nested
 * paging), so the kernel holds ring 0 and keeps the native cpu, irq and
 * mmu ops, the native entry code and its own page tables, as on bare
 * hardware.  What it takes from Xen is what there is no hardware for in a
 * PVH domain (no PIT, no PIC, no serial port of its own): the clock and
 * clock events (pvclock and VIRQ_TIMER, from the Xen platform), events
 * delivered on one IDT vector (HVM_PARAM_CALLBACK_IRQ), the console and
 * the shutdown by hypercall, the grant table.  Pages Xen shares are put
 * into our physical space by add_to_physmap instead of being mapped by
 * machine frame.  xenpvh_init reads as the table of contents.
 *
 * It is chosen when the 32-bit PVH entry was used and CPUID, at ring 0,
 * shows Xen's signature.
 */
#include "xenpvh.h"
#include "pv/backend.h"
#include "boot_info.h"
#include "layout.h"
#include "irq.h"
#include "panic.h"
#include "printk.h"
#include <string.h>

#define GRANT_FRAMES_MAX 4

static u64 xenpvh_pfn_to_gfn(u64 pfn)
{
	return pfn;                        /* Xen translates: our frames are its gfns */
}

static void *xenpvh_grant_map_frames(unsigned nr)
{
	void *first = NULL, *page;
	unsigned i;

	if (nr > GRANT_FRAMES_MAX)
		return NULL;
	for (i = 0; i < nr; i++) {
		page = xenpvh_map_xen_page(XENMAPSPACE_grant_table, i);
		if (!page || (first && page != (u8 *)first + i * PAGE_SIZE))
			return NULL;           /* the frames must be contiguous */
		if (!first)
			first = page;
	}
	return first;
}

static struct xen_platform xenpvh_platform = {
	.name = "xen-pvh",
	.translated = true,
	.pfn_to_gfn = xenpvh_pfn_to_gfn,
	.grant_map_frames = xenpvh_grant_map_frames,
	.suspend = xenpvh_suspend,
};

static int xenpvh_detect(const struct pv_platform *p)
{
	return p->entry == &pvh_boot_entry && p->cpl == 0 &&
	       !memcmp(p->signature, "XenVMMXenVMM", 12) ? 100 : 0;
}

static void xenpvh_stats_print(void)
{
	pr_info("xen-pvh: %llu hypercalls\n", (unsigned long long)this_cpu_read(xen_stats.hypercalls));
}

static u64 xenpvh_hypercalls(void)
{
	return this_cpu_read(xen_stats.hypercalls);
}

/* An HVM parameter of ours; 0 when Xen refuses (the caller treats 0 as none). */
static u64 xenpvh_param(unsigned index)
{
	struct xen_hvm_param p = { .domid = XEN_DOMID_SELF, .index = index };

	return xen_hcall2(XEN_HYPERCALL_hvm_op, XEN_HVMOP_get_param, &p) ? 0 : p.value;
}

void xenpvh_read_rings(struct xen_platform *p)
{
	/* A PVH domU's console page is one the toolstack put among its
	 * special pages (HVM params, as Linux's hvc_xen reads them); a gfn,
	 * which is our physical frame number here.  0: none. */
	p->console_ring_pa = xenpvh_param(XEN_HVM_PARAM_CONSOLE_PFN) << PAGE_SHIFT;
	p->console_evtchn = (unsigned)xenpvh_param(XEN_HVM_PARAM_CONSOLE_EVTCHN);
	/* xenstore's page and channel, the same way (Linux's xenbus_probe). */
	p->store_ring_pa = xenpvh_param(XEN_HVM_PARAM_STORE_PFN) << PAGE_SHIFT;
	p->store_evtchn = (unsigned)xenpvh_param(XEN_HVM_PARAM_STORE_EVTCHN);
}

static void xenpvh_init(struct boot_info *bi)
{
	xenpvh_hypercall_init();           /* the MSR Xen's CPUID names, in 64-bit mode */
	xenpvh_memory_map(bi);             /* version-0 start_info has none */
	xenpvh_platform.dom0 = (bi->start_flags & XEN_SIF_INITDOMAIN) != 0;
	if (!xenpvh_platform.dom0)
		xenpvh_read_rings(&xenpvh_platform);
	else
		xenpvh_platform.suspend = NULL;  /* the hardware domain is never saved */
	xen_platform = &xenpvh_platform;
	xen_shared = xenpvh_map_xen_page(XENMAPSPACE_shared_info, 0);
	if (!xen_shared)
		panic("xen-pvh: no frame left for shared_info");
	xen_events_init();
	xen_vcpu_info_register();

	pv_info.name = "xen-pvh";
	pv_info.stats_print = xenpvh_stats_print;
	pv_info.hypercalls = xenpvh_hypercalls;
	pv_info.hypercalls_of = xen_hypercalls_of;
	pv_time_ops = xen_time_ops;        /* pvclock, VIRQ_TIMER */
	pv_init_ops.console_init = xen_console_init;
	pv_init_ops.machine_shutdown = xen_machine_shutdown;
}

/* Events arrive on one vector, outside the local APIC: nothing to EOI. */
static void xenpvh_upcall(unsigned irq, void *arg)
{
	(void)irq;
	(void)arg;
	xen_evtchn_do_upcall();
}

static unsigned callback_vector;

/* HVM params are the domain's, not our memory's: a restored domain has
 * none of this until it is set again. */
void xenpvh_callback_set(void)
{
	struct xen_hvm_param p = {
		.domid = XEN_DOMID_SELF, .index = XEN_HVM_PARAM_CALLBACK_IRQ,
		.value = XEN_HVM_CALLBACK_VECTOR(callback_vector),
	};
	long rc = xen_hcall2(XEN_HYPERCALL_hvm_op, XEN_HVMOP_set_param, &p);

	if (rc)
		xen_fail("hvm_op", rc, "set_param CALLBACK_IRQ, vector %u", callback_vector);
}

static void xenpvh_late_init(void)
{
	int irq = irq_alloc(&irq_chip_none, 0, "xen-callback");

	callback_vector = irq_vector_alloc();
	if (irq == IRQ_NONE || !callback_vector)
		panic("xen-pvh: no irq or vector left for the event callback");
	irq_bind_vector((unsigned)irq, callback_vector);
	irq_request((unsigned)irq, xenpvh_upcall, NULL);
	xenpvh_callback_set();
	pr_info("xen-pvh: events on vector %u\n", callback_vector);
}

static const struct pv_backend xenpvh_backend = {
	.name = "xen-pvh",
	.detect = xenpvh_detect,
	.init = xenpvh_init,
	.late_init = xenpvh_late_init,
};
PV_BACKEND(xenpvh_backend);
