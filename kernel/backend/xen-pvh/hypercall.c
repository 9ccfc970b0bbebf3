/*
 * hypercall.c — calling Xen from ring 0 of a translated guest.
 *
 * Xen writes no hypercall page into a PVH domain; the guest asks for one
 * by writing the physical address of a page of its own RAM to the MSR
 * Xen's CPUID leaf base + 2 names, and Xen fills it with stubs using the
 * CPU's instruction (vmmcall on AMD, vmcall on Intel).  The call itself is
 * the same `call page + nr*32` as under PV (xen/hypercall.h).  Done in
 * 64-bit mode: Xen decides the width of shared_info from the mode of
 * this very write.
 */
#include "xenpvh.h"
#include "layout.h"
#include "x86/insn.h"
#include "panic.h"
#include <string.h>

void xenpvh_hypercall_init(void)
{
	u32 r[4], base;

	for (base = 0x40000000u; base < 0x40010000u; base += 0x100) {
		x86_cpuid(base, 0, r);
		if (r[1] == XEN_CPUID_SIGNATURE_EBX && !memcmp(&r[2], "MMXenVMM", 8) &&
		    r[0] >= base + XEN_CPUID_LEAF_HYPERCALL)
			break;
	}
	if (base == 0x40010000u)
		panic("xen-pvh: no Xen CPUID leaves");
	x86_cpuid(base + XEN_CPUID_LEAF_HYPERCALL, 0, r);
	write_msr(r[1], (u64)xen_hypercall_page - KERNEL_VBASE);
	/* The page held int3 (0xcc) until now. */
	if ((u8)xen_hypercall_page[0] == 0xcc)
		panic("xen-pvh: Xen did not fill the hypercall page (MSR %#x)", r[1]);
}
