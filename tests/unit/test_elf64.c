/*
 * test_elf64.c — the ELF reader on a small executable built here, laid
 * out by a C struct so each test can damage one field by name.
 *
 * The host's <elf.h> describes the image; lib/elf64.c has its own
 * definitions, so the two are checked against each other as a side effect.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "lib/elf64.h"

enum { S_NULL, S_TEXT, S_DATA, S_BSS, S_PVSITES, S_SHSTRTAB, S_SYMTAB, S_STRTAB, S_COUNT };
enum { P_TEXT, P_NOTE, P_DATA, P_COUNT };

#define TEXT_VADDR 0x401000u
#define DATA_VADDR 0x402000u
#define DATA_MEMSZ 0x100u
#define ENTRY      (TEXT_VADDR + 4)

/* Every member's size is a multiple of 8, so there is no padding: the file is the struct. */
struct image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[P_COUNT];
	uint8_t text[16];
	uint8_t data[8];
	uint8_t pvsites[16];
	char shstrtab[64];
	char strtab[32];
	Elf64_Sym sym[4];
	Elf64_Shdr sh[S_COUNT];
};

#define OFF(member) ((Elf64_Off)offsetof(struct image, member))

/* Append s to a string table of used bytes; returns its offset. */
static Elf64_Word strtab_add(char *tab, size_t *used, const char *s)
{
	size_t off = *used;

	strcpy(tab + off, s);
	*used += strlen(s) + 1;
	return (Elf64_Word)off;
}

static void section(struct image *im, unsigned i, Elf64_Word name, Elf64_Word type,
		    Elf64_Addr addr, Elf64_Off off, Elf64_Xword size)
{
	im->sh[i] = (Elf64_Shdr){ .sh_name = name, .sh_type = type, .sh_addr = addr,
				  .sh_offset = off, .sh_size = size, .sh_addralign = 1 };
}

static void build(struct image *im)
{
	size_t shs = 1, sts = 1;

	memset(im, 0, sizeof(*im));
	memcpy(im->eh.e_ident, ELFMAG, SELFMAG);
	im->eh.e_ident[EI_CLASS] = ELFCLASS64;
	im->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh.e_ident[EI_VERSION] = EV_CURRENT;
	im->eh.e_type = ET_EXEC;
	im->eh.e_machine = EM_X86_64;
	im->eh.e_version = EV_CURRENT;
	im->eh.e_entry = ENTRY;
	im->eh.e_phoff = OFF(ph);
	im->eh.e_shoff = OFF(sh);
	im->eh.e_ehsize = sizeof(Elf64_Ehdr);
	im->eh.e_phentsize = sizeof(Elf64_Phdr);
	im->eh.e_phnum = P_COUNT;
	im->eh.e_shentsize = sizeof(Elf64_Shdr);
	im->eh.e_shnum = S_COUNT;
	im->eh.e_shstrndx = S_SHSTRTAB;

	im->ph[P_TEXT] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = OFF(text),
				       .p_vaddr = TEXT_VADDR, .p_paddr = TEXT_VADDR,
				       .p_filesz = sizeof(im->text), .p_memsz = sizeof(im->text), .p_align = 16 };
	/* Not PT_LOAD, and deliberately nonsense: it must be ignored. */
	im->ph[P_NOTE] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = UINT64_MAX, .p_filesz = 99, .p_memsz = 1 };
	im->ph[P_DATA] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = OFF(data),
				       .p_vaddr = DATA_VADDR, .p_paddr = DATA_VADDR,
				       .p_filesz = sizeof(im->data), .p_memsz = DATA_MEMSZ, .p_align = 8 };

	for (unsigned i = 0; i < sizeof(im->text); i++)
		im->text[i] = 0x90;                  /* nop */
	memcpy(im->data, "DATA1234", 8);
	memcpy(im->pvsites, "PVSTsite-records", 16);

	section(im, S_TEXT, strtab_add(im->shstrtab, &shs, ".text"), SHT_PROGBITS,
		TEXT_VADDR, OFF(text), sizeof(im->text));
	section(im, S_DATA, strtab_add(im->shstrtab, &shs, ".data"), SHT_PROGBITS,
		DATA_VADDR, OFF(data), sizeof(im->data));
	section(im, S_BSS, strtab_add(im->shstrtab, &shs, ".bss"), SHT_NOBITS,
		DATA_VADDR + sizeof(im->data), UINT64_MAX / 2, DATA_MEMSZ - sizeof(im->data));
	section(im, S_PVSITES, strtab_add(im->shstrtab, &shs, ".pvsites"), SHT_PROGBITS,
		0, OFF(pvsites), sizeof(im->pvsites));
	section(im, S_SHSTRTAB, strtab_add(im->shstrtab, &shs, ".shstrtab"), SHT_STRTAB,
		0, OFF(shstrtab), sizeof(im->shstrtab));
	section(im, S_SYMTAB, strtab_add(im->shstrtab, &shs, ".symtab"), SHT_SYMTAB,
		0, OFF(sym), sizeof(im->sym));
	im->sh[S_SYMTAB].sh_link = S_STRTAB;
	im->sh[S_SYMTAB].sh_entsize = sizeof(Elf64_Sym);
	section(im, S_STRTAB, strtab_add(im->shstrtab, &shs, ".strtab"), SHT_STRTAB,
		0, OFF(strtab), sizeof(im->strtab));

	im->sym[1] = (Elf64_Sym){ .st_name = strtab_add(im->strtab, &sts, "_start"),
				  .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC), .st_shndx = S_TEXT,
				  .st_value = ENTRY, .st_size = 12 };
	im->sym[2] = (Elf64_Sym){ .st_name = strtab_add(im->strtab, &sts, "counter"),
				  .st_info = ELF64_ST_INFO(STB_LOCAL, STT_OBJECT), .st_shndx = S_DATA,
				  .st_value = DATA_VADDR, .st_size = 8 };
	im->sym[3] = (Elf64_Sym){ .st_name = strtab_add(im->strtab, &sts, "pvsite_table"),
				  .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE), .st_shndx = S_PVSITES };
}

