/*
 * hvm_start_info.h — the PVH boot ABI, version 1 (as defined by Xen's
 * public arch-x86/hvm/start_info.h; our own definitions).
 *
 * A PVH loader (QEMU, Xen) enters the 32-bit entry named by the ELF note
 * XEN_ELFNOTE_PHYS32_ENTRY in flat protected mode, paging off, with ebx
 * holding the physical address of struct hvm_start_info.
 */
#ifndef PROTEUS_ABI_HVM_START_INFO_H
#define PROTEUS_ABI_HVM_START_INFO_H

#include <stdint.h>

#define HVM_START_MAGIC       0x336ec578u
#define XEN_ELFNOTE_PHYS32_ENTRY 18

struct hvm_start_info {
	uint32_t magic;          /* HVM_START_MAGIC */
	uint32_t version;        /* 0: no memory map; 1: memmap fields valid */
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;  /* array of struct hvm_modlist_entry */
	uint64_t cmdline_paddr;  /* NUL-terminated, 0 if none */
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;   /* version >= 1: array of struct hvm_memmap_entry */
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};

#define HVM_MEMMAP_RAM      1u
#define HVM_MEMMAP_RESERVED 2u

struct hvm_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;           /* E820 types */
	uint32_t reserved;
};

#endif
