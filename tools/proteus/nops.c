/*
 * nops.c — the single NOP a site's padding holds.  The kernel emits, and
 * its patcher verifies, exactly lib/pvpatch's form, so the tool asks the
 * same code rather than keeping a table of its own.
 */
#include <stddef.h>
#include "lib/pvpatch.h"
#include "tools/proteus/pvops.h"

const uint8_t *nops_bytes(unsigned len)
{
	static uint8_t forms[PVOPS_MAX_PAD][PVOPS_MAX_PAD];

	if (len == 0 || len > PVOPS_MAX_PAD)
		return NULL;
	pvpatch_nop(forms[len - 1], len);
	return forms[len - 1];
}
