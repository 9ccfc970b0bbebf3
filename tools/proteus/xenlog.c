/*
 * xenlog.c — splitting COM1 under Xen into Xen's log and the guest's output.
 *
 * A byte-at-a-time state machine that hands on runs, so the guest's output
 * streams with no delay but the few bytes that might begin "(XEN)".
 */
#include <string.h>
#include "tools/proteus/xenlog.h"

#define XENLOG_PREFIX_LEN (sizeof XENLOG_PREFIX - 1)

static int xenlog_starts(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	return n >= w && memcmp(s, word, w) == 0;
}

/* "Hardware Dom0 ..." as hwdom_shutdown() prints it (shutdown.c). */
static enum xenlog_event xenlog_hwdom(const char *s, size_t n)
{
	size_t i = strlen("Hardware Dom");

	if (i >= n || s[i] < '0' || s[i] > '9')
		return XENLOG_NONE;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	s += i;
	n -= i;
	if (xenlog_starts(s, n, " halted: halting machine"))
		return XENLOG_DOM0_POWEROFF;
	if (xenlog_starts(s, n, " shutdown: rebooting machine"))
		return XENLOG_DOM0_REBOOT;
	if (xenlog_starts(s, n, " crashed:"))
		return XENLOG_DOM0_CRASH;
	if (xenlog_starts(s, n, " shutdown"))  /* ": watchdog rebooting", " (unknown reason N)" */
		return XENLOG_DOM0_OTHER;
	return XENLOG_NONE;
}

enum xenlog_event xenlog_classify(const char *line, size_t n)
{
	if (!xenlog_starts(line, n, XENLOG_PREFIX))
		return XENLOG_NONE;
	line += XENLOG_PREFIX_LEN;
	n -= XENLOG_PREFIX_LEN;
	while (n && *line == ' ') {
		line++;
		n--;
	}
	if (xenlog_starts(line, n, "Hardware Dom"))
		return xenlog_hwdom(line, n);
	if (xenlog_starts(line, n, "Hardware domain "))  /* "... did unsupported soft reset" */
		return XENLOG_DOM0_OTHER;
	/*
	 * panic() ends with one of these after its message; waiting for it
	 * rather than "Panic on CPU N:" keeps the message in the log.  "Crash"
	 * is the PV-shim build's word.
	 */
	if (xenlog_starts(line, n, "Reboot in five seconds") || xenlog_starts(line, n, "Crash in five seconds") ||
	    xenlog_starts(line, n, "Manual reset required"))
		return XENLOG_XEN_PANIC;
	return XENLOG_NONE;
}

const char *xenlog_event_name(enum xenlog_event ev)
{
	switch (ev) {
	case XENLOG_DOM0_POWEROFF:
		return "dom0 powered off";
	case XENLOG_DOM0_REBOOT:
		return "dom0 rebooted";
	case XENLOG_DOM0_CRASH:
		return "dom0 crashed";
	case XENLOG_DOM0_OTHER:
		return "dom0 shut down for another reason";
	case XENLOG_XEN_PANIC:
		return "Xen panicked";
	case XENLOG_NONE:
	default:
		return "no event";
	}
}

void xenlog_init(struct xenlog *x, xenlog_sink_fn *guest, xenlog_sink_fn *xen, void *ctx)
{
	memset(x, 0, sizeof *x);
	x->guest = guest;
	x->xen = xen;
	x->ctx = ctx;
	x->at_start = 1;
}

/* Bytes of the current Xen line: pass them on and keep its start. */
static void xenlog_xen(struct xenlog *x, const char *p, size_t n)
{
	for (size_t i = 0; i < n && x->len + i < sizeof x->line; i++)
		x->line[x->len + i] = p[i];
	x->len += n;
	x->xen(x->ctx, p, n);
}

/* A Xen line is complete (or the stream ended in one): judge it. */
static void xenlog_line_end(struct xenlog *x)
{
	size_t n = x->len < sizeof x->line ? x->len : sizeof x->line;
	enum xenlog_event ev;

	while (n && (x->line[n - 1] == '\n' || x->line[n - 1] == '\r'))
		n--;
	ev = xenlog_classify(x->line, n);
	if (!x->event)
		x->event = ev;
	x->len = 0;
	x->in_xen = 0;
	x->at_start = 1;
}

static void xenlog_enter_xen(struct xenlog *x)
{
	x->in_xen = 1;
	x->at_start = 0;
	x->len = 0;
}

/* One byte known not to begin "(XEN)" where it stands. */
static void xenlog_plain(struct xenlog *x, char c)
{
	if (x->at_start && !x->seen_xen)
		xenlog_enter_xen(x);         /* the banner, before Xen's first line */
	if (x->in_xen) {
		xenlog_xen(x, &c, 1);
		if (c == '\n')
			xenlog_line_end(x);
		return;
	}
	x->guest(x->ctx, &c, 1);
	x->at_start = c == '\n';
}

/* c may continue the held prefix; settle the hold when it no longer can. */
static void xenlog_hold(struct xenlog *x, char c)
{
	char was[sizeof x->hold];
	size_t n;

	x->hold[x->nhold++] = c;
	if (memcmp(x->hold, XENLOG_PREFIX, x->nhold) == 0) {
		if (x->nhold < XENLOG_PREFIX_LEN)
			return;
		x->nhold = 0;
		x->seen_xen = 1;
		xenlog_enter_xen(x);
		xenlog_xen(x, XENLOG_PREFIX, XENLOG_PREFIX_LEN);
		return;
	}
	/* Not the prefix: the first byte is plain; the rest may begin it again. */
	n = x->nhold;
	memcpy(was, x->hold, n);
	x->nhold = 0;
	xenlog_plain(x, was[0]);
	xenlog_push(x, was + 1, n - 1);
}

void xenlog_push(struct xenlog *x, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t end;

		if (x->in_xen) {
			const char *nl = memchr(p + i, '\n', n - i);

			end = nl ? (size_t)(nl - p) + 1 : n;
			xenlog_xen(x, p + i, end - i);
			if (nl)
				xenlog_line_end(x);
			i = end;
			continue;
		}
		if (x->nhold || p[i] == '(') {
			xenlog_hold(x, p[i++]);
			continue;
		}
		if (x->at_start && !x->seen_xen) {
			xenlog_plain(x, p[i++]);
			continue;
		}
		/* A run of the guest's: up to a '(' or through a newline. */
		for (end = i; end < n && p[end] != '(' && p[end] != '\n'; end++)
			;
		if (end < n && p[end] == '\n')
			end++;
		x->guest(x->ctx, p + i, end - i);
		x->at_start = p[end - 1] == '\n';
		i = end;
	}
}

void xenlog_end(struct xenlog *x)
{
	char was[sizeof x->hold];
	size_t n = x->nhold;

	/* Held bytes can no longer become "(XEN)": they are plain. */
	memcpy(was, x->hold, n);
	x->nhold = 0;
	for (size_t i = 0; i < n; i++)
		xenlog_plain(x, was[i]);
	if (x->in_xen && x->len)
		xenlog_line_end(x);
}
