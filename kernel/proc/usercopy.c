/*
 * usercopy.c — reading user memory on behalf of a system call.
 *
 * The pointer is the user's: it may be anything.  Each page is looked up in
 * the process's own page tables and must be present and user-accessible
 * before a byte is copied, and the copy goes through the physical map, so
 * a bad pointer yields -EFAULT and never a kernel fault.
 */
#include "proc.h"
#include <string.h>

long copy_from_user(void *dst, u64 usrc, size_t n)
{
	struct proc *p = proc_current();
	u8 *d = dst;

	if (!p || usrc + n < usrc || usrc + n > USER_TOP)
		return -EFAULT;
	while (n) {
		u64 pa, flags, off = usrc & (PAGE_SIZE - 1);
		size_t chunk = MIN(n, PAGE_SIZE - off);

		if (!paging_translate(&p->mm, usrc, &pa, &flags) || !(flags & PTE_U))
			return -EFAULT;
		memcpy(d, phys_to_virt(pa), chunk);
		d += chunk;
		usrc += chunk;
		n -= chunk;
	}
	return 0;
}
