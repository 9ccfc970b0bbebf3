/*
 * test_xenpv_pin.c — pinning: a pinned page table cannot be mapped
 * writable; unpinned and released it is ordinary memory again; and a
 * table Xen refuses to pin is reported with its frame and level.
 */
#include "xen/testing.h"
#include "../xenpv.h"
#include "mm.h"
#include "trap.h"
#include "lib/fmt.h"

KTEST(xen_pin_unpin, "a pinned table is never writable; unpinned and released it is")
{
	u64 pa = frame_alloc(), va, pte;
	long rc;

	if (!xen_ktest_backend(t, "xen-pv"))
		goto out;
	KT_ASSERT(t, pa);
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	va = (u64)phys_to_virt(pa);
	alloc_pt(PT_LEVEL_PTE, pa >> PAGE_SHIFT);
	KT_EXPECT(t, !probe_write_u64((void *)va, 0));            /* read-only now */
	rc = xen_pin_try(1, pa);
	KT_ASSERT(t, rc == 0);
	KT_EXPECT(t, xen_is_pinned(pa));
	/* Asking Xen for a writable mapping of a pinned table must fail. */
	pte = (xen_pfn_to_mfn(pa >> PAGE_SHIFT) << PAGE_SHIFT) | PTE_P | PTE_W | pte_nx;
	KT_EXPECT(t, xen_hcall3(XEN_HYPERCALL_update_va_mapping, va, pte, XEN_UVMF_INVLPG) < 0);
	KT_EXPECT(t, xen_unpin_try(pa) == 0);
	KT_EXPECT(t, !xen_is_pinned(pa));
	release_pt(PT_LEVEL_PTE, pa >> PAGE_SHIFT);
	KT_EXPECT(t, probe_write_u64((void *)va, 0x1234));         /* writable again */
out:
	frame_free(pa);
}

KTEST(xen_pin_refused, "a table Xen refuses to pin is reported with frame and level")
{
	u64 l1 = frame_alloc(), victim = frame_alloc();
	u64 *e;
	char msg[160];
	long rc;

	if (!xen_ktest_backend(t, "xen-pv"))
		goto out;
	KT_ASSERT(t, l1 && victim);
	/* victim becomes a page table; l1 then maps it writable: invalid. */
	memset(phys_to_virt(victim), 0, PAGE_SIZE);
	alloc_pt(PT_LEVEL_PTE, victim >> PAGE_SHIFT);
	KT_ASSERT(t, xen_pin_try(1, victim) == 0);
	e = phys_to_virt(l1);
	memset(e, 0, PAGE_SIZE);
	e[0] = (xen_pfn_to_mfn(victim >> PAGE_SHIFT) << PAGE_SHIFT) | PTE_P | PTE_W;
	alloc_pt(PT_LEVEL_PTE, l1 >> PAGE_SHIFT);
	rc = xen_pin_try(1, l1);
	KT_EXPECT(t, rc < 0);
	xen_pin_describe(msg, sizeof(msg), 1, l1, rc);
	fmt_snprintf(msg + 100, 40, "%#llx", (unsigned long long)(l1 >> PAGE_SHIFT));
	KT_EXPECT(t, strstr(msg, "L1") != NULL);
	KT_EXPECT(t, strstr(msg, msg + 100) != NULL);
	if (rc == 0)
		xen_unpin_try(l1);
	release_pt(PT_LEVEL_PTE, l1 >> PAGE_SHIFT);
	KT_EXPECT(t, xen_unpin_try(victim) == 0);
	release_pt(PT_LEVEL_PTE, victim >> PAGE_SHIFT);
out:
	frame_free(l1);
	frame_free(victim);
}