static int open_im(const struct image *im, struct elf64_file *f)
{
	return elf64_open(f, im, sizeof(*im));
}

static int open_exec_im(const struct image *im)
{
	struct elf64_file f;

	return elf64_open_exec(&f, im, sizeof(*im));
}

static void test_open_good(void **state)
{
	struct image im;
	struct elf64_file f;

	(void)state;
	build(&im);
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(f.type, ET_EXEC);
	assert_int_equal(f.entry, ENTRY);
	assert_int_equal(f.phnum, P_COUNT);
	assert_int_equal(f.shnum, S_COUNT);
	assert_int_equal(f.shstrndx, S_SHSTRTAB);
	assert_int_equal(elf64_open_exec(&f, &im, sizeof(im)), ELF64_OK);
}

static void test_load_segments(void **state)
{
	struct image im;
	struct elf64_file f;
	struct elf64_segment seg;
	unsigned cursor = 0;

	(void)state;
	build(&im);
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_load_count(&f), 2);   /* the PT_NOTE is not counted */

	assert_int_equal(elf64_load_next(&f, &cursor, &seg), ELF64_OK);
	assert_int_equal(seg.vaddr, TEXT_VADDR);
	assert_int_equal(seg.filesz, 16);
	assert_int_equal(seg.memsz, 16);
	assert_int_equal(seg.flags, ELF64_PF_R | ELF64_PF_X);
	assert_ptr_equal(seg.data, im.text);

	assert_int_equal(elf64_load_next(&f, &cursor, &seg), ELF64_OK);
	assert_int_equal(seg.vaddr, DATA_VADDR);
	assert_int_equal(seg.filesz, 8);
	assert_int_equal(seg.memsz, DATA_MEMSZ);
	assert_int_equal(seg.flags, ELF64_PF_R | ELF64_PF_W);
	assert_memory_equal(seg.data, "DATA1234", 8);

	assert_int_equal(elf64_load_next(&f, &cursor, &seg), ELF64_E_NOTFOUND);
	assert_int_equal(elf64_load_next(&f, &cursor, &seg), ELF64_E_NOTFOUND);
}

/*
 * Program header tables are bounded as Linux bounds them (64 KiB), and
 * walked once: the largest table allowed, every entry a PT_LOAD, takes
 * one pass, and one entry more is refused before any work.
 */
