/*
 * xenlog.h — telling Xen's log apart from the guest's output.
 *
 * Under Xen, COM1 carries two streams.  Xen's printk starts every line
 * with "(XEN)", continuation lines included ("(XEN)    0000..." in a
 * register dump).  Dom0's HYPERVISOR_console_io text is written to the
 * UART as it is, with no prefix.  Checked on Debian's Xen 4.17.7 under
 * QEMU 7.2.  Two things complicate the picture:
 *   - a build with a start-of-day banner (the figlet "Xen 4.x" art) prints
 *     it raw, before the first "(XEN)" line; Debian's 4.17 prints none, but
 *     everything before the first "(XEN)" is Xen's, since dom0 cannot run
 *     before Xen has logged its way through boot;
 *   - Xen's prefix marks the start of Xen's own line, not of the UART's: a
 *     guest that wrote half a line and then made Xen log something (a fault
 *     dom0 did not handle) gives "half a line(XEN) d0v0 Unhandled: ...".
 *     "(XEN)" anywhere in a guest line therefore starts a Xen line, and
 *     the guest's line resumes after it.  A guest that prints "(XEN)"
 *     itself is misread; Proteus does not.
 * Up to five bytes that may begin "(XEN)" are held back until they do or
 * do not; everything else is passed on at once.
 *
 * Xen's complete lines are also read for the few that say how the run
 * ended (xenlog_classify).  The strings are those of xen/common/shutdown.c
 * and xen/drivers/char/console.c in 4.17.
 */
#ifndef PROTEUS_TOOL_XENLOG_H
#define PROTEUS_TOOL_XENLOG_H

#include <stddef.h>

#define XENLOG_PREFIX "(XEN)"

/* What a line of Xen's says about the end of the run. */
enum xenlog_event {
	XENLOG_NONE = 0,
	XENLOG_DOM0_POWEROFF,    /* "Hardware Dom0 halted: halting machine" */
	XENLOG_DOM0_REBOOT,      /* "Hardware Dom0 shutdown: rebooting machine" */
	XENLOG_DOM0_CRASH,       /* "Hardware Dom0 crashed: ..." */
	XENLOG_DOM0_OTHER,       /* watchdog, soft reset, unknown reason */
	XENLOG_XEN_PANIC,        /* "Reboot in five seconds..." ending a panic */
};

/* Classify one whole Xen line ("(XEN) ..." without its newline). */
enum xenlog_event xenlog_classify(const char *line, size_t n);
/* A few words for a message: "dom0 crashed", "Xen panicked"... */
const char *xenlog_event_name(enum xenlog_event ev);

typedef void xenlog_sink_fn(void *ctx, const char *p, size_t n);

struct xenlog {
	xenlog_sink_fn *guest, *xen;
	void *ctx;
	int in_xen;              /* inside a Xen line: up to its newline */
	int at_start;            /* at the start of a line */
	int seen_xen;            /* a "(XEN)" line has been seen: the banner is over */
	char hold[sizeof XENLOG_PREFIX]; /* held bytes: a proper prefix of "(XEN)" */
	size_t nhold;
	char line[160];          /* the current Xen line, for xenlog_classify */
	size_t len;              /* its length (may exceed sizeof line) */
	enum xenlog_event event; /* the first event seen */
};

/* Bytes go to guest(ctx, ...) or xen(ctx, ...), in order, never both. */
void xenlog_init(struct xenlog *x, xenlog_sink_fn *guest, xenlog_sink_fn *xen, void *ctx);
void xenlog_push(struct xenlog *x, const char *p, size_t n);
/* End of stream: pass on what was held, judge a last unfinished Xen line. */
void xenlog_end(struct xenlog *x);

#endif
