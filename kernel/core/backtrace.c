/*
 * backtrace.c — frame-pointer backtraces symbolized from the kernel's own
 * symbol table.
 *
 * The kernel is built with frame pointers, so each frame starts with
 * [saved rbp][return address].  The walk trusts nothing: every frame
 * pointer must be aligned, inside memory the kernel maps (its image or the
 * direct map of RAM) and above the previous one, and the walk stops after
 * a fixed depth.
 *
 * The symbol table (.ksyms) is produced by a second link: mk/ksyms.sh reads
 * the first link's symbols and emits sorted addresses and names.
 */
#include "panic.h"
#include "printk.h"
#include "layout.h"
#include "mm.h"

struct ksyms_table {
	u64 count;
	const u64 *addrs;       /* sorted ascending */
	const u32 *name_offs;
	const char *names;
};
extern const struct ksyms_table ksyms;
extern char __kernel_start[], __kernel_end[], __text_end[];

bool ksym_lookup(u64 addr, const char **name, u64 *offset)
{
	u64 lo = 0, hi = ksyms.count;

	if (addr < (u64)__kernel_start || addr >= (u64)__text_end || hi == 0)
		return false;
	/* Find the last symbol at or below addr. */
	while (hi - lo > 1) {
		u64 mid = lo + (hi - lo) / 2;
		if (ksyms.addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (ksyms.addrs[lo] > addr)
		return false;
	*name = ksyms.names + ksyms.name_offs[lo];
	*offset = addr - ksyms.addrs[lo];
	return true;
}

static bool frame_readable(u64 rbp)
{
	if (rbp & 7)
		return false;
	if (rbp >= (u64)__kernel_start && rbp + 16 <= (u64)__kernel_end)
		return true;
	return phys_map_contains(rbp, 16);
}

static void backtrace_line(unsigned depth, u64 rip)
{
	const char *name;
	u64 off;

	if (ksym_lookup(rip, &name, &off))
		kprintf("  #%u %016llx %s+0x%llx\n", depth, (unsigned long long)rip,
			name, (unsigned long long)off);
	else
		kprintf("  #%u %016llx ?\n", depth, (unsigned long long)rip);
}

void backtrace_print(u64 rip, u64 rbp)
{
	unsigned depth = 0;

	kprintf("Backtrace:\n");
	backtrace_line(depth++, rip);
	while (depth < 24 && rbp && frame_readable(rbp)) {
		const u64 *frame = (const u64 *)rbp;
		u64 next = frame[0], ret = frame[1];

		if (ret == 0)
			break;
		/* Return addresses point after the call; show the call itself. */
		backtrace_line(depth++, ret - 1);
		if (next <= rbp)
			break;
		rbp = next;
	}
}
