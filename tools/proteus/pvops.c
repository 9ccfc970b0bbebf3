/*
 * pvops.c — the op table compiled from include/abi/pvops.def.
 *
 * An op's index is the position of its PVOP line, exactly as the kernel
 * counts it, because both expand the same file in the same order.
 */
#include "tools/proteus/pvops.h"

/* The clobber set a site of each convention must record (pvsite.h). */
#define PVOPS_CLOBBERS_CALLEE PVCLOBBER_CALLEE_SAVE
#define PVOPS_CLOBBERS_PURE PVCLOBBER_CALLEE_SAVE
#define PVOPS_CLOBBERS_STD PVCLOBBER_ANY

#define PVGROUP_BEGIN(g)
#define PVGROUP_END(g)

static const struct pvop_info pvops_list[PVOPS_NR] = {
#define PVOP(g, n, c, cv, p, native, ret, argc, args) \
	{ .group = #g, .name = #n, .class = PVOP_CLASS_##c, .conv = #cv, \
	  .clobbers = PVOPS_CLOBBERS_##cv, .pad = (p) },
#include "include/abi/pvops.def"
#undef PVOP
};

/* Every pad must be fillable by one NOP; checked when the tool is built. */
#define PVOP(g, n, c, cv, p, native, ret, argc, args) \
	_Static_assert((p) <= PVOPS_MAX_PAD, "pad of " #g "." #n " too long for one NOP");
#include "include/abi/pvops.def"
#undef PVOP

const struct pvops pvops_compiled = { pvops_list, PVOPS_NR };
