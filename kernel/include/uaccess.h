/*
 * uaccess.h — reaching user memory on behalf of a system call.
 *
 * A user pointer may be anything.  Each page is looked up in the current
 * process's regions and page tables and faulted in as the region allows
 * (demand paging, copy-on-write for writes), and the bytes are copied
 * through the physical map, so a bad pointer is -EFAULT and never a
 * kernel fault, on every backend.
 */
#ifndef PROTEUS_UACCESS_H
#define PROTEUS_UACCESS_H

#include "types.h"

/* 0, or -EFAULT unless every byte is accessible. */
long copy_from_user(void *dst, u64 usrc, size_t n);
long copy_to_user(u64 udst, const void *src, size_t n);
long clear_user(u64 udst, size_t n);
/* Copy a NUL-terminated string of at most max-1 bytes: its length,
 * -EFAULT, or -ENAMETOOLONG when no NUL comes within max bytes. */
long strncpy_from_user(char *dst, u64 usrc, size_t max);
/* Whether every page of [addr, addr+n) can be read (or written), faulting
 * them in: for a read that would consume data it could not deliver. */
bool user_access_ok(u64 addr, size_t n, bool write);
/* Whether [addr, addr+n) lies in the user half (no wrap). */
bool user_range_ok(u64 addr, size_t n);

#endif
