/*
 * hypercall_page.S — the page Xen fills with its hypercall stubs
 * (xen/hypercall.h).  A PV kernel names it in an ELF note; a PVH kernel
 * hands its physical address to Xen through an MSR.  int3 until then, so
 * a call made too early traps instead of running garbage.
 */
	.section .text.xen_hypercall_page, "ax"
	.balign 4096
	.globl xen_hypercall_page
xen_hypercall_page:
	.fill 4096, 1, 0xcc
