/*
 * errscan.h — noticing that a VMM complained on stderr.
 *
 * QEMU exits with status 1 both when the guest reports success and when
 * QEMU itself gives up ("qemu: invalid kernel header").  In the second case
 * it prints an error first; warnings ("...: warning: ...") do not count.
 */
#ifndef PROTEUS_TOOL_ERRSCAN_H
#define PROTEUS_TOOL_ERRSCAN_H

#include <stddef.h>

struct errscan {
	char line[256];    /* start of the current line */
	size_t len;        /* bytes of it seen (may exceed sizeof line) */
	int error;         /* a complete non-warning line was seen */
};

void errscan_init(struct errscan *s);
void errscan_push(struct errscan *s, const char *p, size_t n);
/* End of stream: judge a last line that had no newline. */
void errscan_end(struct errscan *s);

#endif
