/*
 * mm.h — physical frames, page tables and the kernel heap.
 *
 * Page tables are only ever read and written through the pv_mmu ops
 * (pte_read, set_pte and friends, in the kernel's own form), and a page becomes or
 * stops being a page table only through alloc_pt/release_pt, so a
 * paravirtual backend can track, validate and batch every change.
 */
#ifndef PROTEUS_MM_H
#define PROTEUS_MM_H

#include "types.h"
#include "layout.h"
#include "boot_info.h"
#include "percpu.h"
#include "errno.h"

#define PTE_P   0x001ull
#define PTE_W   0x002ull
#define PTE_U   0x004ull
#define PTE_PWT 0x008ull
#define PTE_PCD 0x010ull
#define PTE_A   0x020ull
#define PTE_D   0x040ull
#define PTE_PS  0x080ull
#define PTE_G   0x100ull
#define PTE_NX  (1ull << 63)
/* PTE_NX when the CPU has NX, else 0 (the bit is reserved without it). */
extern u64 pte_nx;
#define PTE_ADDR 0x000ffffffffff000ull
#define LARGE_PAGE_SIZE (2ull << 20)

#define PT_LEVEL_PTE 1
#define PT_LEVEL_PMD 2
#define PT_LEVEL_PUD 3
#define PT_LEVEL_PGD 4

/*
 * Whether an entry is present, read straight from the table: the flag bits
 * are the same in every form an entry takes (only the frame number is
 * translated under a PV hypervisor), so a scan can skip empty slots
 * without an op call each.
 */
static inline bool pte_present_raw(const u64 *slot)
{
	return (*(const volatile u64 *)slot & PTE_P) != 0;
}

/* ---- frames ---- */
void frames_init(const struct boot_info *bi);
u64 frame_alloc(void);                    /* 0 when out of memory */
u64 frame_alloc_contig(unsigned n);
void frame_free(u64 pa);
void frame_free_contig(u64 pa, unsigned n);
u64 frames_free_count(void);
u64 frames_total(void);
bool frame_is_ram(u64 pa);
/* Allow frames beyond the boot mapping (the direct map is live). */
void frames_unlimit(void);
/* RAM at or above this address is not used. */
u64 frames_max_addr(void);
/* The end of the highest RAM range that is used. */
u64 frames_max_ram(void);

/* Copy-on-write sharing (frame_ref.c): a user frame mapped more than once. */
void frame_refs_init(void);
void frame_share(u64 pa);                 /* one more mapping of pa */
bool frame_is_shared(u64 pa);
void frame_put(u64 pa);                   /* one mapping fewer; frees the last */

/* ---- the physical map ---- */
extern u64 phys_map_offset;
static inline void *phys_to_virt(u64 pa) { return (void *)(pa + phys_map_offset); }
static inline u64 virt_to_phys(const void *va)
{
	u64 v = (u64)va;
	return v >= KERNEL_VBASE ? v - KERNEL_VBASE : v - phys_map_offset;
}
bool phys_map_contains(u64 va, u64 len);

/* ---- address spaces ---- */
struct mm {
	u64 *pgd;                 /* kernel virtual address of the top table */
	u64 pgd_pa;
	unsigned pt_pages;        /* page-table pages below pgd, for accounting */
	u64 pv_priv;              /* owned by the pv backend (e.g. a user-mode top table) */
};
extern struct mm kernel_mm;
/* The address space live on this CPU. */
DECLARE_PER_CPU(struct mm *, cpu_mm);
static inline struct mm *current_mm(void) { return this_cpu_read(cpu_mm); }

/* Map one 4 KiB page; allocates intermediate tables.  0 or -ENOMEM. */
int paging_map(struct mm *mm, u64 va, u64 pa, u64 flags);
/* Map n pages from va to the contiguous frames from pa. */
int paging_map_range(struct mm *mm, u64 va, u64 pa, u64 n, u64 flags);
/* Map one 2 MiB page (va and pa aligned); -EINVAL if not, -ENOMEM. */
int paging_map_large(struct mm *mm, u64 va, u64 pa, u64 flags);
/* Remove a mapping; returns the old pa, 0 if none.  Flushes if live. */
u64 paging_unmap(struct mm *mm, u64 va);
/* Unmap n pages in one batch; see paging.c. */
unsigned paging_unmap_range(struct mm *mm, u64 va, unsigned n, u64 *pas);
/* Look up va: true with pa and the leaf entry's flags if mapped. */
bool paging_translate(struct mm *mm, u64 va, u64 *pa, u64 *flags);
/* The leaf slot for va, NULL if an intermediate table is missing. */
u64 *paging_leaf(struct mm *mm, u64 va);
/* Pages from va to the end of the leaf table that maps it, at most n:
 * loops over a range take one walk per leaf table, not one per page. */
u64 leaf_span(u64 va, u64 n);
/* The same without the flush, creating tables when alloc (paging.c). */
u64 *paging_leaf_raw(struct mm *mm, u64 va, bool alloc);
/* A new address space sharing the kernel half; false when out of memory. */
bool mm_create(struct mm *mm);
/* Free every user page and page table of mm (never the kernel half). */
void mm_destroy(struct mm *mm);
void mm_switch(struct mm *mm);

void mm_init(const struct boot_info *bi);
void *ioremap(u64 pa, u64 size);
/* Address space with page tables but no mappings (for foreign frames). */
void *ioremap_reserve(u64 size);

/* ---- heap ---- */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);
u64 heap_bytes_in_use(void);

#endif
