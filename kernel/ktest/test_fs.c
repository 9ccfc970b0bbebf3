/*
 * test_fs.c — the file system from inside the kernel: path resolution
 * across mounts and links, tmpfs files and directories with no memory
 * left behind, the read-only root, pipes, and the tty's line discipline
 * fed through console_input as a console driver would.
 */
#include "ktest.h"
#include "kernel/fs/fs.h"
#include "kernel/tty/tty.h"
#include "console.h"
#include "mm.h"
#include "lib/fmt.h"
#include <string.h>

static struct inode *resolve(const char *path, int *rc)
{
	struct inode *ino = NULL;

	*rc = vfs_resolve(NULL, path, true, &ino);
	return *rc ? NULL : ino;
}

static int resolve_rc(const char *path)
{
	int rc;
	struct inode *ino = resolve(path, &rc);

	inode_put(ino);
	return rc;
}

KTEST(fs_path_resolution, "paths resolve with Linux's rules, across /tmp and /dev both ways")
{
	static char big[PATH_MAX + 8];
	struct inode *a, *b;
	char cwd[64];
	int rc;

	a = resolve("/", &rc);
	KT_ASSERT(t, a == vfs_root());
	b = resolve("/tmp/..", &rc);
	KT_EXPECT(t, b == vfs_root());                 /* ".." from a mount's root */
	inode_put(b);
	b = resolve("//dev//./null", &rc);
	KT_ASSERT(t, b && S_ISCHR(b->mode));
	KT_EXPECT_EQ(t, b->rdev, MKDEV(1, 3));
	inode_put(b);
	inode_put(a);
	KT_EXPECT_EQ(t, resolve_rc("/no/such"), -ENOENT);
	KT_EXPECT_EQ(t, resolve_rc("/dev/null/x"), -ENOTDIR);
	KT_EXPECT_EQ(t, resolve_rc("/init/"), -ENOTDIR);
	KT_EXPECT_EQ(t, vfs_mkdir(NULL, "/tmp/pr", 0755), 0);
	KT_EXPECT_EQ(t, vfs_mkdir(NULL, "/tmp/pr/d", 0755), 0);
	KT_EXPECT_EQ(t, vfs_symlink(NULL, "../pr/d", "/tmp/pr/up"), 0);
	KT_EXPECT_EQ(t, vfs_symlink(NULL, "loop", "/tmp/pr/loop"), 0);
	KT_EXPECT_EQ(t, vfs_symlink(NULL, "/dev", "/tmp/pr/abs"), 0);
	KT_EXPECT_EQ(t, resolve_rc("/tmp/pr/loop"), -ELOOP);
	b = resolve("/tmp/pr/abs/zero", &rc);
	KT_EXPECT(t, b && b->rdev == MKDEV(1, 5));
	inode_put(b);
	b = resolve("/tmp/pr/up/../../pr/d/.", &rc);
	KT_ASSERT(t, b != NULL);
	KT_EXPECT_EQ(t, vfs_path_of(b, cwd, sizeof(cwd)), 10);
	KT_EXPECT(t, !strcmp(cwd, "/tmp/pr/d"));
	KT_EXPECT_EQ(t, vfs_path_of(b, cwd, 9), -ERANGE);
	inode_put(b);
	memset(big, 'a', sizeof(big) - 1);
	KT_EXPECT_EQ(t, resolve_rc(big), -ENAMETOOLONG);
	memset(big, 0, sizeof(big));
	memset(big, 'a', 256);
	KT_EXPECT_EQ(t, resolve_rc(big), -ENAMETOOLONG);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/tmp/pr/up", false), 0);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/tmp/pr/loop", false), 0);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/tmp/pr/abs", false), 0);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/tmp/pr", true), -ENOTEMPTY);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/tmp/pr/d", true), 0);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/tmp/pr", true), 0);
}

