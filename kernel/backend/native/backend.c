/*
 * backend.c — the bare-hardware backend.
 *
 * It replaces nothing: the pv_ops tables are statically initialised with the
 * native implementations, so on hardware (and under TCG, where QEMU acts as
 * hardware) init has no work and every patched site becomes the native
 * instruction again.  It can run whenever the kernel holds ring 0.
 */
#include "pv/backend.h"
#include "pv/ops.h"

static int native_detect(const struct pv_platform *p)
{
	return p->cpl == 0 ? 1 : 0;
}

static void native_init(struct boot_info *bi)
{
	(void)bi;
}

static const struct pv_backend native_backend = {
	.name = "native",
	.detect = native_detect,
	.init = native_init,
};
PV_BACKEND(native_backend);
