/*
 * xen/suspend.h — save and restore of a Xen domain (xen/suspend.c): the
 * request control/shutdown carries, and whether this backend honours it.
 */
#ifndef PROTEUS_XEN_SUSPEND_H
#define PROTEUS_XEN_SUSPEND_H

#include "types.h"

/* The backend can suspend the domain (say so in control/feature-suspend). */
bool xen_suspend_supported(void);
/* Suspend soon, in the worker thread; callable from interrupt context. */
void xen_suspend_request(void);
/* Write control/feature-* for the toolstack (control.c). */
void xen_control_announce(void);

#endif
