/*
 * boot_info.h — what every entry point hands to kmain.
 *
 * Each entry (the PVH/multiboot 32-bit entry, the Xen PV entry)
 * translates its loader's structures into this one, copying strings and
 * tables into kernel memory so nothing the loader owns is needed later.
 */
#ifndef PROTEUS_BOOT_INFO_H
#define PROTEUS_BOOT_INFO_H

#include "types.h"

#define BOOT_MEMMAP_MAX 64
#define BOOT_CMDLINE_MAX 4096     /* with its NUL; Linux x86 takes 2048 */

/*
 * An entry point the kernel can be started through.  Each registers
 * itself in .boot_entries (the boot log lists them) and sets
 * boot_info.entry to itself; a backend that can only run behind one
 * entry compares against its own, so no common list names them.
 */
struct boot_entry {
	const char *name;         /* "pvh", "xen-pv", ... */
	const char *what;         /* who enters there, in a few words */
};
#define BOOT_ENTRY(var) \
	static const struct boot_entry *const boot_entry_ptr_##var \
	__section(".boot_entries") __used = &(var)
extern const struct boot_entry *const __boot_entries_start[], *const __boot_entries_end[];
/* The 32-bit PVH entry, in every kernel (boot/pvh_boot.c). */
extern const struct boot_entry pvh_boot_entry;

struct boot_mem_range {
	u64 start;   /* physical (pseudo-physical under a PV hypervisor) */
	u64 size;
};

struct boot_info {
	const struct boot_entry *entry;
	const char *loader;                /* what the entry was handed: "pvh", "multiboot" */
	struct boot_mem_range ram[BOOT_MEMMAP_MAX];
	unsigned nr_ram;
	char cmdline[BOOT_CMDLINE_MAX];
	/* The loader's command line did not fit: its length (at least
	 * BOOT_CMDLINE_MAX), and cmdline is left empty. */
	size_t cmdline_overflow;
	u64 initrd_start, initrd_size;     /* physical; size 0 when none */
	/* RAM the loader still uses (its own structures, page tables). */
	struct boot_mem_range reserved[8];
	unsigned nr_reserved;
	/* Offset at which the boot page tables map physical memory, valid until
	 * the kernel installs its own tables (identity on the PVH entry). */
	u64 boot_phys_offset;
	/* Below this physical address the boot tables map everything; until
	 * the kernel's own tables are live, frames come only from below it. */
	u64 boot_mapped_limit;
	void *platform;                    /* entry-specific handle (start_info) */
	u32 start_flags;                   /* the loader's flags word (Xen: SIF_*) */
	u64 acpi_rsdp;                     /* where the loader says the RSDP is, or 0 */
	/* What the entry could not make sense of, for kmain to report once
	 * the console works; empty when all was well. */
	char boot_error[192];
};

extern struct boot_info boot_info;

void kmain(struct boot_info *bi) __attribute__((noreturn));

#endif
