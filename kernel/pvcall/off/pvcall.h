/*
 * pvcall.h, PARAVIRT=0 variant: pv_ops compiled out.
 *
 * Every op is the native implementation, called directly or inlined from
 * native/ops.h, and no site records are emitted.  This build is the
 * baseline against which the native tax of the patched kernel is measured.
 */
#ifndef PROTEUS_PVCALL_H
#define PROTEUS_PVCALL_H

#define PARAVIRT 0

#define PVOP_BODY_B(g, n, conv, argc, args) native_##n(PV_NAMES(argc, args))
#define PVOP_BODY_A PVOP_BODY_B

#endif
