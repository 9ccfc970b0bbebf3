/*
 * exec.c — replacing a process's image (execve).
 *
 * Everything that can fail is done before the point of no return: the
 * file is found and checked, the new address space is built with its
 * segments and its initial stack.  Only then is the old image dropped —
 * so a failed execve returns an error to a caller that still exists, and
 * a vfork parent gets its memory back only when the child has let go.
 *
 * "#!" scripts run their interpreter with the script's path, as Linux
 * does (one optional argument; up to four levels of interpreters).
 */
#include "exec.h"
#include "vma.h"
#include "vfs.h"
#include "fpu.h"
#include "signal.h"
#include "trap.h"
#include "syscall.h"
#include "printk.h"
#include "pv/ops.h"
#include "lib/fmt.h"
#include <string.h>

#define SHEBANG_MAX 128
#define INTERP_DEPTH 4

static u64 cpu_hwcap(void)
{
	struct cpuid_regs r;

	cpuid(1, 0, &r);
	return r.edx;
}

/* "#!interp [arg]" from the first line of a script; false if malformed. */
static bool shebang_parse(char *line, long n, char **interp, char **arg)
{
	char *p, *end;

	line[n < SHEBANG_MAX ? n : SHEBANG_MAX - 1] = 0;
	end = strchr(line, '\n');
	if (!end)
		return false;
	*end = 0;
	for (p = line + 2; *p == ' ' || *p == '\t'; p++)
		;
	if (!*p)
		return false;
	*interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	*arg = NULL;
	if (*p) {
		*p++ = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p) {
			*arg = p;
			for (end = p + strlen(p); end > p && (end[-1] == ' ' || end[-1] == '\t');)
				*--end = 0;
		}
	}
	return true;
}

static void exec_commit(struct proc *p, struct uspace *us, const struct exec_image *img, u64 sp)
{
	struct uspace *old = p->us;
	struct trap_frame *f = proc_user_frame(p);
	const char *base = strrchr(img->path, '/');
	u64 fl = irq_save();

	p->us = us;
	if (p == proc_current())
		context_switch_mm(&us->mm, (u64)p->kstack + KSTACK_SIZE, true);
	irq_restore(fl);
	uspace_put(old);
	proc_vfork_release(p);
	if (p->files)
		fdtable_close_on_exec(p->files);
	signal_exec(p);
	fpu_release(p);
	p->fs_base = 0;
	p->clear_child_tid = 0;
	us->brk_start = us->brk = img->brk;
	base = base ? base + 1 : img->path;
	strncpy(p->name, base, PROC_NAME_LEN - 1);
	p->name[PROC_NAME_LEN - 1] = 0;

	memset(f, 0, sizeof(*f));
	f->vector = SYSCALL_VECTOR;
	f->rip = img->entry;
	f->cs = pv_info.user_cs;
	f->rflags = X86_FLAGS_IF | 0x2;
	f->rsp = sp;
	f->ss = pv_info.user_ss;
}

static int exec_depth(struct proc *p, const char *path, char *const argv[], char *const envp[],
		      char *err, size_t errlen, unsigned depth)
{
	struct exec_image img = { .path = path };
	struct inode *ino;
	struct uspace *us;
	char line[SHEBANG_MAX];
	long n;
	u64 sp;
	int rc = vfs_lookup_exec(path, p->cwd ? p->cwd : vfs_root(), &ino);

	if (rc) {
		fmt_snprintf(err, errlen, "%s: %s", path, rc == -ENOENT ? "no such file" :
			     rc == -EACCES ? "not an executable file" : rc == -ENOTDIR ?
			     "a path component is not a directory" : "cannot be looked up");
		return rc;
	}
	n = inode_read(ino, 0, line, sizeof(line));
	if (n >= 2 && line[0] == '#' && line[1] == '!') {
		char *interp, *arg, *nargv[64];
		unsigned i = 0, j;

		inode_put(ino);
		if (depth >= INTERP_DEPTH) {
			fmt_snprintf(err, errlen, "%s: too many levels of interpreters", path);
			return -ELOOP;
		}
		if (!shebang_parse(line, n, &interp, &arg)) {
			fmt_snprintf(err, errlen, "%s: malformed #! line", path);
			return -ENOEXEC;
		}
		nargv[i++] = interp;
		if (arg)
			nargv[i++] = arg;
		nargv[i++] = (char *)path;
		for (j = 1; argv[0] && argv[j] && i < ARRAY_SIZE(nargv) - 1; j++)
			nargv[i++] = argv[j];
		if (argv[0] && argv[j]) {
			fmt_snprintf(err, errlen, "%s: too many arguments for a script", path);
			return -E2BIG;
		}
		nargv[i] = NULL;
		return exec_depth(p, interp, nargv, envp, err, errlen, depth + 1);
	}
	us = uspace_new();
	if (!us) {
		inode_put(ino);
		fmt_snprintf(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	img.hwcap = cpu_hwcap();
	rc = exec_elf_map(us, ino, &img, err + strlen(err), errlen - strlen(err));
	inode_put(ino);                   /* the regions hold their own references */
	if (!rc)
		rc = vma_map(us, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_MAX,
			     VMA_READ | VMA_WRITE | VMA_STACK, NULL, 0, 0);
	if (!rc)
		rc = exec_stack_build(us, &img, argv, envp, &sp);
	if (rc) {
		uspace_put(us);
		return rc;
	}
	exec_commit(p, us, &img, sp);
	return 0;
}

int exec_replace(struct proc *p, const char *path, char *const argv[], char *const envp[],
		 char *err, size_t errlen)
{
	int rc;

	fmt_snprintf(err, errlen, "%s: ", path);
	rc = exec_depth(p, path, argv, envp, err, errlen, 0);
	if (rc == -ENOEXEC || rc == -ENOMEM || rc == -E2BIG)
		pr_info("exec: %s\n", err);
	return rc;
}