/* 100 files written (one with a hole), read back, renamed, deleted. */
static void tmpfs_round(struct ktest_ctx *t)
{
	static char buf[6000], back[6000];
	char name[32];
	unsigned i, j;

	for (i = 0; i < 100; i++) {
		struct file *f;

		fmt_snprintf(name, sizeof(name), "/tmp/f%u", i);
		KT_ASSERT(t, vfs_open(NULL, name, O_CREAT | O_EXCL | O_RDWR, 0644, &f) == 0);
		for (j = 0; j < sizeof(buf); j++)
			buf[j] = (char)(i + j);
		KT_EXPECT_EQ(t, file_write(f, buf, sizeof(buf)), sizeof(buf));
		f->pos = 0;
		KT_EXPECT_EQ(t, file_read(f, back, sizeof(back)), sizeof(back));
		KT_EXPECT(t, !memcmp(buf, back, sizeof(buf)));
		KT_EXPECT_EQ(t, file_read(f, back, sizeof(back)), 0);
		file_put(f);
	}
	KT_EXPECT_EQ(t, vfs_open(NULL, "/tmp/f0", O_CREAT | O_EXCL | O_RDWR, 0644, &(struct file *){0}),
		     -EEXIST);
	/* A hole reads as zeros; truncation gives back what it cut. */
	{
		struct file *f;

		KT_ASSERT(t, vfs_open(NULL, "/tmp/f1", O_RDWR, 0, &f) == 0);
		f->pos = 3 * 4096 * 4;
		KT_EXPECT_EQ(t, file_write(f, "z", 1), 1);
		f->pos = 3 * 4096 * 2;
		memset(back, 1, 100);
		KT_EXPECT_EQ(t, file_read(f, back, 100), 100);
		KT_EXPECT(t, back[0] == 0 && back[99] == 0);
		KT_EXPECT_EQ(t, vfs_truncate_inode(f->ino, 10), 0);
		KT_EXPECT_EQ(t, vfs_truncate_inode(f->ino, 5000), 0);
		f->pos = 10;
		KT_EXPECT_EQ(t, file_read(f, back, 100), 100);
		KT_EXPECT(t, back[0] == 0 && back[99] == 0);
		file_put(f);
	}
	KT_EXPECT_EQ(t, vfs_rename(NULL, "/tmp/f2", NULL, "/tmp/f3"), 0);   /* over an existing file */
	KT_EXPECT_EQ(t, resolve_rc("/tmp/f2"), -ENOENT);
	KT_EXPECT_EQ(t, vfs_link(NULL, "/tmp/f4", NULL, "/tmp/f2", false), 0);
	for (i = 0; i < 100; i++) {
		fmt_snprintf(name, sizeof(name), "/tmp/f%u", i);
		KT_EXPECT_EQ(t, vfs_unlink(NULL, name, false), 0);
	}
}

KTEST(fs_tmpfs_no_leak, "100 tmpfs files created, written, read and deleted leave no memory behind")
{
	u64 frames, heap;

	tmpfs_round(t);                      /* warms the heap's size classes */
	frames = frames_free_count();
	heap = heap_bytes_in_use();
	tmpfs_round(t);
	KT_EXPECT_EQ(t, frames_free_count(), frames);
	KT_EXPECT_EQ(t, heap_bytes_in_use(), heap);
}

KTEST(fs_unlinked_open_file, "an unlinked file lives until its last close")
{
	u64 frames, heap;
	struct file *f;
	char c = 0;

	KT_ASSERT(t, vfs_open(NULL, "/tmp/ghost", O_CREAT | O_RDWR, 0600, &f) == 0);
	file_put(f);
	KT_ASSERT(t, vfs_unlink(NULL, "/tmp/ghost", false) == 0);
	frames = frames_free_count();
	heap = heap_bytes_in_use();
	KT_ASSERT(t, vfs_open(NULL, "/tmp/ghost", O_CREAT | O_RDWR, 0600, &f) == 0);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/tmp/ghost", false), 0);
	KT_EXPECT_EQ(t, file_write(f, "x", 1), 1);
	f->pos = 0;
	KT_EXPECT_EQ(t, file_read(f, &c, 1), 1);
	KT_EXPECT_EQ(t, c, 'x');
	KT_EXPECT_EQ(t, f->ino->nlink, 0);
	file_put(f);
	KT_EXPECT_EQ(t, frames_free_count(), frames);
	KT_EXPECT_EQ(t, heap_bytes_in_use(), heap);
}

KTEST(fs_rename_dirs, "directories rename, never into themselves, never across mounts")
{
	struct inode *ino;
	int rc;

	KT_ASSERT(t, vfs_mkdir(NULL, "/tmp/ra", 0755) == 0);
	KT_ASSERT(t, vfs_mkdir(NULL, "/tmp/ra/b", 0755) == 0);
	KT_EXPECT_EQ(t, vfs_rename(NULL, "/tmp/ra", NULL, "/tmp/rc"), 0);
	ino = resolve("/tmp/rc/b/..", &rc);
	KT_EXPECT(t, ino && ino->nlink == 3);
	inode_put(ino);
	KT_EXPECT_EQ(t, vfs_rename(NULL, "/tmp/rc", NULL, "/tmp/rc/b/x"), -EINVAL);
	KT_EXPECT_EQ(t, vfs_rename(NULL, "/tmp/rc", NULL, "/dev/x"), -EXDEV);
	KT_EXPECT_EQ(t, vfs_mkdir(NULL, "/tmp/rd", 0755), 0);
	KT_EXPECT_EQ(t, vfs_rename(NULL, "/tmp/rd", NULL, "/tmp/rc"), -ENOTEMPTY);
	KT_EXPECT_EQ(t, vfs_rename(NULL, "/tmp/rc/b", NULL, "/tmp/rd"), 0);   /* over an empty dir */
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/tmp/rc", true), 0);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/tmp/rd", true), 0);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/tmp", true), -EROFS);     /* the root is checked first, as Linux */
}

