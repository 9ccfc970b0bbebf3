/*
 * xenpv.h — the Xen PV backend's own interface, shared by its files and
 * its tests.  Nothing outside kernel/backend/xen-pv/ includes it; what
 * every Xen backend shares is xen/platform.h.
 */
#ifndef PROTEUS_XENPV_H
#define PROTEUS_XENPV_H

#include "types.h"
#include "xen/platform.h"

struct boot_info;
struct mm;

/* What start_info told us, copied: start_info itself lives in the boot
 * mapping, which disappears when the kernel's own tables go live. */
struct xenpv_start {
	u64 nr_pages;
	u64 shared_info_maddr;
	u64 p2m_pa;               /* the pfn -> mfn list */
	u64 pt_base_pa;           /* Xen's bootstrap page tables */
	u64 nr_pt_frames;
	u64 start_info_pa;        /* the page itself, reserved: a suspend names it */
	u32 flags;
};
extern struct xenpv_start xenpv_start;
/* The boot entry Xen's PV domain builder uses (boot.c). */
extern const struct boot_entry xenpv_boot_entry;

/* Pseudo-physical frames the backend tracks (4 GiB, as the allocator). */
#define XEN_MAX_PFNS (1u << 20)

/* ---- p2m / m2p ---- */
u64 xen_pfn_to_mfn(u64 pfn);
u64 xen_mfn_to_pfn(u64 mfn);
u64 xen_virt_to_machine(const void *va);
/* Publish the p2m frame list in shared_info (p2m_publish.c). */
void xen_p2m_publish(void);

/* ---- page tables (mmu.c) ---- */
void xen_mmu_init(const struct boot_info *bi);
/* Frames that must never be mapped writable (page tables, the GDT). */
void xen_frame_set_readonly(u64 pfn, bool ro);
bool xen_frame_is_readonly(u64 pfn);
/* Pin / unpin a top-level or lower table; the _try forms return Xen's code. */
long xen_pin_try(int level, u64 pa);
long xen_unpin_try(u64 pa);
bool xen_is_pinned(u64 pa);
/* The message a failed pin stops the kernel with: frame, level, error. */
int xen_pin_describe(char *buf, size_t size, int level, u64 pa, long rc);
/* pgd.c: activation state shared with mmu.c. */
void xen_pgd_init(u64 bootstrap_pa);
u64 xen_user_pgd_of(u64 pgd_pa);
void xen_mmu_tables_live(void);
/* Map a machine frame (not ours: shared_info, grant frames) at va; unmap it. */
void xen_map_machine(u64 va, u64 mfn, bool writable);
void xen_unmap_machine(u64 va);

/* ---- Xen's own frames in our address space (foreign.c) ---- */
/* shared_info, at the machine address in xenpv_start, as xen_shared. */
void xenpv_shared_info_map(void);
/* The first nr grant-table frames (xen_platform.grant_map_frames); the
 * same address again on every call. */
void *xenpv_grant_map_frames(unsigned nr);
/* Around a save: neither may stay in our page tables (the toolstack
 * refuses to save a page table naming a frame that is not ours). */
void xenpv_foreign_unmap(void);
void xenpv_foreign_remap(void);

/* ---- save and restore (suspend.c) ---- */
/* A domU's console and xenstore rings, from start_info. */
void xenpv_read_rings(struct xen_platform *p, const struct xen_start_info *si);
bool xenpv_suspend(void);

/* ---- batching (multicall.c) ---- */
void xen_mc_mmu_update(u64 ptr, u64 val);
void xen_mc_mmuext(unsigned cmd, u64 arg1, u64 arg2);
void xen_mc_call(unsigned op, u64 a1, u64 a2, u64 a3, u64 a4);
void xen_mc_flush(void);
bool xen_mc_lazy(void);
void xen_stats_print(void);
u64 xen_hypercall_count(void);

/* ---- the op sets (irq_stubs.S and irq.c, cpu.c, mmu.c, multicall.c) ---- */
extern const struct pv_irq_ops xenpv_irq_ops;
extern const struct pv_cpu_ops xenpv_cpu_ops;
extern const struct pv_mmu_ops xenpv_mmu_ops;
extern const struct pv_lazy_ops xenpv_lazy_ops;

/* Callee-save thunk: deliver what is pending (irq_enable's slow path). */
void xen_check_events(void);

#endif
