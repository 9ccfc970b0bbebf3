/*
 * spawn.c — processes the kernel itself starts: init, and the programs
 * the in-kernel tests and benchmarks run.  Each is a child of the kernel
 * thread, a session and process-group leader with /dev/console as its
 * descriptors 0-2, and the kernel thread waits for it like a parent.
 */
#include "proc.h"
#include "sched.h"
#include "vfs.h"
#include "console.h"
#include "pv/ops.h"
#include "lib/fmt.h"
#include <string.h>

bool proc_spawn(const char *path, char *const argv[], char *const envp[],
		struct proc_result *r, struct proc **out)
{
	static char *const no_env[] = { NULL };
	char *const default_argv[] = { (char *)path, NULL };
	struct proc *p = proc_alloc(proc_current());
	int rc;

	memset(r, 0, sizeof(*r));
	if (!p) {
		fmt_snprintf(r->error, sizeof(r->error), "%s: no room for a process", path);
		return false;
	}
	p->pgid = p->sid = p->pid;
	p->cwd = inode_get(vfs_root());
	p->files = fdtable_new();
	if (!p->files || fdtable_open_console(p->files) < 0) {
		fmt_snprintf(r->error, sizeof(r->error), "%s: cannot open /dev/console", path);
		proc_free(p);
		return false;
	}
	rc = exec_replace(p, path, argv ? argv : default_argv, envp ? envp : no_env,
			  r->error, sizeof(r->error));
	if (rc) {
		proc_free(p);
		return false;
	}
	p->result = r;
	sched_add(p);
	*out = p;
	return true;
}

void proc_wait_spawned(struct proc *p, struct proc_result *r)
{
	struct proc *self = proc_current();
	u64 fl = irq_save();

	while (p->state != PROC_ZOMBIE)
		sched_sleep_uninterruptible(self);
	irq_restore(fl);
	if ((p->exit_status & 0x7f) == 0) {
		r->killed = false;
		r->exit_code = (p->exit_status >> 8) & 0xff;
	} else {
		r->killed = true;
		r->signal = p->exit_status & 0x7f;
		if (!r->error[0])
			fmt_snprintf(r->error, sizeof(r->error), "signal %d", r->signal);
	}
	proc_free(p);
}

bool proc_run_path(const char *path, struct proc_result *r, char *capture, size_t cap)
{
	struct proc *p;

	if (capture)
		console_capture_start(capture, cap - 1);   /* room for the NUL */
	if (!proc_spawn(path, NULL, NULL, r, &p)) {
		if (capture)
			capture[console_capture_stop()] = 0;
		return false;
	}
	proc_wait_spawned(p, r);
	if (capture)
		capture[console_capture_stop()] = 0;
	return true;
}
