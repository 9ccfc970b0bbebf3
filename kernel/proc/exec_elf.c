/*
 * exec_elf.c — a static x86-64 ELF file becomes regions of a new address
 * space.  Nothing is copied: each PT_LOAD segment is a private file
 * mapping (its bss the zero tail of the same region, or anonymous pages
 * past the file's last page), filled by demand paging from the file.
 *
 * Everything taken from the file is checked before use, and each refusal
 * says what is wrong: a bad ELF is ENOEXEC, never a crash.  Static PIE
 * (ET_DYN without an interpreter) is loaded at a fixed bias; anything
 * that needs a dynamic loader is refused.
 */
#include "exec.h"
#include "vma.h"
#include "vfs.h"
#include "lib/fmt.h"
#include "pv/ops.h"
#include <string.h>

#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define PHNUM_MAX 64
#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define ET_EXEC 2
#define ET_DYN 3
#define PIE_BIAS 0x0000555555554000ull

struct phdr {
	u32 type, flags;
	u64 offset, vaddr, paddr, filesz, memsz, align;
};

static u16 rd16(const u8 *p) { return (u16)(p[0] | p[1] << 8); }
static u32 rd32(const u8 *p) { return rd16(p) | (u32)rd16(p + 2) << 16; }
static u64 rd64(const u8 *p) { return rd32(p) | (u64)rd32(p + 4) << 32; }

#define REFUSE(...) do { fmt_snprintf(err, errlen, __VA_ARGS__); return -ENOEXEC; } while (0)

static int ehdr_check(const u8 *e, long got, u64 size, char *err, size_t errlen)
{
	if (got < EHDR_SIZE)
		REFUSE("file too short for an ELF header (%llu bytes)", (unsigned long long)size);
	if (memcmp(e, "\177ELF", 4))
		REFUSE("not an ELF file (bad magic)");
	if (e[4] != 2 || e[5] != 1 || e[6] != 1)
		REFUSE("not a 64-bit little-endian ELF version 1");
	if (rd16(e + 18) != 62)
		REFUSE("not an x86-64 ELF (machine %u)", rd16(e + 18));
	if (rd16(e + 16) != ET_EXEC && rd16(e + 16) != ET_DYN)
		REFUSE("not an executable (ELF type %u)", rd16(e + 16));
	if (rd16(e + 54) != PHDR_SIZE)
		REFUSE("bad program header size %u", rd16(e + 54));
	if (rd16(e + 56) == 0 || rd16(e + 56) > PHNUM_MAX)
		REFUSE("bad program header count %u", rd16(e + 56));
	if (rd64(e + 32) > size || (u64)rd16(e + 56) * PHDR_SIZE > size - rd64(e + 32))
		REFUSE("program headers past the end of the file");
	return 0;
}

static void phdr_parse(const u8 *b, struct phdr *p)
{
	p->type = rd32(b);
	p->flags = rd32(b + 4);
	p->offset = rd64(b + 8);
	p->vaddr = rd64(b + 16);
	p->paddr = rd64(b + 24);
	p->filesz = rd64(b + 32);
	p->memsz = rd64(b + 40);
	p->align = rd64(b + 48);
}

static int seg_map(struct uspace *us, struct inode *ino, u64 size, const struct phdr *p, u64 bias,
		   unsigned i, u64 *prev_end, char *err, size_t errlen)
{
	u64 va = p->vaddr + bias, start = ALIGN_DOWN(va, PAGE_SIZE), lead = va - start;
	u64 end = va + p->memsz;
	unsigned flags = ((p->flags & 4) ? VMA_READ : 0) | ((p->flags & 2) ? VMA_WRITE : 0) |
			 ((p->flags & 1) ? VMA_EXEC : 0);
	int rc;

	u64 file_bytes;

	if (p->filesz > p->memsz || p->offset + p->filesz < p->offset)
		REFUSE("segment %u: more file bytes than memory, or an offset that wraps", i);
	/* Linux maps file bytes past the end of the file without complaint
	 * (touching them would fault); here they read as zeros. */
	file_bytes = p->offset >= size ? 0 : MIN(p->filesz, size - p->offset);
	if ((p->offset & (PAGE_SIZE - 1)) != (va & (PAGE_SIZE - 1)))
		REFUSE("segment %u: address and file offset not congruent modulo the page size", i);
	if (end < va || va < USER_MIN_ADDR || end > USER_STACK_TOP - USER_STACK_MAX - PAGE_SIZE)
		REFUSE("segment %u at %#llx+%#llx is outside user space", i,
		       (unsigned long long)va, (unsigned long long)p->memsz);
	if (start < *prev_end)
		REFUSE("segment %u overlaps the one before it", i);
	*prev_end = ALIGN_UP(end, PAGE_SIZE);
	if (p->memsz == 0)
		return 0;
	rc = vma_map(us, start, ALIGN_UP(end, PAGE_SIZE) - start, flags, ino,
		     p->offset - lead, file_bytes + lead);
	if (rc) {
		fmt_snprintf(err, errlen, "out of memory mapping segment %u", i);
		return rc;
	}
	return 0;
}

int exec_elf_map(struct uspace *us, struct inode *ino, struct exec_image *img,
		 char *err, size_t errlen)
{
	u8 e[EHDR_SIZE], *ph;
	u64 size = inode_size(ino), bias = 0, prev_end = 0, phoff;
	long got = inode_read(ino, 0, e, sizeof(e));
	unsigned i, phnum, loads = 0;
	bool entry_ok = false, phdr_found = false;
	int rc = ehdr_check(e, got, size, err, errlen);

	if (rc)
		return rc;
	phoff = rd64(e + 32);
	phnum = rd16(e + 56);
	if (rd16(e + 16) == ET_DYN)
		bias = PIE_BIAS;
	ph = kmalloc(phnum * PHDR_SIZE);
	if (!ph)
		return -ENOMEM;
	if (inode_read(ino, phoff, ph, phnum * PHDR_SIZE) != (long)(phnum * PHDR_SIZE)) {
		fmt_snprintf(err, errlen, "cannot read the program headers");
		rc = -ENOEXEC;
		goto out;
	}
	img->entry = rd64(e + 24) + bias;
	img->phnum = phnum;
	img->brk = 0;
	for (i = 0; i < phnum && !rc; i++) {
		struct phdr p;

		phdr_parse(ph + i * PHDR_SIZE, &p);
		if (p.type == PT_INTERP) {
			fmt_snprintf(err, errlen, "dynamically linked (needs an interpreter); "
				     "only static programs run here");
			rc = -ENOEXEC;
		} else if (p.type == PT_PHDR) {
			img->phdr = p.vaddr + bias;
			phdr_found = true;
		} else if (p.type == PT_LOAD) {
			rc = seg_map(us, ino, size, &p, bias, i, &prev_end, err, errlen);
			loads++;
			if (!phdr_found && phoff >= p.offset && phoff - p.offset < p.filesz)
				img->phdr = p.vaddr + bias + (phoff - p.offset);
			if ((p.flags & 1) && img->entry >= p.vaddr + bias &&
			    img->entry < p.vaddr + bias + p.memsz)
				entry_ok = true;
			img->brk = MAX(img->brk, prev_end);
		}
	}
	if (!rc && !loads) {
		fmt_snprintf(err, errlen, "no loadable segment");
		rc = -ENOEXEC;
	} else if (!rc && !entry_ok) {
		fmt_snprintf(err, errlen, "entry point %#llx is not in an executable segment",
			     (unsigned long long)img->entry);
		rc = -ENOEXEC;
	}
out:
	kfree(ph);
	return rc;
}
