/*
 * xen/xen.h — the Xen PV backend's internal interface, shared by its files
 * (and by the Xen ktests).  Common code never includes this.
 */
#ifndef PROTEUS_XEN_XEN_H
#define PROTEUS_XEN_XEN_H

#include "types.h"
#include "abi/xen.h"
#include "xen/hypercall.h"

/* xen_<op> and xen_<op>_callee, one per pv op (pv/declare.h). */
#define PV_DECLARE_PREFIX xen
#include "pv/declare.h"

struct boot_info;
struct mm;
struct trap_frame;

/* What start_info told us, copied: start_info itself lives in the boot
 * mapping, which disappears when the kernel's own tables go live. */
struct xen_boot {
	u64 nr_pages;
	u64 shared_info_maddr;
	u64 p2m_pa;               /* the pfn -> mfn list */
	u64 pt_base_pa;           /* Xen's bootstrap page tables */
	u64 nr_pt_frames;
	u32 flags;
};
extern struct xen_boot xen_boot_info;

/* This CPU's vcpu_info, placed in our own memory (VCPUOP_register_vcpu_info). */
extern struct xen_vcpu_info xen_vcpu_info;
extern struct xen_shared_info *xen_shared;

/* Pseudo-physical frames the backend tracks (4 GiB, as the allocator). */
#define XEN_MAX_PFNS (1u << 20)

/* ---- p2m / m2p ---- */
u64 xen_pfn_to_mfn(u64 pfn);
u64 xen_mfn_to_pfn(u64 mfn);
u64 xen_virt_to_machine(const void *va);

/* ---- page tables (xen_mmu.c) ---- */
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
/* xen_pgd.c: activation state shared with xen_mmu.c. */
void xen_pgd_init(u64 bootstrap_pa);
u64 xen_user_pgd_of(u64 pgd_pa);
void xen_mmu_tables_live(void);
/* Load the kernel-mode top table (queued in a lazy window). */
void xen_write_cr3(u64 pa);
/* Map a machine frame (not ours: shared_info, grant frames) at va. */
void xen_map_machine(u64 va, u64 mfn, bool writable);

/* ---- batching (xen_multicall.c) ---- */
void xen_mc_mmu_update(u64 ptr, u64 val);
void xen_mc_mmuext(unsigned cmd, u64 arg1, u64 arg2);
void xen_mc_call(unsigned op, u64 a1, u64 a2, u64 a3, u64 a4);
void xen_mc_flush(void);
bool xen_mc_lazy(void);
void xen_stats_print(void);
u64 xen_hypercall_count(void);

/* ---- events (xen_events.c) ---- */
typedef void (*xen_evtchn_handler_t)(unsigned port, void *arg);
void xen_events_init(void);
void xen_evtchn_bind(unsigned port, xen_evtchn_handler_t fn, void *arg);
void xen_evtchn_unbind(unsigned port);
void xen_evtchn_mask(unsigned port);
void xen_evtchn_unmask(unsigned port);
unsigned xen_bind_virq(unsigned virq);
void xen_evtchn_send(unsigned port);
void xen_evtchn_close(unsigned port);
void xen_force_evtchn_callback(void);

/* ---- grant table (xen_grant.c) ---- */
void xen_grant_init(void);
unsigned xen_grant_nr_entries(void);
unsigned xen_grant_access(u16 domid, u64 mfn, bool readonly);
/* Revoke a grant; false (and still granted) while the peer uses it. */
bool xen_grant_end(unsigned ref);
/* Map a grant at va (a kernel address with its page tables in place). */
long xen_grant_map(u16 domid, unsigned ref, u64 va, bool readonly, u32 *handle, s16 *status);
long xen_grant_unmap(u64 va, u32 handle, s16 *status);
long xen_grant_copy_from_ref(u16 domid, unsigned ref, unsigned offset, u64 dst_mfn,
			     unsigned dst_offset, unsigned len, s16 *status);

/* ---- pieces of the backend init, in the order xen_init calls them ---- */
void xen_hypervisor_identify(void);
void xen_irq_init(void);
/* The runstate area Xen keeps current for vCPU 0. */
const struct xen_vcpu_runstate_info *xen_runstate(void);

#endif
