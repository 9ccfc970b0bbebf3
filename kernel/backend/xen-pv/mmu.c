/*
 * mmu.c — page tables of a PV guest: what native writes directly, Xen
 * must see and validate.
 *
 *   make_pte/pte_val   entries hold machine frames: pfn -> mfn through the
 *                      p2m list Xen gave us, mfn -> pfn through Xen's
 *                      read-only m2p table; pte_read and set_pte and up
 *                      convert inside
 *   set_pte and up     mmu_update with the entry's machine address, queued
 *                      in a lazy window (multicall.c); callee-save thunks
 *                      (irq_stubs.S) around the C
 *   alloc_pt           a page that becomes a page table must never again be
 *                      mapped writable: every alias is made read-only, and
 *                      set_pte drops W from any later leaf mapping it
 *   pgd_activate       pinning and the two base pointers: see pgd.c;
 *                      set_pgd keeps an mm's user-mode top table in step
 *   read_cr2           vcpu_info.arch.cr2 (callee-save stub, xen_irq.S)
 *   TLB                mmuext INVLPG_LOCAL / TLB_FLUSH_LOCAL
 */
#include "xenpv.h"
#include "pv/ops.h"
#include "boot_info.h"
#include "layout.h"
#include "mm.h"
#include "trap.h"
#include "panic.h"
#include "printk.h"
#include "lib/fmt.h"
#include <string.h>


#define M2P ((const u64 *)XEN_MACH2PHYS_VIRT_START)
#define M2P_INVALID (~0ull)

struct xenpv_start xenpv_start;
static u64 nr_pfns;
static u64 readonly_map[XEN_MAX_PFNS / 64];    /* frames never mapped writable */
static bool own_tables_live;               /* kernel_mm has replaced Xen's tables */
static u64 boot_mapped_limit;
static DEFINE_PER_CPU(u64, live_cr3);      /* pa of the live kernel-mode top table */
static u64 m2p_max_mfn;                    /* the M2P table ends here (XENMEM_machphys_mapping) */
extern char __kernel_end[];

static bool bit(const u64 *m, u64 i) { return (m[i / 64] >> (i % 64)) & 1; }
static void bit_put(u64 *m, u64 i, bool v)
{
	if (v)
		m[i / 64] |= 1ull << (i % 64);
	else
		m[i / 64] &= ~(1ull << (i % 64));
}

static const u64 *p2m(void)
{
	return phys_to_virt(xenpv_start.p2m_pa);
}

u64 xen_pfn_to_mfn(u64 pfn)
{
	if (pfn >= nr_pfns)
		panic("xen: pfn %#llx is beyond our %llu pages", (unsigned long long)pfn,
		      (unsigned long long)nr_pfns);
	return p2m()[pfn];
}

/*
 * The M2P table is Xen's, read-only, and sparse: an mfn past its end has
 * no entry, and an entry for an mfn Xen has no RAM at may be a hole that
 * faults.  Both come back as M2P_INVALID (an mfn from a peer or a page
 * table is data we check, not trust).
 */
u64 xen_mfn_to_pfn(u64 mfn)
{
	u64 pfn;

	if (mfn > m2p_max_mfn || !probe_read_u64(&M2P[mfn], &pfn))
		return M2P_INVALID;
	return pfn;
}

u64 xen_virt_to_machine(const void *va)
{
	u64 pa = virt_to_phys(va);

	return (xen_pfn_to_mfn(pa >> PAGE_SHIFT) << PAGE_SHIFT) | (pa & (PAGE_SIZE - 1));
}

/* ---- converters (called through callee-save thunks) ---- */

u64 xen_make_pte(u64 v)
{
	u64 pfn = (v & PTE_ADDR) >> PAGE_SHIFT;

	if (!(v & PTE_P))
		return v;
	if (pfn >= nr_pfns)
		panic("xen: make_pte of %#llx: frame is not ours", (unsigned long long)v);
	return (v & ~PTE_ADDR) | (p2m()[pfn] << PAGE_SHIFT);
}

u64 xen_pte_val(u64 pte)
{
	u64 mfn = (pte & PTE_ADDR) >> PAGE_SHIFT, pfn;

	if (!(pte & PTE_P))
		return pte;
	pfn = xen_mfn_to_pfn(mfn);
	/* A frame that is not ours (shared_info, grant frames) stays machine. */
	if (pfn >= nr_pfns || p2m()[pfn] != mfn)
		return pte;
	return (pte & ~PTE_ADDR) | (pfn << PAGE_SHIFT);
}

