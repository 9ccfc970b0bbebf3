/*
 * tail.h — keeping the last lines of the guest's output.
 *
 * The output streams through untouched; the tail keeps only its last
 * TAIL_BYTES so a timeout can show where the guest got to.
 */
#ifndef PROTEUS_TOOL_TAIL_H
#define PROTEUS_TOOL_TAIL_H

#include <stddef.h>
#include <stdio.h>

#define TAIL_BYTES 16384u

struct tail {
	char ring[TAIL_BYTES];
	size_t total;            /* bytes pushed so far */
};

void tail_init(struct tail *t);
void tail_push(struct tail *t, const char *p, size_t n);
/*
 * Write the last n lines to out, each ending in '\n' (a final line without
 * one counts too; carriage returns are dropped).  Returns lines written.
 */
unsigned tail_print(const struct tail *t, unsigned n, FILE *out);

#endif
