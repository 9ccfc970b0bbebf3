/*
 * syscall.c — the dispatch table, built from the .syscalls section at
 * boot, and the work every system call does on its way out.
 *
 * The original number stays in the frame's error_code slot for the whole
 * call (Linux's orig_rax): signal delivery needs it to restart a call.
 * Numbers nobody implements return -ENOSYS and are counted, so a program
 * that needs more of the ABI says which calls (syscall.stats=1).
 */
#include "syscall.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "options.h"
#include "printk.h"
#include "panic.h"
#include "percpu.h"
#include "pv/ops.h"

extern const struct syscall_desc *const __syscalls_start[], *const __syscalls_end[];
static const struct syscall_desc *table[SYS_TABLE_SIZE];
static u32 unknown_count[SYS_TABLE_SIZE + 1];   /* the last: numbers past the table */
static DEFINE_PER_CPU(bool, full_return);
static bool stats_enabled, trace_enabled;
KOPT_BOOL(syscall_stats, "syscall.stats", stats_enabled,
	  "list the system calls programs made that do not exist here, at shutdown");
KOPT_BOOL(syscall_trace, "syscall.trace", trace_enabled,
	  "print every system call with its first arguments and result (a small strace)");

void syscall_init(void)
{
	const struct syscall_desc *const *d;

	for (d = __syscalls_start; d < __syscalls_end; d++) {
		if ((*d)->nr >= SYS_TABLE_SIZE)
			panic("syscall: %s has number %u, past the table", (*d)->name, (*d)->nr);
		if (table[(*d)->nr])
			panic("syscall: %u defined twice (%s, %s)", (*d)->nr,
			      table[(*d)->nr]->name, (*d)->name);
		table[(*d)->nr] = *d;
	}
}

void syscall_need_full_return(void)
{
	this_cpu_write(full_return, true);
}

/* Returning to user mode: a switch if the slice is over, then signals. */
static bool user_return_work(struct trap_frame *f)
{
	bool rewritten;

	sched_user_return();
	rewritten = signal_deliver(f);
	return rewritten;
}

bool syscall_dispatch(struct trap_frame *f)
{
	u64 nr = f->rax;
	long ret;
	bool full;

	f->error_code = nr;
	this_cpu_write(full_return, false);
	if (nr < SYS_TABLE_SIZE && table[nr]) {
		ret = table[nr]->fn(f);
	} else {
		unknown_count[nr < SYS_TABLE_SIZE ? nr : SYS_TABLE_SIZE]++;
		ret = -ENOSYS;
	}
	f->rax = (u64)ret;
	if (trace_enabled)
		pr_info("syscall: pid %d %s(%#llx, %#llx, %#llx) = %ld\n", proc_current()->pid,
			nr < SYS_TABLE_SIZE && table[nr] ? table[nr]->name : "unknown",
			(unsigned long long)f->rdi, (unsigned long long)f->rsi,
			(unsigned long long)f->rdx, ret);
	irq_disable();
	full = user_return_work(f) || this_cpu_read(full_return);
	/* sysret needs a canonical user rip; anything else goes through iret. */
	return full || f->rip >= USER_TOP;
}

/* The same work for traps and interrupts that return to user mode. */
void trap_user_return(struct trap_frame *f)
{
	user_return_work(f);
}

void syscall_stats_report(void)
{
	unsigned nr;

	if (!stats_enabled)
		return;
	for (nr = 0; nr <= SYS_TABLE_SIZE; nr++)
		if (unknown_count[nr])
			pr_info("syscall: %s%u not implemented, called %u times\n",
				nr == SYS_TABLE_SIZE ? "numbers >= " : "", nr, unknown_count[nr]);
}
