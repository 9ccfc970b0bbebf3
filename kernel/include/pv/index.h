/*
 * pv/index.h — op numbers and per-op properties generated from
 * include/abi/pvops.def, so the kernel and the host tool agree on them.
 */
#ifndef PROTEUS_PV_INDEX_H
#define PROTEUS_PV_INDEX_H

enum pvop_index {
#define PVOP(g, n, cls, conv, pad) PVOP_##g##_##n,
#include "abi/pvops.def"
#undef PVOP
	PVOP_COUNT
};

/* Bytes of NOP following the 6-byte call at each site of the op. */
enum pvop_pad {
#define PVOP(g, n, cls, conv, pad) PVPAD_##g##_##n = pad,
#include "abi/pvops.def"
#undef PVOP
};

#endif
