/*
 * sites.h — checking a kernel's patch-site table and counting its sites.
 *
 * Pure logic: everything here works on byte ranges the caller has already
 * pulled out of an ELF (sites_elf.c does that), so the tests can feed it
 * synthetic tables.  Nothing here prints or allocates beyond scratch space.
 */
#ifndef PROTEUS_TOOL_SITES_H
#define PROTEUS_TOOL_SITES_H

#include <stddef.h>
#include <stdint.h>
#include "tools/proteus/pvops.h"

/* One PT_LOAD segment: where its file bytes appear in memory. */
struct sites_segment {
	uint64_t vaddr;
	uint64_t filesz;
	uint64_t memsz;
	uint32_t flags;          /* ELF64_PF_* (X = 1, W = 2, R = 4) */
	const uint8_t *data;     /* filesz bytes */
};

/* The three sections of the site ABI plus the loaded image. */
struct sites_image {
	const uint8_t *abi;   size_t abi_size;     /* .pvsite_abi */
	const uint8_t *recs;  size_t recs_size;    /* .pvsites */
	const uint8_t *slots; size_t slots_size;   /* .pvslots */
	const struct sites_segment *segs;
	unsigned nsegs;
};

enum sites_err {
	SITES_OK = 0,
	SITES_E_ABI_SIZE,     /* .pvsite_abi missing or not one header */
	SITES_E_MAGIC,
	SITES_E_VERSION,
	SITES_E_RECORD_SIZE,
	SITES_E_NR_OPS,       /* header disagrees with pvops.def */
	SITES_E_TABLE_SIZE,   /* .pvsites not a whole number of records */
	SITES_E_SLOTS_SIZE,   /* .pvslots missing or not nr_ops entries */
	SITES_E_SLOT_ADDR,    /* a slot lies outside every loaded segment */
	SITES_E_OP_RANGE,     /* record's op >= nr_ops */
	SITES_E_CLASS,        /* record names a class-A op */
	SITES_E_CLOBBERS,     /* clobber set is not what the op's convention allows */
	SITES_E_LEN,          /* len != 6 + pad */
	SITES_E_UNMAPPED,     /* site bytes not in an executable PT_LOAD */
	SITES_E_CALL,         /* bytes are not ff 15 */
	SITES_E_SLOT,         /* call goes through another op's slot */
	SITES_E_PAD,          /* padding is not the one NOP */
	SITES_E_OVERLAP,      /* two sites share bytes */
};

/* One problem found; msg names the site address and op when there is one. */
struct sites_error {
	enum sites_err code;
	uint64_t addr;           /* site address, 0 for table-level errors */
	char msg[256];
};

/* Called once per problem; ctx is passed through. */
typedef void sites_report_fn(void *ctx, const struct sites_error *err);

/* Most ops a census can hold; pvops.def is far below it. */
#define SITES_MAX_OPS 1024u

struct sites_census {
	unsigned nr_ops;
	unsigned sites[SITES_MAX_OPS];   /* per op, class B only */
	uint64_t bytes[SITES_MAX_OPS];   /* sum of len per op */
	unsigned total_sites;
	uint64_t total_bytes;
	unsigned verified;               /* sites whose bytes passed every check */
	int table_ok;                    /* header and sections passed: counts mean something */
};

/*
 * Check the table against ops and count every site into census.  Each
 * problem goes to report (which may be NULL).  Returns the number of
 * problems: 0 means every site verified.  A table-level problem (header,
 * sizes) stops the check and counts as one.
 */
unsigned sites_verify(const struct sites_image *img, const struct pvops *ops,
		      struct sites_census *census, sites_report_fn *report, void *ctx);

/* Number of records in img (0 if the table size is not valid). */
size_t sites_count(const struct sites_image *img);

const char *sites_strerror(enum sites_err code);

#endif
