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

#define PVOP_CALLEE0(t, g, n)      ((t)native_##n())
#define PVOP_CALLEE1(t, g, n, a)   ((t)native_##n(a))
#define PVOP_VCALLEE0(g, n)        native_##n()
#define PVOP_VCALLEE1(g, n, a)     native_##n(a)
#define PVOP_CALL0(t, g, n)        ((t)native_##n())
#define PVOP_CALL1(t, g, n, a)     ((t)native_##n(a))
#define PVOP_VCALL0(g, n)          native_##n()
#define PVOP_VCALL1(g, n, a)       native_##n(a)
#define PVOP_VCALL2(g, n, a, b)    native_##n(a, b)
#define PVOP_VCALL3(g, n, a, b, c) native_##n(a, b, c)
#define PVOP_A(g, n)               native_##n

#endif
