/*
 * run_domu.c — Proteus as a Xen domU: Xen 4.17 and a Debian Linux dom0
 * under QEMU TCG (pc), dom0 creating the kernel with `xl create` and
 * Linux's back ends (xenconsoled, blkback, netback) serving it; a PV
 * guest for --on xen-domu, a PVH one (the same ELF through its PVH entry,
 * the xen-pvh backend) for --on xen-domu-pvh.
 *
 * mk/domu-stage.sh does the staging (the dom0 image, built from Debian
 * packages and cached on first use, plus a per-run cpio with the kernel,
 * its initrd, the arguments and the default scenario) into a directory of
 * ours; this file then boots it.  dom0's init prints the domU's console
 * and the verdict line, and reports through isa-debug-exit as a native
 * guest does, so the result maps as on plain QEMU (run_status.c): a dom0
 * that panics or reboots is never a pass.
 *
 * The kernel arguments travel in a file of the cpio, not in QEMU's
 * -initrd module list, so commas are allowed here; the staged paths are
 * ours (mkdtemp) and contain neither ',' nor ' '.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tools/proteus/run.h"
#include "tools/proteus/xenfetch.h"

#define RUN_DOMU_STAGE   "mk/domu-stage.sh"
#define RUN_DOMU_APPEND  "console=com1 com1=115200,8n1 dom0_mem=512M,max:512M dom0_max_vcpus=1 " \
			 "loglvl=all guest_loglvl=all"
#define RUN_DOMU_DOM0    "console=hvc0 earlyprintk=xen loglevel=4"
/* SVM with nested paging, which TCG emulates, so Xen can run PVH (HVM)
 * domUs too; -cpu max would be simpler, but the Linux PV dom0 faults at
 * boot on one of the features it adds (seen with Debian 12's kernel). */
#define RUN_DOMU_CPU     "qemu64,+svm,+npt"

static char run_domu_dir[64];

/* The staged files go with the run. */
static void run_domu_finish(void *ctx)
{
	static const char *const files[] = { "dom0.cpio", "xen.elf", "vmlinux" };
	char path[128];

	(void)ctx;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", run_domu_dir, files[i]);
		unlink(path);
	}
	rmdir(run_domu_dir);
}

int run_domu_prepare(struct run_opts *o, struct run_watch *w, char *err, size_t errlen)
{
	static char script[PATH_MAX], out[65536];
	const char **argv;
	size_t got, n = 0;
	int status;

	if (strcmp(o->machine, "pc") != 0) {
		snprintf(err, errlen, "--on %s boots Xen on the pc machine only (--machine %s)", o->platform,
			 o->machine);
		return -1;
	}
	if (o->icount || o->gdb || o->interactive) {
		snprintf(err, errlen, "--on %s takes no --icount, --gdb or --interactive yet", o->platform);
		return -1;
	}
	if (xenfetch_repo_file(RUN_DOMU_STAGE, script, sizeof script, err, errlen) < 0)
		return -1;
	snprintf(run_domu_dir, sizeof run_domu_dir, "/tmp/proteus-domu.XXXXXX");
	if (!mkdtemp(run_domu_dir)) {
		snprintf(err, errlen, "--on %s: cannot make a directory in /tmp", o->platform);
		return -1;
	}
	argv = calloc(o->nkargs + 7, sizeof *argv);
	if (!argv) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	argv[n++] = "/bin/bash";
	argv[n++] = script;
	argv[n++] = o->kernel;
	argv[n++] = o->initrd ? o->initrd : "-";
	argv[n++] = "default";
	argv[n++] = run_domu_dir;
	for (size_t i = 0; i < o->nkargs; i++)
		argv[n++] = o->kargs[i];
	argv[n] = NULL;
	/* The guest type travels to dom0 in the staged cpio (mk/domu-stage.sh). */
	setenv("DOMU_TYPE", strcmp(o->platform, "xen-domu-pvh") == 0 ? "pvh" : "pv", 1);
	fprintf(stderr, "proteus: staging the Linux dom0 (%s; the first run builds its image)\n", script);
	fflush(stderr);
	status = xenfetch_run(argv, out, sizeof out, &got);
	free(argv);
	if (status < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		run_domu_finish(NULL);
		snprintf(err, errlen, "--on %s: %s failed (%s %d): the dom0 image could not be staged",
			 o->platform, script, status >= 0 && WIFEXITED(status) ? "exit" : "signal",
			 status < 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -1;
	}
	w->finish = run_domu_finish;
	return 0;
}

int run_domu_build(const struct run_opts *o, struct argv *out)
{
	char kernel[128], initrd[256];

	snprintf(kernel, sizeof kernel, "%s/xen.elf", run_domu_dir);
	snprintf(initrd, sizeof initrd, "%s/vmlinux %s,%s/dom0.cpio", run_domu_dir, RUN_DOMU_DOM0,
		 run_domu_dir);
	run_qemu_machine(out, o->qemu, "pc", "1024M", 0);
	argv_pushv(out, (const char *const[]){
		"-smp", "1",
		"-cpu", RUN_DOMU_CPU,
		"-kernel", kernel,
		"-append", RUN_DOMU_APPEND,
		"-initrd", initrd,
		NULL,
	});
	return out->oom ? -1 : 0;
}
