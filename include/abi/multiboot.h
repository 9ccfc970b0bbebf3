/*
 * multiboot.h — the Multiboot v1 information structure (the part we read).
 *
 * QEMU's microvm machine enters our PVH entry point with eax holding
 * MULTIBOOT_BOOTLOADER_MAGIC and ebx pointing at this structure, so the
 * PVH entry accepts both.
 */
#ifndef PROTEUS_ABI_MULTIBOOT_H
#define PROTEUS_ABI_MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2badb002u

#define MULTIBOOT_INFO_MEMORY  0x001u
#define MULTIBOOT_INFO_CMDLINE 0x004u
#define MULTIBOOT_INFO_MODS    0x008u
#define MULTIBOOT_INFO_MMAP    0x040u

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;  /* KiB */
	uint32_t boot_device;
	uint32_t cmdline;               /* physical address */
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
};

struct multiboot_module {
	uint32_t mod_start, mod_end;
	uint32_t cmdline;
	uint32_t reserved;
};

/* Entries are variable-sized: `size` does not count itself. */
struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t addr;
	uint64_t len;
	uint32_t type;                  /* 1 = RAM */
} __attribute__((packed));

#endif
