/*
 * badsys — calls the kernel with bad arguments and checks each error;
 * exits 0 only if every one came back as Linux would return it.
 */
#include "ulib.h"

#define EBADF 9
#define EFAULT 14
#define EINVAL 22
#define ENOSYS 38

static int failures;

static void expect(const char *what, long got, long want)
{
	if (got == want)
		return;
	failures++;
	puts("badsys: ");
	puts(what);
	puts(": got ");
	put_dec(got);
	puts(", want ");
	put_dec(want);
	puts("\n");
}

int main(void)
{
	expect("write to fd 7", write(7, "x", 1), -EBADF);
	expect("write from NULL", write(1, (const void *)0, 4), -EFAULT);
	expect("write from kernel text", write(1, (const void *)0xffffffff80100000ul, 4), -EFAULT);
	expect("write from a non-canonical address", write(1, (const void *)0x0000900000000000ul, 4), -EFAULT);
	expect("write wrapping the address space", write(1, (const void *)0x1000, (size_t)-8), -EINVAL);
	expect("write of 0 bytes", write(1, "x", 0), 0);
	expect("unknown syscall 9999", syscall3(9999, 0, 0, 0), -ENOSYS);
	expect("unknown syscall -1", syscall3(-1, 0, 0, 0), -ENOSYS);
	expect("write of 3 bytes", write(1, "ok\n", 3), 3);
	if (failures == 0)
		puts("badsys: all checks passed\n");
	return failures;
}
