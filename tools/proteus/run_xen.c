/*
 * run_xen.c — Xen 4.17 under QEMU TCG, with the kernel as PV dom0.
 *
 * QEMU boots Debian's xen.elf through multiboot v1 (it has no PVH note) on
 * the pc machine with SeaBIOS: under qboot Xen triple-faults in its 32-bit
 * head.  Xen's own options go in -append; dom0 is the first multiboot
 * module and the initrd the second, both in -initrd, which QEMU 7.2 reads
 * as a module list:
 *
 *   -initrd "KERNEL ARG ARG...,INITRD"
 *
 * Each module's string is split at the first space: the part before is the
 * file to load, and the whole string is the module's command line, which
 * Xen hands to dom0 less its first word.  Hence what cannot travel:
 *   - a ',' ends a module (QEMU's get_opt_value).  "a=b,c" in a kernel
 *     argument would make QEMU load a module from a file named "c" (or fail
 *     with "Failed to open file 'c'"), so kernel arguments and paths with a
 *     ',' are refused.  (QEMU reads ",," as one ',', checked on 7.2.22; we
 *     do not rely on it.)
 *   - a ' ' in a path would end the file name early.
 * Both are usage errors, found before anything is fetched or started.
 *
 * --on xen-pvh boots the same kernel as a PVH dom0: Xen's dom0=pvh needs
 * hardware virtualization with nested paging, which TCG emulates with
 * -cpu max (SVM with NPT), and an IOMMU for the hardware domain, which
 * QEMU's emulated VT-d on q35 provides (intel-iommu with interrupt
 * remapping); Xen prints that PVH is experimental, and that it could not
 * set up a few PCI devices for d0 (-12): both harmless.
 *
 * Xen's options: console=com1 with its line settings puts Xen's log and
 * dom0's console_io output on COM1, which -serial stdio gives us, split
 * apart again by xenwatch.c.  dom0_mem=64M is plenty for a small kernel
 * and keeps Xen's boot quick.  loglvl=all guest_loglvl=all: a dom0 that
 * faults is explained in the log.  noreboot=false (Xen's default, spelled
 * out): after a dom0 crash or a Xen panic, Xen reboots the machine after 5 s
 * rather than halting it for ever, so -no-reboot ends QEMU even if the log
 * went unread.  The isa-debug-exit device is where dom0 reports its result,
 * as on plain QEMU (run_status.c).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/run.h"
#include "tools/proteus/xenfetch.h"
#include "tools/proteus/xenwatch.h"

#define RUN_XEN_MACHINE "pc"
#define RUN_XEN_MEMORY  "512M"
#define RUN_XEN_EXTRA_MIB 128u      /* the machine's memory beyond --mem: Xen's heap and tables */

static char *run_xen_fail(char *err, size_t errlen, const char *what, const char *s, const char *why)
{
	snprintf(err, errlen, "--on xen: %s '%s' %s", what, s, why);
	return NULL;
}

#define RUN_XEN_NOCOMMA "contains ',': QEMU's -initrd module list, which carries dom0 and its arguments, splits at commas"
#define RUN_XEN_NOSPACE "contains ' ': in QEMU's -initrd module list a space ends the file name"

char *run_xen_modules(const char *kernel, char *const *kargs, size_t nkargs, const char *initrd,
		      char *err, size_t errlen)
{
	char *args, *out;
	size_t size;

	if (strchr(kernel, ','))
		return run_xen_fail(err, errlen, "kernel path", kernel, RUN_XEN_NOCOMMA);
	if (strchr(kernel, ' '))
		return run_xen_fail(err, errlen, "kernel path", kernel, RUN_XEN_NOSPACE);
	if (initrd && strchr(initrd, ','))
		return run_xen_fail(err, errlen, "initrd path", initrd, RUN_XEN_NOCOMMA);
	if (initrd && strchr(initrd, ' '))
		return run_xen_fail(err, errlen, "initrd path", initrd, RUN_XEN_NOSPACE);
	for (size_t i = 0; i < nkargs; i++)
		if (strchr(kargs[i], ','))
			return run_xen_fail(err, errlen, "kernel argument", kargs[i], RUN_XEN_NOCOMMA);
	args = argv_join(kargs, nkargs);
	if (!args) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	size = strlen(kernel) + 1 + strlen(args) + 1 + (initrd ? strlen(initrd) : 0) + 1;
	out = malloc(size);
	if (out)
		snprintf(out, size, "%s%s%s%s%s", kernel, nkargs ? " " : "", args, initrd ? "," : "",
			 initrd ? initrd : "");
	else
		snprintf(err, errlen, "out of memory");
	free(args);
	return out;
}

int run_xen_prepare(struct run_opts *o, struct run_watch *w, char *err, size_t errlen)
{
	static char xen[4096];
	char *modules;

	const char *machine = run_platform_find(o->platform)->default_machine;

	if (strcmp(o->machine, machine) != 0) {
		snprintf(err, errlen, "--on %s boots Xen on the %s machine only (--machine %s)", o->platform,
			 machine, o->machine);
		return -1;
	}
	/* Refuse what cannot travel before fetching anything. */
	modules = run_xen_modules(o->kernel, o->kargs, o->nkargs, o->initrd, err, errlen);
	if (!modules)
		return -1;
	free(modules);
	if (xenfetch_find(o->xen, xen, sizeof xen, err, errlen) < 0)
		return -1;
	o->xen = xen;
	if (xenwatch_start(o->xen_log, w, err, errlen) < 0)
		return -1;
	fprintf(stderr, "proteus: Xen's own log %s%s\n", o->xen_log ? "goes to " : "is kept apart, shown if the run fails",
		o->xen_log ? o->xen_log : "");
	return 0;
}

static int run_xen_machine(const struct run_opts *o, struct argv *out, bool pvh)
{
	char err[256], mem[32], append[sizeof RUN_XEN_APPEND_HEAD RUN_XEN_APPEND_TAIL + 64];
	char *modules;

	if (!o->xen)             /* run_xen_prepare finds it */
		return -1;
	modules = run_xen_modules(o->kernel, o->kargs, o->nkargs, o->initrd, err, sizeof err);
	if (!modules)
		return -1;
	/* --mem sizes dom0; the machine gets Xen's own share on top. */
	snprintf(append, sizeof append, "%s dom0_mem=%uM %s%s", RUN_XEN_APPEND_HEAD,
		 o->mem_mib ? o->mem_mib : RUN_XEN_DOM0_MIB, RUN_XEN_APPEND_TAIL, pvh ? " dom0=pvh" : "");
	run_qemu_machine(out, o->qemu, pvh ? "q35" : RUN_XEN_MACHINE,
			 run_mem_arg(o, RUN_XEN_MEMORY, RUN_XEN_EXTRA_MIB, mem, sizeof mem), o->interactive);
	if (pvh)
		argv_pushv(out, (const char *const[]){
			"-cpu", "max", "-device", "intel-iommu,intremap=on", NULL });
	argv_pushv(out, (const char *const[]){
		"-kernel", o->xen,
		"-append", append,
		"-initrd", modules,
		NULL,
	});
	if (o->icount)
		argv_pushv(out, (const char *const[]){ "-icount", "shift=0", NULL });
	if (o->gdb)
		argv_pushv(out, (const char *const[]){ "-s", "-S", NULL });
	free(modules);
	return out->oom ? -1 : 0;
}

int run_xen_build(const struct run_opts *o, struct argv *out)
{
	return run_xen_machine(o, out, false);
}

int run_xenpvh_build(const struct run_opts *o, struct argv *out)
{
	return run_xen_machine(o, out, true);
}
