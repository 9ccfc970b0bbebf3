/*
 * layout.h — the kernel's virtual address map.  Usable from C and assembly.
 *
 * The upper half is laid out like Linux's x86-64 map on purpose: a Xen PV
 * guest must leave 0xffff800000000000-0xffff87ffffffffff to the hypervisor,
 * so the direct map of physical memory starts above it.
 *
 *   0x0000000000000000 .. USER_TOP           user space (per process)
 *   PHYS_MAP_BASE      .. +512 GiB           all RAM, 4 KiB pages
 *   IOREMAP_BASE       .. +1 GiB             device MMIO mappings
 *   KERNEL_VBASE       .. top                the kernel image (-2 GiB)
 */
#ifndef PROTEUS_LAYOUT_H
#define PROTEUS_LAYOUT_H

#ifdef __ASSEMBLER__
#define _AC(x, s) x
#else
#define _AC(x, s) x##s
#endif

#define PAGE_SHIFT 12
#define PAGE_SIZE _AC(4096, UL)

#define USER_TOP      _AC(0x0000800000000000, UL)
#define PHYS_MAP_BASE _AC(0xffff888000000000, UL)
#define IOREMAP_BASE  _AC(0xffffc90000000000, UL)
#define IOREMAP_SIZE  _AC(0x0000000040000000, UL)
#define KERNEL_VBASE  _AC(0xffffffff80000000, UL)
#define KERNEL_PHYS   _AC(0x100000, UL)

#define KSTACK_SIZE   _AC(16384, UL)

#endif
