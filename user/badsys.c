/*
 * badsys — calls the kernel with bad arguments through raw system calls
 * (no libc check in between) and checks each error; exits 0 only if every
 * one came back as Linux returns it.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static int failures;

static void expect(const char *what, long got, long want_errno_or_value, int is_errno)
{
	long want = is_errno ? -1 : want_errno_or_value;

	if (got == want && (!is_errno || errno == want_errno_or_value))
		return;
	failures++;
	printf("badsys: %s: got %ld (errno %d), want %s%ld\n", what, got, errno,
	       is_errno ? "errno " : "", want_errno_or_value);
}

int main(void)
{
	expect("write to fd 7", syscall(SYS_write, 7, "x", 1), EBADF, 1);
	expect("write from NULL", syscall(SYS_write, 1, (void *)0, 4), EFAULT, 1);
	expect("write from kernel text", syscall(SYS_write, 1, (void *)0xffffffff80100000ul, 4), EFAULT, 1);
	expect("write from a non-canonical address",
	       syscall(SYS_write, 1, (void *)0x0000900000000000ul, 4), EFAULT, 1);
	expect("write wrapping the address space", syscall(SYS_write, 1, (void *)0x1000, (size_t)-8),
	       EFAULT, 1);
	expect("write of 0 bytes", syscall(SYS_write, 1, "x", 0), 0, 0);
	expect("unknown syscall 9999", syscall(9999, 0, 0, 0), ENOSYS, 1);
	expect("unknown syscall -1", syscall(-1, 0, 0, 0), ENOSYS, 1);
	expect("write of 3 bytes", syscall(SYS_write, 1, "ok\n", 3), 3, 0);
	if (failures == 0)
		printf("badsys: all checks passed\n");
	return failures;
}
