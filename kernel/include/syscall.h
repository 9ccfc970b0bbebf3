/*
 * syscall.h — system calls register themselves: each file that implements
 * some defines them with SYSCALL_DEFINEn, which puts a descriptor in the
 * .syscalls section; syscall_init builds the dispatch table from that
 * section at boot and refuses duplicates.  Numbers, errno values and
 * structures are Linux x86-64's (abi/linux.h).
 *
 * Arguments arrive as Linux passes them (rdi, rsi, rdx, r10, r8, r9) and
 * are cast to the parameter types written in the definition; a definition
 * that needs the whole frame (fork, execve, rt_sigreturn) uses
 * SYSCALL_DEFINE_FRAME.  Results are the value or a negative errno.
 */
#ifndef PROTEUS_SYSCALL_H
#define PROTEUS_SYSCALL_H

#include "types.h"
#include "errno.h"
#include "trap.h"

struct syscall_desc {
	unsigned nr;
	const char *name;
	long (*fn)(struct trap_frame *f);
};

#define SYSCALL_REGISTER(nr_, name_, fn_)                                           \
	static const struct syscall_desc syscall_desc_##name_ = {                   \
		.nr = (nr_), .name = #name_, .fn = (fn_) };                         \
	static const struct syscall_desc *const syscall_ptr_##name_                 \
		__section(".syscalls") __used = &syscall_desc_##name_

#define SYSCALL_ARG0(f) ((f)->rdi)
#define SYSCALL_ARG1(f) ((f)->rsi)
#define SYSCALL_ARG2(f) ((f)->rdx)
#define SYSCALL_ARG3(f) ((f)->r10)
#define SYSCALL_ARG4(f) ((f)->r8)
#define SYSCALL_ARG5(f) ((f)->r9)

#define SYSCALL_DEFINE_FRAME(name)                                                  \
	static long sys_##name(struct trap_frame *f);                               \
	SYSCALL_REGISTER(SYS_##name, name, sys_##name);                             \
	static long sys_##name(struct trap_frame *f)

#define SYSCALL_DEFINE0(name)                                                       \
	static long sys_##name(void);                                               \
	static long sys_##name##_entry(struct trap_frame *f)                        \
	{ (void)f; return sys_##name(); }                                           \
	SYSCALL_REGISTER(SYS_##name, name, sys_##name##_entry);                     \
	static long sys_##name(void)

#define SYSCALL_DEFINE1(name, t0, a0)                                               \
	static long sys_##name(t0 a0);                                              \
	static long sys_##name##_entry(struct trap_frame *f)                        \
	{ return sys_##name((t0)SYSCALL_ARG0(f)); }                                 \
	SYSCALL_REGISTER(SYS_##name, name, sys_##name##_entry);                     \
	static long sys_##name(t0 a0)

#define SYSCALL_DEFINE2(name, t0, a0, t1, a1)                                       \
	static long sys_##name(t0 a0, t1 a1);                                       \
	static long sys_##name##_entry(struct trap_frame *f)                        \
	{ return sys_##name((t0)SYSCALL_ARG0(f), (t1)SYSCALL_ARG1(f)); }            \
	SYSCALL_REGISTER(SYS_##name, name, sys_##name##_entry);                     \
	static long sys_##name(t0 a0, t1 a1)

#define SYSCALL_DEFINE3(name, t0, a0, t1, a1, t2, a2)                               \
	static long sys_##name(t0 a0, t1 a1, t2 a2);                                \
	static long sys_##name##_entry(struct trap_frame *f)                        \
	{ return sys_##name((t0)SYSCALL_ARG0(f), (t1)SYSCALL_ARG1(f),               \
			    (t2)SYSCALL_ARG2(f)); }                                 \
	SYSCALL_REGISTER(SYS_##name, name, sys_##name##_entry);                     \
	static long sys_##name(t0 a0, t1 a1, t2 a2)

#define SYSCALL_DEFINE4(name, t0, a0, t1, a1, t2, a2, t3, a3)                       \
	static long sys_##name(t0 a0, t1 a1, t2 a2, t3 a3);                         \
	static long sys_##name##_entry(struct trap_frame *f)                        \
	{ return sys_##name((t0)SYSCALL_ARG0(f), (t1)SYSCALL_ARG1(f),               \
			    (t2)SYSCALL_ARG2(f), (t3)SYSCALL_ARG3(f)); }            \
	SYSCALL_REGISTER(SYS_##name, name, sys_##name##_entry);                     \
	static long sys_##name(t0 a0, t1 a1, t2 a2, t3 a3)

#define SYSCALL_DEFINE5(name, t0, a0, t1, a1, t2, a2, t3, a3, t4, a4)               \
	static long sys_##name(t0 a0, t1 a1, t2 a2, t3 a3, t4 a4);                  \
	static long sys_##name##_entry(struct trap_frame *f)                        \
	{ return sys_##name((t0)SYSCALL_ARG0(f), (t1)SYSCALL_ARG1(f),               \
			    (t2)SYSCALL_ARG2(f), (t3)SYSCALL_ARG3(f),               \
			    (t4)SYSCALL_ARG4(f)); }                                 \
	SYSCALL_REGISTER(SYS_##name, name, sys_##name##_entry);                     \
	static long sys_##name(t0 a0, t1 a1, t2 a2, t3 a3, t4 a4)

#define SYSCALL_DEFINE6(name, t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)       \
	static long sys_##name(t0 a0, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5);           \
	static long sys_##name##_entry(struct trap_frame *f)                        \
	{ return sys_##name((t0)SYSCALL_ARG0(f), (t1)SYSCALL_ARG1(f),               \
			    (t2)SYSCALL_ARG2(f), (t3)SYSCALL_ARG3(f),               \
			    (t4)SYSCALL_ARG4(f), (t5)SYSCALL_ARG5(f)); }            \
	SYSCALL_REGISTER(SYS_##name, name, sys_##name##_entry);                     \
	static long sys_##name(t0 a0, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5)

/* Another number for a call already defined in the same file
 * (exit_group for exit, say). */
#define SYSCALL_ALIAS(alias, name) SYSCALL_REGISTER(SYS_##alias, alias, sys_##name##_entry)

/* Build the table from .syscalls (boot, before the first process). */
void syscall_init(void);

/*
 * The frame a system call returns through has been rewritten wholesale
 * (rt_sigreturn, a signal delivered on the way out, a new process): go
 * back through the full trap return, which restores every register,
 * rather than the fast path, which may clobber rcx and r11.
 */
void syscall_need_full_return(void);

/* The entry code's call: true when the full return is needed. */
bool syscall_dispatch(struct trap_frame *f);

/* Calls with numbers nobody implements, counted; printed at shutdown
 * with syscall.stats=1. */
void syscall_stats_report(void);

#endif
