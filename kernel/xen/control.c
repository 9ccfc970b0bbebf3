/*
 * control.c — the toolstack's requests to a domU: `xl shutdown` and
 * `xl reboot` write control/shutdown ("poweroff", "halt", "reboot",
 * "suspend"; docs/misc/xenstore-paths), and the guest is expected to
 * clear the key once it has read it (as Linux's drivers/xen/manage.c
 * does) and then shut itself down with that reason.
 *
 * The watch fires in interrupt context, so the read and the clearing
 * write are async requests and the shutdown happens in the write's
 * completion: the same kernel_shutdown that reboot(2) uses, giving Xen
 * SCHEDOP_shutdown with poweroff or reboot.  Suspend is not supported
 * yet: it is reported and cleared, and the domain goes on.
 */
#include "xen/xenstore.h"
#include "initcall.h"
#include "errno.h"
#include "panic.h"
#include "printk.h"
#include <string.h>

enum { CTL_NONE, CTL_POWEROFF, CTL_REBOOT };
static int ctl_pending;
static bool ctl_reading, ctl_again;

static void ctl_cleared(int status, const char *reply, u32 len, void *arg)
{
	(void)reply, (void)len, (void)arg;
	if (status)
		pr_warn("xen: clearing control/shutdown failed (%d)\n", status);
	if (ctl_pending == CTL_POWEROFF) {
		pr_info("reboot: power off requested by the toolstack\n");
		kernel_shutdown(SHUTDOWN_OK);
	}
	if (ctl_pending == CTL_REBOOT) {
		pr_info("reboot: restart requested by the toolstack\n");
		kernel_shutdown(SHUTDOWN_FAIL);
	}
}

static void ctl_read(void);

static void ctl_got(int status, const char *v, u32 len, void *arg)
{
	int what = CTL_NONE;

	(void)arg;
	ctl_reading = false;
	if (status == 0 && len > 0) {
		if (!strcmp(v, "poweroff") || !strcmp(v, "halt"))
			what = CTL_POWEROFF;
		else if (!strcmp(v, "reboot"))
			what = CTL_REBOOT;
		else if (!strcmp(v, "suspend"))
			pr_warn("xen: control/shutdown asks for suspend, which Proteus cannot do yet: "
				"ignored\n");
		else
			pr_warn("xen: control/shutdown holds '%s', which means nothing to us: "
				"ignored\n", v);
		if (what != CTL_NONE && ctl_pending == CTL_NONE)
			ctl_pending = what;
		if (xs_write_async("control/shutdown", "", ctl_cleared, NULL))
			ctl_cleared(-EIO, NULL, 0, NULL);   /* shut down all the same */
		return;
	}
	if (ctl_again)
		ctl_read();
}

static void ctl_read(void)
{
	if (ctl_reading) {
		ctl_again = true;
		return;
	}
	ctl_again = false;
	ctl_reading = xs_read_async("control/shutdown", ctl_got, NULL) == 0;
}

static void ctl_watch_fn(struct xs_watch *w, const char *path)
{
	(void)w, (void)path;
	ctl_read();
}

static struct xs_watch ctl_watch = { .path = "control/shutdown", .fn = ctl_watch_fn };

static void xen_control_init(void)
{
	int rc;

	if (!xs_present())
		return;
	/* Tell the toolstack what we honour (best effort: older ones do not
	 * create these keys for us to write). */
	xs_write("control/feature-poweroff", "1");
	xs_write("control/feature-reboot", "1");
	rc = xs_watch(&ctl_watch);
	if (rc)
		pr_err("xen: cannot watch control/shutdown (%d): xl shutdown will not reach us\n", rc);
}
DEVICE_INIT(INIT_LATE, xen_control_init);
