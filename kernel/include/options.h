/* options.h — the kernel command line, parsed and validated once at boot. */
#ifndef PROTEUS_OPTIONS_H
#define PROTEUS_OPTIONS_H

#include "types.h"

struct kernel_options {
	bool ktest;              /* run the in-kernel tests, report, shut down */
	char ktest_only[32];     /* ktest.only=NAME: run tests whose name starts so */
	bool bench;              /* run the in-kernel benchmarks */
	bool pv_patch;           /* pv.patch=0 leaves every site indirect */
	bool pv_stats;           /* pv.stats=1 prints the backend's counters at shutdown */
	char pv_backend[16];     /* pv.backend=NAME forces a backend */
	char timer[8];           /* timer=auto|lapic|pit */
	char init[64];           /* init=PATH in the initrd */
	char crash[16];          /* crash=fault|panic: fail on purpose after boot */
	int loglevel;
};

extern struct kernel_options kopt;

/* Parse cmdline into kopt; on error return false with a message in err. */
bool options_parse(const char *cmdline, char *err, size_t errlen);

#endif
