/*
 * sys_mm.c — brk, mmap, munmap, mprotect: the region calls, checked as
 * Linux checks them (alignment, flags, the user half), on top of vma.c.
 *
 * File mappings are private copies filled by demand paging; a shared
 * writable file mapping would need a page cache, which the kernel does
 * not have: ENODEV.  A shared read-only one is the same as private here.
 */
#include "proc.h"
#include "vma.h"
#include "vfs.h"
#include "syscall.h"

#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

static bool range_in_user(u64 addr, u64 len)
{
	return addr >= USER_MIN_ADDR && addr + len >= addr && addr + len <= USER_TOP;
}

SYSCALL_DEFINE1(brk, u64, addr)
{
	struct uspace *us = proc_current()->us;
	u64 old_end = ALIGN_UP(us->brk, PAGE_SIZE), new_end = ALIGN_UP(addr, PAGE_SIZE);

	if (addr < us->brk_start || !range_in_user(us->brk_start, addr - us->brk_start))
		return (long)us->brk;
	if (new_end > old_end) {
		u64 va;

		for (va = old_end; va < new_end; va += PAGE_SIZE)
			if (vma_find(us, va))
				return (long)us->brk;      /* would run into a mapping */
		if (vma_map(us, old_end, new_end - old_end, VMA_READ | VMA_WRITE, NULL, 0, 0))
			return (long)us->brk;
	} else if (new_end < old_end) {
		vma_unmap(us, new_end, old_end - new_end);
	}
	us->brk = addr;
	return (long)addr;
}

SYSCALL_DEFINE6(mmap, u64, addr, u64, len, u64, prot, u64, flags, int, fd, u64, off)
{
	struct uspace *us = proc_current()->us;
	struct inode *ino = NULL;
	u64 size, file_size = 0;
	unsigned vflags;
	int rc;

	if (!len || (off & (PAGE_SIZE - 1)) || (prot & ~(u64)PROT_ALL))
		return -EINVAL;
	size = ALIGN_UP(len, PAGE_SIZE);
	if (size < len || size > USER_TOP)
		return -ENOMEM;
	switch (flags & MAP_TYPE) {
	case MAP_PRIVATE: case MAP_SHARED: case 3 /* MAP_SHARED_VALIDATE */: break;
	default: return -EINVAL;
	}
	vflags = (unsigned)prot;
	if (!(flags & MAP_ANONYMOUS)) {
		u32 acc;

		if ((rc = vfs_fd_for_mmap(fd, &ino, &acc)))
			return rc;
		if (acc == O_WRONLY)
			rc = -EACCES;
		else if ((flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE))
			rc = acc == O_RDONLY ? -EACCES : -ENODEV;
		if (rc) {
			inode_put(ino);
			return rc;
		}
		file_size = inode_size(ino) > off ? inode_size(ino) - off : 0;
	} else if ((flags & MAP_TYPE) != MAP_PRIVATE) {
		vflags |= VMA_SHARED;
	}
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		u64 va;

		rc = 0;
		if ((addr & (PAGE_SIZE - 1)) || !range_in_user(addr, size))
			rc = -EINVAL;
		for (va = addr; !rc && (flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) &&
		     va < addr + size; va += PAGE_SIZE)
			if (vma_find(us, va))
				rc = -EEXIST;
	} else {
		u64 va;
		bool free = addr && !(addr & (PAGE_SIZE - 1)) && range_in_user(addr, size);

		for (va = addr; free && va < addr + size; va += PAGE_SIZE)
			free = !vma_find(us, va);
		if (!free)
			addr = vma_find_free(us, size);
		rc = addr ? 0 : -ENOMEM;
	}
	if (!rc)
		rc = vma_map(us, addr, size, vflags, ino, off, file_size);
	if (ino)
		inode_put(ino);                  /* the region holds its own */
	return rc ? rc : (long)addr;
}

SYSCALL_DEFINE2(munmap, u64, addr, u64, len)
{
	if (!len || (addr & (PAGE_SIZE - 1)) || !range_in_user(addr, ALIGN_UP(len, PAGE_SIZE)))
		return -EINVAL;
	return vma_unmap(proc_current()->us, addr, len);
}

SYSCALL_DEFINE3(mprotect, u64, addr, u64, len, u64, prot)
{
	if ((addr & (PAGE_SIZE - 1)) || (prot & ~(u64)PROT_ALL))
		return -EINVAL;
	if (!len)
		return 0;
	if (!range_in_user(addr, ALIGN_UP(len, PAGE_SIZE)))
		return -ENOMEM;
	return vma_protect(proc_current()->us, addr, len, (unsigned)prot);
}

/* Growing in place or moving would need more than this kernel has;
 * shrinking is an munmap of the tail. */
SYSCALL_DEFINE5(mremap, u64, addr, u64, old_len, u64, new_len, u64, flags, u64, new_addr)
{
	(void)flags;
	(void)new_addr;
	if ((addr & (PAGE_SIZE - 1)) || !new_len)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (new_len > old_len)
		return -ENOMEM;
	if (new_len < old_len)
		vma_unmap(proc_current()->us, addr + new_len, old_len - new_len);
	return (long)addr;
}
