/*
 * control.c — the toolstack's requests to a domU: `xl shutdown` and
 * `xl reboot` write control/shutdown ("poweroff", "halt", "reboot",
 * "suspend"; docs/misc/xenstore-paths), and the guest is expected to
 * clear the key once it has read it (as Linux's drivers/xen/manage.c
 * does) and then shut itself down with that reason.
 *
 * The watch fires in interrupt context, so the read and the clearing
 * write are async requests; the write's completion hands the shutdown to
 * the worker thread, which flushes the disks' write caches and ends with
 * the same kernel_shutdown that reboot(2) uses, giving Xen
 * SCHEDOP_shutdown with poweroff or reboot.  Suspend (`xl save`,
 * migration) goes to the worker thread once the key is cleared
 * (suspend.c), where the backend supports it; elsewhere it is reported
 * and cleared, and the domain goes on.
 */
#include "xen/xenstore.h"
#include "xen/suspend.h"
#include "blockdev.h"
#include "kworker.h"
#include "initcall.h"
#include "errno.h"
#include "panic.h"
#include "printk.h"
#include <string.h>

enum { CTL_NONE, CTL_POWEROFF, CTL_REBOOT, CTL_SUSPEND };
static int ctl_pending;
static bool ctl_reading, ctl_again;

/* In the worker: what the disks hold in their write caches reaches the
 * back end before the domain goes (Linux gets the same from the sync
 * its orderly_poweroff's user space does). */
static void ctl_shutdown_work(struct kwork *w)
{
	int rc;

	(void)w;
	rc = blockdev_sync_all();
	if (rc)
		pr_err("reboot: flushing the disks failed (%d); shutting down all the same\n", rc);
	else
		pr_info("reboot: disk caches flushed\n");
	kernel_shutdown(ctl_pending == CTL_POWEROFF ? SHUTDOWN_OK : SHUTDOWN_FAIL);
}

static struct kwork ctl_shutdown_kwork = { .fn = ctl_shutdown_work };

static void ctl_cleared(int status, const char *reply, u32 len, void *arg)
{
	(void)reply, (void)len, (void)arg;
	if (status)
		pr_warn("xen: clearing control/shutdown failed (%d)\n", status);
	if (ctl_pending == CTL_POWEROFF || ctl_pending == CTL_REBOOT) {
		pr_info("reboot: %s requested by the toolstack\n",
			ctl_pending == CTL_POWEROFF ? "power off" : "restart");
		kwork_queue(&ctl_shutdown_kwork);
	}
	if (ctl_pending == CTL_SUSPEND) {
		/* The toolstack waits for the key to be cleared before it waits
		 * for the domain to suspend: only now may the suspend begin.  A
		 * later request is a new one (the next save). */
		ctl_pending = CTL_NONE;
		if (xen_suspend_supported())
			xen_suspend_request();
		else
			pr_warn("xen: control/shutdown asks for suspend, which this backend cannot "
				"do: ignored\n");
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
			what = CTL_SUSPEND;
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

/* Tell the toolstack what we honour (best effort: older ones do not
 * create these keys for us to write).  A restored domain's directory is
 * built afresh, so this is said again after each restore. */
void xen_control_announce(void)
{
	xs_write("control/feature-poweroff", "1");
	xs_write("control/feature-reboot", "1");
	if (xen_suspend_supported())
		xs_write("control/feature-suspend", "1");
}

static void xen_control_init(void)
{
	int rc;

	if (!xs_present())
		return;
	xen_control_announce();
	rc = xs_watch(&ctl_watch);
	if (rc)
		pr_err("xen: cannot watch control/shutdown (%d): xl shutdown will not reach us\n", rc);
}
DEVICE_INIT(INIT_LATE, xen_control_init);
