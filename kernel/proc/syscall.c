/*
 * syscall.c — the system calls a first user program needs: write to the
 * console, getpid, exit.  Arguments arrive in the trap frame (rdi, rsi,
 * rdx), the result goes back in rax; every argument is checked, and errors
 * are negative errno values as on Linux.
 */
#include "syscall.h"
#include "trap.h"
#include "proc.h"
#include "console.h"

#define WRITE_CHUNK 256
#define WRITE_MAX (1u << 20)

static long sys_write(u64 fd, u64 buf, u64 len)
{
	char chunk[WRITE_CHUNK];
	u64 done = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (len > WRITE_MAX)
		return -EINVAL;
	/* Validate the whole range before writing any of it. */
	if (buf + len < buf || buf + len > USER_TOP)
		return -EFAULT;
	while (done < len) {
		size_t n = MIN(len - done, (u64)WRITE_CHUNK);
		long rc = copy_from_user(chunk, buf + done, n);
		if (rc)
			return done ? (long)done : rc;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}

void syscall_dispatch(struct trap_frame *f)
{
	long ret;

	switch (f->rax) {
	case SYS_write:
		ret = sys_write(f->rdi, f->rsi, f->rdx);
		break;
	case SYS_getpid:
		ret = proc_current()->pid;
		break;
	case SYS_exit:
	case SYS_exit_group:
		proc_exit((int)(f->rdi & 0xff));
	default:
		ret = -ENOSYS;
		break;
	}
	f->rax = (u64)ret;
}
