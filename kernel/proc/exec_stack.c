/*
 * exec_stack.c — the initial stack of a new image, as the SysV x86-64 ABI
 * and Linux lay it out: from the top, the strings (argv, envp, the
 * platform name, the file name) and 16 random bytes; below them, 16-byte
 * aligned, argc, the argv pointers and NULL, the envp pointers and NULL,
 * and the auxiliary vector ending in AT_NULL.  rsp points at argc.
 *
 * The address space is not live yet: uspace_write fills its pages.
 */
#include "exec.h"
#include "vma.h"
#include "random.h"
#include "pv/ops.h"
#include <string.h>

static unsigned count(char *const v[])
{
	unsigned n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* Push a string below *top; its user address. */
static u64 push_str(struct uspace *us, u64 *top, const char *s, bool *ok)
{
	size_t n = strlen(s) + 1;

	*top -= n;
	*ok = *ok && uspace_write(us, *top, s, n);
	return *top;
}

int exec_stack_build(struct uspace *us, const struct exec_image *img, char *const argv[],
		     char *const envp[], u64 *sp_out)
{
	unsigned argc = count(argv), envc = count(envp), i, n = 0;
	u64 top = USER_STACK_TOP, *ptrs, sp, random_at, platform_at, execfn_at;
	u64 auxv[2 * 20];
	size_t words;
	u8 rnd[16];
	bool ok = true;
	int rc = 0;

	random_fill(rnd, sizeof(rnd));
	top -= sizeof(rnd);
	random_at = top;
	ok = uspace_write(us, top, rnd, sizeof(rnd));
	platform_at = push_str(us, &top, "x86_64", &ok);
	execfn_at = push_str(us, &top, img->path, &ok);

	words = 1 + argc + 1 + envc + 1 + ARRAY_SIZE(auxv);
	ptrs = kmalloc(words * sizeof(u64));
	if (!ptrs)
		return -ENOMEM;
	ptrs[n++] = argc;
	for (i = 0; i < argc; i++)
		ptrs[n++] = push_str(us, &top, argv[i], &ok);
	ptrs[n++] = 0;
	for (i = 0; i < envc; i++)
		ptrs[n++] = push_str(us, &top, envp[i], &ok);
	ptrs[n++] = 0;

	i = 0;
#define AUX(type, val) do { auxv[i++] = (type); auxv[i++] = (val); } while (0)
	AUX(AT_PHDR, img->phdr);
	AUX(AT_PHENT, 56);
	AUX(AT_PHNUM, img->phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, img->entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_CLKTCK, 100);
	AUX(AT_HWCAP, img->hwcap);
	AUX(AT_RANDOM, random_at);
	AUX(AT_PLATFORM, platform_at);
	AUX(AT_EXECFN, execfn_at);
	AUX(AT_NULL, 0);
#undef AUX
	memcpy(&ptrs[n], auxv, i * sizeof(u64));
	n += i;

	sp = ALIGN_DOWN(top - n * sizeof(u64), 16);
	if (top - sp > USER_STACK_MAX / 4)
		rc = -E2BIG;
	else if (!ok || !uspace_write(us, sp, ptrs, n * sizeof(u64)))
		rc = -ENOMEM;
	kfree(ptrs);
	*sp_out = sp;
	return rc;
}
