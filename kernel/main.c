/*
 * main.c — kmain, the common path every entry point reaches.
 *
 * By the time kmain runs, the entry has produced a struct boot_info and
 * nothing else has happened.  kmain picks the pv backend and patches, then
 * brings up the rest through pv ops only, and finally runs either the
 * in-kernel tests, the benchmarks, or the init program.
 */
#include "boot_info.h"
#include "options.h"
#include "printk.h"
#include "panic.h"
#include "console.h"
#include "pv/backend.h"
#include "pv/ops.h"
#include "trap.h"
#include "cpu.h"
#include "mm.h"
#include "clock.h"
#include "proc.h"
#include "ktest.h"
#include "bench.h"
#include "initrd.h"
#include "dev/acpi.h"
#include "lib/fmt.h"
#include <string.h>

static char init_path[64] = "/init";
static char crash_kind[8];
KOPT_STRING(init, "init", init_path, "the program to run from the initrd (default /init)");
KOPT_CHOICE(crash, "crash", crash_kind, "fail on purpose after boot, to see a panic report",
	    "fault", "panic");

/* Not inlined: its name in the backtrace is what the crash test looks for. */
static __attribute__((noinline)) void crash_on_purpose(void)
{
	if (!strcmp(crash_kind, "panic"))
		panic("crash=panic requested on the command line");
	if (!strcmp(crash_kind, "fault")) {
		pr_info("crash: writing to an unmapped kernel address\n");
		*(volatile u64 *)0xffffc9003ff00000ull = 1;
	}
}

static int run_init(void)
{
	struct proc_result r;

	pr_info("init: starting %s\n", init_path);
	if (!proc_run_path(init_path, &r, NULL, 0)) {
		pr_err("init: %s\n", r.error);
		return SHUTDOWN_FAIL;
	}
	if (r.killed) {
		pr_err("init: %s was killed: %s\n", init_path, r.error);
		return SHUTDOWN_FAIL;
	}
	pr_info("init: %s exited with status %d\n", init_path, r.exit_code);
	return r.exit_code == 0 ? SHUTDOWN_OK : SHUTDOWN_FAIL;
}

__noreturn void kmain(struct boot_info *bi)
{
	char err[256];
	bool options_ok;
	int code;

	bench_whole_mark_start();
	if (bi->cmdline_overflow) {
		fmt_snprintf(err, sizeof(err), "the command line is %zu%s bytes long; this kernel "
			     "takes at most %u", bi->cmdline_overflow,
			     bi->cmdline_overflow >= (1u << 20) ? " or more" : "", BOOT_CMDLINE_MAX - 1);
		options_ok = false;
	} else {
		options_ok = options_parse(bi->cmdline, err, sizeof(err));
	}

	/* Until mm_init, physical memory is reached through the loader's map. */
	phys_map_offset = bi->boot_phys_offset;
	pv_setup(bi);
	pr_info("Proteus booting: loader %s, command line '%s'\n", bi->loader, bi->cmdline);
	if (bi->boot_error[0])
		panic("boot: %s", bi->boot_error);
	if (!options_ok)
		panic("bad command line: %s", err);

	traps_init();
	mm_init(bi);
	acpi_set_rsdp(bi->acpi_rsdp);
	pv_late_init();
	initrd_init(bi);
	clock_init();
	timer_init();
	clock_start();
	irq_enable();
	pr_info("time: clock running, tick %u Hz\n", CLOCK_HZ);

	crash_on_purpose();
	if (ktest_enabled)
		code = ktest_run_all();
	else if (bench_enabled)
		code = bench_run_all();
	else if (bench_whole)
		code = bench_whole_run();
	else
		code = run_init();
	pv_stats_report();
	pr_info("shutdown: code %d\n", code);
	kernel_shutdown(code);
}
