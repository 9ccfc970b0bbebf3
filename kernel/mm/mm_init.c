/*
 * mm_init.c — the kernel's own page tables, built through pv_mmu and
 * switched to once: the kernel image with per-section permissions, the
 * direct map of all RAM, and the upper-level tables of the ioremap window.
 * After the switch the boot tables' identity map is gone, and physical
 * memory is reached only through PHYS_MAP_BASE.
 */
#include "mm.h"
#include "pv/ops.h"
#include "panic.h"
#include "printk.h"

extern char __kernel_start[], __text_end[], __data_start[], __kernel_end[];

static void map_range(u64 va, u64 pa, u64 size, u64 flags)
{
	if (paging_map_range(&kernel_mm, va, pa, size >> PAGE_SHIFT, flags))
		panic("mm: out of memory building the kernel page tables");
}

/* RAM from s to e in the direct map: 2 MiB pages where the backend lets
 * the kernel use them and a whole one fits, 4 KiB pages around them. */
static void map_phys_range(u64 s, u64 e, u64 flags)
{
	u64 lo = ALIGN_UP(s, LARGE_PAGE_SIZE), hi = ALIGN_DOWN(e, LARGE_PAGE_SIZE), pa;

	if (!pv_info.large_pages || lo >= hi) {
		map_range(PHYS_MAP_BASE + s, s, e - s, flags);
		return;
	}
	map_range(PHYS_MAP_BASE + s, s, lo - s, flags);
	for (pa = lo; pa < hi; pa += LARGE_PAGE_SIZE)
		if (paging_map_large(&kernel_mm, PHYS_MAP_BASE + pa, pa, flags))
			panic("mm: out of memory building the kernel page tables");
	map_range(PHYS_MAP_BASE + hi, hi, e - hi, flags);
}

u64 pte_nx;
#define nx_flag pte_nx

static void map_kernel_image(void)
{
	u64 text = (u64)__kernel_start, rodata = ALIGN_UP((u64)__text_end, PAGE_SIZE);
	u64 data = (u64)__data_start, end = (u64)__kernel_end;

	map_range(text, text - KERNEL_VBASE, rodata - text, 0);
	map_range(rodata, rodata - KERNEL_VBASE, data - rodata, nx_flag);
	map_range(data, data - KERNEL_VBASE, end - data, PTE_W | nx_flag);
}

static void map_phys(const struct boot_info *bi)
{
	unsigned i;

	lazy_enter_mmu();
	for (i = 0; i < bi->nr_ram; i++) {
		u64 s = ALIGN_UP(bi->ram[i].start, PAGE_SIZE);
		u64 e = ALIGN_DOWN(bi->ram[i].start + bi->ram[i].size, PAGE_SIZE);
		if (e > frames_max_addr())
			e = frames_max_addr();
		if (s < e)
			map_phys_range(s, e, PTE_W | nx_flag);
	}
	lazy_leave_mmu();
}

bool phys_map_contains(u64 va, u64 len)
{
	if (phys_map_offset != PHYS_MAP_BASE || va < PHYS_MAP_BASE)
		return false;
	return frame_is_ram(va - PHYS_MAP_BASE) && frame_is_ram(va + len - 1 - PHYS_MAP_BASE);
}

void mm_init(const struct boot_info *bi)
{
	struct cpuid_regs r;
	u64 pa;

	frames_init(bi);
	cpuid(0x80000001u, 0, &r);
	nx_flag = (r.edx >> 20) & 1 ? PTE_NX : 0;

	pa = frame_alloc();
	if (!pa)
		panic("mm: no memory for the kernel page tables");
	kernel_mm.pgd = phys_to_virt(pa);
	kernel_mm.pgd_pa = pa;
	for (unsigned i = 0; i < 512; i++)
		kernel_mm.pgd[i] = 0;
	alloc_pt(PT_LEVEL_PGD, pa >> PAGE_SHIFT);

	map_kernel_image();
	map_phys(bi);
	/* Create the ioremap window's tables now so that every address space,
	 * which copies the kernel's top level, sees later mappings there. */
	if (paging_map(&kernel_mm, IOREMAP_BASE, 0, 0))
		panic("mm: out of memory building the kernel page tables");
	paging_unmap(&kernel_mm, IOREMAP_BASE);

	mm_switch(&kernel_mm);
	phys_map_offset = PHYS_MAP_BASE;
	kernel_mm.pgd = phys_to_virt(kernel_mm.pgd_pa);
	frames_unlimit();
	frame_refs_init();
	pr_info("mm: kernel page tables live: %u table pages, NX %s\n",
		kernel_mm.pt_pages + 1, nx_flag ? "on" : "off");
}
