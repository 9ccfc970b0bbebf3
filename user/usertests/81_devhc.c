/*
 * 81_devhc.c — /dev/hypercalls, Proteus's own counter device (240:0):
 * 8-byte registers, read-only, the position never moves: every trip at
 * offset 0, the trips of hypercall n at offset 8 * (1 + n) for n < 64
 * (each at most the total; all 0 natively); every other size, offset or
 * a write is EINVAL.  /dev/cpu_idle (240:1) follows the same rules.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>
#include "ut.h"

UT_TEST(dev_hypercalls)
{
	uint64_t a, b, big[2];
	struct iovec halves[2] = { { &a, 4 }, { (char *)&a + 4, 4 } };
	struct stat st;
	int fd;

	if (!ut_on_proteus())
		ut_skip("/dev/hypercalls is Proteus's own");
	UT_SYS(stat("/dev/hypercalls", &st));
	UT_CHECK(S_ISCHR(st.st_mode));
	UT_EQ(st.st_mode & 07777, 0444);
	UT_EQ(major(st.st_rdev), 240);
	UT_EQ(minor(st.st_rdev), 0);
	fd = (int)UT_SYS(open("/dev/hypercalls", O_RDONLY));
	UT_EQ(pread(fd, &a, 8, 0), 8);
	UT_EQ(read(fd, &b, 8), 8);          /* position 0, and it stays there */
	UT_EQ(read(fd, &b, 8), 8);
	UT_CHECK(b >= a);                    /* a count since boot never goes back */
	UT_EQ(lseek(fd, 0, SEEK_CUR), 0);
	UT_ERR(pread(fd, &a, 4, 0), EINVAL);
	UT_ERR(pread(fd, big, 16, 0), EINVAL);
	UT_EQ(pread(fd, &b, 8, 8 * (1 + 14)), 8);    /* update_va_mapping's trips */
	UT_EQ(pread(fd, &a, 8, 0), 8);
	UT_CHECK(b <= a);                    /* one number's share of the total */
	UT_EQ(pread(fd, &b, 8, 8 * 64), 8);  /* the last number, 63 */
	UT_ERR(pread(fd, &a, 8, 8 * 65), EINVAL);
	UT_ERR(pread(fd, &a, 8, 12), EINVAL);
	UT_ERR(pread(fd, &a, 4, 8), EINVAL);
	UT_ERR(readv(fd, halves, 2), EINVAL); /* two 4-byte reads, not one of 8 */
	close(fd);
	fd = (int)UT_SYS(open("/dev/hypercalls", O_WRONLY)); /* root may, as on Linux */
	UT_ERR(write(fd, &a, 8), EINVAL);
	close(fd);
}

UT_TEST(dev_cpu_idle)
{
	uint64_t a, b;
	struct stat st;
	int fd;

	if (!ut_on_proteus())
		ut_skip("/dev/cpu_idle is Proteus's own");
	UT_SYS(stat("/dev/cpu_idle", &st));
	UT_CHECK(S_ISCHR(st.st_mode));
	UT_EQ(major(st.st_rdev), 240);
	UT_EQ(minor(st.st_rdev), 1);
	fd = (int)UT_SYS(open("/dev/cpu_idle", O_RDONLY));
	UT_EQ(pread(fd, &a, 8, 0), 8);
	UT_SYS(usleep(20000));               /* nothing to run: the CPU halts */
	UT_EQ(pread(fd, &b, 8, 0), 8);
	UT_CHECK(b > a);                     /* halted ticks were counted */
	UT_ERR(pread(fd, &a, 8, 8), EINVAL);
	UT_ERR(pread(fd, &a, 4, 0), EINVAL);
	close(fd);
}
