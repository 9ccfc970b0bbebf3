/*
 * sites_internal.h — shared between sites.c and sites_bytes.c only.
 */
#ifndef PROTEUS_TOOL_SITES_INTERNAL_H
#define PROTEUS_TOOL_SITES_INTERNAL_H

#include "tools/proteus/sites.h"

/* The state of one sites_verify run. */
struct sites_check {
	const struct sites_image *img;
	const struct pvops *ops;
	struct sites_census *census;
	sites_report_fn *report;
	void *ctx;
	unsigned problems;
};

void sites_fail(struct sites_check *c, enum sites_err code, uint64_t addr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* n bytes at p, little-endian (n <= 8). */
uint64_t sites_le(const uint8_t *p, unsigned n);
/* Entry op of .pvslots. */
uint64_t sites_slot(const struct sites_check *c, unsigned op);
/* Decode one record from its on-disk bytes. */
void sites_decode(const uint8_t *p, struct pvsite *rec);

/* True when [addr, addr+len) lies inside one segment's memory image. */
int sites_in_memory(const struct sites_image *img, uint64_t addr, uint64_t len);
/* Compare a record's bytes with the unpatched form; 0 when they match. */
int sites_check_bytes(struct sites_check *c, const struct pvsite *rec, const struct pvop_info *op);
/* Report every pair of records whose byte ranges overlap. */
void sites_check_overlaps(struct sites_check *c);

#endif
