/*
 * exec.c — execve: argv and envp arrive intact, the exit status comes
 * back, and every kind of bad image fails with Linux's errno while the
 * caller lives on.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ut.h"

/* Run PATH with argv/envp in a child, its stdout into buf; returns the status. */
static int ut_exec_capture(const char *path, char *const argv[], char *const envp[],
			   char *buf, size_t len)
{
	int p[2], status;
	size_t n = 0;
	ssize_t r;
	pid_t pid;

	UT_SYS(pipe(p));
	pid = ut_fork();
	if (pid == 0) {
		dup2(p[1], 1);
		/* Only 0-2 go through, whatever the runner inherited. */
		for (int fd = 3; fd < 64; fd++)
			close(fd);
		execve(path, argv, envp);
		ut_fail("execve(%s): %s", path, ut_errname(errno));
	}
	close(p[1]);
	while (n < len - 1 && (r = read(p[0], buf + n, len - 1 - n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			ut_fail("read: %s", ut_errname(errno));
		n += (size_t)r;
	}
	buf[n] = '\0';
	close(p[0]);
	status = ut_wait(pid);
	return status;
}

UT_TEST(exec_args_env)
{
	char path[300], out[4096], want[4096];
	/* An empty string, spaces and a long argument must all survive. */
	char longarg[3000];
	char *argv[] = { "ut-echoargs", "one", "two words", "", longarg, NULL };
	char *envp[] = { "UT_EXIT=0", "A=b=c", "EMPTY=", NULL };
	int status;

	memset(longarg, 'L', sizeof longarg - 1);
	longarg[sizeof longarg - 1] = '\0';
	snprintf(path, sizeof path, "%s/ut-echoargs", ut_bindir());
	status = ut_exec_capture(path, argv, envp, out, sizeof out);
	UT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	snprintf(want, sizeof want,
		 "argc=5\narg:ut-echoargs\narg:one\narg:two words\narg:\narg:%s\n"
		 "env:UT_EXIT=0\nenv:A=b=c\nenv:EMPTY=\nfds: 0 1 2\n", longarg);
	if (strcmp(out, want) != 0)
		ut_fail("ut-echoargs printed \"%.200s\"", out);
}

UT_TEST(exec_exit_status)
{
	char path[300], out[512];
	char *argv[] = { "ut-echoargs", NULL };
	char *envp[] = { "UT_EXIT=77", NULL };
	char *noenv[] = { NULL };
	int status;

	snprintf(path, sizeof path, "%s/ut-echoargs", ut_bindir());
	status = ut_exec_capture(path, argv, envp, out, sizeof out);
	UT_CHECK(WIFEXITED(status));
	UT_EQ(WEXITSTATUS(status), 77);
	/* An empty environment is fine too. */
	status = ut_exec_capture(path, argv, noenv, out, sizeof out);
	UT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	UT_CHECK(strstr(out, "env:") == NULL);
}

/* A valid little ELF: one PT_LOAD of the whole file, code after the headers. */
struct ut_tiny_elf {
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned char code[16];
};

static void ut_tiny_elf(struct ut_tiny_elf *e)
{
	/* mov $60,%eax; mov $42,%edi; syscall: exit(42). */
	static const unsigned char code[] = { 0xb8, 60, 0, 0, 0, 0xbf, 42, 0, 0, 0, 0x0f, 0x05 };

	memset(e, 0, sizeof *e);
	memcpy(e->eh.e_ident, ELFMAG, SELFMAG);
	e->eh.e_ident[EI_CLASS] = ELFCLASS64;
	e->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	e->eh.e_ident[EI_VERSION] = EV_CURRENT;
	e->eh.e_type = ET_EXEC;
	e->eh.e_machine = EM_X86_64;
	e->eh.e_version = EV_CURRENT;
	e->eh.e_entry = 0x400000 + offsetof(struct ut_tiny_elf, code);
	e->eh.e_phoff = offsetof(struct ut_tiny_elf, ph);
	e->eh.e_ehsize = sizeof e->eh;
	e->eh.e_phentsize = sizeof e->ph;
	e->eh.e_phnum = 1;
	e->ph.p_type = PT_LOAD;
	e->ph.p_flags = PF_R | PF_X;
	e->ph.p_offset = 0;
	e->ph.p_vaddr = e->ph.p_paddr = 0x400000;
	e->ph.p_filesz = e->ph.p_memsz = sizeof *e;
	e->ph.p_align = 0x1000;
	memcpy(e->code, code, sizeof code);
}

static void ut_put_file(const char *path, const void *p, size_t n, mode_t mode)
{
	int fd = (int)UT_SYS(open(path, O_WRONLY | O_CREAT | O_TRUNC, mode));

	ut_write_all(fd, p, n);
	UT_SYS(close(fd));
	UT_SYS(chmod(path, mode));
}

/* Exec path in a child; the errno execve failed with, or -status-1 if it ran. */
static int ut_exec_errno(const char *path)
{
	int p[2], e = 0, status;
	pid_t pid;
	ssize_t r;

	UT_SYS(pipe2(p, O_CLOEXEC));
	pid = ut_fork();
	if (pid == 0) {
		char *argv[] = { (char *)path, NULL };
		char *envp[] = { NULL };

		execve(path, argv, envp);
		e = errno;
		ut_write_all(p[1], &e, sizeof e);
		_exit(0);
	}
	close(p[1]);
	r = read(p[0], &e, sizeof e);
	close(p[0]);
	status = ut_wait(pid);
	return r == sizeof e ? e : -status - 1;
}

static void ut_expect_exec(const char *dir, const char *name, int want)
{
	char path[300];
	int got;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	got = ut_exec_errno(path);
	if (got < 0) {
		int status = -got - 1;

		if (WIFEXITED(status))
			ut_fail("exec of %s ran and exited %d, want %s", name, WEXITSTATUS(status),
				ut_errname(want));
		ut_fail("exec of %s ran and was killed by signal %d, want %s", name,
			WTERMSIG(status), ut_errname(want));
	}
	if (got != want)
		ut_fail("exec of %s failed with %s, want %s", name, ut_errname(got), ut_errname(want));
}

UT_TEST(exec_bad_images)
{
	const char *dir = ut_tmpdir();
	char path[300];
	struct ut_tiny_elf good, e;
	static const char junk[] = "this is not a program\n\x01\x02\x03";

	ut_tiny_elf(&good);
	/* The control: the good image runs and exits 42. */
	snprintf(path, sizeof path, "%s/good", dir);
	ut_put_file(path, &good, sizeof good, 0755);
	UT_EQ(ut_exec_errno(path), -(42 << 8) - 1);

	UT_EQ(ut_exec_errno("/nonexistent/program"), ENOENT);
	snprintf(path, sizeof path, "%s/missing", dir);
	UT_EQ(ut_exec_errno(path), ENOENT);

	snprintf(path, sizeof path, "%s/empty", dir);
	ut_put_file(path, "", 0, 0755);
	ut_expect_exec(dir, "empty", ENOEXEC);

	snprintf(path, sizeof path, "%s/junk", dir);
	ut_put_file(path, junk, sizeof junk, 0755);
	ut_expect_exec(dir, "junk", ENOEXEC);

	snprintf(path, sizeof path, "%s/truncated", dir);
	ut_put_file(path, &good, 20, 0755);
	ut_expect_exec(dir, "truncated", ENOEXEC);

	e = good;
	e.eh.e_ident[EI_MAG3] = 'G';
	snprintf(path, sizeof path, "%s/badmagic", dir);
	ut_put_file(path, &e, sizeof e, 0755);
	ut_expect_exec(dir, "badmagic", ENOEXEC);

	/*
	 * ELFCLASS32 on a 64-bit header with an x86-64 machine: Linux's
	 * 64-bit loader never looks at EI_CLASS and runs it (checked on
	 * 6.x); refusing it with ENOEXEC is as good.  Either way the caller
	 * lives on.
	 */
	e = good;
	e.eh.e_ident[EI_CLASS] = ELFCLASS32;
	snprintf(path, sizeof path, "%s/class32", dir);
	ut_put_file(path, &e, sizeof e, 0755);
	int got = ut_exec_errno(path);

	if (got != ENOEXEC && got != -(42 << 8) - 1)
		ut_fail("exec of class32: %d, want ENOEXEC or a run that exits 42", got);

	e = good;
	e.eh.e_machine = EM_AARCH64;
	snprintf(path, sizeof path, "%s/aarch64", dir);
	ut_put_file(path, &e, sizeof e, 0755);
	ut_expect_exec(dir, "aarch64", ENOEXEC);

	e = good;
	e.eh.e_type = ET_REL;
	snprintf(path, sizeof path, "%s/reloc", dir);
	ut_put_file(path, &e, sizeof e, 0755);
	ut_expect_exec(dir, "reloc", ENOEXEC);

	/* Program headers past the end of the file (Linux 6.x: ENOEXEC; some older kernels said EIO). */
	e = good;
	e.eh.e_phoff = 4096;
	snprintf(path, sizeof path, "%s/phdrs-past-eof", dir);
	ut_put_file(path, &e, sizeof e, 0755);
	ut_expect_exec(dir, "phdrs-past-eof", ENOEXEC);

	e = good;
	e.eh.e_phentsize = 12;
	snprintf(path, sizeof path, "%s/bad-phentsize", dir);
	ut_put_file(path, &e, sizeof e, 0755);
	ut_expect_exec(dir, "bad-phentsize", ENOEXEC);

	/* Not executable by anyone, even root: EACCES; a directory likewise. */
	snprintf(path, sizeof path, "%s/noexec", dir);
	ut_put_file(path, &good, sizeof good, 0644);
	ut_expect_exec(dir, "noexec", EACCES);
	snprintf(path, sizeof path, "%s/subdir", dir);
	UT_SYS(mkdir(path, 0755));
	ut_expect_exec(dir, "subdir", EACCES);

	/* A path through a regular file. */
	ut_expect_exec(dir, "good/x", ENOTDIR);

	ut_rm_tree(dir);
}

/*
 * A PT_LOAD whose file range lies past the end of the file.  Linux maps
 * it anyway (mmap past EOF is legal) and the image runs; a touch of those
 * pages would raise SIGBUS.  The entry is in the first, valid segment.
 */
UT_TEST(exec_segment_past_eof)
{
	const char *dir = ut_tmpdir();
	char path[300];

	/* Two program headers: the code goes after both. */
	{
		struct ut_tiny_elf good;
		unsigned char img[sizeof(struct ut_tiny_elf) + sizeof(Elf64_Phdr) + 16];
		Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
		Elf64_Phdr *ph = (Elf64_Phdr *)(img + sizeof *eh);

		ut_tiny_elf(&good);
		memset(img, 0, sizeof img);
		*eh = good.eh;
		eh->e_phnum = 2;
		eh->e_entry = 0x400000 + sizeof *eh + 2 * sizeof *ph;
		ph[0] = good.ph;
		ph[0].p_filesz = ph[0].p_memsz = sizeof img;
		ph[1] = good.ph;
		ph[1].p_flags = PF_R;
		ph[1].p_offset = 0x10000;
		ph[1].p_vaddr = ph[1].p_paddr = 0x410000;
		ph[1].p_filesz = ph[1].p_memsz = 0x1000;
		memcpy(img + sizeof *eh + 2 * sizeof *ph, good.code, sizeof good.code);
		snprintf(path, sizeof path, "%s/seg-past-eof", dir);
		ut_put_file(path, img, sizeof img, 0755);
	}
	UT_EQ(ut_exec_errno(path), -(42 << 8) - 1);
	ut_rm_tree(dir);
}
