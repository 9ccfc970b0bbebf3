/*
 * bench_blk.c — `proteus bench blk [--out DIR]`: what a disk costs,
 * user/blkbench.c booted as init with a disk, natively through virtio-blk
 * (PCI on pc, MMIO on microvm, PARAVIRT=0, and with EVENT_IDX or QEMU's
 * ioeventfd off for comparison) and as a Xen PV domU through blkfront to
 * Linux's blkback.
 *
 * blkbench reads then writes 64 MiB sequentially in 4 KiB and 64 KiB
 * calls, then reads it again in 4 KiB calls from four processes at once
 * (read-par: several requests in flight), and prints, per run, the TSC ticks less its own cost, the idle
 * ticks, requests, notifications (virtqueue kicks, event sends), the
 * ones suppressed, completion interrupts and hypercalls.  Under QEMU's
 * -icount shift=0 the busy ticks are guest instructions, exact: natively
 * each configuration is booted once.  The domU environment has no
 * -icount: its busy column is TSC cycles of an emulated CPU, and says so.
 * Every boot's four lines and the sentinel are checked; only when all
 * passed is DIR/blk.tsv written, then a plot and bench/blk.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/proteus.h"


struct blk_config {
	const char *name, *platform, *machine, *kernel, *karg;
	const char *unit, *where;
	int icount;
	const char *qemu_global;  /* a QEMU device property, or NULL */
};

#define NATIVE_WHERE "QEMU 7.2 TCG, -icount shift=0, a 64 MiB raw image"
static const struct blk_config blk_configs[] = {
	{ "virtio-pci", "qemu", "pc", "build/proteus.elf", NULL, "instructions",
	  NATIVE_WHERE ", virtio-blk-pci (modern) on pc; build/proteus.elf", 1, NULL },
	{ "virtio-pci-noevidx", "qemu", "pc", "build/proteus.elf", "virtio.event_idx=0", "instructions",
	  NATIVE_WHERE ", virtio-blk-pci on pc, VIRTIO_F_EVENT_IDX not negotiated; build/proteus.elf", 1, NULL },
	{ "virtio-pci-noioeventfd", "qemu", "pc", "build/proteus.elf", NULL, "instructions",
	  NATIVE_WHERE ", virtio-blk-pci on pc, ioeventfd off (QEMU handles each kick in the vCPU's "
	  "own write); build/proteus.elf", 1, "virtio-blk-pci.ioeventfd=off" },
	{ "virtio-pci-pv0", "qemu", "pc", "build/proteus-pv0.elf", NULL, "instructions",
	  NATIVE_WHERE ", virtio-blk-pci on pc; build/proteus-pv0.elf (PARAVIRT=0)", 1, NULL },
	{ "virtio-mmio", "qemu", "microvm", "build/proteus.elf", NULL, "instructions",
	  NATIVE_WHERE ", virtio-mmio on microvm (acpi=off); build/proteus.elf", 1, NULL },
	{ "blkfront-domu", "xen-domu", NULL, "build/proteus.elf", NULL, "TSC cycles",
	  "Xen 4.17 PV domU of a Debian Linux dom0 under QEMU 7.2 TCG pc, no -icount; blkback on a "
	  "64 MiB loop device in dom0 (tmpfs); build/proteus.elf", 0, NULL },
};
#define BLK_NCONFIGS (sizeof blk_configs / sizeof blk_configs[0])

static const char *const blk_ops[BLK_ROWS] = { "read", "read", "write", "write", "read-par" };
static const double blk_bytes[BLK_ROWS] = { 4096, 65536, 4096, 65536, 4096 };

int bench_blk_parse(const char *text, size_t n, struct blk_result *r, char *err, size_t errlen)
{
	_Static_assert(sizeof r->row[0] == BLK_FIELDS * sizeof(double), "rows are packed numbers");
	if (bench_rows_parse(text, n, "blkbench", blk_ops, BLK_ROWS, BLK_FIELDS, (double *)r->row, err, errlen) < 0)
		return -1;
	for (unsigned k = 0; k < BLK_ROWS; k++)
		if (r->row[k].f[0] != blk_bytes[k]) {
			snprintf(err, errlen, "blkbench row %u: %.0f bytes per call, not %.0f", k + 1,
				 r->row[k].f[0], blk_bytes[k]);
			return -1;
		}
	return 0;
}

