/*
 * elf64.c — a bounds-checked ELF64 reader (see elf64.h).
 *
 * The file is untrusted.  Every header is copied out of the buffer with
 * memcpy (the buffer need not be aligned), and every offset and size read
 * from it is checked with elf64_in_bounds before a pointer is formed, in
 * the overflow-safe form "off > size || len > size - off".
 *
 * elf64_open checks the ELF header, both header tables, the section-name
 * table and every PT_LOAD segment, so later calls fail only on sections
 * that are themselves malformed; they still re-check what they use and
 * never trust an earlier pass.
 *
 * The structures below are our own statement of the ELF64 ABI, laid out
 * as in the file; the kernel has no <elf.h>.  Fields are read in host
 * byte order, which is correct because we only accept little-endian files
 * and only build for little-endian machines.
 */
#include <stdbool.h>
#include <string.h>

#include "elf64.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "elf64.c reads fields in host byte order and needs a little-endian host"
#endif

struct elf64_ehdr {
	uint8_t  ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

struct elf64_shdr {
	uint32_t name, type;
	uint64_t flags, addr, offset, size;
	uint32_t link, info;
	uint64_t addralign, entsize;
};

struct elf64_sym {
	uint32_t name;
	uint8_t  info, other;
	uint16_t shndx;
	uint64_t value, size;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header is 64 bytes");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header is 56 bytes");
_Static_assert(sizeof(struct elf64_shdr) == 64, "ELF64 section header is 64 bytes");
_Static_assert(sizeof(struct elf64_sym) == 24, "ELF64 symbol is 24 bytes");

#define ELF64_CLASS64     2
#define ELF64_DATA2LSB    1
#define ELF64_EV_CURRENT  1
#define ELF64_ET_EXEC     2
#define ELF64_EM_X86_64   62
#define ELF64_PT_LOAD     1
#define ELF64_SHT_SYMTAB  2
#define ELF64_SHT_STRTAB  3
#define ELF64_SHT_NOBITS  8
#define ELF64_SHN_UNDEF   0

/* [off, off + len) lies inside a buffer of size bytes. */
static bool elf64_in_bounds(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

/* Table i-th entries are in bounds once elf64_open has checked the table. */
static void elf64_read_phdr(const struct elf64_file *f, unsigned i, struct elf64_phdr *ph)
{
	memcpy(ph, f->base + f->phoff + (uint64_t)i * sizeof(*ph), sizeof(*ph));
}

static void elf64_read_shdr(const struct elf64_file *f, unsigned i, struct elf64_shdr *sh)
{
	memcpy(sh, f->base + f->shoff + (uint64_t)i * sizeof(*sh), sizeof(*sh));
}

/* A string at off inside a string-table section: in bounds and NUL-terminated. */
static const char *elf64_string(const struct elf64_file *f, const struct elf64_shdr *strtab,
				uint64_t off)
{
	const char *s;

	if (strtab->type != ELF64_SHT_STRTAB ||
	    !elf64_in_bounds(strtab->offset, strtab->size, f->size) ||
	    off >= strtab->size)
		return NULL;
	s = (const char *)f->base + strtab->offset + off;
	if (!memchr(s, '\0', strtab->size - off))
		return NULL;
	return s;
}

static int elf64_check_segment(const struct elf64_file *f, const struct elf64_phdr *ph)
{
	if (ph->filesz > ph->memsz ||
	    !elf64_in_bounds(ph->offset, ph->filesz, f->size) ||
	    ph->vaddr > UINT64_MAX - ph->memsz)
		return ELF64_E_SEGMENT;
	return ELF64_OK;
}

int elf64_open(struct elf64_file *f, const void *buf, size_t size)
{
	struct elf64_ehdr eh;

	if (size < sizeof(eh))
		return ELF64_E_SHORT;
	memcpy(&eh, buf, sizeof(eh));
	if (memcmp(eh.ident, "\x7f" "ELF", 4) != 0)
		return ELF64_E_MAGIC;
	if (eh.ident[4] != ELF64_CLASS64 || eh.ident[5] != ELF64_DATA2LSB ||
	    eh.ident[6] != ELF64_EV_CURRENT || eh.version != ELF64_EV_CURRENT)
		return ELF64_E_CLASS;
	if (eh.machine != ELF64_EM_X86_64)
		return ELF64_E_MACHINE;

	*f = (struct elf64_file){
		.base = buf, .size = size, .type = eh.type, .entry = eh.entry,
		.phnum = eh.phnum, .shnum = eh.shnum,
		.phoff = eh.phoff, .shoff = eh.shoff, .shstrndx = eh.shstrndx,
	};

	/* phnum and shnum are at most 0xffff, so the products cannot wrap. */
	if (f->phnum &&
	    (eh.phentsize != sizeof(struct elf64_phdr) || f->phnum > ELF64_MAX_PHDRS ||
	     !elf64_in_bounds(f->phoff, (uint64_t)f->phnum * sizeof(struct elf64_phdr), size)))
		return ELF64_E_PHDR;
	/*
	 * shnum == 0 with a non-zero shoff is the extended-numbering escape
	 * (the count lives in section 0); we do not support it and treat the
	 * file as having no sections.
	 */
	if (f->shnum &&
	    (eh.shentsize != sizeof(struct elf64_shdr) ||
	     !elf64_in_bounds(f->shoff, (uint64_t)f->shnum * sizeof(struct elf64_shdr), size)))
		return ELF64_E_SHDR;
	if (f->shstrndx != ELF64_SHN_UNDEF) {
		struct elf64_shdr names;

		if (f->shstrndx >= f->shnum)
			return ELF64_E_SHDR;
		elf64_read_shdr(f, f->shstrndx, &names);
		if (names.type != ELF64_SHT_STRTAB ||
		    !elf64_in_bounds(names.offset, names.size, size))
			return ELF64_E_SHDR;
	}

	for (unsigned i = 0; i < f->phnum; i++) {
		struct elf64_phdr ph;

		elf64_read_phdr(f, i, &ph);
		if (ph.type == ELF64_PT_LOAD && elf64_check_segment(f, &ph) != ELF64_OK)
			return ELF64_E_SEGMENT;
	}
	return ELF64_OK;
}

int elf64_open_exec(struct elf64_file *f, const void *buf, size_t size)
{
	struct elf64_segment seg;
	unsigned cursor;
	int err = elf64_open(f, buf, size);

	if (err != ELF64_OK)
		return err;
	if (f->type != ELF64_ET_EXEC)
		return ELF64_E_TYPE;
	for (cursor = 0; (err = elf64_load_next(f, &cursor, &seg)) == ELF64_OK;)
		/* vaddr + memsz cannot wrap: elf64_load_next checked it. */
		if ((seg.flags & ELF64_PF_X) &&
		    f->entry >= seg.vaddr && f->entry - seg.vaddr < seg.memsz)
			return ELF64_OK;
	return err == ELF64_E_NOTFOUND ? ELF64_E_ENTRY : err;
}

unsigned elf64_load_count(const struct elf64_file *f)
{
	unsigned n = 0;

	for (unsigned i = 0; i < f->phnum; i++) {
		struct elf64_phdr ph;

		elf64_read_phdr(f, i, &ph);
		n += ph.type == ELF64_PT_LOAD;
	}
	return n;
}

int elf64_load_next(const struct elf64_file *f, unsigned *cursor, struct elf64_segment *seg)
{
	for (; *cursor < f->phnum; (*cursor)++) {
		struct elf64_phdr ph;

		elf64_read_phdr(f, *cursor, &ph);
		if (ph.type != ELF64_PT_LOAD)
			continue;
		(*cursor)++;
		if (elf64_check_segment(f, &ph) != ELF64_OK)
			return ELF64_E_SEGMENT;
		*seg = (struct elf64_segment){
			.vaddr = ph.vaddr, .memsz = ph.memsz, .filesz = ph.filesz,
			.flags = ph.flags, .data = f->base + ph.offset,
		};
		return ELF64_OK;
	}
	return ELF64_E_NOTFOUND;
}

/* Fill sec from sh, checking the data range unless the section has none. */
static int elf64_fill_section(const struct elf64_file *f, const struct elf64_shdr *sh,
			      const char *name, struct elf64_section *sec)
{
	bool nobits = sh->type == ELF64_SHT_NOBITS;

	if (!nobits && !elf64_in_bounds(sh->offset, sh->size, f->size))
		return ELF64_E_SHDR;
	*sec = (struct elf64_section){
		.name = name, .addr = sh->addr, .size = sh->size, .type = sh->type,
		.data = nobits ? NULL : f->base + sh->offset,
	};
	return ELF64_OK;
}

/* Every section's name is checked on the way, found or not: a bad one is ELF64_E_SHDR. */
int elf64_find_section(const struct elf64_file *f, const char *name, struct elf64_section *sec)
{
	struct elf64_shdr names;

	if (f->shstrndx == ELF64_SHN_UNDEF || f->shstrndx >= f->shnum)
		return ELF64_E_NOTFOUND;
	elf64_read_shdr(f, f->shstrndx, &names);
	for (unsigned i = 0; i < f->shnum; i++) {
		struct elf64_shdr sh;
		const char *s;

		elf64_read_shdr(f, i, &sh);
		s = elf64_string(f, &names, sh.name);
		if (!s)
			return ELF64_E_SHDR;
		if (strcmp(s, name) == 0)
			return elf64_fill_section(f, &sh, s, sec);
	}
	return ELF64_E_NOTFOUND;
}

/*
 * The symbol table is the (only, per the ABI) SHT_SYMTAB section; its
 * sh_link names the string table.  Any output pointer may be NULL.
 */
int elf64_symbol(const struct elf64_file *f, unsigned i, const char **name, uint64_t *value,
		 uint64_t *size, unsigned *type)
{
	struct elf64_shdr symtab, strtab;
	struct elf64_sym sym;
	const char *s;
	unsigned k;

	for (k = 0; k < f->shnum; k++) {
		elf64_read_shdr(f, k, &symtab);
		if (symtab.type == ELF64_SHT_SYMTAB)
			break;
	}
	if (k == f->shnum)
		return ELF64_E_NOTFOUND;
	if (symtab.entsize != sizeof(sym) ||
	    !elf64_in_bounds(symtab.offset, symtab.size, f->size) ||
	    symtab.link == ELF64_SHN_UNDEF || symtab.link >= f->shnum)
		return ELF64_E_SHDR;
	if (i >= symtab.size / sizeof(sym))
		return ELF64_E_NOTFOUND;

	elf64_read_shdr(f, symtab.link, &strtab);
	memcpy(&sym, f->base + symtab.offset + (uint64_t)i * sizeof(sym), sizeof(sym));
	s = elf64_string(f, &strtab, sym.name);
	if (!s)
		return ELF64_E_SHDR;
	if (name)
		*name = s;
	if (value)
		*value = sym.value;
	if (size)
		*size = sym.size;
	if (type)
		*type = sym.info & 0xf;   /* STT_*: the low nibble of st_info */
	return ELF64_OK;
}

const char *elf64_strerror(int err)
{
	switch (err) {
	case ELF64_OK:         return "ok";
	case ELF64_E_SHORT:    return "file shorter than an ELF header";
	case ELF64_E_MAGIC:    return "not an ELF file";
	case ELF64_E_CLASS:    return "not 64-bit little-endian ELF version 1";
	case ELF64_E_MACHINE:  return "not x86-64";
	case ELF64_E_TYPE:     return "not an executable (ET_EXEC)";
	case ELF64_E_PHDR:     return "bad program header table";
	case ELF64_E_SHDR:     return "bad section header table or section";
	case ELF64_E_SEGMENT:  return "bad loadable segment";
	case ELF64_E_NOTFOUND: return "not found";
	case ELF64_E_ENTRY:    return "entry point outside executable code";
	default:               return "unknown ELF error";
	}
}
