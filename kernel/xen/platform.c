/*
 * platform.c — the state every Xen backend shares: which backend runs us
 * and how it names pages, the shared_info page, this CPU's vcpu_info, and
 * the check that it is Xen we run on.
 */
#include "xen/platform.h"
#include "mm.h"
#include "layout.h"
#include "panic.h"
#include "printk.h"
#include <string.h>

const struct xen_platform *xen_platform;
struct xen_shared_info *xen_shared;
DEFINE_PER_CPU(struct xen_vcpu_info, xen_vcpu_info) __aligned(64);
DEFINE_PER_CPU(struct xen_stats, xen_stats);

/*
 * Move this CPU's vcpu_info out of shared_info into our per-CPU area, so
 * its mask byte is one %gs-relative store away from any patched site
 * (Linux calls this "vcpu placement"); Xen copies the current contents
 * over.  It may only be done once per vCPU.
 */
void xen_vcpu_info_register(void)
{
	struct xen_vcpu_register_vcpu_info r;
	struct xen_vcpu_info *vi = this_cpu_ptr(&xen_vcpu_info);
	u64 pa = virt_to_phys(vi);
	long rc;

	r.mfn = xen_pfn_to_gfn(pa >> PAGE_SHIFT);
	r.offset = (u32)(pa & (PAGE_SIZE - 1));
	r.rsvd = 0;
	rc = xen_hcall3(XEN_HYPERCALL_vcpu_op, XEN_VCPUOP_register_vcpu_info,
			this_cpu_read(cpu_number), &r);
	if (rc)
		xen_fail("vcpu_op", rc, "register_vcpu_info, vcpu %u, frame %#llx offset %#x",
			 this_cpu_read(cpu_number), (unsigned long long)r.mfn, r.offset);
}

void *xen_page_va(u64 pa)
{
	if (phys_map_offset != PHYS_MAP_BASE || phys_map_contains((u64)phys_to_virt(pa), PAGE_SIZE))
		return phys_to_virt(pa);
	return ioremap(pa, PAGE_SIZE);
}

/* Any hypercall makes Xen deliver pending events on its way back. */
void xen_force_evtchn_callback(void)
{
	xen_hcall2(XEN_HYPERCALL_xen_version, XENVER_version, 0);
}

void xen_identify(void)
{
	struct cpuid_regs r;
	char sig[13];
	long ver;
	u32 base;

	/* Xen's leaves may sit above a compatibility set (0x40000100). */
	for (base = 0x40000000u; base < 0x40010000u; base += 0x100) {
		cpuid(base, 0, &r);
		memcpy(sig, &r.ebx, 4);
		memcpy(sig + 4, &r.ecx, 4);
		memcpy(sig + 8, &r.edx, 4);
		sig[12] = 0;
		if (!strcmp(sig, "XenVMMXenVMM") && r.eax >= base + 2)
			break;
	}
	if (base == 0x40010000u)
		panic("xen: backend %s chosen, but CPUID shows no Xen leaves", xen_platform->name);
	ver = xen_hcall2(XEN_HYPERCALL_xen_version, XENVER_version, 0);
	pr_info("xen: CPUID leaves at %#x (max %#x); Xen %ld.%ld; %s (%s)\n", base, r.eax,
		ver >> 16, ver & 0xffff, xen_platform->dom0 ? "dom0" : "domU", xen_platform->name);
}

u64 xen_hypercalls_of(unsigned nr)
{
	return nr < XEN_STATS_NR ? this_cpu_ptr(&xen_stats)->by_nr[nr] : 0;
}
