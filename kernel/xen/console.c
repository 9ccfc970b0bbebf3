/*
 * console.c — the console of dom0: HYPERVISOR_console_io writes straight
 * to Xen's console (the serial line under QEMU).  It replaces the 16550
 * driver, which a ring-3 kernel could not program anyway, and which Xen
 * owns and hides from a PVH dom0.  Xen adds the carriage returns itself.
 */
#include "xen/platform.h"
#include "console.h"
#include "irq.h"
#include "printk.h"

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

/*
 * Input: Xen raises VIRQ_CONSOLE when bytes arrive on its console (once
 * it has switched input to dom0); CONSOLEIO_read hands them over and
 * returns 0 when there are no more.
 */
static void xen_console_rx(unsigned irq, void *arg)
{
	char buf[128];
	unsigned turns = 64;          /* bounded, like any interrupt handler's loop */
	long n;

	(void)irq, (void)arg;
	while (turns-- &&
	       (n = xen_hcall3(XEN_HYPERCALL_console_io, XEN_CONSOLEIO_read, sizeof(buf), buf)) > 0)
		console_input(buf, (size_t)n);
}

static void xen_console_input_start(void)
{
	unsigned port = xen_bind_virq(XEN_VIRQ_CONSOLE);
	int irq = xen_evtchn_irq(port, "xen-console");

	if (irq == IRQ_NONE || irq_request((unsigned)irq, xen_console_rx, NULL)) {
		pr_warn("xen: no irq for VIRQ_CONSOLE: console input is off\n");
		return;
	}
	xen_console_rx(0, NULL);      /* whatever was typed before the binding */
}

static struct console xen_console = {
	.name = "xen-console-io", .write = xen_console_write,
	.input_start = xen_console_input_start,
};

/* Once we can talk, say what we run on (and check it is really Xen).
 * A domU talks through its console ring (console_ring.c): Xen refuses
 * console_io to it; console_io stays the fallback when there is no ring. */
void xen_console_init(void)
{
	if (xen_platform->dom0 || !xen_console_ring_init())
		console_register(&xen_console);
	xen_identify();
}
