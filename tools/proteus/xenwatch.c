/*
 * xenwatch.c — feeding QEMU's stdout through xenlog during a Xen run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tools/proteus/tail.h"
#include "tools/proteus/xenlog.h"
#include "tools/proteus/xenwatch.h"

struct xenwatch {
	struct xenlog log;
	struct tail tail;        /* the end of Xen's log */
	const char *path;        /* --xen-log */
	int fd;                  /* open on path, or -1 */
	int err;                 /* errno of the first failed write to it */
	launch_emit_fn *emit;    /* where the guest's bytes go, during a filter call */
	void *sink;
};

/* One run per process: the tail is too big for the stack. */
static struct xenwatch xenwatch_the;

static void xenwatch_guest(void *ctx, const char *p, size_t n)
{
	struct xenwatch *w = ctx;

	w->emit(w->sink, p, n);
}

static void xenwatch_xen(void *ctx, const char *p, size_t n)
{
	struct xenwatch *w = ctx;

	tail_push(&w->tail, p, n);
	while (w->fd >= 0 && !w->err && n) {
		ssize_t k = write(w->fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			w->err = errno;
			break;
		}
		p += k;
		n -= (size_t)k;
	}
}

static int xenwatch_filter(void *ctx, const char *p, size_t n, launch_emit_fn *emit, void *sink)
{
	struct xenwatch *w = ctx;

	w->emit = emit;
	w->sink = sink;
	if (n)
		xenlog_push(&w->log, p, n);
	else
		xenlog_end(&w->log);
	return w->log.event != XENLOG_NONE;
}

static int xenwatch_status(void *ctx, const struct launch_result *r, char *msg, size_t len)
{
	struct xenwatch *w = ctx;

	return run_status_map_xen(w->log.event, r->wstatus, r->vmm_error, r->verdict.last, msg, len);
}

static void xenwatch_tail(void *ctx, unsigned lines, FILE *out)
{
	struct xenwatch *w = ctx;

	if (w->path)
		fprintf(out, "proteus: last lines of Xen's log (all of it is in %s):\n", w->path);
	else
		fprintf(out, "proteus: last lines of Xen's log (--xen-log FILE keeps all of it):\n");
	if (!tail_print(&w->tail, lines, out))
		fprintf(out, "  (none)\n");
}

static void xenwatch_finish(void *ctx)
{
	struct xenwatch *w = ctx;

	if (w->fd >= 0 && close(w->fd) < 0 && !w->err)
		w->err = errno;
	w->fd = -1;
	if (w->err)
		fprintf(stderr, "proteus: writing %s: %s\n", w->path, strerror(w->err));
}

int xenwatch_start(const char *log_path, struct run_watch *rw, char *err, size_t errlen)
{
	struct xenwatch *w = &xenwatch_the;

	memset(w, 0, sizeof *w);
	tail_init(&w->tail);
	xenlog_init(&w->log, xenwatch_guest, xenwatch_xen, w);
	w->path = log_path;
	w->fd = -1;
	if (log_path) {
		w->fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (w->fd < 0) {
			snprintf(err, errlen, "--xen-log %s: %s", log_path, strerror(errno));
			return -1;
		}
	}
	*rw = (struct run_watch){
		.ctx = w,
		.filter = xenwatch_filter,
		.status = xenwatch_status,
		.tail = xenwatch_tail,
		.finish = xenwatch_finish,
	};
	return 0;
}
