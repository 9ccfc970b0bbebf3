/*
 * pvh_boot.c — turning what a ring-0 loader gave us into struct boot_info.
 *
 * Runs on the boot page tables, where physical memory below 4 GiB is
 * identity-mapped, before the console exists: anything wrong is recorded
 * in boot_info and reported by kmain once it can print.  Strings and tables
 * are copied so the loader's memory can be reused afterwards.
 */
#include "boot_info.h"
#include "abi/hvm_start_info.h"
#include "abi/multiboot.h"
#include "lib/fmt.h"
#include <string.h>

struct boot_info boot_info;

const struct boot_entry pvh_boot_entry = {
	.name = "pvh",
	.what = "32-bit PVH entry: QEMU -kernel, Xen PVH, multiboot loaders",
};
BOOT_ENTRY(pvh_boot_entry);

static const void *phys(u64 pa)
{
	return (const void *)pa;   /* identity-mapped by pvh_head.S */
}

/* A command line that does not fit is refused whole (kmain says so):
 * cutting it would silently drop whatever option came last. */
static void copy_cmdline(struct boot_info *bi, u64 pa)
{
	const char *s = phys(pa);
	size_t n;

	if (!pa)
		return;
	n = strnlen(s, BOOT_CMDLINE_MAX);
	if (n == BOOT_CMDLINE_MAX) {
		bi->cmdline_overflow = strnlen(s, 1u << 20);
		return;
	}
	memcpy(bi->cmdline, s, n);
	bi->cmdline[n] = 0;
}

static void add_ram(struct boot_info *bi, u64 start, u64 size)
{
	if (size && bi->nr_ram < BOOT_MEMMAP_MAX) {
		bi->ram[bi->nr_ram].start = start;
		bi->ram[bi->nr_ram].size = size;
		bi->nr_ram++;
	}
}

static void from_hvm(struct boot_info *bi, const struct hvm_start_info *si)
{
	const struct hvm_memmap_entry *mm;
	const struct hvm_modlist_entry *mod;
	u32 i;

	bi->loader = "pvh";
	bi->platform = (void *)si;
	bi->start_flags = si->flags;
	bi->acpi_rsdp = si->rsdp_paddr;
	copy_cmdline(bi, si->cmdline_paddr);
	if (si->version >= 1 && si->memmap_paddr) {
		mm = phys(si->memmap_paddr);
		for (i = 0; i < si->memmap_entries; i++)
			if (mm[i].type == HVM_MEMMAP_RAM)
				add_ram(bi, mm[i].addr, mm[i].size);
	}
	if (si->nr_modules && si->modlist_paddr) {
		mod = phys(si->modlist_paddr);
		bi->initrd_start = mod[0].paddr;
		bi->initrd_size = mod[0].size;
	}
}

static void from_multiboot(struct boot_info *bi, const struct multiboot_info *mb)
{
	const struct multiboot_module *mod;
	u64 p, end;

	bi->loader = "multiboot";
	if (mb->flags & MULTIBOOT_INFO_CMDLINE)
		copy_cmdline(bi, mb->cmdline);
	if (mb->flags & MULTIBOOT_INFO_MMAP) {
		p = mb->mmap_addr;
		end = p + mb->mmap_length;
		while (p + sizeof(struct multiboot_mmap_entry) <= end) {
			const struct multiboot_mmap_entry *e = phys(p);
			if (e->type == 1)
				add_ram(bi, e->addr, e->len);
			p += e->size + sizeof(e->size);
		}
	} else if (mb->flags & MULTIBOOT_INFO_MEMORY) {
		add_ram(bi, 0, (u64)mb->mem_lower * 1024);
		add_ram(bi, 0x100000, (u64)mb->mem_upper * 1024);
	}
	if ((mb->flags & MULTIBOOT_INFO_MODS) && mb->mods_count) {
		mod = phys(mb->mods_addr);
		bi->initrd_start = mod[0].mod_start;
		bi->initrd_size = mod[0].mod_end - mod[0].mod_start;
	}
}

/*
 * Neither a PVH start_info nor a multiboot handover.  One way that
 * happens is known: QEMU's pc/q35 PVH option ROM copies the command line
 * into a 4 KiB buffer with no bound, and a longer line runs over the
 * start_info behind it, so the "magic" is text.  Say so rather than
 * report a missing memory map.
 */
static void boot_error_unknown(struct boot_info *bi, u32 magic, u32 info_pa)
{
	const u8 *b = phys(info_pa);
	bool text = true;
	unsigned i;

	for (i = 0; i < 4; i++)
		text = text && b[i] >= 0x20 && b[i] < 0x7f;
	if (text)
		fmt_snprintf(bi->boot_error, sizeof(bi->boot_error),
			     "the loader's start_info at %#x holds text ('%c%c%c%c'): a command "
			     "line longer than the loader's buffer overwrote it (QEMU's pc/q35 PVH "
			     "option ROM takes at most 4095 bytes)", info_pa, b[0], b[1], b[2], b[3]);
	else
		fmt_snprintf(bi->boot_error, sizeof(bi->boot_error),
			     "entered with neither a PVH start_info (magic %#x at %#x) nor the "
			     "multiboot magic (eax %#x)", *(const u32 *)b, info_pa, magic);
}

/* Some multiboot loaders put the image name first; options follow it. */
static void strip_image_name(struct boot_info *bi)
{
	char *c = bi->cmdline;
	size_t skip;

	if (c[0] != '/' && strncmp(c, "build/", 6) != 0)
		return;
	for (skip = 0; c[skip] && c[skip] != ' '; skip++)
		;
	while (c[skip] == ' ')
		skip++;
	memmove(c, c + skip, strlen(c + skip) + 1);
}

__noreturn void pvh_boot(u32 magic, u32 info_pa);

__noreturn void pvh_boot(u32 magic, u32 info_pa)
{
	struct boot_info *bi = &boot_info;
	const struct hvm_start_info *si = phys(info_pa);

	bi->entry = &pvh_boot_entry;
	bi->boot_phys_offset = 0;
	bi->boot_mapped_limit = 4ull << 30;
	/* QEMU 7.2's microvm sets the multiboot magic in eax but still passes
	 * an hvm_start_info, so the structure's own magic decides first. */
	if (si->magic == HVM_START_MAGIC) {
		from_hvm(bi, si);
	} else if (magic == MULTIBOOT_BOOTLOADER_MAGIC) {
		from_multiboot(bi, phys(info_pa));
		strip_image_name(bi);
	} else {
		bi->loader = "unknown";
		boot_error_unknown(bi, magic, info_pa);
	}
	kmain(bi);
}
