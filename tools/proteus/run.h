/*
 * run.h — `proteus run`: options, platforms, and the result mapping.
 *
 * run.c drives a run: runargs_parse reads the options, runargs_resolve
 * checks the files, the platform named by --on prepares (Xen: finds its
 * image and sets up a watch on its log) and builds the argv, launch.c
 * runs it under a deadline, and run_status_map (or the platform's watch)
 * turns the way the VMM ended into our exit status.
 */
#ifndef PROTEUS_TOOL_RUN_H
#define PROTEUS_TOOL_RUN_H

#include <stddef.h>
#include <stdio.h>
#include "tools/proteus/argv.h"
#include "tools/proteus/launch.h"
#include "tools/proteus/xenlog.h"

#define RUN_DEFAULT_KERNEL  "build/proteus.elf"
#define RUN_DEFAULT_INITRD  "build/initrd.cpio"
#define RUN_DEFAULT_TIMEOUT 120.0
#define RUN_DEFAULT_QEMU    "qemu-system-x86_64"

/* Exit statuses of `proteus run`. */
enum run_exit {
	RUN_EXIT_PASS = 0,        /* guest reported success */
	RUN_EXIT_FAIL = 1,        /* guest reported failure */
	RUN_EXIT_USAGE = 2,       /* bad usage, missing file, platform not supported */
	RUN_EXIT_NORESULT = 3,    /* guest ended without reporting a result */
	RUN_EXIT_TIMEOUT = 124,   /* deadline passed; VMM killed */
};

struct run_opts {
	const char *platform;     /* --on: "qemu", "xen", "xen-pvh", "kvm", "xen-domu" */
	const char *machine;      /* --machine: pc, q35, microvm; else the platform's default */
	const char *kernel;       /* --kernel */
	const char *initrd;       /* --initrd, or the default; NULL after resolve: none */
	int initrd_given;         /* --initrd was on the command line */
	double timeout;           /* --timeout, seconds */
	int icount;               /* --icount */
	int gdb;                  /* --gdb: QEMU's gdbstub on :1234, the guest held until attached */
	int interactive;          /* --interactive: our terminal is the guest's console, both ways */
	const char *log;          /* --log FILE, or NULL */
	const char *qemu;         /* --qemu PATH, or the name looked up in PATH */
	const char *xen;          /* --xen PATH to xen.elf; after prepare, the image used */
	const char *xen_log;      /* --xen-log FILE, or NULL: Xen's log is kept for failures only */
	const char *disk;         /* --disk FILE: a raw image as a virtio-blk disk, or NULL */
	const char *qemu_global;  /* --qemu-global DRIVER.PROP=VALUE: one device property for QEMU, or NULL */
	char **kargs;             /* kernel arguments after "--" */
	size_t nkargs;
	int quiet;                /* no option: the guest's output goes to the log only (proteus bench) */
	int net;                  /* --net: a virtio-net NIC on QEMU's user-mode network */
	const char *net_opts;     /* --net=OPTS: appended to -netdev user (hostfwd=udp::P-:7...) */
	unsigned mem_mib;         /* --mem MIB: the guest's memory (xen: dom0's), or 0: the platform's */
};

enum runargs_result {
	RUNARGS_OK = 0,
	RUNARGS_HELP = 1,         /* --help: print usage, exit 0 */
	RUNARGS_USAGE = -1,       /* bad usage: err says why */
};

/* Parse argv[1..argc) (argv[0] is "run"); err gets a one-line reason. */
int runargs_parse(int argc, char **argv, struct run_opts *o, char *err, size_t errlen);
/* Check the kernel and initrd files; drop the default initrd when it is absent. */
int runargs_resolve(struct run_opts *o, char *err, size_t errlen);

/*
 * What a platform adds to a run besides the VMM's argv, when the VMM's
 * stdout is more than the guest's console (Xen's log is interleaved with
 * it, and says how dom0 ended).  Every member may be NULL.
 */
struct run_watch {
	void *ctx;
	launch_filter_fn *filter;
	/* Our exit status for LAUNCH_EXITED or LAUNCH_STOPPED; msg as for run_status_map. */
	int (*status)(void *ctx, const struct launch_result *r, char *msg, size_t len);
	/* Print the last lines of what the filter kept off stdout, labelled. */
	void (*tail)(void *ctx, unsigned lines, FILE *out);
	/* The run is over: close files, say if writing them failed. */
	void (*finish)(void *ctx);
};