KTEST(fs_rootfs_readonly, "the initrd root refuses every change with EROFS")
{
	struct file *f = NULL;
	char elf[4];

	KT_EXPECT_EQ(t, vfs_open(NULL, "/init", O_WRONLY, 0, &f), -EROFS);
	KT_EXPECT_EQ(t, vfs_open(NULL, "/newfile", O_CREAT | O_WRONLY, 0644, &f), -EROFS);
	KT_EXPECT_EQ(t, vfs_mkdir(NULL, "/newdir", 0755), -EROFS);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/init", false), -EROFS);
	KT_EXPECT_EQ(t, vfs_unlink(NULL, "/nothere", false), -ENOENT);
	KT_EXPECT_EQ(t, vfs_symlink(NULL, "x", "/lnk"), -EROFS);
	KT_EXPECT_EQ(t, vfs_rename(NULL, "/init", NULL, "/init2"), -EROFS);
	KT_ASSERT(t, vfs_open(NULL, "/init", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, file_read(f, elf, 4), 4);
	KT_EXPECT(t, !memcmp(elf, "\177ELF", 4));
	KT_EXPECT_EQ(t, file_write(f, "x", 1), -EROFS);
	file_put(f);
	KT_EXPECT_EQ(t, vfs_open(NULL, "/tmp", O_WRONLY, 0, &f), -EISDIR);
}

KTEST(fs_pipe, "pipes carry bytes, report EOF and EPIPE, and never block when told not to")
{
	u64 heap = heap_bytes_in_use();
	struct file *rd, *wr;
	char buf[8];

	KT_ASSERT(t, pipe_create(&rd, &wr, O_NONBLOCK) == 0);
	KT_EXPECT_EQ(t, file_read(rd, buf, sizeof(buf)), -EAGAIN);
	KT_EXPECT_EQ(t, rd->ops->poll(rd), 0);
	KT_EXPECT_EQ(t, file_write(wr, "hello", 5), 5);
	KT_EXPECT(t, rd->ops->poll(rd) & POLLIN);
	KT_EXPECT_EQ(t, file_read(rd, buf, 3), 3);
	KT_EXPECT(t, !memcmp(buf, "hel", 3));
	file_put(wr);
	KT_EXPECT(t, rd->ops->poll(rd) & POLLHUP);
	KT_EXPECT_EQ(t, file_read(rd, buf, sizeof(buf)), 2);
	KT_EXPECT_EQ(t, file_read(rd, buf, sizeof(buf)), 0);             /* EOF */
	file_put(rd);
	KT_ASSERT(t, pipe_create(&rd, &wr, O_NONBLOCK) == 0);
	file_put(rd);
	KT_EXPECT_EQ(t, file_write(wr, "x", 1), -EPIPE);
	file_put(wr);
	KT_EXPECT_EQ(t, heap_bytes_in_use(), heap);
}

static long tty_try_read(char *buf, size_t n)
{
	struct file *f;
	long rc;

	if (vfs_open(NULL, "/dev/console", O_RDONLY | O_NONBLOCK | O_NOCTTY, 0, &f))
		return -999;
	rc = file_read(f, buf, n);
	file_put(f);
	return rc;
}

KTEST(fs_tty_line_discipline, "console input is edited into lines, echoed, and read whole")
{
	char buf[32], echo[64];
	size_t n;

	ldisc_flush_input(&tty.ld);
	console_capture_start(echo, sizeof(echo));
	console_input("ab\177c", 4);
	KT_EXPECT_EQ(t, tty_try_read(buf, sizeof(buf)), -EAGAIN);       /* no line yet */
	console_input("\r", 1);
	n = console_capture_stop();
	KT_EXPECT_EQ(t, tty_try_read(buf, sizeof(buf)), 3);
	KT_EXPECT(t, !memcmp(buf, "ac\n", 3));
	KT_EXPECT_EQ(t, n, 7);
	KT_EXPECT(t, !memcmp(echo, "ab\b \bc\n", 7));
	tty.ld.tio.c_lflag &= ~(u32)ECHO;                                /* keep the log clean */
	console_input("x\004", 2);
	KT_EXPECT_EQ(t, tty_try_read(buf, sizeof(buf)), 1);
	console_input("\004", 1);
	KT_EXPECT_EQ(t, tty_try_read(buf, sizeof(buf)), 0);             /* EOF */
	KT_EXPECT_EQ(t, tty_try_read(buf, sizeof(buf)), -EAGAIN);
	tty.ld.tio.c_lflag |= ECHO;
}
