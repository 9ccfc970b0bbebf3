/*
 * proc.h — user processes: a static ELF from the initrd, run at CPL 3 in its
 * own address space until it exits or is killed.
 *
 * The kernel runs one process at a time, synchronously: proc_run returns
 * when the process is gone, with how it ended.
 */
#ifndef PROTEUS_PROC_H
#define PROTEUS_PROC_H

#include "types.h"
#include "mm.h"

struct trap_frame;

#define USER_STACK_TOP  0x00007ffffffff000ull
#define USER_STACK_SIZE (64 * 1024ull)
#define USER_MIN_ADDR   0x10000ull

struct proc_result {
	bool killed;
	int exit_code;              /* when !killed */
	u64 vector, error_code;     /* when killed: the fault */
	u64 fault_addr, fault_rip;
	char error[160];            /* why it could not start, or why it was killed */
};

struct proc {
	int pid;
	const char *name;
	struct mm mm;
	void *kstack;
	u64 saved_sp;               /* context_switch save slot */
	struct proc_result *result;
};

/* Load path from the initrd and run it; false if it could not start. */
bool proc_run_path(const char *path, struct proc_result *r, char *capture, size_t cap);
/* Same, from an ELF image in memory. */
bool proc_run_image(const char *name, const void *elf, size_t size, struct proc_result *r);

/* Load a static ELF into mm; on failure write the reason into err. */
bool elf_load_user(struct mm *mm, const void *image, size_t size, u64 *entry,
		   char *err, size_t errlen);

struct proc *proc_current(void);
__noreturn void proc_exit(int code);
__noreturn void proc_kill_current(const struct trap_frame *f);

/* Copy from the current process; -EFAULT unless every byte is user-readable. */
long copy_from_user(void *dst, u64 usrc, size_t n);

/* Make mm live with kstack_top as the stack for entries from user mode,
 * inside the lazy context-switch window when batch (as processes do). */
void context_switch_mm(struct mm *mm, u64 kstack_top, bool batch);

/* Switch kernel stacks: save callee-saved state and rsp in *save, resume next. */
void context_switch(u64 *save, u64 next);

#endif
