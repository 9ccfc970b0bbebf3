/*
 * pvh_head.S — the 32-bit entry point named by the PVH ELF note.
 *
 * A PVH loader enters in flat protected mode, paging off, interrupts off,
 * with no stack: ebx points at struct hvm_start_info.  eax is passed on
 * too: QEMU's microvm sets the multiboot magic there (while still handing
 * over an hvm_start_info), and a multiboot loader would hand over its info
 * structure; pvh_boot tells them apart.
 *
 * This is native-only bootstrap code: it runs before pv_ops exist and
 * writes control registers directly.  It builds the smallest page tables
 * that let C run — identity for the low 4 GiB (so loader structures and
 * early page-table pages are reachable) and the kernel's -2 GiB window onto
 * physical 0..2 GiB — enters long mode and calls pvh_boot on the high
 * kernel stack.  The kernel replaces these tables through pv_mmu in
 * paging_init.
 */
#include "layout.h"

#define PHYS(x) ((x) - KERNEL_VBASE)
#define PTE_P 0x1
#define PTE_W 0x2
#define PTE_PS 0x80

	.pushsection .note.Xen, "a", @note
	.balign 4
	.long 4                        /* name size */
	.long 4                        /* descriptor size */
	.long 18                       /* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long PHYS(pvh_start32)
	.popsection

	.section .text.boot32, "ax"
	.code32
	.globl pvh_start32
pvh_start32:
	cli
	cld
	mov %eax, %ebp                 /* loader magic (multiboot) or junk */
	mov %ebx, %esi                 /* loader info, physical */

	mov $PHYS(__bss_start), %edi
	mov $PHYS(__bss_end), %ecx
	sub %edi, %ecx
	xor %eax, %eax
	rep stosb
	mov $PHYS(boot_stack_top), %esp

	/* Without long mode there is nothing we can do, not even print. */
	mov $0x80000000, %eax
	cpuid
	cmp $0x80000001, %eax
	jb .Lno_long_mode
	mov $0x80000001, %eax
	cpuid
	test $(1 << 29), %edx
	jz .Lno_long_mode
	mov %edx, %ebx                 /* keep the NX bit for EFER below */

	/* Four page directories of 2 MiB pages: physical 0..4 GiB. */
	mov $PHYS(boot_pd), %edi
	mov $(PTE_P | PTE_W | PTE_PS), %eax
	mov $2048, %ecx
1:	mov %eax, (%edi)
	add $0x200000, %eax
	add $8, %edi
	loop 1b

	mov $PHYS(boot_pd) + (PTE_P | PTE_W), %eax
	mov %eax, PHYS(boot_pdpt_low)
	add $4096, %eax
	mov %eax, PHYS(boot_pdpt_low) + 8
	mov %eax, PHYS(boot_pdpt_high) + 511 * 8
	add $4096, %eax
	mov %eax, PHYS(boot_pdpt_low) + 16
	add $4096, %eax
	mov %eax, PHYS(boot_pdpt_low) + 24
	movl $PHYS(boot_pd) + (PTE_P | PTE_W), PHYS(boot_pdpt_high) + 510 * 8
	movl $PHYS(boot_pdpt_low) + (PTE_P | PTE_W), PHYS(boot_pml4)
	movl $PHYS(boot_pdpt_high) + (PTE_P | PTE_W), PHYS(boot_pml4) + 511 * 8

	mov %cr4, %eax
	/* PAE; OSFXSR and OSXMMEXCPT: user programs use SSE, and the kernel
	 * saves their state with fxsave (kernel/proc/fpu.c). */
	or $0x620, %eax
	mov %eax, %cr4
	mov $PHYS(boot_pml4), %eax
	mov %eax, %cr3

	mov $0xc0000080, %ecx          /* EFER */
	rdmsr
	or $0x100, %eax                /* LME */
	test $(1 << 20), %ebx
	jz 2f
	or $0x800, %eax                /* NXE, when the CPU has NX */
2:	wrmsr

	mov %cr0, %eax
	or $0x80010023, %eax           /* PG | WP | PE: read-only binds ring 0 too; MP, NE */
	and $~0x60000004, %eax         /* caches on: clear CD, NW; no x87 emulation (EM) */
	mov %eax, %cr0

	lgdt PHYS(boot_gdtr)
	ljmp $0x08, $PHYS(pvh_start64_low)

.Lno_long_mode:
	hlt
	jmp .Lno_long_mode

	.code64
pvh_start64_low:
	mov $0x10, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	/* The boot CPU's per-CPU base is 0 (percpu.h); a null selector load
	 * does not promise to clear the base, so write it. */
	xor %edx, %edx
	mov $0xc0000101, %ecx          /* GS base */
	wrmsr
	mov $0xc0000102, %ecx          /* the shadow swapgs exchanges it with */
	wrmsr
	movabs $pvh_start64_high, %rax
	jmp *%rax

	.text
pvh_start64_high:
	movabs $boot_stack_top, %rsp
	mov %ebp, %edi                 /* pvh_boot(magic, info_phys) */
	mov %esi, %esi                 /* upper halves are undefined after the mode switch */
	xor %ebp, %ebp                 /* ends the backtrace here */
	call pvh_boot
	ud2

	.section .rodata
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff       /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff       /* 0x10: data */
boot_gdt_end:
boot_gdtr:
	.word boot_gdt_end - boot_gdt - 1
	.long PHYS(boot_gdt)

	.section .bss.page_aligned, "aw", @nobits
	.balign 4096
	.globl boot_pml4
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd:        .skip 4 * 4096
	.globl boot_stack_top
boot_stack:     .skip KSTACK_SIZE
boot_stack_top:
