/*
 * 50_tmpfs.c — files and directories in /tmp (tmpfs on Proteus): create,
 * write, seek, read back, sizes, directory listings, rename, unlink, the
 * error cases, and relative paths after chdir.  Each test works in its
 * own fresh directory, so runs never collide.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ut.h"

static void ut_join(char *out, size_t len, const char *dir, const char *name)
{
	snprintf(out, len, "%s/%s", dir, name);
}

UT_TEST(tmpfs_file_io)
{
	const char *dir = ut_tmpdir();
	char path[300], buf[64];
	struct stat st;
	int fd;

	ut_join(path, sizeof path, dir, "f");
	fd = (int)UT_SYS(open(path, O_RDWR | O_CREAT | O_EXCL, 0600));
	UT_ERR(open(path, O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	UT_EQ(write(fd, "0123456789", 10), 10);
	UT_EQ(lseek(fd, 0, SEEK_CUR), 10);
	UT_EQ(lseek(fd, 2, SEEK_SET), 2);
	UT_EQ(read(fd, buf, 3), 3);
	UT_CHECK(memcmp(buf, "234", 3) == 0);
	UT_EQ(lseek(fd, -1, SEEK_CUR), 4);
	UT_EQ(read(fd, buf, 1), 1);
	UT_EQ(buf[0], '4');
	UT_EQ(lseek(fd, -2, SEEK_END), 8);
	UT_EQ(read(fd, buf, 10), 2);
	UT_CHECK(memcmp(buf, "89", 2) == 0);
	UT_EQ(read(fd, buf, 10), 0);
	UT_ERR(lseek(fd, -100, SEEK_SET), EINVAL);
	/* pread/pwrite leave the offset alone. */
	UT_EQ(pread(fd, buf, 4, 3), 4);
	UT_CHECK(memcmp(buf, "3456", 4) == 0);
	UT_EQ(lseek(fd, 0, SEEK_CUR), 10);
	UT_EQ(pwrite(fd, "AB", 2, 1), 2);
	UT_EQ(lseek(fd, 0, SEEK_CUR), 10);
	/* A write past the end leaves a hole that reads as zeros. */
	UT_EQ(lseek(fd, 20, SEEK_SET), 20);
	UT_EQ(write(fd, "Z", 1), 1);
	UT_SYS(fstat(fd, &st));
	UT_EQ(st.st_size, 21);
	UT_CHECK(S_ISREG(st.st_mode));
	UT_EQ(pread(fd, buf, 21, 0), 21);
	UT_CHECK(memcmp(buf, "0AB3456789\0\0\0\0\0\0\0\0\0\0Z", 21) == 0);
	/* ftruncate both ways. */
	UT_SYS(ftruncate(fd, 5));
	UT_SYS(fstat(fd, &st));
	UT_EQ(st.st_size, 5);
	UT_SYS(ftruncate(fd, 4096 * 3 + 7));
	UT_EQ(pread(fd, buf, 8, 4096 * 2), 8);
	UT_CHECK(memcmp(buf, "\0\0\0\0\0\0\0\0", 8) == 0);
	UT_SYS(close(fd));
	/* O_APPEND writes at the end whatever the offset; O_TRUNC empties. */
	fd = (int)UT_SYS(open(path, O_WRONLY | O_APPEND));
	UT_EQ(lseek(fd, 0, SEEK_SET), 0);
	UT_EQ(write(fd, "E", 1), 1);
	UT_SYS(stat(path, &st));
	UT_EQ(st.st_size, 4096 * 3 + 8);
	UT_SYS(close(fd));
	fd = (int)UT_SYS(open(path, O_RDWR | O_TRUNC));
	UT_SYS(fstat(fd, &st));
	UT_EQ(st.st_size, 0);
	UT_ERR(read(fd + 100, buf, 1), EBADF);
	UT_SYS(close(fd));
	/* Read-only descriptors do not write, write-only ones do not read. */
	fd = (int)UT_SYS(open(path, O_RDONLY));
	UT_ERR(write(fd, "x", 1), EBADF);
	UT_SYS(close(fd));
	fd = (int)UT_SYS(open(path, O_WRONLY));
	UT_ERR(read(fd, buf, 1), EBADF);
	UT_SYS(close(fd));
	ut_rm_tree(dir);
}

