/*
 * platform.c — the platforms `proteus run --on NAME` knows.
 *
 * Each platform lives in its own file (run_qemu.c, run_xen.c,
 * run_kvm.c, run_domu.c) and contributes a function that builds the VMM's argv from
 * the run options, and, if it needs more, one that prepares the run (Xen:
 * fetch the image, watch its log); everything else about a run is shared.
 */
#include <string.h>
#include "tools/proteus/run.h"

static const struct run_platform run_platforms[] = {
	{ "qemu", NULL, run_qemu_build, NULL, 4095, "pc" },
	{ "xen", run_xen_prepare, run_xen_build, NULL, 1023, "pc" },
	{ "xen-pvh", run_xen_prepare, run_xenpvh_build, NULL, 1023, "q35" },
	{ "kvm", run_kvm_prepare, run_kvm_build, NULL, 4095, "microvm" },
	{ "xen-domu", run_domu_prepare, run_domu_build, NULL, 1023, "pc" },
	{ "xen-domu-pvh", run_domu_prepare, run_domu_build, NULL, 1023, "pc" },
};

const struct run_platform *run_platform_find(const char *name)
{
	for (size_t i = 0; i < sizeof run_platforms / sizeof run_platforms[0]; i++)
		if (strcmp(run_platforms[i].name, name) == 0)
			return &run_platforms[i];
	return NULL;
}
