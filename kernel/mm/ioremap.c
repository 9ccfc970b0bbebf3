/*
 * ioremap.c — uncached kernel mappings of device memory (the local APIC),
 * handed out from a window that is never reused: devices are mapped once
 * at boot.
 */
#include "mm.h"
#include "panic.h"

static u64 ioremap_next = IOREMAP_BASE + PAGE_SIZE; /* first page stays a guard */

void *ioremap(u64 pa, u64 size)
{
	u64 base = ALIGN_DOWN(pa, PAGE_SIZE);
	u64 len = ALIGN_UP(pa + size, PAGE_SIZE) - base;
	u64 va = ioremap_next, off;

	if (va + len > IOREMAP_BASE + IOREMAP_SIZE)
		panic("ioremap: window exhausted mapping %llx", (unsigned long long)pa);
	for (off = 0; off < len; off += PAGE_SIZE)
		if (paging_map(&kernel_mm, va + off, base + off, PTE_W | PTE_PCD | PTE_PWT | pte_nx))
			panic("ioremap: out of memory");
	ioremap_next += len + PAGE_SIZE;
	return (void *)(va + (pa - base));
}

/*
 * A window of kernel address space with its page tables in place but
 * nothing mapped: for a backend that maps frames the kernel does not own
 * (a hypervisor's shared pages) by machine address.
 */
void *ioremap_reserve(u64 size)
{
	u64 len = ALIGN_UP(size, PAGE_SIZE);
	u64 va = ioremap_next, off;

	if (va + len > IOREMAP_BASE + IOREMAP_SIZE)
		panic("ioremap: window exhausted reserving %#llx bytes", (unsigned long long)size);
	for (off = 0; off < len; off += PAGE_SIZE) {
		if (paging_map(&kernel_mm, va + off, 0, pte_nx))
			panic("ioremap: out of memory");
		paging_unmap(&kernel_mm, va + off);
	}
	ioremap_next += len + PAGE_SIZE;
	return (void *)va;
}
