/*
 * pvops.h — the op list of pvops.def as data the host tool can walk.
 *
 * The kernel turns pvops.def into structs of function pointers; we turn the
 * same lines into a table of names, classes, conventions and pad sizes, so
 * the op index in a site record means the same thing on both sides.
 */
#ifndef PROTEUS_TOOL_PVOPS_H
#define PROTEUS_TOOL_PVOPS_H

#include "include/abi/pvsite.h"

struct pvop_info {
	const char *group;        /* "irq", "cpu", ... */
	const char *name;         /* slot name inside the group */
	enum pvop_class class;    /* PVOP_CLASS_A or PVOP_CLASS_B */
	const char *conv;         /* "CALLEE", "PURE" or "STD" */
	unsigned clobbers;        /* PVCLOBBER_* every site of the op must record */
	unsigned pad;             /* NOP bytes after the 6-byte call */
};

/* A list of ops: the compiled one below, or a synthetic one in a test. */
struct pvops {
	const struct pvop_info *ops;
	unsigned nr;
};

/* Number of PVOP lines in pvops.def, as a constant expression. */
#define PVGROUP_BEGIN(g)
#define PVGROUP_END(g)
enum {
#define PVOP(group, name, class, conv, pad, native, ret, argc, args) PVOPS_LINE_##name,
#include "include/abi/pvops.def"
#undef PVOP
	PVOPS_NR
};
#undef PVGROUP_BEGIN
#undef PVGROUP_END

/* The ops of include/abi/pvops.def, in file order. */
extern const struct pvops pvops_compiled;

/* Longest pad a single NOP instruction can fill (see nops.c). */
#define PVOPS_MAX_PAD 9u   /* PVPATCH_MAX_LEN - the 6-byte call */

/* The canonical single NOP of len bytes (1..PVOPS_MAX_PAD), or NULL. */
const uint8_t *nops_bytes(unsigned len);

#endif