static int blk_image(const char *path, long mib)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
	int rc = fd < 0 || ftruncate(fd, (off_t)mib << 20) < 0 ? -1 : 0;

	if (fd >= 0)
		close(fd);
	return rc;
}

static int blk_boot(const struct blk_config *c, const char *logdir, struct blk_result *r)
{
	const char *kargs[] = { "init=/bin/blkbench", c->karg, NULL };
	/* No init arguments: blkbench's default is 64 MiB, on every platform. */
	char img[4200], log[4096], err[512];
	struct bench_boot b = {
		.name = c->name, .platform = c->platform, .machine = c->machine, .kernel = c->kernel,
		.icount = c->icount, .qemu_global = c->qemu_global, .kargs = kargs, .run = 1,
		.logdir = logdir,
	};
	void *text;
	size_t size;
	int rc;

	snprintf(img, sizeof img, "%s/%s.img", logdir, c->name);
	if (strcmp(c->platform, "xen-domu")) {
		if (blk_image(img, 64) < 0) {
			fprintf(stderr, "proteus bench: %s: %s: %s\n", c->name, img, strerror(errno));
			return -1;
		}
		b.disk = img;
	}
	rc = bench_boot(&b, log, sizeof log, &text, &size);
	if (b.disk)
		unlink(img);
	if (rc < 0)
		return -1;
	rc = bench_blk_parse(text, size, r, err, sizeof err);
	free(text);
	if (rc < 0)
		fprintf(stderr, "proteus bench: %s: %s (in %s)\n", c->name, err, log);
	return rc;
}

static void blk_tsv_body(FILE *f, const void *ctx)
{
	const struct blk_result *res = ctx;

	fprintf(f, "config\top\tbytes_per_call\tunit\tbusy_per_KiB\trequests_per_call\tnotifies_per_request"
		"\tsuppressed_per_request\tinterrupts_per_request\thypercalls_per_request\n");
	for (size_t i = 0; i < BLK_NCONFIGS; i++)
		for (unsigned k = 0; !res[i].skipped && k < BLK_ROWS; k++) {
			const double *v = res[i].row[k].f, calls = v[1] * 1024 / v[0], req = v[5] ? v[5] : 1;

			fprintf(f, "%s\t%s\t%.0f\t%s\t%.1f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\n", blk_configs[i].name,
				blk_ops[k], v[0], blk_configs[i].unit, v[4], v[5] / calls, v[6] / req, v[7] / req,
				v[8] / req, v[9] / req);
		}
}

