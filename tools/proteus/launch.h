/*
 * launch.h — running a VMM under a deadline and streaming its output.
 *
 * The child runs in its own process group so that a timeout or our own
 * interruption can kill everything it started.  Its stdout (the guest's
 * serial console) is copied to our stdout and the log as it arrives; its
 * stderr is copied to ours and scanned for errors (errscan.h).  Waiting is
 * ppoll on the pipes with the time left until the deadline, woken by
 * SIGCHLD: no sleeps.
 */
#ifndef PROTEUS_TOOL_LAUNCH_H
#define PROTEUS_TOOL_LAUNCH_H

#include <stddef.h>
#include "tools/proteus/tail.h"
#include "tools/proteus/verdict.h"

/* Streams the guest's output on: to our stdout, the log and the tail. */
typedef void launch_emit_fn(void *sink, const char *p, size_t n);

/*
 * A filter for a child whose stdout is more than the guest's console (Xen
 * interleaves its own log with it).  It sees every chunk as it is read,
 * and n == 0 once at end of stream to flush what it held back; it passes
 * the guest's part on with emit(sink, ...).  A nonzero return ends the
 * run: the child is killed and the result says LAUNCH_STOPPED.
 */
typedef int launch_filter_fn(void *ctx, const char *p, size_t n, launch_emit_fn *emit, void *sink);

struct launch_opts {
	char *const *argv;       /* argv[0] is looked up in PATH if it has no '/' */
	double timeout;          /* seconds */
	int log_fd;              /* copy of stdout goes here too; -1 for none */
	int pass_stdin;          /* child reads our stdin; else /dev/null */
	launch_filter_fn *filter; /* NULL: all of stdout is the guest's */
	void *filter_ctx;
	int foreground;          /* stdin is our terminal: the child's group owns it while it runs */
	int quiet;               /* the guest's output goes to the log and tail, not our stdout */
};

enum launch_how {
	LAUNCH_EXITED,           /* wstatus is valid */
	LAUNCH_TIMEOUT,          /* deadline passed; process group killed */
	LAUNCH_STOPPED,          /* the filter ended the run; process group killed */
	LAUNCH_INTERRUPTED,      /* we got signo; process group killed */
	LAUNCH_EXEC_FAILED,      /* err: why argv[0] could not run */
	LAUNCH_ERROR,            /* err: a system call failed */
};

struct launch_result {
	enum launch_how how;
	int wstatus;
	int err;
	int signo;
	int vmm_error;           /* the child printed an error (not a warning) on stderr */
	int log_err;             /* writing the log failed with this errno */
	struct tail tail;        /* the end of the child's stdout */
	struct verdict_scan verdict; /* the guest's verdict line, if it printed one */
};

int launch_run(const struct launch_opts *o, struct launch_result *r);

#endif
