/*
 * elf64.h — a bounds-checked reader for 64-bit little-endian x86-64 ELF
 * files held in memory.  Used by the kernel (loading user programs from the
 * initrd) and by the host tool (reading the .pvsites table).  Every offset
 * and size taken from the file is checked against the buffer before use, so
 * a truncated or hostile file yields an error code, never a wild read.
 */
#ifndef PROTEUS_LIB_ELF64_H
#define PROTEUS_LIB_ELF64_H

#include <stddef.h>
#include <stdint.h>

enum elf64_err {
	ELF64_OK = 0,
	ELF64_E_SHORT = -1,     /* buffer smaller than the ELF header */
	ELF64_E_MAGIC = -2,     /* not \x7fELF */
	ELF64_E_CLASS = -3,     /* not ELFCLASS64 / little-endian / version 1 */
	ELF64_E_MACHINE = -4,   /* not EM_X86_64 */
	ELF64_E_TYPE = -5,      /* not ET_EXEC (elf64_open_exec only) */
	ELF64_E_PHDR = -6,      /* program header table out of bounds, bad entsize, or too long */
	ELF64_E_SHDR = -7,      /* section header table or names out of bounds */
	ELF64_E_SEGMENT = -8,   /* a PT_LOAD segment is inconsistent (filesz > memsz, data out of bounds, address overflow) */
	ELF64_E_NOTFOUND = -9,  /* no such section */
	ELF64_E_ENTRY = -10,    /* entry point outside every executable PT_LOAD segment */
};

struct elf64_file {
	const uint8_t *base;
	size_t size;
	uint16_t type;      /* e_type */
	uint64_t entry;     /* e_entry */
	uint16_t phnum;
	uint16_t shnum;
	uint64_t phoff, shoff;
	uint16_t shstrndx;
};

#define ELF64_PF_X 1u
#define ELF64_PF_W 2u
#define ELF64_PF_R 4u

struct elf64_segment {       /* one PT_LOAD program header, validated */
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t filesz;
	uint32_t flags;          /* ELF64_PF_* */
	const uint8_t *data;     /* filesz bytes inside the file buffer */
};

struct elf64_section {
	const char *name;        /* NUL-terminated inside the file buffer */
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	const uint8_t *data;     /* size bytes inside the buffer; NULL for SHT_NOBITS */
};

/* Validate the header and the program/section header tables. */
int elf64_open(struct elf64_file *f, const void *buf, size_t size);
/* elf64_open plus: ET_EXEC and an entry point inside an executable PT_LOAD. */
int elf64_open_exec(struct elf64_file *f, const void *buf, size_t size);
/*
 * Program header tables of more than 64 KiB are refused (as Linux does):
 * no real program has more than a handful of segments, and each one costs
 * its loader work.
 */
#define ELF64_MAX_PHDRS (65536u / 56u)

/* Number of PT_LOAD segments (one pass over the headers). */
unsigned elf64_load_count(const struct elf64_file *f);
/*
 * The next PT_LOAD segment at or after header *cursor (start at 0), which
 * moves past it: one pass over the table visits every segment.
 * ELF64_E_NOTFOUND after the last one, ELF64_E_SEGMENT for a bad one.
 */
int elf64_load_next(const struct elf64_file *f, unsigned *cursor, struct elf64_segment *seg);
/* Find a section by name; ELF64_E_NOTFOUND if absent. */
int elf64_find_section(const struct elf64_file *f, const char *name, struct elf64_section *sec);
/* Iterate over symbols of .symtab: i from 0; returns ELF64_E_NOTFOUND past the end. */
int elf64_symbol(const struct elf64_file *f, unsigned i, const char **name, uint64_t *value, uint64_t *size, unsigned *type);
const char *elf64_strerror(int err);

#endif
