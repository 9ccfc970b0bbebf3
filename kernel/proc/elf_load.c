/*
 * elf_load.c — placing a static user ELF into a fresh address space.
 *
 * The ELF reader (lib/elf64) checks that the file is internally consistent;
 * this file checks that it is acceptable as a user program: every segment
 * inside user space above USER_MIN_ADDR and clear of the stack.  Pages get
 * the segment's permissions: writable only if PF_W, executable only if PF_X.
 */
#include "proc.h"
#include "lib/elf64.h"
#include "lib/fmt.h"
#include "pv/ops.h"
#include <string.h>

static bool seg_fits(const struct elf64_segment *s)
{
	u64 end = s->vaddr + s->memsz;

	return s->vaddr >= USER_MIN_ADDR && end >= s->vaddr &&
	       end <= USER_STACK_TOP - USER_STACK_SIZE - PAGE_SIZE;
}

/* The frame behind va in mm, allocating and mapping a zeroed one if none. */
static u8 *page_for(struct mm *mm, u64 va, u64 flags)
{
	u64 pa, old;

	if (paging_translate(mm, va, &pa, &old)) {
		/* Two segments share this page: writable if either is,
		 * executable if either is. */
		u64 nflags = PTE_U | ((old | flags) & PTE_W) | (old & flags & PTE_NX);
		if (paging_map(mm, va, pa & PTE_ADDR, nflags))
			return NULL;
		return phys_to_virt(pa & PTE_ADDR);
	}
	pa = frame_alloc();
	if (!pa)
		return NULL;
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	if (paging_map(mm, va, pa, flags)) {
		frame_free(pa);
		return NULL;
	}
	return phys_to_virt(pa);
}

static bool seg_load(struct mm *mm, const struct elf64_segment *s)
{
	u64 flags = PTE_U | ((s->flags & ELF64_PF_W) ? PTE_W : 0) |
		    ((s->flags & ELF64_PF_X) ? 0 : pte_nx);
	u64 va;

	for (va = ALIGN_DOWN(s->vaddr, PAGE_SIZE); va < s->vaddr + s->memsz; va += PAGE_SIZE) {
		u8 *page = page_for(mm, va, flags);
		u64 lo = MAX(va, s->vaddr), hi = MIN(va + PAGE_SIZE, s->vaddr + s->filesz);

		if (!page)
			return false;
		if (lo < hi)
			memcpy(page + (lo - va), s->data + (lo - s->vaddr), hi - lo);
	}
	return true;
}

/* Load into mm; on failure write the reason into err and return false. */
bool elf_load_user(struct mm *mm, const void *image, size_t size, u64 *entry,
		   char *err, size_t errlen)
{
	struct elf64_file f;
	struct elf64_segment s;
	unsigned i, cursor = 0;
	int rc = elf64_open_exec(&f, image, size);

	if (rc) {
		fmt_snprintf(err, errlen, "not a valid x86-64 executable: %s", elf64_strerror(rc));
		return false;
	}
	lazy_enter_mmu();
	for (i = 0; (rc = elf64_load_next(&f, &cursor, &s)) != ELF64_E_NOTFOUND; i++) {
		if (rc) {
			fmt_snprintf(err, errlen, "segment %u: %s", i, elf64_strerror(rc));
			goto fail;
		}
		if (!seg_fits(&s)) {
			fmt_snprintf(err, errlen, "segment %u at %#llx+%#llx is outside user space",
				     i, (unsigned long long)s.vaddr, (unsigned long long)s.memsz);
			goto fail;
		}
		if (!seg_load(mm, &s)) {
			fmt_snprintf(err, errlen, "out of memory loading segment %u", i);
			goto fail;
		}
	}
	lazy_leave_mmu();
	*entry = f.entry;
	return true;
fail:
	lazy_leave_mmu();
	return false;
}