/* The names getdents64 lists in dir, with their d_type, into out. */
static int ut_list(const char *dir, char names[][32], unsigned char *types, int max)
{
	char buf[4096];
	int fd = (int)UT_SYS(open(dir, O_RDONLY | O_DIRECTORY)), n = 0;
	long got;

	while ((got = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
		for (long off = 0; off < got;) {
			struct {
				uint64_t ino;
				int64_t off;
				unsigned short reclen;
				unsigned char type;
				char name[];
			} *d = (void *)(buf + off);

			if (n < max) {
				snprintf(names[n], 32, "%s", d->name);
				types[n] = d->type;
				n++;
			}
			if (d->reclen == 0 || d->reclen % 8 != 0)
				ut_fail("getdents64 record length %u", d->reclen);
			if (d->ino == 0)
				ut_fail("getdents64: %s has inode 0", d->name);
			off += d->reclen;
		}
	}
	if (got < 0)
		ut_fail("getdents64: %s", ut_errname(errno));
	close(fd);
	return n;
}

static int ut_find(char names[][32], int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

UT_TEST(tmpfs_directories)
{
	const char *dir = ut_tmpdir();
	char path[300], path2[300], names[16][32];
	unsigned char types[16];
	struct stat st;
	int n, i;

	ut_join(path, sizeof path, dir, "sub");
	UT_SYS(mkdir(path, 0755));
	UT_ERR(mkdir(path, 0755), EEXIST);
	UT_SYS(stat(path, &st));
	UT_CHECK(S_ISDIR(st.st_mode));
	ut_join(path, sizeof path, dir, "file");
	close((int)UT_SYS(open(path, O_WRONLY | O_CREAT, 0644)));
	n = ut_list(dir, names, types, 16);
	UT_EQ(n, 4);
	UT_CHECK((i = ut_find(names, n, ".")) >= 0 && types[i] == DT_DIR);
	UT_CHECK((i = ut_find(names, n, "..")) >= 0 && types[i] == DT_DIR);
	UT_CHECK((i = ut_find(names, n, "sub")) >= 0 && types[i] == DT_DIR);
	UT_CHECK((i = ut_find(names, n, "file")) >= 0 && types[i] == DT_REG);
	/* rename within the directory and into the subdirectory. */
	ut_join(path2, sizeof path2, dir, "renamed");
	UT_SYS(rename(path, path2));
	UT_ERR(stat(path, &st), ENOENT);
	UT_SYS(stat(path2, &st));
	ut_join(path, sizeof path, dir, "sub/moved");
	UT_SYS(rename(path2, path));
	n = ut_list(dir, names, types, 16);
	UT_EQ(n, 3);
	UT_EQ(ut_find(names, n, "renamed"), -1);
	/* Replacing an existing file by rename. */
	ut_join(path2, sizeof path2, dir, "other");
	close((int)UT_SYS(open(path2, O_WRONLY | O_CREAT, 0644)));
	UT_SYS(rename(path2, path));
	UT_ERR(stat(path2, &st), ENOENT);
	/* A non-empty directory stays; an empty one goes. */
	ut_join(path2, sizeof path2, dir, "sub");
	UT_ERR(rmdir(path2), ENOTEMPTY);
	UT_ERR(unlink(path2), EISDIR);
	UT_SYS(unlink(path));
	UT_ERR(unlink(path), ENOENT);
	UT_SYS(rmdir(path2));
	UT_ERR(rmdir(path2), ENOENT);
	n = ut_list(dir, names, types, 16);
	UT_EQ(n, 2);
	/* An unlinked open file stays readable until closed. */
	ut_join(path, sizeof path, dir, "ghost");
	int fd = (int)UT_SYS(open(path, O_RDWR | O_CREAT, 0644));
	char c;

	UT_EQ(write(fd, "g", 1), 1);
	UT_SYS(unlink(path));
	UT_EQ(pread(fd, &c, 1, 0), 1);
	UT_EQ(c, 'g');
	close(fd);
	ut_rm_tree(dir);
}

UT_TEST(tmpfs_errors)
{
	const char *dir = ut_tmpdir();
	char path[300];
	struct stat st;
	int fd;

	ut_join(path, sizeof path, dir, "nope");
	UT_ERR(open(path, O_RDONLY), ENOENT);
	UT_ERR(stat(path, &st), ENOENT);
	ut_join(path, sizeof path, dir, "nope/deeper");
	UT_ERR(open(path, O_RDWR | O_CREAT, 0644), ENOENT);
	UT_ERR(mkdir(path, 0755), ENOENT);
	ut_join(path, sizeof path, dir, "f");
	close((int)UT_SYS(open(path, O_WRONLY | O_CREAT, 0644)));
	ut_join(path, sizeof path, dir, "f/x");
	UT_ERR(open(path, O_RDONLY), ENOTDIR);
	UT_ERR(mkdir(path, 0755), ENOTDIR);
	ut_join(path, sizeof path, dir, "f");
	UT_ERR(open(path, O_RDONLY | O_DIRECTORY), ENOTDIR);
	UT_ERR(rmdir(path), ENOTDIR);
	UT_ERR(chdir(path), ENOTDIR);
	UT_ERR(open(dir, O_WRONLY), EISDIR);
	UT_ERR(open(dir, O_RDWR), EISDIR);
	/* Reading a directory with read(2). */
	fd = (int)UT_SYS(open(dir, O_RDONLY));
	char c;

	UT_ERR(read(fd, &c, 1), EISDIR);
	close(fd);
	/* Renaming a directory onto a file and the reverse. */
	ut_join(path, sizeof path, dir, "d");
	UT_SYS(mkdir(path, 0755));
	char f[300];

	ut_join(f, sizeof f, dir, "f");
	UT_ERR(rename(path, f), ENOTDIR);
	UT_ERR(rename(f, path), EISDIR);
	/* A name that is too long. */
	char longname[400];

	memset(longname, 'n', sizeof longname);
	snprintf(longname, sizeof longname, "%s/", dir);
	memset(longname + strlen(longname), 'n', 300);
	longname[strlen(dir) + 1 + 300] = '\0';
	UT_ERR(open(longname, O_RDWR | O_CREAT, 0644), ENAMETOOLONG);
	UT_ERR(open("", O_RDONLY), ENOENT);
	ut_rm_tree(dir);
}

UT_TEST(tmpfs_cwd_relative)
{
	const char *dir = ut_tmpdir();
	char cwd[PATH_MAX], path[300];
	struct stat a, b;
	int fd;

	UT_SYS(chdir(dir));
	UT_CHECK(getcwd(cwd, sizeof cwd) != NULL);
	UT_CHECK(strcmp(cwd, dir) == 0);
	UT_SYS(mkdir("d", 0755));
	UT_SYS(chdir("d"));
	UT_CHECK(getcwd(cwd, sizeof cwd) != NULL);
	snprintf(path, sizeof path, "%s/d", dir);
	UT_CHECK(strcmp(cwd, path) == 0);
	fd = (int)UT_SYS(open("rel", O_WRONLY | O_CREAT, 0644));
	UT_EQ(write(fd, "r", 1), 1);
	close(fd);
	snprintf(path, sizeof path, "%s/d/rel", dir);
	UT_SYS(stat(path, &a));
	UT_SYS(stat("../d/./rel", &b));
	UT_EQ(a.st_ino, b.st_ino);
	UT_EQ(b.st_size, 1);
	UT_SYS(chdir(".."));
	UT_SYS(stat("d/rel", &b));
	UT_EQ(a.st_ino, b.st_ino);
	/* .. of / is /. */
	UT_SYS(chdir("/"));
	UT_SYS(chdir(".."));
	UT_CHECK(getcwd(cwd, sizeof cwd) != NULL);
	UT_CHECK(strcmp(cwd, "/") == 0);
	UT_ERR(getcwd(cwd, 1) == NULL ? -1 : 0, ERANGE);
	/* lstat vs stat of a plain file agree; st_nlink of a dir counts "." and "..". */
	UT_SYS(lstat(path, &b));
	UT_EQ(a.st_ino, b.st_ino);
	UT_CHECK(S_ISREG(b.st_mode));
	snprintf(path, sizeof path, "%s/d", dir);
	UT_SYS(lstat(path, &b));
	UT_CHECK(S_ISDIR(b.st_mode));
	UT_CHECK(b.st_nlink >= 2);
	ut_rm_tree(dir);
}
