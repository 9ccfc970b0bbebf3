/*
 * bench_lat_ops.c — the names of lat's ops.
 *
 * The same list, in the same order, as the ops table in user/lat.c: the
 * parser insists on exactly these, so a renamed or added op there is an
 * error here until this list follows, never a silently missing column.
 */
#include <string.h>
#include "tools/proteus/bench.h"

const char *const benchlat_ops[BENCHLAT_NOPS] = {
	"null_syscall", "null_read", "null_write", "stat", "open_close", "sig_install",
	"sig_handle", "prot_fault", "page_fault", "mmap_1m", "fork_exit", "fork_exec",
	"fork_sh", "ctx_2p_0k", "ctx_2p_16k", "ctx_2p_64k", "fork_16m",
};

int benchlat_op_index(const char *s, size_t len)
{
	for (int i = 0; i < BENCHLAT_NOPS; i++)
		if (strlen(benchlat_ops[i]) == len && memcmp(benchlat_ops[i], s, len) == 0)
			return i;
	return -1;
}
