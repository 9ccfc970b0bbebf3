/*
 * info.c — pv_info, statically the native values: hardware privilege
 * levels, our GDT selectors and the native copy of the entry code.
 */
#include "pv/ops.h"
#include "cpu.h"
#include "trap.h"

extern const struct entry_table native_entry_table;

struct pv_info pv_info = {
	.name = "native",
	.kernel_rpl = 0,
	.kernel_cs = GDT_KERNEL_CS,
	.kernel_ss = GDT_KERNEL_DS,
	.user_cs = GDT_USER_CS | 3,
	.user_ss = GDT_USER_DS | 3,
	.entry = &native_entry_table,
};
