/*
 * pv/def.h — the helpers that turn lines of include/abi/pvops.def into C.
 *
 * An op's parameters are written once, as (type, name, type, name, ...);
 * PV_PARAMS gives the declaration list and PV_NAMES the argument list.
 * PV_RETURN_<ret> returns a value of the op's type from an expression
 * holding it in (at least) the low bits of a register, masking to the
 * type's width, as the callee only sets that much.
 */
#ifndef PROTEUS_PV_DEF_H
#define PROTEUS_PV_DEF_H

/* The types op signatures use, for any file that expands them. */
struct dtr;
struct cpuid_regs;
struct gate_desc;
struct mm;

#define PV_PARAMS_0() void
#define PV_PARAMS_1(t1, a1) t1 a1
#define PV_PARAMS_2(t1, a1, t2, a2) t1 a1, t2 a2
#define PV_PARAMS_3(t1, a1, t2, a2, t3, a3) t1 a1, t2 a2, t3 a3
#define PV_PARAMS_4(t1, a1, t2, a2, t3, a3, t4, a4) t1 a1, t2 a2, t3 a3, t4 a4
#define PV_PARAMS_5(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) t1 a1, t2 a2, t3 a3, t4 a4, t5 a5
#define PV_NAMES_0()
#define PV_NAMES_1(t1, a1) a1
#define PV_NAMES_2(t1, a1, t2, a2) a1, a2
#define PV_NAMES_3(t1, a1, t2, a2, t3, a3) a1, a2, a3
#define PV_NAMES_4(t1, a1, t2, a2, t3, a3, t4, a4) a1, a2, a3, a4
#define PV_NAMES_5(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) a1, a2, a3, a4, a5

#define PV_PARAMS(argc, args) PV_PARAMS_##argc args
#define PV_NAMES(argc, args) PV_NAMES_##argc args
/* Call m with an argument list that is itself the expansion of a macro. */
#define PV_APPLY(m, ...) m(__VA_ARGS__)

/* The C type of a return column, and what the function is marked with.
 * <stdbool.h> makes bool a macro, so a column passed on through another
 * macro arrives as _Bool: both spellings are here. */
#define PV_CTYPE_void void
#define PV_CTYPE_noreturn void
#define PV_CTYPE_bool bool
#define PV_CTYPE__Bool bool
#define PV_CTYPE_u32 u32
#define PV_CTYPE_u64 u64
#define PV_ATTR_void
#define PV_ATTR_noreturn __attribute__((noreturn))
#define PV_ATTR_bool
#define PV_ATTR__Bool
#define PV_ATTR_u32
#define PV_ATTR_u64

#define PV_RETURN_void(e) (void)(e)
#define PV_RETURN_noreturn(e) do { (void)(e); __builtin_unreachable(); } while (0)
#define PV_RETURN_bool(e) return (bool)((e) & 0xff)
#define PV_RETURN__Bool PV_RETURN_bool
#define PV_RETURN_u32(e) return (u32)(e)
#define PV_RETURN_u64(e) return (u64)(e)

/* One declaration of an op's function type under a given name. */
#define PV_DECLARE_FN(fn, ret, argc, args) \
	PV_ATTR_##ret PV_CTYPE_##ret fn(PV_PARAMS(argc, args))

#endif
