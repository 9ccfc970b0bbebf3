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
 * flag changes, in fixed numbers.
 */
#include "bench.h"
#include "busywait.h"
#include "options.h"
#include "printk.h"
#include "panic.h"
#include "proc.h"
#include "mm.h"
#include "pv/ops.h"
#include "x86/insn.h"

#define RUNS 8
#define WINDOWS 64
#define WINDOW_PAGES 32
#define SPACES 16
#define FLAG_FLIPS 10000

bool bench_whole;
static u64 kmain_tsc;
KOPT_FLAG(bench_whole, "bench.whole", bench_whole,
	  "count the instructions of the boot plus a fixed workload (under -icount)");

void bench_whole_mark_start(void)
{
	kmain_tsc = x86_rdtsc();
}

static void workload(void)
{
	static char out[256];
	struct proc_result r;
	struct mm mm;
	u64 va = IOREMAP_BASE + IOREMAP_SIZE - (WINDOW_PAGES + 512) * PAGE_SIZE, pa = frame_alloc();
	unsigned i, j;

	for (i = 0; i < RUNS; i++)
		proc_run_path("/bin/hello", &r, out, sizeof(out));
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
}

int bench_whole_run(void)
{
	u64 total;

	workload();
	total = x86_rdtsc() - kmain_tsc;
	kprintf("bench: whole-kernel backend=%s instructions=%llu spinning=%llu\n", pv_info.name,
		(unsigned long long)(total - busywait_total()),
		(unsigned long long)busywait_total());
	return SHUTDOWN_OK;
}