static void test_many_phdrs(void **state)
{
	size_t n = ELF64_MAX_PHDRS, size = sizeof(struct image) + (n + 1) * sizeof(Elf64_Phdr);
	uint8_t *buf = calloc(1, size);
	struct image *im = (struct image *)buf;
	Elf64_Phdr *ph = (Elf64_Phdr *)(buf + sizeof(struct image));
	struct elf64_file f;
	struct elf64_segment seg;
	unsigned cursor = 0, visited = 0;
	int rc;

	(void)state;
	assert_non_null(buf);
	build(im);
	for (size_t i = 0; i <= n; i++)
		ph[i] = im->ph[P_TEXT];
	im->eh.e_phoff = sizeof(struct image);
	im->eh.e_phnum = (Elf64_Half)n;
	assert_int_equal(elf64_open(&f, buf, size), ELF64_OK);
	while ((rc = elf64_load_next(&f, &cursor, &seg)) == ELF64_OK)
		visited++;
	assert_int_equal(rc, ELF64_E_NOTFOUND);
	assert_int_equal(visited, n);
	assert_int_equal(cursor, n);
	im->eh.e_phnum = (Elf64_Half)(n + 1);
	assert_int_equal(elf64_open(&f, buf, size), ELF64_E_PHDR);
	free(buf);
}

static void test_find_section(void **state)
{
	struct image im;
	struct elf64_file f;
	struct elf64_section sec;

	(void)state;
	build(&im);
	assert_int_equal(open_im(&im, &f), ELF64_OK);

	assert_int_equal(elf64_find_section(&f, ".pvsites", &sec), ELF64_OK);
	assert_string_equal(sec.name, ".pvsites");
	assert_int_equal(sec.type, SHT_PROGBITS);
	assert_int_equal(sec.size, 16);
	assert_ptr_equal(sec.data, im.pvsites);

	assert_int_equal(elf64_find_section(&f, ".text", &sec), ELF64_OK);
	assert_int_equal(sec.addr, TEXT_VADDR);

	/* NOBITS: no data, and its (absurd) offset is never used. */
	assert_int_equal(elf64_find_section(&f, ".bss", &sec), ELF64_OK);
	assert_null(sec.data);
	assert_int_equal(sec.size, DATA_MEMSZ - 8);

	assert_int_equal(elf64_find_section(&f, ".tex", &sec), ELF64_E_NOTFOUND);
	assert_int_equal(elf64_find_section(&f, ".textx", &sec), ELF64_E_NOTFOUND);
	assert_int_equal(elf64_find_section(&f, ".nope", &sec), ELF64_E_NOTFOUND);
}

static void test_symbols(void **state)
{
	static const struct { const char *name; uint64_t value, size; unsigned type; } want[] = {
		{ "", 0, 0, STT_NOTYPE },
		{ "_start", ENTRY, 12, STT_FUNC },
		{ "counter", DATA_VADDR, 8, STT_OBJECT },
		{ "pvsite_table", 0, 0, STT_NOTYPE },
	};
	struct image im;
	struct elf64_file f;
	const char *name;
	uint64_t value, size;
	unsigned type, i;

	(void)state;
	build(&im);
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	for (i = 0; elf64_symbol(&f, i, &name, &value, &size, &type) == ELF64_OK; i++) {
		assert_true(i < 4);
		assert_string_equal(name, want[i].name);
		assert_int_equal(value, want[i].value);
		assert_int_equal(size, want[i].size);
		assert_int_equal(type, want[i].type);
	}
	assert_int_equal(i, 4);
	assert_int_equal(elf64_symbol(&f, 4, &name, NULL, NULL, NULL), ELF64_E_NOTFOUND);
	assert_int_equal(elf64_symbol(&f, 1, NULL, NULL, NULL, NULL), ELF64_OK);
}

static void test_short(void **state)
{
	struct image im;
	struct elf64_file f;

	(void)state;
	build(&im);
	for (size_t len = 0; len < sizeof(Elf64_Ehdr); len++)
		assert_int_equal(elf64_open(&f, &im, len), ELF64_E_SHORT);
}

