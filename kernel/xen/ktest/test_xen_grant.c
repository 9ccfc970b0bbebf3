/*
 * test_xen_grant.c — the grant table: a page granted to ourselves is read
 * through GNTTABOP_copy, and a copy through a reference that grants
 * nothing is refused with a status, not a crash.
 */
#include "xen/testing.h"
#include "xen/platform.h"
#include "mm.h"
#include "trap.h"

KTEST(xen_grant_copy, "a page granted to ourselves is copied through GNTTABOP_copy")
{
	u64 src = frame_alloc(), dst = frame_alloc();
	u8 *s, *d;
	unsigned ref, i, bad_ref;
	s16 status;
	long rc;

	if (!xen_ktest_applies(t))
		goto out;
	KT_ASSERT(t, src && dst);
	s = phys_to_virt(src);
	d = phys_to_virt(dst);
	for (i = 0; i < PAGE_SIZE; i++) {
		s[i] = (u8)(i * 7 + 3);
		d[i] = 0;
	}
	KT_EXPECT(t, xen_grant_nr_entries() >= 32);
	if (!xen_platform->dom0) {
		/* A domU learns its own domain number only from xenstore. */
		ktest_skip(t, "grants to itself by domain number, which only dom0 knows here");
		goto out;
	}
	/* dom0 grants to domain 0: itself. */
	ref = xen_grant_access(0, xen_pfn_to_gfn(src >> PAGE_SHIFT), true);
	rc = xen_grant_copy_from_ref(XEN_DOMID_SELF, ref, 0, xen_pfn_to_gfn(dst >> PAGE_SHIFT), 0,
				     PAGE_SIZE, &status);
	KT_EXPECT_EQ(t, rc, 0);
	KT_EXPECT_EQ(t, status, XEN_GNTST_okay);
	for (i = 0; i < PAGE_SIZE && d[i] == s[i]; i++)
		;
	KT_EXPECT_EQ(t, i, PAGE_SIZE);
	KT_EXPECT(t, xen_grant_end(ref));

	/* The entry is gone: the same copy must now be refused. */
	bad_ref = ref;
	rc = xen_grant_copy_from_ref(XEN_DOMID_SELF, bad_ref, 0, xen_pfn_to_gfn(dst >> PAGE_SHIFT),
				     0, 16, &status);
	KT_EXPECT(t, rc == 0 && status != XEN_GNTST_okay);
out:
	frame_free(src);
	frame_free(dst);
}

/*
 * Where to map a grant, and where to read it then.  A PV guest names a
 * kernel virtual address whose entry Xen fills; a translated one names a
 * guest-physical address, where Xen puts the page in its physical map: one
 * above all the RAM a domain of ours has (4 GiB up), read through ioremap.
 */
#define GRANT_MAP_GPA (0x100000000ull + 0x1000000ull)

KTEST(xen_grant_end_in_use, "a grant the peer has mapped cannot be ended until it is unmapped")
{
	u64 pa = frame_alloc(), v = 0, host, va;
	unsigned ref;
	u32 handle;
	s16 status;

	if (!xen_ktest_applies(t))
		goto out;
	if (!xen_platform->dom0) {
		ktest_skip(t, "maps a grant to itself by domain number, which only dom0 knows here");
		goto out;
	}
	KT_ASSERT(t, pa);
	va = (u64)ioremap_reserve(PAGE_SIZE);
	host = xen_platform->translated ? GRANT_MAP_GPA : va;
	*(u64 *)phys_to_virt(pa) = 0x6772616e74ull;
	ref = xen_grant_access(0, xen_pfn_to_gfn(pa >> PAGE_SHIFT), true);
	/* dom0 is its own peer: mapping the grant sets GTF_reading.  Map
	 * names the granting domain by number; DOMID_SELF is refused there. */
	KT_ASSERT(t, xen_grant_map(0, ref, host, true, &handle, &status) == 0);
	KT_EXPECT_EQ(t, status, XEN_GNTST_okay);
	if (status != XEN_GNTST_okay)
		return;
	if (xen_platform->translated)
		va = (u64)ioremap(GRANT_MAP_GPA, PAGE_SIZE);
	KT_EXPECT(t, probe_read_u64((void *)va, &v) && v == 0x6772616e74ull);
	KT_EXPECT(t, !xen_grant_end(ref));
	KT_EXPECT(t, xen_grant_unmap(host, handle, &status) == 0 && status == XEN_GNTST_okay);
	KT_EXPECT(t, xen_grant_end(ref));
	/* Xen 4.17, translated: after our own grant was mapped into our own
	 * physical space and unmapped, the granting frame reads all ones —
	 * its gfn lost its backing (seen on PVH dom0).  Giving it back to the
	 * allocator would hand the next user memory that drops writes; one
	 * page per boot stays out instead. */
	if (xen_platform->translated)
		return;
out:
	frame_free(pa);
}