/* ---- entry writes ---- */

static void pt_write(u64 *slot, u64 val)
{
	xen_mc_mmu_update(xen_virt_to_machine(slot) | XEN_MMU_NORMAL_PT_UPDATE, val);
}

/* The entry ops take the kernel's form and hand Xen the machine's. */
u64 xen_pte_read(const u64 *p)
{
	return xen_pte_val(*(const volatile u64 *)p);
}

/* A leaf may map a page-table (or GDT) frame only read-only: the W bit of
 * an upper-level entry is about the subtree, so only leaves are checked. */
void xen_set_pte(u64 *p, u64 v)
{
	if ((v & (PTE_P | PTE_W)) == (PTE_P | PTE_W)) {
		u64 pfn = (v & PTE_ADDR) >> PAGE_SHIFT;
		if (pfn < nr_pfns && bit(readonly_map, pfn))
			v &= ~PTE_W;
	}
	pt_write(p, xen_make_pte(v));
}

/* Upper levels are read back by the page-table walker at once: issue now. */
static void pt_write_now(u64 *slot, u64 val)
{
	pt_write(slot, val);
	if (xen_mc_lazy())
		xen_mc_flush();
}
void xen_set_pmd(u64 *p, u64 v) { pt_write_now(p, xen_make_pte(v)); }
void xen_set_pud(u64 *p, u64 v) { pt_write_now(p, xen_make_pte(v)); }

/* User-half top-level entries also go to the mm's user-mode table. */
void xen_set_pgd(u64 *p, u64 v)
{
	u64 pa = virt_to_phys(p), user;
	unsigned index = (unsigned)((pa & (PAGE_SIZE - 1)) / 8);

	v = xen_make_pte(v);
	pt_write(p, v);
	if (index < 256 && (user = xen_user_pgd_of(pa & PTE_ADDR)))
		pt_write((u64 *)phys_to_virt(user) + index, v);
	if (xen_mc_lazy())
		xen_mc_flush();
}

u64 xen_read_cr3(void) { return this_cpu_read(live_cr3); }

void xen_flush_tlb_one(u64 va) { xen_mc_mmuext(XEN_MMUEXT_INVLPG_LOCAL, va, 0); }
void xen_flush_tlb_all(void) { xen_mc_mmuext(XEN_MMUEXT_TLB_FLUSH_LOCAL, 0, 0); }

/* write_cr3 is only ever a switch of the kernel-mode table. */
void xen_write_cr3(u64 pa)
{
	xen_mc_mmuext(XEN_MMUEXT_NEW_BASEPTR, xen_pfn_to_mfn(pa >> PAGE_SHIFT), 0);
	this_cpu_write(live_cr3, pa);
}

/* ---- read-only frames ---- */

void xen_mmu_tables_live(void)
{
	own_tables_live = true;
}

static void alias_update(u64 va, u64 pte)
{
	long rc = xen_hcall3(XEN_HYPERCALL_update_va_mapping, va, pte, XEN_UVMF_INVLPG);

	if (rc)
		xen_fail("update_va_mapping", rc, "va %#llx, pte %#llx", (unsigned long long)va,
			 (unsigned long long)pte);
}

/*
 * Make every mapping of pfn agree with readonly_map: in the live tables
 * (Xen's bootstrap ones map it at KERNEL_VBASE + pa while they are live,
 * ours at PHYS_MAP_BASE + pa) and, while our tables are being built, in
 * those too, since they are validated as a whole when first pinned.
 */
void xen_frame_set_readonly(u64 pfn, bool ro)
{
	u64 pa = pfn << PAGE_SHIFT, pte, *slot;

	if (pfn >= nr_pfns)
		panic("xen: read-only request for frame %#llx beyond our memory",
		      (unsigned long long)pfn);
	bit_put(readonly_map, pfn, ro);
	pte = xen_make_pte(pa | PTE_P | (ro ? 0 : PTE_W) | pte_nx);
	xen_mc_flush();
	if (!own_tables_live) {
		if (pa < boot_mapped_limit)
			alias_update(KERNEL_VBASE + pa, pte | PTE_U);
		if (kernel_mm.pgd && (slot = paging_leaf(&kernel_mm, PHYS_MAP_BASE + pa)) &&
		    (*slot & PTE_P))
			pt_write_now(slot, pte);
	} else {
		/* Only allocator frames change state once our tables are live;
		 * the image's own frames (the GDT) are settled before that. */
		if (pa >= KERNEL_PHYS && pa < (u64)__kernel_end - KERNEL_VBASE)
			panic("xen: frame %#llx of the kernel image changed protection after boot",
			      (unsigned long long)pfn);
		alias_update(PHYS_MAP_BASE + pa, pte);
	}
}

