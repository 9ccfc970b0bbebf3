/*
 * idle.c — halting the CPU until the next interrupt, and keeping count of
 * the TSC ticks spent so.  A benchmark that waits for a device (a disk
 * read in flight) sees its waiting in the TSC; under QEMU's -icount the
 * TSC is virtual time, which jumps ahead while the CPU is halted, so
 * instructions executed are the TSC difference less the idle ticks
 * (/dev/cpu_idle reads this CPU's count; devfs.c).
 */
#include "clock.h"
#include "percpu.h"
#include "pv/ops.h"
#include "x86/insn.h"

static DEFINE_PER_CPU(u64, idle_tsc);

void clock_halt(void)
{
	u64 t0 = x86_rdtsc();

	safe_halt();
	this_cpu_write(idle_tsc, this_cpu_read(idle_tsc) + (x86_rdtsc() - t0));
}

u64 clock_idle_tsc(void)
{
	return this_cpu_read(idle_tsc);
}
