/*
 * grant.c — the grant table (v1): how a domain lets another (or itself)
 * read or write one of its pages without sharing page tables.  The backend
 * maps the table's frames for us (a PV guest by machine frame, a
 * translated one into its own physical space); we fill entries {flags,
 * domid, frame}; a peer then names our page by (domain, reference) in map
 * or copy operations that Xen checks.
 */
#include "xen/platform.h"
#include "mm.h"
#include "panic.h"
#include "pv/ops.h"
#include "printk.h"

/* Frames asked for: 2048 entries, for every front end's rings and data
 * pages (blkfront's pool of 256, netfront's 96 per device) with room left.
 * Fewer when Xen allows fewer (query_size's max_nr_frames). */
#define GRANT_FRAMES_WANT 4u
#define GRANT_ENTRIES_MAX (GRANT_FRAMES_WANT * PAGE_SIZE / sizeof(struct xen_grant_entry_v1))

static volatile struct xen_grant_entry_v1 *grant_table;
static unsigned grant_entries;
static u8 grant_used[GRANT_ENTRIES_MAX];
/* Free references as a stack: a reference ended is the next one reused,
 * and taking one costs no scan. */
static u16 grant_free[GRANT_ENTRIES_MAX];
static unsigned grant_nfree;
static u64 grant_full;

static long gnttab_op(unsigned cmd, void *arg, unsigned count)
{
	return xen_hcall3(XEN_HYPERCALL_grant_table_op, cmd, arg, count);
}

void xen_grant_init(void)
{
	struct xen_gnttab_query_size qs = { 0 };
	unsigned i, frames;
	void *va;
	long rc;

	qs.dom = XEN_DOMID_SELF;
	rc = gnttab_op(XEN_GNTTABOP_query_size, &qs, 1);
	if (rc || qs.status)
		xen_fail("grant_table_op", rc ? rc : qs.status, "query_size");
	frames = qs.max_nr_frames < GRANT_FRAMES_WANT ? qs.max_nr_frames : GRANT_FRAMES_WANT;
	if (!frames)
		panic("xen: Xen allows this domain no grant-table frame");
	va = xen_platform->grant_map_frames(frames);
	if (!va)
		panic("xen: the %s backend could not map %u grant-table frame(s)",
		      xen_platform->name, frames);
	grant_table = (volatile struct xen_grant_entry_v1 *)va;
	grant_entries = frames * PAGE_SIZE / sizeof(struct xen_grant_entry_v1);
	/* The first entries are reserved for the console and xenstore. */
	for (i = 0; i < XEN_GNTTAB_NR_RESERVED_ENTRIES; i++)
		grant_used[i] = 1;
	for (i = grant_entries; i-- > XEN_GNTTAB_NR_RESERVED_ENTRIES;)
		grant_free[grant_nfree++] = (u16)i;
	pr_info("xen: grant table: %u frame(s) of %u, %u entries\n", frames, qs.max_nr_frames,
		grant_entries);
}

unsigned xen_grant_nr_entries(void)
{
	if (!grant_table)
		xen_grant_init();
	return grant_entries;
}

unsigned xen_grant_nr_free(void)
{
	if (!grant_table)
		xen_grant_init();
	return grant_nfree;
}

unsigned xen_grant_access(u16 domid, u64 gfn, bool readonly)
{
	unsigned ref;
	u64 fl;

	if (!grant_table)
		xen_grant_init();
	fl = irq_save();
	if (!grant_nfree) {
		irq_restore(fl);
		if (!grant_full++)
			pr_err("xen: grant table full (%u entries); the request is refused\n",
			       grant_entries);
		return XEN_GRANT_REF_NONE;
	}
	ref = grant_free[--grant_nfree];
	grant_used[ref] = 1;
	irq_restore(fl);
	grant_table[ref].domid = domid;
	grant_table[ref].frame = (u32)gfn;
	/* Flags last: the entry is valid only once domid and frame are. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	grant_table[ref].flags = XEN_GTF_permit_access | (readonly ? XEN_GTF_readonly : 0);
	return ref;
}

/*
 * Revoke ref, unless the peer is using it.  Xen sets GTF_reading or
 * GTF_writing while a mapping or copy is in progress, and does so with
 * the same atomic operation on the flags word; clearing the flags with a
 * compare-and-exchange from a value without those bits is therefore the
 * only way to be sure the peer was not just starting to use the page.
 * Returns false, leaving the grant in place, when it is in use.
 */
bool xen_grant_end(unsigned ref)
{
	volatile u16 *flags;
	u16 old;
	u64 fl;

	if (ref >= grant_entries || !grant_used[ref])
		panic("xen: ending grant %u that is not in use", ref);
	flags = &grant_table[ref].flags;
	old = *flags;
	do {
		if (old & (XEN_GTF_reading | XEN_GTF_writing))
			return false;
	} while (!__atomic_compare_exchange_n(flags, &old, 0, false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	fl = irq_save();
	grant_used[ref] = 0;
	grant_free[grant_nfree++] = (u16)ref;
	irq_restore(fl);
	return true;
}

long xen_grant_copy_from_ref(u16 domid, unsigned ref, unsigned offset, u64 dst_gfn,
			     unsigned dst_offset, unsigned len, s16 *status)
{
	struct xen_gnttab_copy c = { 0 };
	long rc;

	c.source.u.ref = ref;
	c.source.domid = domid;
	c.source.offset = (u16)offset;
	c.dest.u.gmfn = dst_gfn;
	c.dest.domid = XEN_DOMID_SELF;
	c.dest.offset = (u16)dst_offset;
	c.len = (u16)len;
	c.flags = XEN_GNTCOPY_source_gref;
	rc = gnttab_op(XEN_GNTTABOP_copy, &c, 1);
	*status = c.status;
	return rc;
}

long xen_grant_map(u16 domid, unsigned ref, u64 va, bool readonly, u32 *handle, s16 *status)
{
	struct xen_gnttab_map_grant_ref m = { 0 };
	long rc;

	m.host_addr = va;
	m.flags = XEN_GNTMAP_host_map | (readonly ? XEN_GNTMAP_readonly : 0);
	m.ref = ref;
	m.dom = domid;
	rc = gnttab_op(XEN_GNTTABOP_map_grant_ref, &m, 1);
	*status = m.status;
	*handle = m.handle;
	return rc;
}

long xen_grant_unmap(u64 va, u32 handle, s16 *status)
{
	struct xen_gnttab_unmap_grant_ref u = { 0 };
	long rc;

	u.host_addr = va;
	u.handle = handle;
	rc = gnttab_op(XEN_GNTTABOP_unmap_grant_ref, &u, 1);
	*status = u.status;
	return rc;
}
