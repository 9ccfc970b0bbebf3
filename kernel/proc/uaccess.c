/*
 * uaccess.c — reading and writing user memory for system calls.
 *
 * Every page is resolved in the current process's own tables, faulting it
 * in first when its region allows the access (so a read(2) into a fresh
 * buffer, or into a page still shared copy-on-write after fork, works
 * as if user code had touched it), and copied through the physical map.
 * Nothing here can fault in the kernel, whatever the pointer.
 */
#include "uaccess.h"
#include "proc.h"
#include "vma.h"
#include "pv/ops.h"
#include <string.h>

bool user_range_ok(u64 addr, size_t n)
{
	return addr + n >= addr && addr + n <= USER_TOP;
}

/* The kernel address of user page va for this access, or NULL. */
static u8 *user_page(u64 va, bool write)
{
	struct proc *p = proc_current();
	u64 pa, flags;
	bool oom;

	if (!p || !p->us)
		return NULL;
	if (!paging_translate(&p->us->mm, va, &pa, &flags) || !(flags & PTE_U) ||
	    (write && !(flags & PTE_W))) {
		if (!vma_fault(p->us, va, write, &oom) ||
		    !paging_translate(&p->us->mm, va, &pa, &flags))
			return NULL;
	}
	return phys_to_virt(pa);
}

/* Walk [uaddr, uaddr+n) page by page; fn gets each piece. */
static long user_walk(u64 uaddr, size_t n, bool write,
		      void (*fn)(u8 *user, size_t len, void *arg), void *arg)
{
	if (!user_range_ok(uaddr, n))
		return -EFAULT;
	while (n) {
		size_t chunk = MIN(n, PAGE_SIZE - (uaddr & (PAGE_SIZE - 1)));
		u8 *k = user_page(uaddr, write);

		if (!k)
			return -EFAULT;
		fn(k, chunk, arg);
		uaddr += chunk;
		n -= chunk;
	}
	return 0;
}

static void piece_from(u8 *user, size_t len, void *arg)
{
	u8 **dst = arg;

	memcpy(*dst, user, len);
	*dst += len;
}

static void piece_to(u8 *user, size_t len, void *arg)
{
	const u8 **src = arg;

	memcpy(user, *src, len);
	*src += len;
}

static void piece_clear(u8 *user, size_t len, void *arg)
{
	(void)arg;
	memset(user, 0, len);
}

static void piece_none(u8 *user, size_t len, void *arg)
{
	(void)user;
	(void)len;
	(void)arg;
}

bool user_access_ok(u64 uaddr, size_t n, bool write)
{
	return user_walk(uaddr, n, write, piece_none, NULL) == 0;
}

long copy_from_user(void *dst, u64 usrc, size_t n)
{
	u8 *d = dst;

	return user_walk(usrc, n, false, piece_from, &d);
}

long copy_to_user(u64 udst, const void *src, size_t n)
{
	const u8 *s = src;

	return user_walk(udst, n, true, piece_to, &s);
}

long clear_user(u64 udst, size_t n)
{
	return user_walk(udst, n, true, piece_clear, NULL);
}

long strncpy_from_user(char *dst, u64 usrc, size_t max)
{
	size_t len = 0;

	while (len < max) {
		size_t chunk = MIN(max - len, PAGE_SIZE - (usrc & (PAGE_SIZE - 1)));
		const u8 *k;
		size_t i;

		if (!user_range_ok(usrc, chunk) || !(k = user_page(usrc, false)))
			return -EFAULT;
		for (i = 0; i < chunk; i++) {
			dst[len + i] = (char)k[i];
			if (!k[i])
				return (long)(len + i);
		}
		len += chunk;
		usrc += chunk;
	}
	return -ENAMETOOLONG;
}
