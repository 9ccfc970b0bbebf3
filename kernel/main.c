/*
 * main.c — kmain, the common path every entry point reaches.
 *
 * By the time kmain runs, the entry has produced a struct boot_info and
 * nothing else has happened.  kmain picks the pv backend and patches, then
 * brings up the rest through pv ops only, and finally runs either the
 * in-kernel tests, the benchmarks, or the init program — whose exit ends
 * the machine, with status 0 when init exited 0.
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
#include "vfs.h"
#include "syscall.h"
#include "dev/acpi.h"
#include "initcall.h"
#include "lib/fmt.h"
#include <string.h>

static char init_path[256] = "/init";
/* Everything after " -- " on the command line: init's argv[1..]. */
static char init_args[BOOT_CMDLINE_MAX];
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

/* Split off init's arguments, as Linux does: the words after " -- " —
 * but for options a VMM appends at the very end, which stay the kernel's
 * (Linux loses them, and with them microvm's devices, to init). */
static void cmdline_split_init_args(char *cmdline)
{
	char *sep = strstr(cmdline, " -- ");
	size_t skip = 4;

	if (!strncmp(cmdline, "-- ", 3) || !strcmp(cmdline, "--")) {
		sep = cmdline;
		skip = cmdline[2] ? 3 : 2;
	} else if (!sep && strlen(cmdline) >= 3 && !strcmp(cmdline + strlen(cmdline) - 3, " --")) {
		sep = cmdline + strlen(cmdline) - 3;
		skip = 3;
	}
	if (!sep)
		return;
	strncpy(init_args, sep + skip, sizeof(init_args) - 1);
	*sep = 0;
	/* Cannot fail: what moves back came out of cmdline. */
	options_reclaim_appended(cmdline, BOOT_CMDLINE_MAX, init_args);
}

static int run_init(void)
{
	static char *envp[] = { "HOME=/", "TERM=linux", NULL };
	char *argv[64], *cur = init_args;
	struct proc_result r;
	struct proc *p;
	unsigned argc = 0;

	argv[argc++] = init_path;
	while (*cur && argc < ARRAY_SIZE(argv) - 1) {
		while (*cur == ' ')
			*cur++ = 0;
		if (!*cur)
			break;
		argv[argc++] = cur;
		while (*cur && *cur != ' ')
			cur++;
	}
	argv[argc] = NULL;
	pr_info("init: starting %s\n", init_path);
	if (!proc_spawn(init_path, argv, envp, &r, &p)) {
		pr_err("init: %s\n", r.error);
		return SHUTDOWN_FAIL;
	}
	proc_wait_spawned(p, &r);
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
		cmdline_split_init_args(bi->cmdline);
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
	vfs_init();
	syscall_init();
	proc_boot_init();
	clock_init();
	timer_init();
	clock_start();
	irq_enable();
	pr_info("time: clock running, tick %u Hz\n", CLOCK_HZ);
	initcalls_run();

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
	syscall_stats_report();
	pr_info("shutdown: code %d\n", code);
	kernel_shutdown(code);
}
