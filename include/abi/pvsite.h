/*
 * pvsite.h — the patch-site ABI, version 5 (2 added lazy.flush_mmu and
 * cpu.fpu_set_ts; 3 made op names unique, added the PURE convention and
 * requires every record's clobbers to be its op's convention, and turned
 * the periodic timer into a one-shot clock event device; 4 made the
 * page-table entry ops take the kernel's form and keep registers, and
 * added pte_read; 5 dropped the site address from patch_site, a
 * backend body being the same at every site of its op).
 *
 * Shared by the kernel (which emits and patches the records) and the host
 * tool (which reads them out of the ELF).  Self-contained: it needs only
 * <stdint.h>-style fixed-width types, which both sides provide.
 *
 * Layout in the kernel image:
 *   section .pvsite_abi  one struct pvsite_header
 *   section .pvsites     an array of struct pvsite, one per class-B call site
 *   section .pvslots     an array of nr_ops little-endian uint64_t: entry i is
 *                        the virtual address of op i's function-pointer slot
 *                        (the memory a site's `call *slot(%rip)` reads), so a
 *                        reader can check that every site calls through the
 *                        slot of the op its record names
 * A kernel built with PARAVIRT=0 has no .pvsites section.
 *
 * Every class-B site starts as the 6 bytes `ff 15 <disp32>`, i.e.
 * `call *slot(%rip)`, followed by `pad` bytes holding one NOP instruction
 * (see pvops.def).  `len` covers both.
 */
#ifndef PROTEUS_ABI_PVSITE_H
#define PROTEUS_ABI_PVSITE_H

#include <stdint.h>

#define PVSITE_ABI_VERSION 5u
#define PVSITE_MAGIC       0x54535650u /* "PVST" little-endian */

/* Section names, as listed above. */
#define PVSITE_ABI_SECTION   ".pvsite_abi"
#define PVSITE_SITES_SECTION ".pvsites"
#define PVSITE_SLOTS_SECTION ".pvslots"

struct pvsite_header {
	uint32_t magic;       /* PVSITE_MAGIC */
	uint32_t version;     /* PVSITE_ABI_VERSION */
	uint32_t record_size; /* sizeof(struct pvsite) */
	uint32_t nr_ops;      /* lines in pvops.def */
};

/* Registers a call site lets its target clobber (x86-64 SysV numbering). */
#define PVCLOBBER_RAX 0x001u
#define PVCLOBBER_RCX 0x002u
#define PVCLOBBER_RDX 0x004u
#define PVCLOBBER_RDI 0x008u
#define PVCLOBBER_RSI 0x010u
#define PVCLOBBER_R8  0x020u
#define PVCLOBBER_R9  0x040u
#define PVCLOBBER_R10 0x080u
#define PVCLOBBER_R11 0x100u
/* An ordinary C call may clobber every caller-saved register. */
#define PVCLOBBER_ANY 0x1ffu
/* A callee-save site may lose only the return register. */
#define PVCLOBBER_CALLEE_SAVE PVCLOBBER_RAX

struct pvsite {
	uint64_t addr;     /* virtual address of the site's first byte */
	uint16_t op;       /* index into pvops.def */
	uint8_t  len;      /* bytes the site occupies, >= PVSITE_CALL_LEN */
	uint8_t  reserved0;
	uint16_t clobbers; /* PVCLOBBER_* the target may clobber */
	uint16_t reserved1;
};

/* The unpatched form: ff 15 disp32 (call *disp32(%rip)). */
#define PVSITE_CALL_LEN 6u

/* Op classes and conventions as spelled in pvops.def. */
enum pvop_class { PVOP_CLASS_A = 'A', PVOP_CLASS_B = 'B' };

#endif
