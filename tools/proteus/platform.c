/*
 * platform.c — the platforms `proteus run --on NAME` knows.
 *
 * Each platform lives in its own file (run_qemu.c, later run_xen.c and
 * run_kvm.c) and contributes one function that builds the VMM's argv from
 * the run options; everything else about a run is shared.
 */
#include <string.h>
#include "tools/proteus/run.h"

static const struct run_platform run_platforms[] = {
	{ "qemu", run_qemu_build, NULL },
	{ "xen", NULL, "Xen under QEMU (PV and PVH dom0) is not supported yet" },
	{ "kvm", NULL, "QEMU with KVM is not supported yet" },
};

const struct run_platform *run_platform_find(const char *name)
{
	for (size_t i = 0; i < sizeof run_platforms / sizeof run_platforms[0]; i++)
		if (strcmp(run_platforms[i].name, name) == 0)
			return &run_platforms[i];
	return NULL;
}
