/*
 * run.c — `proteus run`: boot the kernel on a platform and report.
 *
 * The steps, in order: parse the options, find the platform, check the
 * files, let the platform prepare (Xen: find its image, set up the watch
 * that splits its log off), build the VMM's argv, print it, run it under
 * the deadline with its output streaming through, and map how it ended to
 * our exit status (see run.h for the statuses and run_status.c for the
 * mapping).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/proteus/launch.h"
#include "tools/proteus/proteus.h"
#include "tools/proteus/run.h"

#define RUN_TAIL_LINES 20u

/* fds 0-2 must be open, or our pipes would land on them. */
static void run_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", fd ? O_WRONLY : O_RDONLY) < 0)
			return;
}

static int run_usage(const char *why)
{
	fprintf(stderr, "proteus: %s\n", why);
	proteus_usage(stderr);
	return RUN_EXIT_USAGE;
}

/* The last lines of what the guest printed, and of what the platform kept apart. */
static void run_tails(const struct run_watch *w, const struct launch_result *r)
{
	if (!w->tail) {
		tail_print(&r->tail, RUN_TAIL_LINES, stderr);
		return;
	}
	fprintf(stderr, "proteus: last lines of the guest's output:\n");
	if (!tail_print(&r->tail, RUN_TAIL_LINES, stderr))
		fprintf(stderr, "  (none)\n");
	w->tail(w->ctx, RUN_TAIL_LINES, stderr);
}

static int run_result(const struct run_opts *o, const struct run_watch *w, struct launch_result *r)
{
	char msg[200];
	int rc;

	if (r->log_err)
		fprintf(stderr, "proteus: writing %s: %s\n", o->log, strerror(r->log_err));
	switch (r->how) {
	case LAUNCH_EXITED:
	case LAUNCH_STOPPED:
		if (w->status)
			rc = w->status(w->ctx, r, msg, sizeof msg);
		else
			rc = run_status_map(r->wstatus, r->vmm_error, r->verdict.last, msg, sizeof msg);
		if (msg[0])
			fprintf(stderr, "%s\n", msg);
		/* Plain QEMU showed everything already; a filter hid part of it. */
		if (rc == RUN_EXIT_NORESULT && w->tail)
			run_tails(w, r);
		return rc;
	case LAUNCH_TIMEOUT:
		fprintf(stderr, "proteus: timeout after %g s%s\n", o->timeout, w->tail ? "" : "; last lines:");
		fflush(stderr);
		run_tails(w, r);
		return RUN_EXIT_TIMEOUT;
	case LAUNCH_INTERRUPTED:
		fprintf(stderr, "proteus: interrupted by %s; qemu killed\n", strsignal(r->signo));
		return 128 + r->signo;
	case LAUNCH_EXEC_FAILED:
		fprintf(stderr, "proteus: cannot run %s: %s\n", o->qemu, strerror(r->err));
		return RUN_EXIT_USAGE;
	case LAUNCH_ERROR:
	default:
		fprintf(stderr, "proteus: cannot start %s: %s\n", o->qemu, strerror(r->err));
		return RUN_EXIT_USAGE;
	}
}

static int run_launch(const struct run_opts *o, const struct run_watch *w, struct argv *cmd)
{
	static struct launch_result r;
	/*
	 * Piped input always reaches the guest.  A terminal does only with
	 * --interactive: then the VMM must own it (foreground group, raw mode
	 * set by QEMU), which a batch run must not let it take.
	 */
	struct launch_opts lo = {
		.argv = cmd->v,
		.timeout = o->timeout,
		.log_fd = -1,
		.pass_stdin = o->interactive || !isatty(0),
		.filter = w->filter,
		.filter_ctx = w->ctx,
		.foreground = o->interactive && isatty(0),
		.quiet = o->quiet,
	};
	char *line = argv_format(cmd);
	int rc;

	if (!line) {
		fprintf(stderr, "proteus: out of memory\n");
		return RUN_EXIT_USAGE;
	}
	if (o->log) {
		lo.log_fd = open(o->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (lo.log_fd < 0) {
			fprintf(stderr, "proteus: log %s: %s\n", o->log, strerror(errno));
			free(line);
			return RUN_EXIT_USAGE;
		}
	}
	fprintf(stderr, "proteus: %s\n", line);
	free(line);
	if (o->gdb)
		fprintf(stderr, "proteus: the guest waits for a debugger; attach with\n"
			"  gdb -ex 'set architecture i386:x86-64' -ex 'file %s' -ex 'target remote localhost:1234'\n",
			o->kernel);
	fflush(stdout);
	launch_run(&lo, &r);
	if (lo.log_fd >= 0 && close(lo.log_fd) < 0 && !r.log_err)
		r.log_err = errno;
	rc = run_result(o, w, &r);
	return rc;
}

int run_boot(struct run_opts *o)
{
	const struct run_platform *p = run_platform_find(o->platform);
	struct run_watch watch = { 0 };
	struct argv cmd;
	char err[256];
	int rc;

	run_std_fds();
	if (!p->build) {
		fprintf(stderr, "proteus: --on %s: %s\n", p->name, p->later);
		return RUN_EXIT_USAGE;
	}
	if (runargs_resolve(o, err, sizeof err) != RUNARGS_OK) {
		fprintf(stderr, "proteus: %s\n", err);
		return RUN_EXIT_USAGE;
	}
	if (p->prepare && p->prepare(o, &watch, err, sizeof err) < 0) {
		fprintf(stderr, "proteus: %s\n", err);
		return RUN_EXIT_USAGE;
	}
	argv_init(&cmd);
	if (p->build(o, &cmd) < 0 || cmd.oom) {
		fprintf(stderr, "proteus: out of memory\n");
		rc = RUN_EXIT_USAGE;
	} else {
		rc = run_launch(o, &watch, &cmd);
	}
	argv_free(&cmd);
	if (watch.finish)
		watch.finish(watch.ctx);
	return rc;
}

int run_main(int argc, char **argv)
{
	struct run_opts o;
	char err[256];
	int rc;

	rc = runargs_parse(argc, argv, &o, err, sizeof err);
	if (rc == RUNARGS_HELP) {
		proteus_usage(stdout);
		return 0;
	}
	if (rc != RUNARGS_OK)
		return run_usage(err);
	return run_boot(&o);
}
