/*
 * head.S — what makes this ELF a Xen PV kernel: the notes Xen's domain
 * builder reads (among them the hypercall page it fills, which the Xen
 * platform code owns), and the 64-bit entry it jumps to.
 *
 * The builder maps the image at VIRT_BASE + p_paddr (so our link
 * addresses hold: pseudo-physical frame N is at KERNEL_VBASE + N pages in
 * its bootstrap tables), enters xen_start64 in ring 3 with rsi = start_info
 * and rsp at the top of its bootstrap stack, which is the last thing it
 * allocated: everything below that stack top is in use by Xen's setup.
 * The PVH note in pvh_head.S stays beside these; a PVH loader ignores
 * them and Xen's PV builder ignores it.
 */
#include "abi/xen.h"
#include "layout.h"

.macro XEN_NOTE type:req, desc:vararg
	.pushsection .note.Xen, "a", @note
	.balign 4
	.long 2f - 1f
	.long 4f - 3f
	.long \type
1:	.asciz "Xen"
2:	.balign 4
3:	\desc
4:	.balign 4
	.popsection
.endm

	XEN_NOTE XEN_ELFNOTE_GUEST_OS, .asciz "Proteus"
	XEN_NOTE XEN_ELFNOTE_GUEST_VERSION, .asciz "0.2"
	XEN_NOTE XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0"
	XEN_NOTE XEN_ELFNOTE_LOADER, .asciz "generic"
	XEN_NOTE XEN_ELFNOTE_VIRT_BASE, .quad KERNEL_VBASE
	XEN_NOTE XEN_ELFNOTE_PADDR_OFFSET, .quad 0
	XEN_NOTE XEN_ELFNOTE_ENTRY, .quad xen_start64
	XEN_NOTE XEN_ELFNOTE_HYPERCALL_PAGE, .quad xen_hypercall_page
	/* The initrd is passed by frame number and left out of the bootstrap
	 * mapping, which then holds only what the kernel needs to start. */
	XEN_NOTE XEN_ELFNOTE_MOD_START_PFN, .long 1
	/* Features: '!name' would mark one we require; plain PV with explicit
	 * mmu_update needs none, and any frame may hold our top tables. */
	XEN_NOTE XEN_ELFNOTE_FEATURES, .asciz "pae_pgdir_above_4gb"
	XEN_NOTE XEN_ELFNOTE_SUPPORTED_FEATURES, .long (1 << XENFEAT_dom0)

	.text
	.globl xen_start64
xen_start64:
	cld
	mov %rsp, %r12                 /* the end of Xen's setup area */
	mov %rsi, %r13                 /* start_info */
	movabs $boot_stack_top, %rsp
	/* Per-CPU data is %gs-relative from the first C statement on, with
	 * the boot CPU's base 0 (percpu.h); say so rather than trust it. */
	mov $XEN_SEGBASE_GS_KERNEL, %edi
	xor %esi, %esi
	call xen_hypercall_page + XEN_HYPERCALL_set_segment_base * XEN_HYPERCALL_ENTRY_SIZE
	mov %r13, %rdi                 /* xen_boot(start_info, xen_sp) */
	mov %r12, %rsi
	xor %ebp, %ebp
	call xen_boot
	ud2
