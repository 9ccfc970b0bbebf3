/*
 * pv/declare.h — prototypes for one backend's op implementations.
 *
 *     #define PV_DECLARE_PREFIX xen
 *     #include "pv/declare.h"
 *
 * declares xen_<op> for every op of pvops.def, and xen_<op>_callee for
 * every callee-save one (the stub a callee-save site may call), each with
 * the op's own signature: a backend defines the ones it replaces, and the
 * compiler checks every definition against the op.  Unused declarations
 * cost nothing.  May be included once per prefix.
 */
#include "pv/def.h"

#ifndef PV_DECLARE_PREFIX
#error "define PV_DECLARE_PREFIX before including pv/declare.h"
#endif

#define PV_DECLARE_CAT_(a, b) a##_##b
#define PV_DECLARE_CAT(a, b) PV_DECLARE_CAT_(a, b)
#define PV_DECLARE_CALLEE_CALLEE(n, ret, argc, args) \
	PV_DECLARE_FN(PV_DECLARE_CAT(PV_DECLARE_CAT(PV_DECLARE_PREFIX, n), callee), ret, argc, args);
#define PV_DECLARE_CALLEE_PURE PV_DECLARE_CALLEE_CALLEE
#define PV_DECLARE_CALLEE_STD(n, ret, argc, args)

#define PVGROUP_BEGIN(g)
#define PVGROUP_END(g)
#define PVOP(g, n, cls, conv, pad, native, ret, argc, args)                  \
	PV_DECLARE_FN(PV_DECLARE_CAT(PV_DECLARE_PREFIX, n), ret, argc, args); \
	PV_DECLARE_CALLEE_##conv(n, ret, argc, args)
#include "abi/pvops.def"
#undef PVOP
#undef PVGROUP_BEGIN
#undef PVGROUP_END
#undef PV_DECLARE_CALLEE_CALLEE
#undef PV_DECLARE_CALLEE_STD
#undef PV_DECLARE_CALLEE_PURE
#undef PV_DECLARE_CAT
#undef PV_DECLARE_CAT_
#undef PV_DECLARE_PREFIX
