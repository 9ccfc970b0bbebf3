/*
 * xencons.h — the Xen PV console ring, version 1.
 *
 * Our own definitions of the page a domU shares with its console backend
 * (xenconsoled in dom0), after the layout in Xen's public header
 * io/console.h (Xen 4.17); the text is ours.
 *
 * The page holds two byte rings and their free-running 32-bit indices.
 * An index is never reduced: the byte for index i is at i modulo the
 * ring's size (a power of two), the ring holds prod - cons bytes, and is
 * full when that equals its size.  Each side writes only its own index:
 *
 *   out  guest -> backend: the guest is the producer (out_prod), the
 *        backend the consumer (out_cons)
 *   in   backend -> guest: the backend produces (in_prod), the guest
 *        consumes (in_cons)
 *
 * The producer writes the bytes, then (write barrier) the index; the
 * consumer reads the index, then (read barrier) the bytes, and publishes
 * its new index only after it is done with them (full barrier).  Either
 * side then notifies the other through the console's event channel
 * (start_info console.domU.evtchn for PV, HVM_PARAM_CONSOLE_EVTCHN for a
 * translated guest).  The page itself is start_info console.domU.mfn, or
 * the frame HVM_PARAM_CONSOLE_PFN names.
 *
 * Self-contained: needs only <stdint.h>.
 */
#ifndef PROTEUS_ABI_XENCONS_H
#define PROTEUS_ABI_XENCONS_H

#define PROTEUS_XENCONS_ABI_VERSION 1

#include <stdint.h>

#define XENCONS_IN_SIZE  1024
#define XENCONS_OUT_SIZE 2048

/* HVM params of a translated guest's console (hvm/params.h). */
#define XEN_HVM_PARAM_CONSOLE_PFN    17
#define XEN_HVM_PARAM_CONSOLE_EVTCHN 18

typedef uint32_t xencons_ring_idx;

struct xencons_interface {
	char in[XENCONS_IN_SIZE];
	char out[XENCONS_OUT_SIZE];
	xencons_ring_idx in_cons, in_prod;
	xencons_ring_idx out_cons, out_prod;
};

#define XENCONS_MASK(idx, size) ((idx) & ((size) - 1))

#define XENCONS_OFF_(field) __builtin_offsetof(struct xencons_interface, field)
#ifdef __cplusplus
#define XENCONS_CHECK_(cond, what) static_assert(cond, "xencons ABI: " what)
#else
#define XENCONS_CHECK_(cond, what) _Static_assert(cond, "xencons ABI: " what)
#endif
XENCONS_CHECK_(XENCONS_OFF_(out) == 1024, "out");
XENCONS_CHECK_(XENCONS_OFF_(in_cons) == 3072, "in_cons");
XENCONS_CHECK_(XENCONS_OFF_(in_prod) == 3076, "in_prod");
XENCONS_CHECK_(XENCONS_OFF_(out_cons) == 3080, "out_cons");
XENCONS_CHECK_(XENCONS_OFF_(out_prod) == 3084, "out_prod");
XENCONS_CHECK_(sizeof(struct xencons_interface) == 3088, "size");

#endif