/* One platform `--on NAME` can run on. */
struct run_platform {
	const char *name;
	/*
	 * Before build, after the kernel and initrd are resolved: check what
	 * the platform cannot take, find what it needs, fill w.  NULL: nothing
	 * to do.  Returns 0, or -1 with a one-line reason in err.
	 */
	int (*prepare)(struct run_opts *o, struct run_watch *w, char *err, size_t errlen);
	/* Build the VMM's argv; NULL while the platform is not supported yet. */
	int (*build)(const struct run_opts *o, struct argv *out);
	const char *later;        /* what is missing, when build is NULL */
	/*
	 * The longest kernel command line (without its NUL) the platform
	 * delivers whole; a longer one is refused before anything runs.
	 * QEMU's pc/q35 PVH option ROM copies it into a 4096-byte buffer with
	 * no bound (overwriting hvm_start_info, then the BIOS stack), which is
	 * also the kernel's own limit; Xen's start_info field is 1024 bytes.
	 */
	size_t cmdline_max;
	const char *default_machine;  /* when --machine is not given */
};

const struct run_platform *run_platform_find(const char *name);
/* The QEMU TCG platform (run_qemu.c). */
int run_qemu_build(const struct run_opts *o, struct argv *out);
/* What every QEMU platform adds after the machine: the kernel, initrd and
 * command line, -icount and the gdbstub as asked. */
void run_qemu_guest(struct argv *out, const struct run_opts *o);
/* --net's NIC on QEMU's user network and --disk's virtio-blk disk, for
 * every QEMU platform (run_qemu.c). */
void run_qemu_devices(struct argv *out, const struct run_opts *o);
/* The -M argument: the machine, with the options its devices need. */
const char *run_qemu_machine_name(const struct run_opts *o);
/* QEMU with KVM (run_kvm.c). */
int run_kvm_prepare(struct run_opts *o, struct run_watch *w, char *err, size_t errlen);
int run_kvm_build(const struct run_opts *o, struct argv *out);
/* The QEMU machine options every platform shares (see run_qemu.c). */
void run_qemu_machine(struct argv *out, const char *qemu, const char *machine, const char *mem,
		      int interactive);
/* QEMU's -m for a guest of o->mem_mib (plus extra_mib for a hypervisor
 * below it), or dflt when --mem was not given; buf holds the result. */
const char *run_mem_arg(const struct run_opts *o, const char *dflt, unsigned extra_mib, char *buf, size_t len);

/* Xen 4.17 under QEMU TCG, Proteus as PV dom0 (run_xen.c). */
/* Xen's command line: HEAD dom0_mem=<MiB>M TAIL [dom0=pvh]. */
#define RUN_XEN_APPEND_HEAD "console=com1 com1=115200,8n1"
#define RUN_XEN_APPEND_TAIL "loglvl=all guest_loglvl=all noreboot=false"
#define RUN_XEN_DOM0_MIB 64u      /* dom0_mem= without --mem */
int run_xen_prepare(struct run_opts *o, struct run_watch *w, char *err, size_t errlen);
int run_xen_build(const struct run_opts *o, struct argv *out);
/* The same Xen with the kernel as PVH dom0 (q35, -cpu max, emulated VT-d). */
int run_xenpvh_build(const struct run_opts *o, struct argv *out);
/* Proteus as a PV domU of a Linux dom0 on the same Xen (run_domu.c). */
int run_domu_prepare(struct run_opts *o, struct run_watch *w, char *err, size_t errlen);
int run_domu_build(const struct run_opts *o, struct argv *out);
/*
 * The multiboot module list for QEMU's -initrd: "KERNEL ARGS,INITRD"
 * (malloc'd), or NULL with a reason in err when a path or an argument
 * cannot travel in it (see run_xen.c).  initrd may be NULL.
 */
char *run_xen_modules(const char *kernel, char *const *kargs, size_t nkargs, const char *initrd,
		      char *err, size_t errlen);

/*
 * Map how the VMM ended to our exit status.  wstatus is from waitpid;
 * vmm_error is set when the VMM printed an error of its own (not a warning)
 * on stderr, which makes its exit status its own rather than the guest's.
 * msg gets the line to print for RUN_EXIT_NORESULT.  A pass or a failure
 * stands only when the guest's verdict line (verdict.h) says the same;
 * otherwise there is no result.
 */
int run_status_map(int wstatus, int vmm_error, enum verdict v, char *msg, size_t len);
/*
 * The same under Xen: ev is what Xen's log said about dom0's end;
 * XENLOG_NONE when it said nothing, and then QEMU's exit decides as above.
 */
int run_status_map_xen(enum xenlog_event ev, int wstatus, int vmm_error, enum verdict v,
		       char *msg, size_t len);

int run_main(int argc, char **argv);
/*
 * One boot with options runargs_parse filled (and the caller may have
 * adjusted): resolve the files, prepare the platform, launch, map the
 * result.  The library entry of `proteus run`, for `proteus bench`; it
 * returns the same exit statuses.  o->xen is replaced by the image used.
 */
int run_boot(struct run_opts *o);

#endif
