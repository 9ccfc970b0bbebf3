/*
 * xenwatch.h — the run_watch of `--on xen`: Xen's log kept apart.
 *
 * The filter splits QEMU's stdout with xenlog: the guest's part streams on
 * as under plain QEMU; Xen's goes to --xen-log FILE if given and to an
 * in-memory tail either way, shown when the run ends without a result.
 * The first line of Xen's that says how dom0 ended stops the run (QEMU
 * would otherwise hang in a halt, or wait 5 s to reboot), and decides the
 * exit status with run_status_map_xen.
 */
#ifndef PROTEUS_TOOL_XENWATCH_H
#define PROTEUS_TOOL_XENWATCH_H

#include <stddef.h>
#include "tools/proteus/run.h"

/* Open log_path (NULL: none) and fill w.  -1 with a reason in err. */
int xenwatch_start(const char *log_path, struct run_watch *w, char *err, size_t errlen);

#endif