static void test_bad_magic(void **state)
{
	struct image im;

	(void)state;
	for (int i = 0; i < SELFMAG; i++) {
		struct elf64_file f;

		build(&im);
		im.eh.e_ident[i] ^= 0x20;
		assert_int_equal(open_im(&im, &f), ELF64_E_MAGIC);
	}
}

static void test_bad_class(void **state)
{
	struct image im;
	struct elf64_file f;

	(void)state;
	build(&im);
	im.eh.e_ident[EI_DATA] = ELFDATA2MSB;
	assert_int_equal(open_im(&im, &f), ELF64_E_CLASS);
	build(&im);
	im.eh.e_ident[EI_VERSION] = 0;
	assert_int_equal(open_im(&im, &f), ELF64_E_CLASS);
	build(&im);
	im.eh.e_version = 2;
	assert_int_equal(open_im(&im, &f), ELF64_E_CLASS);
	build(&im);
	im.eh.e_ident[EI_CLASS] = ELFCLASSNONE;
	assert_int_equal(open_im(&im, &f), ELF64_E_CLASS);
}

/* A genuine 32-bit header (i386), padded so it is not merely short. */
static void test_elf32(void **state)
{
	uint8_t buf[128] = { 0 };
	Elf32_Ehdr eh = { 0 };
	struct elf64_file f;

	(void)state;
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS32;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_386;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof(eh);
	memcpy(buf, &eh, sizeof(eh));
	assert_int_equal(elf64_open(&f, buf, sizeof(buf)), ELF64_E_CLASS);
	assert_int_equal(elf64_open_exec(&f, buf, sizeof(buf)), ELF64_E_CLASS);
}

static void test_wrong_machine(void **state)
{
	static const uint16_t machines[] = { EM_NONE, EM_386, EM_AARCH64, EM_RISCV, EM_X86_64 + 1 };
	struct image im;
	struct elf64_file f;

	(void)state;
	for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++) {
		build(&im);
		im.eh.e_machine = machines[i];
		assert_int_equal(open_im(&im, &f), ELF64_E_MACHINE);
	}
}

static void test_type(void **state)
{
	struct image im;
	struct elf64_file f;

	(void)state;
	build(&im);
	im.eh.e_type = ET_DYN;
	assert_int_equal(open_im(&im, &f), ELF64_OK);     /* fine for reading */
	assert_int_equal(open_exec_im(&im), ELF64_E_TYPE);
	im.eh.e_type = ET_REL;
	assert_int_equal(open_exec_im(&im), ELF64_E_TYPE);
}

static void test_bad_phdr_table(void **state)
{
	struct image im;
	struct elf64_file f;

	(void)state;
	build(&im);
	im.eh.e_phoff = sizeof(im) - sizeof(Elf64_Phdr) * P_COUNT + 1;   /* one byte past */
	assert_int_equal(open_im(&im, &f), ELF64_E_PHDR);
	build(&im);
	im.eh.e_phoff = sizeof(im) + 1;
	assert_int_equal(open_im(&im, &f), ELF64_E_PHDR);
	build(&im);
	im.eh.e_phoff = UINT64_MAX - 8;        /* phoff + table size wraps */
	assert_int_equal(open_im(&im, &f), ELF64_E_PHDR);
	build(&im);
	im.eh.e_phentsize = 32;
	assert_int_equal(open_im(&im, &f), ELF64_E_PHDR);
	build(&im);
	im.eh.e_phnum = 0xffff;
	assert_int_equal(open_im(&im, &f), ELF64_E_PHDR);

	/* Ending exactly at the end of the file is fine (it replaces the shdrs). */
	build(&im);
	im.eh.e_shnum = 0;
	im.eh.e_shoff = 0;
	im.eh.e_shstrndx = SHN_UNDEF;
	im.eh.e_phoff = sizeof(im) - sizeof(im.ph);
	memcpy((uint8_t *)&im + im.eh.e_phoff, im.ph, sizeof(im.ph));
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_load_count(&f), 2);
}

