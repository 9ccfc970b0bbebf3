/*
 * verdict.h — the guest's own statement of how the run ended.
 *
 * Right before it reports its result through the exit device (or Xen's
 * shutdown), the kernel prints one line
 *
 *     proteus-verdict: passed|failed|panic
 *
 * (kernel/core/shutdown.c).  A run counts as passed or failed only when
 * that line was seen and agrees with what the VMM's exit said: a missing
 * or broken emulator that exits 1 without running anything must not look
 * like a pass.  The scanner reads the guest's output as it streams by;
 * the last verdict line wins.
 */
#ifndef PROTEUS_TOOL_VERDICT_H
#define PROTEUS_TOOL_VERDICT_H

#include <stddef.h>

#define VERDICT_PREFIX "proteus-verdict: "

enum verdict {
	VERDICT_NONE = 0,
	VERDICT_PASSED,
	VERDICT_FAILED,
	VERDICT_PANIC,
};

struct verdict_scan {
	char line[64];           /* the start of the current line */
	size_t len;              /* bytes of it seen (may exceed sizeof line) */
	enum verdict last;
};

void verdict_init(struct verdict_scan *v);
void verdict_push(struct verdict_scan *v, const char *p, size_t n);
const char *verdict_name(enum verdict v);

#endif
