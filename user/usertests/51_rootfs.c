/*
 * 51_rootfs.c — the initrd as root: readable, and on Proteus read-only.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ut.h"

UT_TEST(rootfs_readable)
{
	char path[300], buf[4];
	struct stat st;
	int fd;

	snprintf(path, sizeof path, "%s/ut-echoargs", ut_bindir());
	fd = (int)UT_SYS(open(path, O_RDONLY));
	UT_EQ(read(fd, buf, 4), 4);
	UT_CHECK(buf[0] == 0x7f && buf[1] == 'E' && buf[2] == 'L' && buf[3] == 'F');
	UT_SYS(fstat(fd, &st));
	UT_CHECK(S_ISREG(st.st_mode));
	UT_CHECK(st.st_mode & S_IXUSR);
	close(fd);
	UT_SYS(stat("/", &st));
	UT_CHECK(S_ISDIR(st.st_mode));
	UT_SYS(stat("/tmp", &st));
	UT_CHECK(S_ISDIR(st.st_mode));
}

UT_TEST(rootfs_readonly)
{
	if (!ut_on_proteus())
		ut_skip("the host's / is writable");
	UT_ERR(open("/bin/sh", O_WRONLY), EROFS);
	UT_ERR(open("/bin/sh", O_RDWR), EROFS);
	UT_ERR(open("/newfile", O_WRONLY | O_CREAT, 0644), EROFS);
	UT_ERR(mkdir("/newdir", 0755), EROFS);
	UT_ERR(unlink("/init"), EROFS);
	UT_ERR(rename("/init", "/init2"), EROFS);
	/* Reading is fine, and the lookup errors come before EROFS. */
	close((int)UT_SYS(open("/bin/sh", O_RDONLY)));
	UT_ERR(open("/nonexistent/x", O_WRONLY | O_CREAT, 0644), ENOENT);
}