bool xen_frame_is_readonly(u64 pfn)
{
	return pfn < nr_pfns && bit(readonly_map, pfn);
}

void xen_alloc_pt(int level, u64 pfn)
{
	(void)level;
	xen_frame_set_readonly(pfn, true);
}

void xen_release_pt(int level, u64 pfn)
{
	(void)level;
	if (xen_is_pinned(pfn << PAGE_SHIFT))
		panic("xen: releasing frame %#llx while it is still pinned", (unsigned long long)pfn);
	xen_frame_set_readonly(pfn, false);
}

/* ---- foreign frames ---- */

void xen_map_machine(u64 va, u64 mfn, bool writable)
{
	xen_mc_flush();
	alias_update(va, (mfn << PAGE_SHIFT) | PTE_P | (writable ? PTE_W : 0) | pte_nx);
}

void xen_unmap_machine(u64 va)
{
	xen_mc_flush();
	alias_update(va, 0);
}

/* ---- setup ---- */

static void m2p_init(void)
{
	struct xen_machphys_mapping m;
	long rc = xen_hcall2(XEN_HYPERCALL_memory_op, XENMEM_machphys_mapping, &m);

	if (rc)
		xen_fail("memory_op", rc, "machphys_mapping");
	if (m.v_start != XEN_MACH2PHYS_VIRT_START || m.v_end <= m.v_start)
		panic("xen: the M2P table is at %#llx..%#llx, not where the 64-bit ABI puts it",
		      (unsigned long long)m.v_start, (unsigned long long)m.v_end);
	m2p_max_mfn = MIN(m.max_mfn, (m.v_end - m.v_start) / sizeof(u64) - 1);
}

void xen_mmu_init(const struct boot_info *bi)
{
	const struct xen_start_info *si = bi->platform;
	u64 pfn, first;
	long rc;

	xenpv_start.nr_pages = si->nr_pages;
	xenpv_start.shared_info_maddr = si->shared_info;
	xenpv_start.p2m_pa = si->mfn_list - KERNEL_VBASE;
	xenpv_start.pt_base_pa = si->pt_base - KERNEL_VBASE;
	xenpv_start.nr_pt_frames = si->nr_pt_frames;
	xenpv_start.start_info_pa = (u64)si - KERNEL_VBASE;
	xenpv_start.flags = si->flags;
	m2p_init();
	nr_pfns = MIN(si->nr_pages, (u64)XEN_MAX_PFNS);
	boot_mapped_limit = bi->boot_mapped_limit;
	this_cpu_write(live_cr3, xenpv_start.pt_base_pa);

	/* Xen's bootstrap tables are page tables (pinned): never writable. */
	first = xenpv_start.pt_base_pa >> PAGE_SHIFT;
	for (pfn = first; pfn < first + si->nr_pt_frames; pfn++)
		bit_put(readonly_map, pfn, true);
	xen_pgd_init(xenpv_start.pt_base_pa);

	/* Plain stores to in-use L1 tables are trapped and emulated. */
	rc = xen_hcall2(XEN_HYPERCALL_vm_assist, XEN_VMASST_CMD_enable,
			XEN_VMASST_TYPE_writable_pagetables);
	if (rc)
		xen_fail("vm_assist", rc, "enable writable_pagetables");
}

const struct pv_mmu_ops xenpv_mmu_ops = {
	.make_pte = xen_make_pte_callee,
	.pte_val = xen_pte_val_callee,
	.read_cr2 = xen_read_cr2_callee,
	.pte_read = xen_pte_read_callee,
	.set_pte = xen_set_pte_callee,
	.set_pmd = xen_set_pmd_callee,
	.set_pud = xen_set_pud_callee,
	.set_pgd = xen_set_pgd_callee,
	.read_cr3 = xen_read_cr3,
	.write_cr3 = xen_write_cr3,
	.flush_tlb_one = xen_flush_tlb_one_callee,
	.flush_tlb_all = xen_flush_tlb_all,
	.alloc_pt = xen_alloc_pt,
	.release_pt = xen_release_pt,
	.pgd_activate = xen_pgd_activate,
	.pgd_release = xen_pgd_release,
};
