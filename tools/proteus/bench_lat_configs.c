/*
 * bench_lat_configs.c — where `proteus bench latency` boots lat.
 *
 * The three native ones isolate the cost of pv_ops on bare (emulated)
 * hardware: compiled out, patched, and left as indirect calls.  Under
 * QEMU's -icount shift=0 the TSC counts guest instructions, so each is
 * exact and booted once.  The Xen ones count Xen's instructions too, and
 * Xen's timers and scheduler may land inside a measurement, hence
 * several runs and min / median / max.  KVM has no instruction count:
 * the TSC counts cycles there, and its column says so.  KVM here is an
 * instruction emulator for ring 0 (about 1 us an instruction): lat's full
 * iteration counts take well over ten minutes (measured: 5 min for the
 * first nine ops), --quick about 50 s, so KVM runs --quick, once.
 */
#include "tools/proteus/bench.h"

#define NATIVE_WHERE "QEMU 7.2 TCG microvm, -icount shift=0"
#define XENPV_WHERE  "Xen 4.17 PV dom0 under QEMU 7.2 TCG pc, -icount shift=0"
#define XENPVH_WHERE "Xen 4.17 PVH dom0 under QEMU 7.2 TCG q35 (-cpu max, VT-d), -icount shift=0"
#define KVM_WHERE    "QEMU 7.2 with KVM, microvm, no -icount"

/* Designated fields: eight rows of bare 0s and 1s would not say which is which. */
#define NATIVE(n, k, unp, w) { .name = n, .platform = "qemu", .machine = "microvm", .kernel = k, \
	.unpatched = unp, .icount = 1, .unit = "instructions", .where = NATIVE_WHERE "; " w }
#define XEN(n, plat, unp, where_, w) { .name = n, .platform = plat, .kernel = "build/proteus.elf", \
	.unpatched = unp, .icount = 1, .repeated = 1, .unit = "instructions", \
	.where = where_ "; " w "; Xen's instructions included" }

const struct benchlat_config benchlat_configs[] = {
	NATIVE("native-pv0", "build/proteus-pv0.elf", 0, "build/proteus-pv0.elf (PARAVIRT=0: pv_ops compiled out)"),
	NATIVE("native-patched", "build/proteus.elf", 0, "build/proteus.elf, call sites patched at boot"),
	NATIVE("native-unpatched", "build/proteus.elf", 1, "build/proteus.elf pv.patch=0 (every site an indirect call)"),
	XEN("xenpv-patched", "xen", 0, XENPV_WHERE, "build/proteus.elf"),
	XEN("xenpv-unpatched", "xen", 1, XENPV_WHERE, "build/proteus.elf pv.patch=0"),
	XEN("xenpvh-patched", "xen-pvh", 0, XENPVH_WHERE, "build/proteus.elf"),
	XEN("xenpvh-unpatched", "xen-pvh", 1, XENPVH_WHERE, "build/proteus.elf pv.patch=0"),
	{ .name = "kvm-patched", .platform = "kvm", .machine = "microvm", .kernel = "build/proteus.elf",
	  .quick = 1, .unit = "TSC cycles",
	  .where = KVM_WHERE "; build/proteus.elf; lat --quick (20 iterations where 2000); the instructions "
		   "column is TSC cycles" },
};

const size_t benchlat_nconfigs = sizeof benchlat_configs / sizeof benchlat_configs[0];
