/*
 * sys_misc.c — the calls a libc makes at startup and a shell at exit:
 * uname, sysinfo, resource limits, the TLS base, set_tid_address, the
 * robust-futex list, reboot.
 */
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "clock.h"
#include "panic.h"
#include "vfs.h"
#include "printk.h"
#include "pv/ops.h"
#include <string.h>

SYSCALL_DEFINE1(uname, u64, ubuf)
{
	struct linux_utsname u;

	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "Proteus");
	strcpy(u.nodename, "proteus");
	strcpy(u.release, "6.1.0-proteus");   /* libcs compare versions: look recent */
	strcpy(u.version, "#1 Proteus");
	strcpy(u.machine, "x86_64");
	strcpy(u.domainname, "(none)");
	return copy_to_user(ubuf, &u, sizeof(u));
}

SYSCALL_DEFINE1(sysinfo, u64, ubuf)
{
	struct linux_sysinfo si;

	memset(&si, 0, sizeof(si));
	si.uptime = (s64)(clock_ns() / NSEC_PER_SEC);
	si.totalram = frames_total() * PAGE_SIZE;
	si.freeram = frames_free_count() * PAGE_SIZE;
	si.procs = (u16)proc_count();
	si.mem_unit = 1;
	return copy_to_user(ubuf, &si, sizeof(si));
}

static struct proc *rlimit_target(int pid)
{
	return pid ? proc_by_pid(pid) : proc_current();
}

SYSCALL_DEFINE4(prlimit64, int, pid, unsigned, res, u64, unew, u64, uold)
{
	struct proc *p = rlimit_target(pid);
	struct linux_rlimit nl;

	if (!p)
		return -ESRCH;
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (unew) {
		if (copy_from_user(&nl, unew, sizeof(nl)))
			return -EFAULT;
		if (nl.rlim_cur > nl.rlim_max)
			return -EINVAL;
		if (res == RLIMIT_NOFILE && nl.rlim_max > FD_MAX)
			return -EPERM;
	}
	if (uold && copy_to_user(uold, &p->rlim[res], sizeof(p->rlim[res])))
		return -EFAULT;
	if (unew)
		p->rlim[res] = nl;
	return 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned, res, u64, uold)
{
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(uold, &proc_current()->rlim[res], sizeof(struct linux_rlimit));
}

SYSCALL_DEFINE2(setrlimit, unsigned, res, u64, unew)
{
	return sys_prlimit64(0, res, unew, 0);
}

SYSCALL_DEFINE2(getrusage, int, who, u64, ubuf)
{
	struct linux_rusage ru;

	if (who != 0 && who != -1)
		return -EINVAL;
	memset(&ru, 0, sizeof(ru));
	return copy_to_user(ubuf, &ru, sizeof(ru));
}

SYSCALL_DEFINE2(arch_prctl, int, code, u64, addr)
{
	struct proc *p = proc_current();

	switch (code) {
	case ARCH_SET_FS:
		if (addr >= USER_TOP)
			return -EPERM;
		p->fs_base = addr;
		set_fs_base(addr);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user(addr, &p->fs_base, sizeof(p->fs_base));
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE1(set_tid_address, u64, tidptr)
{
	proc_current()->clear_child_tid = tidptr;
	return proc_current()->pid;
}

/* One thread per process: the list is only consulted at thread exit. */
SYSCALL_DEFINE2(set_robust_list, u64, head, u64, len)
{
	(void)head;
	return len == 24 ? 0 : -EINVAL;
}

SYSCALL_DEFINE4(reboot, u32, magic1, u32, magic2, u32, cmd, u64, arg)
{
	(void)arg;
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		pr_info("reboot: power off requested by pid %d\n", proc_current()->pid);
		syscall_stats_report();
		kernel_shutdown(SHUTDOWN_OK);
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		/* The platforms run with "no reboot": a restart ends the run,
		 * with its own status so a test can tell it from power-off. */
		pr_info("reboot: restart requested by pid %d\n", proc_current()->pid);
		syscall_stats_report();
		kernel_shutdown(SHUTDOWN_FAIL);
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(madvise, u64, addr, u64, len, int, advice)
{
	(void)len;
	(void)advice;
	return (addr & (PAGE_SIZE - 1)) ? -EINVAL : 0;
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16

/* The process name (comm), as glibc and busybox set and read it. */
SYSCALL_DEFINE2(prctl, int, option, u64, arg)
{
	struct proc *p = proc_current();
	char name[PROC_NAME_LEN];
	long n;

	switch (option) {
	case PR_SET_NAME:
		n = strncpy_from_user(name, arg, sizeof(name));
		if (n == -EFAULT)
			return -EFAULT;
		if (n < 0) {                     /* longer than 15: truncated, as Linux */
			if (copy_from_user(name, arg, sizeof(name) - 1))
				return -EFAULT;
		}
		name[sizeof(name) - 1] = 0;
		memcpy(p->name, name, sizeof(name));
		return 0;
	case PR_GET_NAME:
		return copy_to_user(arg, p->name, sizeof(p->name));
	default:
		return -EINVAL;
	}
}
