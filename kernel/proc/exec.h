/* exec.h — the pieces of execve (kernel/proc/exec*.c). */
#ifndef PROTEUS_EXEC_H
#define PROTEUS_EXEC_H

#include "proc.h"

/* What the loader learned about the new image. */
struct exec_image {
	const char *path;
	u64 entry;
	u64 phdr;              /* user address of the program headers */
	unsigned phnum;
	u64 brk;               /* end of the highest segment, page aligned */
	u64 hwcap;
};

/* Map a static ELF's segments into us; 0 or -ENOEXEC/-ENOMEM with err. */
int exec_elf_map(struct uspace *us, struct inode *ino, struct exec_image *img,
		 char *err, size_t errlen);
int exec_stack_build(struct uspace *us, const struct exec_image *img, char *const argv[],
		     char *const envp[], u64 *sp_out);

#endif
