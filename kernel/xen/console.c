/*
 * console.c — the console of dom0: HYPERVISOR_console_io writes straight
 * to Xen's console (the serial line under QEMU).  It replaces the 16550
 * driver, which a ring-3 kernel could not program anyway, and which Xen
 * owns and hides from a PVH dom0.  Xen adds the carriage returns itself.
 */
#include "xen/platform.h"
#include "console.h"

static void xen_console_write(const char *s, size_t n)
{
	/* Output cannot fail loudly (there is nowhere to report it), but a
	 * failure must not loop: each chunk is tried once. */
	while (n) {
		size_t chunk = n > 1024 ? 1024 : n;
		xen_hcall3(XEN_HYPERCALL_console_io, XEN_CONSOLEIO_write, chunk, s);
		s += chunk;
		n -= chunk;
	}
}

static struct console xen_console = { .name = "xen-console-io", .write = xen_console_write };

/* Once we can talk, say what we run on (and check it is really Xen). */
void xen_console_init(void)
{
	console_register(&xen_console);
	xen_identify();
}
