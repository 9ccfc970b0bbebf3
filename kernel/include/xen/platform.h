/*
 * xen/platform.h — Xen the platform, shared by every backend that runs on
 * Xen (xen-pv, xen-pvh) and by the drivers for Xen's devices.
 *
 * Whatever the privilege model, a Xen guest talks to Xen the same way:
 * hypercalls, a shared_info page with the event-channel bitmaps, a
 * vcpu_info per vCPU with the upcall flags and the pvclock, grant tables,
 * VIRQs.  What differs is how the guest names its own pages to Xen (a PV
 * guest by machine frame, a translated one by guest frame) and how it
 * gets shared pages mapped; the backend says so in struct xen_platform
 * before it calls anything here.
 */
#ifndef PROTEUS_XEN_PLATFORM_H
#define PROTEUS_XEN_PLATFORM_H

#include "types.h"
#include "abi/xen.h"
#include "xen/hypercall.h"
#include "percpu.h"
#include "pv/ops.h"

struct xen_platform {
	const char *name;                  /* the backend in use */
	bool dom0;                         /* we are the hardware domain */
	bool translated;                   /* Xen translates our frames (PVH, HVM) */
	/* The frame number Xen knows our pseudo-physical frame pfn by: the
	 * machine frame under PV, the same number when Xen translates. */
	u64 (*pfn_to_gfn)(u64 pfn);
	/* Map the first nr frames of our grant table and say where. */
	void *(*grant_map_frames)(unsigned nr);
	/* A domU's PV console ring (console_ring.c): the pseudo-physical
	 * address of its page (PV: RAM the direct map covers; PVH: a special
	 * page outside RAM) and its event channel.  0 when there is none
	 * (dom0 uses console_io). */
	u64 console_ring_pa;
	unsigned console_evtchn;
	/* A domU's xenstore page (PV: start_info store_mfn; PVH: the
	 * STORE_PFN HVM param), the same way, and its event channel; 0 when
	 * there is none (dom0). */
	u64 store_ring_pa;
	unsigned store_evtchn;
	/* Save and restore (suspend.c): suspend the domain, interrupts off,
	 * and come back either in the same domain (the toolstack cancelled:
	 * true) or in a new one restored from the save (false).  Before it
	 * returns, the backend has mapped shared_info and the grant table
	 * again (same addresses), published its p2m again, put this CPU's
	 * vcpu_info back in place, and refreshed the fields above.  NULL
	 * where the backend cannot be saved. */
	bool (*suspend)(void);
};
/* Where a page Xen's toolstack shares with us (console ring, xenstore)
 * can be reached: the direct map for RAM (a PV domU's, and anything
 * while the loader's identity map of the low 4 GiB is still in use); a
 * mapping of its own for a PVH domU's special pages outside RAM, made on
 * each call after mm_init (callers keep the result). */
void *xen_page_va(u64 pa);
/* This CPU's trips into Xen through xen_hypercall with number nr (pv_info.hypercalls_of). */
u64 xen_hypercalls_of(unsigned nr);
/* Set by the backend before any other call into this header. */
extern const struct xen_platform *xen_platform;

static inline u64 xen_pfn_to_gfn(u64 pfn) { return xen_platform->pfn_to_gfn(pfn); }

/* The shared_info page, mapped by the backend (events need it). */
extern struct xen_shared_info *xen_shared;

/* This CPU's vcpu_info, placed in our own memory once registered. */
DECLARE_PER_CPU(struct xen_vcpu_info, xen_vcpu_info);
/* Ask Xen to keep this CPU's vcpu_info at this_cpu_ptr(&xen_vcpu_info). */
void xen_vcpu_info_register(void);

/* Register the console ring as the console; false when there is none. */
bool xen_console_ring_init(void);
/* In a restored domain: input from the ring's new event channel. */
void xen_console_ring_resume(void);

/* Check that this is Xen (through the cpuid op) and say which, once the
 * console works. */
void xen_identify(void);

/* ---- the op sets and single ops every Xen backend can take ---- */
#define PV_DECLARE_PREFIX xen
#include "pv/declare.h"
/* pvclock time, VIRQ_TIMER ticks, runstate steal time (time.c). */
extern const struct pv_time_ops xen_time_ops;

/* ---- events (events.c): each bound port is an irq ---- */
/* The upcall: handle the irq of every pending, unmasked port.  The
 * backend decides how it is entered (a callback, an interrupt vector). */
void xen_evtchn_do_upcall(void);
/* Mask every port: each is unmasked when its irq is requested. */
void xen_events_init(void);
/* The irq of port (allocated the first time, masked); IRQ_NONE if full. */
int xen_evtchn_irq(unsigned port, const char *name);
void xen_evtchn_mask(unsigned port);
void xen_evtchn_unmask(unsigned port);
unsigned xen_bind_virq(unsigned virq);
void xen_evtchn_send(unsigned port);
/* Close port, freeing its irq. */
void xen_evtchn_close(unsigned port);
/* After a resume in a new domain (suspend.c): every irq loses its port,
 * every port is masked.  Each irq is then rebound to its new port. */
void xen_events_resume(void);
void xen_evtchn_rebind(int irq, unsigned port);
/* Make Xen deliver what became pending while events were masked. */
void xen_force_evtchn_callback(void);

/* ---- grant table (grant.c) ---- */
void xen_grant_init(void);
unsigned xen_grant_nr_entries(void);
unsigned xen_grant_nr_free(void);
/* Let domid reach frame gfn: the reference, or XEN_GRANT_REF_NONE (logged
 * once) when every entry is taken.  References are reused once ended. */
#define XEN_GRANT_REF_NONE 0xffffffffu
unsigned xen_grant_access(u16 domid, u64 gfn, bool readonly);
/* Revoke a grant; false (and still granted) while the peer uses it. */
bool xen_grant_end(unsigned ref);
long xen_grant_copy_from_ref(u16 domid, unsigned ref, unsigned offset, u64 dst_gfn,
			     unsigned dst_offset, unsigned len, s16 *status);
/* Map a grant at va (a kernel address with its page tables in place). */
long xen_grant_map(u16 domid, unsigned ref, u64 va, bool readonly, u32 *handle, s16 *status);
long xen_grant_unmap(u64 va, u32 handle, s16 *status);

/* ---- time (time.c) ---- */
/* Around a save: note the clocks; in the new domain go on from them. */
void xen_time_suspend(void);
void xen_time_resume(void);
/* The runstate area Xen keeps current for this vCPU. */
const struct xen_vcpu_runstate_info *xen_runstate(void);

#endif