static void test_no_phdrs(void **state)
{
	struct image im;
	struct elf64_file f;

	(void)state;
	build(&im);
	im.eh.e_phnum = 0;
	im.eh.e_phoff = UINT64_MAX;        /* ignored when there are none */
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_load_count(&f), 0);
	assert_int_equal(open_exec_im(&im), ELF64_E_ENTRY);
}

static void test_bad_shdr_table(void **state)
{
	struct image im;
	struct elf64_file f;

	(void)state;
	build(&im);
	im.eh.e_shoff = sizeof(im) - sizeof(im.sh) + 1;
	assert_int_equal(open_im(&im, &f), ELF64_E_SHDR);
	build(&im);
	im.eh.e_shoff = UINT64_MAX - 63;
	assert_int_equal(open_im(&im, &f), ELF64_E_SHDR);
	build(&im);
	im.eh.e_shentsize = 40;
	assert_int_equal(open_im(&im, &f), ELF64_E_SHDR);
	build(&im);
	im.eh.e_shstrndx = S_COUNT;
	assert_int_equal(open_im(&im, &f), ELF64_E_SHDR);
	build(&im);
	im.sh[S_SHSTRTAB].sh_offset = sizeof(im) - 8;
	assert_int_equal(open_im(&im, &f), ELF64_E_SHDR);
	build(&im);
	im.sh[S_SHSTRTAB].sh_size = UINT64_MAX;
	assert_int_equal(open_im(&im, &f), ELF64_E_SHDR);
	build(&im);
	im.sh[S_SHSTRTAB].sh_type = SHT_PROGBITS;
	assert_int_equal(open_im(&im, &f), ELF64_E_SHDR);
}

static void test_no_sections(void **state)
{
	struct image im;
	struct elf64_file f;
	struct elf64_section sec;

	(void)state;
	build(&im);
	im.eh.e_shnum = 0;
	im.eh.e_shoff = 0;
	im.eh.e_shstrndx = SHN_UNDEF;
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(open_exec_im(&im), ELF64_OK);
	assert_int_equal(elf64_find_section(&f, ".text", &sec), ELF64_E_NOTFOUND);
	assert_int_equal(elf64_symbol(&f, 0, NULL, NULL, NULL, NULL), ELF64_E_NOTFOUND);

	/* Sections but no names: nothing can be found by name. */
	build(&im);
	im.eh.e_shstrndx = SHN_UNDEF;
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_find_section(&f, ".text", &sec), ELF64_E_NOTFOUND);
}

static void test_bad_segments(void **state)
{
	struct image im;
	struct elf64_file f;
	struct elf64_segment seg;
	unsigned cursor;

	(void)state;
	build(&im);
	im.ph[P_DATA].p_filesz = DATA_MEMSZ + 1;                /* filesz > memsz */
	assert_int_equal(open_im(&im, &f), ELF64_E_SEGMENT);
	build(&im);
	im.ph[P_TEXT].p_offset = sizeof(im) - 15;              /* data one byte past the end */
	assert_int_equal(open_im(&im, &f), ELF64_E_SEGMENT);
	build(&im);
	im.ph[P_TEXT].p_offset = sizeof(im) + 1;               /* zero-size? still out of the file */
	im.ph[P_TEXT].p_filesz = 0;
	assert_int_equal(open_im(&im, &f), ELF64_E_SEGMENT);
	build(&im);
	im.ph[P_TEXT].p_offset = UINT64_MAX - 8;               /* offset + filesz wraps */
	assert_int_equal(open_im(&im, &f), ELF64_E_SEGMENT);
	build(&im);
	im.ph[P_DATA].p_filesz = UINT64_MAX;
	im.ph[P_DATA].p_memsz = UINT64_MAX;
	assert_int_equal(open_im(&im, &f), ELF64_E_SEGMENT);
	build(&im);
	im.ph[P_DATA].p_vaddr = UINT64_MAX - DATA_MEMSZ + 2;  /* vaddr + memsz wraps */
	assert_int_equal(open_im(&im, &f), ELF64_E_SEGMENT);

	/* Exactly at the end of the file and of the address space minus one: fine. */
	build(&im);
	im.ph[P_DATA].p_offset = sizeof(im) - 8;
	im.ph[P_DATA].p_vaddr = UINT64_MAX - DATA_MEMSZ;
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	cursor = 0;
	assert_int_equal(elf64_load_next(&f, &cursor, &seg), ELF64_OK);
	assert_int_equal(elf64_load_next(&f, &cursor, &seg), ELF64_OK);
	assert_ptr_equal(seg.data + seg.filesz, (const uint8_t *)&im + sizeof(im));
}

