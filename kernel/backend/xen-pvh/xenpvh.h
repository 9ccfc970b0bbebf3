/* xenpvh.h — the Xen PVH backend's own interface, shared by its files. */
#ifndef PROTEUS_XENPVH_H
#define PROTEUS_XENPVH_H

#include "types.h"
#include "xen/platform.h"

struct boot_info;

/* Find Xen's CPUID leaves and have Xen fill our hypercall page (hypercall.c). */
void xenpvh_hypercall_init(void);
/* The memory map Xen gives a PVH domain, into bi (memmap.c). */
void xenpvh_memory_map(struct boot_info *bi);
/* Put Xen's page of space at a frame of ours, whose RAM Xen takes back
 * (physmap.c); returns where it can be read. */
void *xenpvh_map_xen_page(unsigned space, u64 idx);

#endif
