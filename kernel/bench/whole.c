/*
 * whole.c — the whole-kernel benchmark (boot option bench.whole): the
 * instructions one fixed workload takes, from kmain's first instruction to
 * the end of the workload, less the deliberate spinning (busywait.h).
 *
 * Under `qemu -icount shift=0` the TSC counts guest instructions, so the
 * same workload on each build (PARAVIRT=0, patched, pv.patch=0) gives the
 * native tax of pv_ops on ordinary kernel work, not on one op in a loop.
 * The workload never sleeps or idles: an idle CPU's TSC keeps advancing
 * with virtual time, which would count nothing the kernel did.  It is
 * the boot, then processes, address spaces, page-table windows and irq
 * flag changes, in fixed numbers.  The patch pass is part of every boot
 * and so of the count; it is also reported on its own (patching=), so a
 * reader can tell the one-time cost from the steady-state one.
 */
#include "bench.h"
#include "busywait.h"
#include "options.h"
#include "printk.h"
#include "panic.h"
#include "proc.h"
#include "mm.h"
#include "pv/ops.h"
#include "pv/backend.h"
#include "x86/insn.h"

/* Mostly processes (what a kernel does all day), some page-table windows
 * and address spaces without a process, some irq-flag traffic. */
#define RUNS 32
#define WINDOWS 16
#define WINDOW_PAGES 32
#define SPACES 16
#define FLAG_FLIPS 1000

bool bench_whole;
static u64 kmain_tsc;
KOPT_FLAG(bench_whole, "bench.whole", bench_whole,
	  "count the instructions of the boot plus a fixed workload (under -icount)");

void bench_whole_mark_start(void)
{
	kmain_tsc = x86_rdtsc();
}

/* False (and says why) if a run of the program failed: the count would
 * then be of a different workload. */
static bool workload(void)
{
	static char out[256];
	struct proc_result r;
	struct mm mm;
	u64 va = IOREMAP_BASE + IOREMAP_SIZE - (WINDOW_PAGES + 512) * PAGE_SIZE, pa = frame_alloc();
	unsigned i, j;

	for (i = 0; i < RUNS; i++)
		if (!proc_run_path("/bin/hello", &r, out, sizeof(out)) || r.killed || r.exit_code) {
			pr_err("bench: whole-kernel: run %u of /bin/hello failed: %s\n", i,
			       r.error[0] ? r.error : "non-zero exit");
			return false;
		}
	for (i = 0; i < WINDOWS; i++) {
		lazy_enter_mmu();
		for (j = 0; j < WINDOW_PAGES; j++)
			paging_map(&kernel_mm, va + j * PAGE_SIZE, pa, PTE_W | pte_nx);
		lazy_leave_mmu();
		paging_unmap_range(&kernel_mm, va, WINDOW_PAGES, NULL);
	}
	frame_free(pa);
	for (i = 0; i < SPACES; i++)
		if (mm_create(&mm))
			mm_destroy(&mm);
	for (i = 0; i < FLAG_FLIPS; i++)
		irq_restore(irq_save());
	return true;
}

int bench_whole_run(void)
{
	u64 total;

	if (!workload())
		return SHUTDOWN_FAIL;
	total = x86_rdtsc() - kmain_tsc;
	kprintf("bench: whole-kernel workload: %u runs of /bin/hello, %u windows of %u page maps "
		"and a ranged unmap, %u address spaces built and torn down, %u irq save/restore "
		"pairs\n", RUNS, WINDOWS, WINDOW_PAGES, SPACES, FLAG_FLIPS);
	kprintf("bench: whole-kernel backend=%s instructions=%llu spinning=%llu patching=%llu\n",
		pv_info.name, (unsigned long long)(total - busywait_total()),
		(unsigned long long)busywait_total(), (unsigned long long)pv_patch_ticks());
	return SHUTDOWN_OK;
}