static void test_entry(void **state)
{
	struct image im;

	(void)state;
	build(&im);
	im.eh.e_entry = TEXT_VADDR;
	assert_int_equal(open_exec_im(&im), ELF64_OK);
	im.eh.e_entry = TEXT_VADDR + 15;                     /* last byte of the code */
	assert_int_equal(open_exec_im(&im), ELF64_OK);
	im.eh.e_entry = TEXT_VADDR + 16;                     /* one past it */
	assert_int_equal(open_exec_im(&im), ELF64_E_ENTRY);
	im.eh.e_entry = TEXT_VADDR - 1;
	assert_int_equal(open_exec_im(&im), ELF64_E_ENTRY);
	im.eh.e_entry = 0;
	assert_int_equal(open_exec_im(&im), ELF64_E_ENTRY);
	im.eh.e_entry = DATA_VADDR + 4;                      /* loaded, but not executable */
	assert_int_equal(open_exec_im(&im), ELF64_E_ENTRY);

	build(&im);
	im.ph[P_TEXT].p_flags = PF_R;                         /* the code segment loses X */
	assert_int_equal(open_exec_im(&im), ELF64_E_ENTRY);
	im.ph[P_DATA].p_flags = PF_R | PF_X;                  /* another one gains it */
	im.eh.e_entry = DATA_VADDR + DATA_MEMSZ - 1;          /* in its bss part: memsz counts */
	assert_int_equal(open_exec_im(&im), ELF64_OK);
}

static void test_bad_sections(void **state)
{
	struct image im;
	struct elf64_file f;
	struct elf64_section sec;

	(void)state;
	build(&im);
	im.sh[S_PVSITES].sh_offset = sizeof(im) - 8;           /* data runs past the end */
	assert_int_equal(open_im(&im, &f), ELF64_OK);          /* checked when used */
	assert_int_equal(elf64_find_section(&f, ".pvsites", &sec), ELF64_E_SHDR);

	build(&im);
	im.sh[S_PVSITES].sh_size = UINT64_MAX;
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_find_section(&f, ".pvsites", &sec), ELF64_E_SHDR);

	/* A name offset outside .shstrtab. */
	build(&im);
	im.sh[S_DATA].sh_name = sizeof(im.shstrtab);
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_find_section(&f, ".pvsites", &sec), ELF64_E_SHDR);

	/* An unterminated .shstrtab: the last name runs into its end. */
	build(&im);
	memset(im.shstrtab, 'A', sizeof(im.shstrtab));
	im.sh[S_TEXT].sh_name = sizeof(im.shstrtab) - 4;
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_find_section(&f, "AAAA", &sec), ELF64_E_SHDR);
}

static void test_bad_symtab(void **state)
{
	struct image im;
	struct elf64_file f;
	const char *name;

	(void)state;
	build(&im);
	im.sh[S_SYMTAB].sh_entsize = 16;
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_symbol(&f, 1, &name, NULL, NULL, NULL), ELF64_E_SHDR);

	build(&im);
	im.sh[S_SYMTAB].sh_size = sizeof(im) + 24;
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_symbol(&f, 1, &name, NULL, NULL, NULL), ELF64_E_SHDR);

	build(&im);
	im.sh[S_SYMTAB].sh_link = S_COUNT;
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_symbol(&f, 1, &name, NULL, NULL, NULL), ELF64_E_SHDR);

	build(&im);
	im.sh[S_SYMTAB].sh_link = S_TEXT;                       /* not a string table */
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_symbol(&f, 1, &name, NULL, NULL, NULL), ELF64_E_SHDR);

	build(&im);
	im.sh[S_STRTAB].sh_offset = sizeof(im) - 4;
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_symbol(&f, 1, &name, NULL, NULL, NULL), ELF64_E_SHDR);

	build(&im);
	im.sym[2].st_name = sizeof(im.strtab);                  /* past the string table */
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_symbol(&f, 1, &name, NULL, NULL, NULL), ELF64_OK);
	assert_int_equal(elf64_symbol(&f, 2, &name, NULL, NULL, NULL), ELF64_E_SHDR);

	build(&im);
	im.sh[S_SYMTAB].sh_type = SHT_PROGBITS;                 /* stripped */
	assert_int_equal(open_im(&im, &f), ELF64_OK);
	assert_int_equal(elf64_symbol(&f, 0, &name, NULL, NULL, NULL), ELF64_E_NOTFOUND);
}

