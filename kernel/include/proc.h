/*
 * proc.h — processes: an address space, open files, signal state and a
 * kernel stack to run system calls and faults on.  Linux semantics:
 * fork copies (copy-on-write), execve replaces the image, exit leaves a
 * zombie for the parent's wait4, orphans go to init (pid 1).
 *
 * One thread per process (pid == tid).  Every process is on one list
 * (proc_for_each); parent/child links are pointers, children are found
 * by scanning, which is cheap at PROC_MAX.  The kernel is not preemptive:
 * a process gives up the CPU only in the scheduler (sched.h), called when
 * it sleeps or on the way back to user mode.
 */
#ifndef PROTEUS_PROC_H
#define PROTEUS_PROC_H

#include "types.h"
#include "mm.h"
#include "vma.h"
#include "signal.h"
#include "abi/linux.h"

struct trap_frame;
struct fdtable;
struct inode;
struct fpu_state;

#define USER_STACK_TOP  0x00007ffffffff000ull
#define USER_STACK_MAX  (8ull << 20)        /* RLIMIT_STACK's default */
#define USER_MIN_ADDR   0x10000ull
#define PROC_MAX        64                  /* processes at once, init included */
#define PROC_NAME_LEN   16

enum proc_state {
	PROC_RUNNABLE,
	PROC_SLEEPING,
	PROC_STOPPED,      /* by a stop signal, until SIGCONT */
	PROC_ZOMBIE,       /* exited, waiting for wait4 */
};

/* How a process that was killed by a fault died: for the kernel's own
 * tests and the kill message. */
struct proc_result {
	bool killed;
	int exit_code;              /* when !killed */
	int signal;                 /* when killed */
	u64 vector, error_code;     /* when killed by a fault */
	u64 fault_addr, fault_rip;
	char error[160];            /* why it could not start, or why it was killed */
};

struct proc {
	int pid, pgid, sid;
	struct proc *parent;
	enum proc_state state;
	char name[PROC_NAME_LEN];

	/* Scheduling (sched.c). */
	const void *wait_chan;      /* what it sleeps on */
	u64 wake_at;                /* clock_ns deadline of a timed sleep, 0 if none */
	u64 alarm_at;               /* SIGALRM deadline, 0 if none */
	u64 slice_end;              /* preempt after this clock_ns */
	bool on_cpu;                /* its kernel stack is live on a CPU */
	bool sleep_nointr;          /* a sleep no signal ends */
	u64 lazy_state;             /* its lazy-mode word across switches */
	struct proc *run_next;      /* run queue link */

	/* Kernel stack: the user frame sits at its top. */
	void *kstack;
	u64 saved_sp;               /* context_switch save slot */

	struct uspace *us;          /* address space and its mappings (vma.h) */
	u64 fs_base;
	struct fpu_state *fpu;      /* NULL until it first uses the FPU */

	struct fdtable *files;
	struct inode *cwd;
	u32 umask;

	struct sig_state sig;       /* signal.h */

	int exit_status;            /* wait status, once a zombie */
	bool stop_report;           /* a stop not yet reported to wait4 */
	bool cont_report;
	u64 clear_child_tid;        /* set_tid_address */
	struct proc *vfork_parent;  /* sleeps until we exec or exit */
	bool vfork_done;            /* as a vfork parent: the child let go */
	int stop_sig;               /* the signal that stopped it */
	struct linux_rlimit rlim[RLIM_NLIMITS];
	u64 utime_ticks, stime_ticks, cutime_ticks, cstime_ticks;
	u64 start_ns;

	struct proc_result *result; /* kernel-started processes: where to report */
	void (*kthread_fn)(void *); /* a kernel thread's body, and its argument */
	void *kthread_arg;
	struct proc *all_next;      /* every process */
};

extern struct proc *proc_list;
#define proc_for_each(p) for ((p) = proc_list; (p); (p) = (p)->all_next)

struct proc *proc_current(void);
struct proc *proc_by_pid(int pid);
/* The first process: reaps orphans; the machine ends when it exits. */
struct proc *proc_init(void);
unsigned proc_count(void);

/* A kernel thread running fn(arg), runnable at once: no user half, pid 0,
 * never ending (fn must not return).  NULL when the table is full. */
struct proc *proc_kthread(const char *name, void (*fn)(void *), void *arg);

/* Start path as a new process with argv/envp (kernel strings), a child
 * of the calling kernel thread or of nobody; false with a reason. */
bool proc_spawn(const char *path, char *const argv[], char *const envp[],
		struct proc_result *r, struct proc **out);
/* Wait in the kernel for a process spawned with proc_spawn; reaps it. */
void proc_wait_spawned(struct proc *p, struct proc_result *r);

/* For the kernel's tests: spawn, wait, and report how it ended. */
bool proc_run_path(const char *path, struct proc_result *r, char *capture, size_t cap);

/* End the current process with a wait status (W_EXITCODE/W_SIGNALED). */
__noreturn void proc_exit(int wait_status);
#define W_EXITCODE(code) (((code) & 0xff) << 8)
#define W_SIGNALED(sig, core) (((sig) & 0x7f) | ((core) ? 0x80 : 0))
#define W_STOPCODE(sig) ((((sig) & 0xff) << 8) | 0x7f)

/* Make mm live with kstack_top as the stack for entries from user mode,
 * inside the lazy context-switch window when batch. */
void context_switch_mm(struct mm *mm, u64 kstack_top, bool batch);
/* Switch kernel stacks: save callee-saved state and rsp in *save, resume next. */
void context_switch(u64 *save, u64 next);

/* The user frame at the top of p's kernel stack. */
struct trap_frame *proc_user_frame(struct proc *p);

/* Internal to kernel/proc: the table and the pieces of fork/exec/exit. */
void proc_boot_init(void);
struct proc *proc_alloc(const struct proc *parent);
void proc_free(struct proc *p);
void proc_vfork_release(struct proc *p);
bool proc_autoreap(struct proc *p);
/* Replace p's image with path (kernel strings); 0 or -errno with the
 * reason in err (exec.c). */
int exec_replace(struct proc *p, const char *path, char *const argv[], char *const envp[],
		 char *err, size_t errlen);

#endif
