/*
 * run.h — `proteus run`: options, platforms, and the result mapping.
 *
 * run.c drives a run: runargs_parse reads the options, runargs_resolve
 * checks the files, the platform named by --on builds the argv, launch.c
 * runs it under a deadline, and run_status_map turns the way the VMM ended
 * into our exit status.
 */
#ifndef PROTEUS_TOOL_RUN_H
#define PROTEUS_TOOL_RUN_H

#include <stddef.h>
#include "tools/proteus/argv.h"

#define RUN_DEFAULT_KERNEL  "build/proteus.elf"
#define RUN_DEFAULT_INITRD  "build/initrd.cpio"
#define RUN_DEFAULT_MACHINE "pc"
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
	const char *platform;     /* --on: "qemu", "xen", "kvm" */
	const char *machine;      /* --machine: pc, q35, microvm */
	const char *kernel;       /* --kernel */
	const char *initrd;       /* --initrd, or the default; NULL after resolve: none */
	int initrd_given;         /* --initrd was on the command line */
	double timeout;           /* --timeout, seconds */
	int icount;               /* --icount */
	const char *log;          /* --log FILE, or NULL */
	const char *qemu;         /* --qemu PATH, or the name looked up in PATH */
	char **kargs;             /* kernel arguments after "--" */
	size_t nkargs;
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

/* One platform `--on NAME` can run on. */
struct run_platform {
	const char *name;
	/* Build the VMM's argv; NULL while the platform is not supported yet. */
	int (*build)(const struct run_opts *o, struct argv *out);
	const char *later;        /* what is missing, when build is NULL */
};

const struct run_platform *run_platform_find(const char *name);
/* The QEMU TCG platform (run_qemu.c). */
int run_qemu_build(const struct run_opts *o, struct argv *out);

/*
 * Map how the VMM ended to our exit status.  wstatus is from waitpid;
 * vmm_error is set when the VMM printed an error of its own (not a warning)
 * on stderr, which makes its exit status its own rather than the guest's.
 * msg gets the line to print for RUN_EXIT_NORESULT.
 */
int run_status_map(int wstatus, int vmm_error, char *msg, size_t len);

int run_main(int argc, char **argv);

#endif
