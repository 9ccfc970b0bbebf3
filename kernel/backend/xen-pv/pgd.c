/*
 * pgd.c — making an address space live under Xen, and retiring it.
 *
 * A top-level table is pinned the first time it goes live: Xen validates
 * the whole tree once and from then on checks each update against the
 * type it gave every page.  A 64-bit PV kernel runs user mode on a second
 * top table that holds only the user half (NEW_USER_BASEPTR; Xen adds its
 * own slots), so activation loads two base pointers, and release unpins
 * both before any of the tree's frames may become ordinary memory again.
 *
 * Xen's bootstrap L4 is unpinned once our own tables are live: its
 * writable mappings of the first megabytes would otherwise stop any frame
 * there from ever becoming a page table.
 */
#include "xenpv.h"
#include "pv/ops.h"
#include "mm.h"
#include "panic.h"
#include "lib/fmt.h"
#include <string.h>


#define MAX_USER_PGDS 64

static u64 pinned_map[XEN_MAX_PFNS / 64];
static u64 bootstrap_l4_pa, bootstrap_l4_mfn;
static bool bootstrap_unpinned;
static struct { u64 pgd_pa, user_pa; } user_pgds[MAX_USER_PGDS];

static void pinned_put(u64 pa, bool v)
{
	u64 pfn = pa >> PAGE_SHIFT;

	if (v)
		pinned_map[pfn / 64] |= 1ull << (pfn % 64);
	else
		pinned_map[pfn / 64] &= ~(1ull << (pfn % 64));
}

bool xen_is_pinned(u64 pa)
{
	u64 pfn = pa >> PAGE_SHIFT;

	return pfn < XEN_MAX_PFNS && (pinned_map[pfn / 64] >> (pfn % 64)) & 1;
}

/* Xen's bootstrap L4 is pinned; its mfn is needed after the p2m moves. */
void xen_pgd_init(u64 bootstrap_pa)
{
	bootstrap_l4_pa = bootstrap_pa;
	bootstrap_l4_mfn = xen_pfn_to_mfn(bootstrap_pa >> PAGE_SHIFT);
	pinned_put(bootstrap_pa, true);
}

u64 xen_user_pgd_of(u64 pgd_pa)
{
	unsigned i;

	for (i = 0; i < MAX_USER_PGDS; i++)
		if (user_pgds[i].pgd_pa == pgd_pa)
			return user_pgds[i].user_pa;
	return 0;
}

static const unsigned pin_cmd[] = {
	[1] = XEN_MMUEXT_PIN_L1_TABLE, [2] = XEN_MMUEXT_PIN_L2_TABLE,
	[3] = XEN_MMUEXT_PIN_L3_TABLE, [4] = XEN_MMUEXT_PIN_L4_TABLE,
};

static long mmuext_now(unsigned cmd, u64 arg1)
{
	struct xen_mmuext_op op = { .cmd = cmd, .arg1.mfn = arg1 };

	xen_mc_flush();
	return xen_hcall4(XEN_HYPERCALL_mmuext_op, &op, 1, 0, XEN_DOMID_SELF);
}

long xen_pin_try(int level, u64 pa)
{
	long rc;

	if (level < 1 || level > 4)
		return -XEN_EINVAL;
	rc = mmuext_now(pin_cmd[level], xen_pfn_to_mfn(pa >> PAGE_SHIFT));
	if (!rc)
		pinned_put(pa, true);
	return rc;
}

long xen_unpin_try(u64 pa)
{
	long rc = mmuext_now(XEN_MMUEXT_UNPIN_TABLE, xen_pfn_to_mfn(pa >> PAGE_SHIFT));

	if (!rc)
		pinned_put(pa, false);
	return rc;
}

int xen_pin_describe(char *buf, size_t size, int level, u64 pa, long rc)
{
	return fmt_snprintf(buf, size, "pin of L%d table at frame %#llx (mfn %#llx) failed: %s (%ld)",
			    level, (unsigned long long)(pa >> PAGE_SHIFT),
			    (unsigned long long)xen_pfn_to_mfn(pa >> PAGE_SHIFT), xen_strerror(rc), rc);
}

static void pin(int level, u64 pa)
{
	char msg[160];
	long rc = xen_pin_try(level, pa);

	if (rc) {
		xen_pin_describe(msg, sizeof(msg), level, pa, rc);
		panic("xen: %s", msg);
	}
}

static void unpin(u64 pa)
{
	long rc = xen_unpin_try(pa);

	if (rc)
		xen_fail("mmuext_op", rc, "unpin frame %#llx", (unsigned long long)(pa >> PAGE_SHIFT));
}

/* The user-mode top table of mm: its user half, Xen fills its own slots. */
static u64 user_pgd_create(struct mm *mm)
{
	u64 pa = frame_alloc();
	unsigned i;

	if (!pa)
		panic("xen: out of memory for a user-mode top table");
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	memcpy(phys_to_virt(pa), mm->pgd, 256 * sizeof(u64));
	xen_frame_set_readonly(pa >> PAGE_SHIFT, true);
	pin(4, pa);
	for (i = 0; i < MAX_USER_PGDS; i++)
		if (!user_pgds[i].pgd_pa) {
			user_pgds[i].pgd_pa = mm->pgd_pa;
			user_pgds[i].user_pa = pa;
			return pa;
		}
	panic("xen: more than %d live address spaces", MAX_USER_PGDS);
}

void xen_pgd_activate(struct mm *mm)
{
	if (!xen_is_pinned(mm->pgd_pa))
		pin(4, mm->pgd_pa);
	if (mm != &kernel_mm && !mm->pv_priv)
		mm->pv_priv = user_pgd_create(mm);
	xen_write_cr3(mm->pgd_pa);
	xen_mc_mmuext(XEN_MMUEXT_NEW_USER_BASEPTR,
		      mm->pv_priv ? xen_pfn_to_mfn(mm->pv_priv >> PAGE_SHIFT) : 0, 0);
	if (mm == &kernel_mm && !bootstrap_unpinned) {
		/* By machine frame: the p2m is not reachable until the direct
		 * map, which just went live, becomes the way to physical memory. */
		long rc = mmuext_now(XEN_MMUEXT_UNPIN_TABLE, bootstrap_l4_mfn);

		if (rc)
			xen_fail("mmuext_op", rc, "unpin Xen's bootstrap L4 (mfn %#llx)",
				 (unsigned long long)bootstrap_l4_mfn);
		pinned_put(bootstrap_l4_pa, false);
		bootstrap_unpinned = true;
		xen_mmu_tables_live();
	}
}

void xen_pgd_release(struct mm *mm)
{
	unsigned i;

	if (mm->pv_priv) {
		unpin(mm->pv_priv);
		xen_frame_set_readonly(mm->pv_priv >> PAGE_SHIFT, false);
		frame_free(mm->pv_priv);
		for (i = 0; i < MAX_USER_PGDS; i++)
			if (user_pgds[i].pgd_pa == mm->pgd_pa)
				user_pgds[i].pgd_pa = 0;
		mm->pv_priv = 0;
	}
	if (xen_is_pinned(mm->pgd_pa))
		unpin(mm->pgd_pa);
}
