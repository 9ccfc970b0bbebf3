/*
 * memmap.c — a PVH dom0's memory map.  Xen 4.17 hands a PVH dom0 a
 * version-0 hvm_start_info, which has no memory map; XENMEM_memory_map
 * gives the domain's own (pseudo-E820) map, whose RAM entries become
 * boot_info's.  Entries are 20-byte packed records (abi/xen.h).
 */
#include "xenpvh.h"
#include "boot_info.h"
#include "panic.h"

#define MAP_MAX 64

void xenpvh_memory_map(struct boot_info *bi)
{
	static struct xen_e820_entry map[MAP_MAX];
	struct xen_memory_map m = { .nr_entries = MAP_MAX, .buffer = (u64)map };
	long rc;
	u32 i;

	if (bi->nr_ram)
		return;                       /* the loader gave one after all */
	rc = xen_hcall2(XEN_HYPERCALL_memory_op, XENMEM_memory_map, &m);
	if (rc)
		xen_fail("memory_op", rc, "memory_map");
	if (m.nr_entries > MAP_MAX)
		panic("xen-pvh: Xen says %u memory map entries, more than the %u asked for",
		      m.nr_entries, MAP_MAX);
	for (i = 0; i < m.nr_entries && bi->nr_ram < BOOT_MEMMAP_MAX; i++)
		if (map[i].type == XEN_E820_RAM && XEN_E820_SIZE(&map[i])) {
			bi->ram[bi->nr_ram].start = XEN_E820_ADDR(&map[i]);
			bi->ram[bi->nr_ram].size = XEN_E820_SIZE(&map[i]);
			bi->nr_ram++;
		}
	bi->loader = "pvh (memory map from Xen)";
}
