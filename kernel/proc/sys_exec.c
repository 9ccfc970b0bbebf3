/*
 * sys_exec.c — execve(2): the user's path, argv and envp are copied into
 * one kernel buffer first (the old image disappears during the call), with
 * Linux's limits: E2BIG past ARG_MAX bytes or too many strings, EFAULT for
 * a bad pointer anywhere, ENAMETOOLONG for a path of PATH_MAX or more.
 */
#include "exec.h"
#include "syscall.h"
#include "uaccess.h"
#include <string.h>

#define ARG_MAX (128u * 1024)
#define ARGS_MAX 4096u
#define PATH_MAX 4096u

struct exec_args {
	char *buf;
	size_t used;
	char **argv, **envp;
};

/* Copy a NULL-terminated user vector of strings into a. */
static long vec_copy(struct exec_args *a, u64 uvec, char ***out, unsigned *slot, char **slots)
{
	unsigned n = 0;

	*out = &slots[*slot];
	while (uvec) {
		u64 us;
		long len;

		if (copy_from_user(&us, uvec + n * 8ull, 8))
			return -EFAULT;
		if (!us)
			break;
		if (*slot + 1 >= ARGS_MAX)
			return -E2BIG;
		len = strncpy_from_user(a->buf + a->used, us, ARG_MAX - a->used);
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return len;
		slots[(*slot)++] = a->buf + a->used;
		a->used += (size_t)len + 1;
		n++;
	}
	slots[(*slot)++] = NULL;
	return 0;
}

SYSCALL_DEFINE3(execve, u64, upath, u64, uargv, u64, uenvp)
{
	struct exec_args a = { 0 };
	char path[PATH_MAX], err[160];
	char **slots;
	unsigned slot = 0;
	long rc = strncpy_from_user(path, upath, sizeof(path));

	if (rc < 0)
		return rc;
	if (!path[0])
		return -ENOENT;
	a.buf = kmalloc(ARG_MAX);
	slots = kmalloc(ARGS_MAX * sizeof(char *));
	if (!a.buf || !slots) {
		rc = -ENOMEM;
		goto out;
	}
	rc = vec_copy(&a, uargv, &a.argv, &slot, slots);
	if (!rc)
		rc = vec_copy(&a, uenvp, &a.envp, &slot, slots);
	if (!rc)
		rc = exec_replace(proc_current(), path, a.argv, a.envp, err, sizeof(err));
	if (!rc) {
		syscall_need_full_return();
		rc = 0;
	}
out:
	kfree(a.buf);
	kfree(slots);
	return rc;
}
