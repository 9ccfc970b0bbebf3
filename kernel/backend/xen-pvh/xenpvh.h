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
/* In a domain restored from a save: every such page back at its frame. */
void xenpvh_physmap_restore(void);
/* Read the toolstack's HVM params for the console and xenstore (backend.c). */
void xenpvh_read_rings(struct xen_platform *p);
/* Point Xen's event upcall at our vector again (backend.c). */
void xenpvh_callback_set(void);
/* SCHEDOP_shutdown(suspend) and what a new domain needs redone (suspend.c). */
bool xenpvh_suspend(void);

#endif
