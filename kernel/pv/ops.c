/*
 * ops.c — the live pv_ops tables and the native op sets, both expanded
 * from include/abi/pvops.def, plus the op table the patcher walks and the
 * two tables of the pvsite ABI that the host tool reads (the header in
 * .pvsite_abi, the slot addresses in .pvslots).
 *
 * The live tables start out as copies of the native sets; the native sets
 * stay read-only, so the patcher can tell a slot a backend left alone from
 * one it replaced, and a hybrid backend can put a native set back whole.
 */
#include "pv/ops.h"
#include "pv/patch.h"
#include "abi/pvsite.h"

/* What the native set holds for each kind of native implementation. */
#define PV_NATIVE_SLOT_INLINE(n) native_##n##_fn
#define PV_NATIVE_SLOT_FUNC(n) native_##n
#define PV_NATIVE_SLOT_STUB(n) native_##n##_callee
#define PV_NATIVE_SLOT_NOP(n) pv_nop
#define PV_NATIVE_SLOT_IDENT(n) pv_ident
/* pv_nop is void (void), which converts to any function pointer type. */
#define PV_NATIVE_ENTRY(g, n, native) \
	.n = (__typeof__(native_##g##_ops.n))PV_NATIVE_SLOT_##native(n),

/* The one out-of-line copy of each inline native, for every op set. */
#define PV_NATIVE_FN_INLINE(n, ret, argc, args)                              \
	PV_ATTR_##ret PV_CTYPE_##ret native_##n##_fn(PV_PARAMS(argc, args))  \
	{ PV_RETURN_##ret(native_##n(PV_NAMES(argc, args))); }
#define PV_NATIVE_FN_FUNC(n, ret, argc, args)
#define PV_NATIVE_FN_STUB(n, ret, argc, args)
#define PV_NATIVE_FN_NOP(n, ret, argc, args)
#define PV_NATIVE_FN_IDENT(n, ret, argc, args)
#define PVGROUP_BEGIN(g)
#define PVGROUP_END(g)
#define PVOP(g, n, cls, conv, pad, native, ret, argc, args) PV_NATIVE_FN_##native(n, ret, argc, args)
#include "abi/pvops.def"
#undef PVOP
#undef PVGROUP_BEGIN
#undef PVGROUP_END

#define PVGROUP_BEGIN(g) const struct pv_##g##_ops native_##g##_ops = {
#define PVGROUP_END(g) };
#define PVOP(g, n, cls, conv, pad, native, ret, argc, args) PV_NATIVE_ENTRY(g, n, native)
#include "abi/pvops.def"
#undef PVGROUP_BEGIN
#undef PVGROUP_END

#define PVGROUP_BEGIN(g) struct pv_##g##_ops pv_##g##_ops = {
#define PVGROUP_END(g) };
#include "abi/pvops.def"
#undef PVOP
#undef PVGROUP_BEGIN
#undef PVGROUP_END

/* Function-pointer slots are read and written as void *; all are 8 bytes. */
_Static_assert(sizeof(void (*)(void)) == sizeof(void *), "slot size");
_Static_assert(sizeof(struct pvsite) == 16, "pvsite record size");

#define PVGROUP_BEGIN(g)
#define PVGROUP_END(g)

const struct pvop_desc pvop_table[PVOP_COUNT] = {
#define PVOP(g, n, cls_, conv_, pad_, nat, ret, argc, args) [PVOP_##n] = { \
	.group = #g, .name = #n, .cls = #cls_[0], .conv = #conv_,              \
	.clobbers = PVCLOB_##n, .pad = pad_,                                   \
	.slot = (void **)&pv_##g##_ops.n,                                      \
	.native = (void *const *)&native_##g##_ops.n,                          \
},
#include "abi/pvops.def"
#undef PVOP
};

#define PVOP(g, n, cls, conv, pad, native, ret, argc, args) \
	_Static_assert(pad == 0 || pad == 4, "pad of " #n);
#include "abi/pvops.def"
#undef PVOP

/* The ABI tables for `proteus sites`: the header and each op's slot address. */
__section(".pvsite_abi") __used const struct pvsite_header pvsite_header = {
	.magic = PVSITE_MAGIC,
	.version = PVSITE_ABI_VERSION,
	.record_size = sizeof(struct pvsite),
	.nr_ops = PVOP_COUNT,
};

__section(".pvslots") __used const u64 pvslots[PVOP_COUNT] = {
#define PVOP(g, n, cls, conv, pad, native, ret, argc, args) [PVOP_##n] = (u64)&pv_##g##_ops.n,
#include "abi/pvops.def"
#undef PVOP
};
