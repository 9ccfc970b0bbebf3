/*
 * pv/index.h — op numbers and per-op constants from include/abi/pvops.def,
 * so the kernel and the host tool agree on them.
 */
#ifndef PROTEUS_PV_INDEX_H
#define PROTEUS_PV_INDEX_H

#include "abi/pvsite.h"

#define PVGROUP_BEGIN(g)
#define PVGROUP_END(g)

enum pvop_index {
#define PVOP(g, n, cls, conv, pad, native, ret, argc, args) PVOP_##n,
#include "abi/pvops.def"
#undef PVOP
	PVOP_COUNT
};

/* Bytes of NOP following the 6-byte call at each site of the op. */
enum pvop_pad {
#define PVOP(g, n, cls, conv, pad, native, ret, argc, args) PVPAD_##n = pad,
#include "abi/pvops.def"
#undef PVOP
};

/* The clobber set every site of the op records (its convention). */
#define PVCLOBBERS_CALLEE PVCLOBBER_CALLEE_SAVE
#define PVCLOBBERS_PURE PVCLOBBER_CALLEE_SAVE
#define PVCLOBBERS_STD PVCLOBBER_ANY
enum pvop_clobbers {
#define PVOP(g, n, cls, conv, pad, native, ret, argc, args) PVCLOB_##n = PVCLOBBERS_##conv,
#include "abi/pvops.def"
#undef PVOP
};

#undef PVGROUP_BEGIN
#undef PVGROUP_END

#endif
