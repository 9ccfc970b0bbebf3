/*
 * boot.c — turning Xen's start_info into struct boot_info.
 *
 * Memory is pseudo-physical frames 0..nr_pages-1.  Xen's bootstrap tables
 * map frame N at KERNEL_VBASE + N pages up to v_end, which it rounds the
 * top of its bootstrap stack up to (4 MiB, plus 4 MiB more if that left
 * under 512 KiB); everything below the stack top is Xen's setup (our image,
 * the p2m list, start_info, its page tables, the stack) and stays reserved.
 * The frames between the stack top and v_end are mapped and free: the
 * kernel builds its own page tables from them.
 */
#include "boot_info.h"
#include "layout.h"
#include "xenpv.h"
#include <string.h>

#define MiB(n) ((u64)(n) << 20)

const struct boot_entry xenpv_boot_entry = {
	.name = "xen-pv",
	.what = "64-bit Xen PV entry: Xen's PV domain builder, start_info in rsi",
};
BOOT_ENTRY(xenpv_boot_entry);

__noreturn void xen_boot(struct xen_start_info *si, u64 xen_sp);

__noreturn void xen_boot(struct xen_start_info *si, u64 xen_sp)
{
	struct boot_info *bi = &boot_info;
	u64 setup_end = ALIGN_UP(xen_sp, PAGE_SIZE) - KERNEL_VBASE;
	u64 v_end = ALIGN_UP(xen_sp, MiB(4));

	if (v_end - xen_sp < 512 * 1024)
		v_end += MiB(4);
	bi->entry = &xenpv_boot_entry;
	bi->loader = strncmp(si->magic, XEN_START_INFO_MAGIC_PREFIX,
			     sizeof(XEN_START_INFO_MAGIC_PREFIX) - 1) ? "xen-pv (bad start_info magic)" : "xen-pv";
	bi->platform = si;
	bi->ram[0].start = 0;
	bi->ram[0].size = si->nr_pages << PAGE_SHIFT;
	bi->nr_ram = 1;
	bi->reserved[0].start = 0;
	bi->reserved[0].size = setup_end;
	bi->nr_reserved = 1;
	{
		/* Xen cuts a longer line to fit its field, NUL included; a field
		 * with no NUL is not a string at all. */
		size_t n = strnlen((const char *)si->cmd_line, sizeof(si->cmd_line));

		if (n == sizeof(si->cmd_line))
			bi->cmdline_overflow = n;
		else
			memcpy(bi->cmdline, si->cmd_line, n + 1);
	}
	if (si->mod_len) {
		bi->initrd_start = (si->flags & XEN_SIF_MOD_START_PFN) ? si->mod_start << PAGE_SHIFT
								      : si->mod_start - KERNEL_VBASE;
		bi->initrd_size = si->mod_len;
	}
	bi->boot_phys_offset = KERNEL_VBASE;
	bi->boot_mapped_limit = v_end - KERNEL_VBASE;
	kmain(bi);
}