static void blk_md_body(FILE *f, const void *ctx)
{
	const struct bench_md *m = ctx;
	const struct blk_result *res = m->res;

	fputs("# Disk I/O: what a request costs\n\n"
	      "Generated by `proteus bench blk` (`make bench-blk`, `tools/proteus/bench_blk.c`); do not\n"
	      "edit. Data: `results/blk.tsv`; plot: `results/blk.png`.\n\n"
	      "`user/blkbench.c` runs as init and reads, then writes, the first disk (`/dev/disk0`)\n"
	      "sequentially in 4 KiB and in 64 KiB calls; a write run ends with fsync. Busy is the TSC\n"
	      "difference around a run less blkbench's own cost and less the ticks the CPU spent halted\n"
	      "waiting for the device (`/dev/cpu_idle`): under `-icount shift=0` that is guest\n"
	      "instructions, exact; in the domU environment (no `-icount`) it is TSC cycles of an\n"
	      "emulated CPU, comparable only with itself. Requests are what the block layer handed the\n"
	      "driver (one per call up to 64 KiB: big calls cross to user space 64 KiB at a time);\n"
	      "notifications are virtqueue kicks or event-channel sends, suppressed ones the times the\n"
	      "driver had requests to tell of and the device had not asked (EVENT_IDX, the ring's\n"
	      "req_event); interrupts the completions taken. The first four runs keep one call in\n"
	      "flight, so suppression has little to suppress there; `read-par` reads in 4 KiB calls\n"
	      "from four processes at once, each its own quarter of the disk, so requests overlap:\n"
	      "compare its notifications and interrupts per request with and without EVENT_IDX\n"
	      "(`-noevidx`). Its busy column includes the four processes' context switches.\n\n"
	      "A kick can only be saved while the device is still busy with the last one: QEMU\n"
	      "reads the ring in its main loop when the kick reaches it through an ioeventfd, and the\n"
	      "guest queues more meanwhile; without one the kick is handled inside the vCPU's own\n"
	      "write, the queue is drained before the guest goes on, and the device asks for the next\n"
	      "kick every time (`-noioeventfd`: virtio-blk-pci with `ioeventfd=off`). That is why\n"
	      "virtio-mmio on microvm kicks once per request even in `read-par`: QEMU 7.2 turns\n"
	      "virtio-mmio's ioeventfd off unless KVM provides the eventfds (hw/virtio/virtio-mmio.c,\n"
	      "its realize function), and these runs are TCG. Interrupts are still saved there, which\n"
	      "is the guest's half (used_event).\n\n"
	      "Bad news for repeatability: how many kicks virtio-pci saves is the host's timing, not\n"
	      "the guest's. `-icount` makes the guest's instructions exact, but when QEMU's main loop\n"
	      "gets to the ring against them depends on how the host schedules QEMU's threads: on an\n"
	      "idle host the loop keeps up and nearly every request is kicked; with the host's other\n"
	      "core busy it lags and a tenth to a quarter of the kicks are saved (8 MiB read-par runs,\n"
	      "one after another, measured while writing this). So compare `read-par`'s notification\n"
	      "columns within one run of this bench only, and not with another run's.\n", f);
	fprintf(f, "\nCommit: `%s`%s.\n\n| config | platform, emulation, build | unit |\n|---|---|---|\n", m->commit,
		m->dirty ? " dirty (tracked files other than the bench outputs differed from it)" : "");
	for (size_t i = 0; i < BLK_NCONFIGS; i++)
		fprintf(f, "| %s | %s | %s |\n", blk_configs[i].name,
			res[i].skipped ? res[i].skipped : blk_configs[i].where, blk_configs[i].unit);
	fprintf(f, "\n| config | op | bytes per call | busy per KiB | requests per call | notifies per "
		"request | suppressed per request | interrupts per request | hypercalls per request |\n"
		"|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < BLK_NCONFIGS; i++)
		for (unsigned k = 0; !res[i].skipped && k < BLK_ROWS; k++) {
			const double *v = res[i].row[k].f, calls = v[1] * 1024 / v[0], req = v[5] ? v[5] : 1;

			fprintf(f, "| %s | %s | %.0f | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f |\n",
				blk_configs[i].name, blk_ops[k], v[0], v[4], v[5] / calls, v[6] / req,
				v[7] / req, v[8] / req, v[9] / req);
		}
}

int bench_blk_main(int argc, char **argv)
{
	static struct blk_result res[BLK_NCONFIGS];
	const char *out = "bench/results", *logdir = "build/bench/blk";
	int rc = bench_out_args(argc, argv, "blk", &out, logdir);

	if (rc >= 0)
		return rc;
	for (size_t i = 0; i < BLK_NCONFIGS; i++) {
		if (!strcmp(blk_configs[i].platform, "xen-domu") &&
		    access("mk/domu-stage.sh", R_OK) < 0) {
			res[i].skipped = "NOT MEASURED: run from the source tree (mk/domu-stage.sh)";
			continue;
		}
		if (blk_boot(&blk_configs[i], logdir, &res[i]) < 0) {
			fprintf(stderr, "proteus bench: FAILED; nothing written (logs in %s)\n", logdir);
			return 1;
		}
	}
	return bench_write_outputs(out, "blk", blk_tsv_body, blk_md_body, res);
}
