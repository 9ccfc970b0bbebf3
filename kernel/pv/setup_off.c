/*
 * setup_off.c — pv_setup for a PARAVIRT=0 kernel: there is nothing to
 * choose and nothing to patch, but the boot log keeps the same census line
 * so every build can be compared by the same tools.
 */
#include "pv/backend.h"
#include "pv/ops.h"
#include "options.h"
#include "printk.h"
#include "panic.h"
#include <string.h>

struct pv_platform pv_platform;

static char forced_backend[16];
KOPT_STRING(pv_backend, "pv.backend", forced_backend, "force a backend by name (only native here)");

void pv_setup(struct boot_info *bi)
{
	console_init();
	if (forced_backend[0] && strcmp(forced_backend, "native"))
		panic("pv: cannot use backend '%s': this kernel was built with PARAVIRT=0 "
		      "and has only native", forced_backend);
	pr_info("pv: built with PARAVIRT=0: native code called directly, entry %s\n", bi->loader);
	pr_info("pv: backend=native sites=0 inline=0 direct=0 nop=0 ident=0 unpatched=0\n");
}

u64 pv_patch_ticks(void)
{
	return 0;
}

void pv_late_init(void)
{
}