/* Everything an opened file hands out must lie inside [base, base + len). */
static void check_all_in_bounds(const struct elf64_file *f, const uint8_t *base, size_t len)
{
	static const char *const names[] = { ".text", ".data", ".bss", ".pvsites", ".shstrtab", ".symtab", ".strtab" };
	struct elf64_segment seg;
	struct elf64_section sec;
	const char *name;

	for (unsigned cursor = 0; cursor < f->phnum;) {
		if (elf64_load_next(f, &cursor, &seg) != ELF64_OK)
			continue;
		assert_true(seg.data >= base && seg.data + seg.filesz <= base + len);
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (elf64_find_section(f, names[i], &sec) != ELF64_OK || !sec.data)
			continue;
		assert_true(sec.data >= base && sec.data + sec.size <= base + len);
		assert_true((const uint8_t *)sec.name >= base && (const uint8_t *)sec.name < base + len);
	}
	for (unsigned i = 0; elf64_symbol(f, i, &name, NULL, NULL, NULL) == ELF64_OK; i++)
		assert_true((const uint8_t *)name >= base && (const uint8_t *)name + strlen(name) < base + len);
}

/*
 * Cut the file at every length, with and without section headers, each cut
 * in an exact-size heap block so a sanitizer or valgrind sees any overread.
 */
static void test_truncated_every_length(void **state)
{
	(void)state;
	for (int variant = 0; variant < 2; variant++) {
		struct image im;

		build(&im);
		if (variant == 1) {
			im.eh.e_shnum = 0;
			im.eh.e_shoff = 0;
			im.eh.e_shstrndx = SHN_UNDEF;
		}
		for (size_t len = 0; len <= sizeof(im); len++) {
			uint8_t *cut = malloc(len ? len : 1);
			struct elf64_file f;
			int rc;

			assert_non_null(cut);
			memcpy(cut, &im, len);
			rc = elf64_open(&f, cut, len);
			if (len == sizeof(im))
				assert_int_equal(rc, ELF64_OK);
			else if (len < sizeof(Elf64_Ehdr))
				assert_int_equal(rc, ELF64_E_SHORT);
			else if (variant == 0)
				assert_true(rc == ELF64_E_PHDR || rc == ELF64_E_SHDR);
			else
				assert_true(rc == ELF64_E_PHDR || rc == ELF64_E_SEGMENT || rc == ELF64_OK);
			if (rc == ELF64_OK)
				check_all_in_bounds(&f, cut, len);
			free(cut);
		}
	}
}

static void test_strerror(void **state)
{
	(void)state;
	for (int err = ELF64_E_ENTRY; err <= ELF64_OK; err++) {
		assert_non_null(elf64_strerror(err));
		assert_string_not_equal(elf64_strerror(err), elf64_strerror(-100));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_good),
		cmocka_unit_test(test_load_segments),
		cmocka_unit_test(test_many_phdrs),
		cmocka_unit_test(test_find_section),
		cmocka_unit_test(test_symbols),
		cmocka_unit_test(test_short),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_bad_class),
		cmocka_unit_test(test_elf32),
		cmocka_unit_test(test_wrong_machine),
		cmocka_unit_test(test_type),
		cmocka_unit_test(test_bad_phdr_table),
		cmocka_unit_test(test_no_phdrs),
		cmocka_unit_test(test_bad_shdr_table),
		cmocka_unit_test(test_no_sections),
		cmocka_unit_test(test_bad_segments),
		cmocka_unit_test(test_entry),
		cmocka_unit_test(test_bad_sections),
		cmocka_unit_test(test_bad_symtab),
		cmocka_unit_test(test_truncated_every_length),
		cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
