/*
 * info.c — pv_info, statically the native values: hardware privilege
 * levels, our GDT selectors and the native copy of the entry code; and
 * the report of the backend's counters (pv.stats=1), in every build.
 */
#include "pv/ops.h"
#include "pv/backend.h"
#include "options.h"
#include "printk.h"
#include "cpu.h"
#include "trap.h"

extern const struct entry_table native_entry_table;

struct pv_info pv_info = {
	.name = "native",
	.kernel_rpl = 0,
	.large_pages = true,
	.kernel_cs = GDT_KERNEL_CS,
	.kernel_ss = GDT_KERNEL_DS,
	.user_cs = GDT_USER_CS | 3,
	.user_ss = GDT_USER_DS | 3,
	.entry = &native_entry_table,
};

static bool pv_stats;
KOPT_FLAG(pv_stats, "pv.stats", pv_stats, "print the backend's counters at shutdown");

void pv_stats_report(void)
{
	if (!pv_stats)
		return;
	if (pv_info.stats_print)
		pv_info.stats_print();
	else
		pr_info("pv: backend %s keeps no counters\n", pv_info.name);
}
