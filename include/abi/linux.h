/*
 * abi/linux.h — the Linux x86-64 system-call ABI, as far as Proteus speaks
 * it: call numbers, errno values, flag values and the layouts of the
 * structures that cross the user/kernel boundary.
 *
 * Every value and layout here is the one Linux x86-64 uses (see the Linux
 * man pages, section 2, and arch/x86/include/uapi and include/uapi in the
 * Linux sources), so that unmodified static Linux binaries run.  Only
 * fixed-width types appear, so the header means the same to the kernel and
 * to a host-side tool.  Sizes are asserted at the end.
 *
 * Version 1.
 */
#ifndef PROTEUS_ABI_LINUX_H
#define PROTEUS_ABI_LINUX_H

#include <stdint.h>

#define LINUX_ABI_VERSION 1

/* ---- errno (returned negated from system calls) ---- */
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define ETXTBSY 26
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EMLINK 31
#define EPIPE 32
#define EDOM 33
#define ERANGE 34
#define EDEADLK 35
#define ENAMETOOLONG 36
#define ENOLCK 37
#define ENOSYS 38
#define ENOTEMPTY 39
#define ELOOP 40
#define ENOTSUP 95
#define EOPNOTSUPP 95
#define EOVERFLOW 75
#define ENOTSOCK 88
#define EDESTADDRREQ 89
#define EMSGSIZE 90
#define EPROTOTYPE 91
#define ENOPROTOOPT 92
#define EPROTONOSUPPORT 93
#define ESOCKTNOSUPPORT 94
#define EAFNOSUPPORT 97
#define EADDRINUSE 98
#define EADDRNOTAVAIL 99
#define ENETUNREACH 101
#define EISCONN 106
#define ENOTCONN 107
#define ETIMEDOUT 110
#define ECONNREFUSED 111
/* Kernel-internal: a system call interrupted by a signal whose handler
 * has SA_RESTART is restarted; otherwise user space sees EINTR. */
#define ERESTARTSYS 512
/* Kernel-internal: always restarted after a signal (no handler or one). */
#define ERESTARTNOINTR 513
/* Kernel-internal: restarted when no handler ran, EINTR when one did
 * (pause, rt_sigsuspend). */
#define ERESTARTNOHAND 514

/* ---- system call numbers ---- */
#define SYS_read 0
#define SYS_write 1
#define SYS_open 2
#define SYS_close 3
#define SYS_stat 4
#define SYS_fstat 5
#define SYS_lstat 6
#define SYS_poll 7
#define SYS_lseek 8
#define SYS_mmap 9
#define SYS_mprotect 10
#define SYS_munmap 11
#define SYS_brk 12
#define SYS_rt_sigaction 13
#define SYS_rt_sigprocmask 14
#define SYS_rt_sigreturn 15
#define SYS_ioctl 16
#define SYS_pread64 17
#define SYS_pwrite64 18
#define SYS_readv 19
#define SYS_writev 20
#define SYS_access 21
#define SYS_pipe 22
#define SYS_select 23
#define SYS_sched_yield 24
#define SYS_mremap 25
#define SYS_msync 26
#define SYS_madvise 28
#define SYS_dup 32
#define SYS_dup2 33
#define SYS_pause 34
#define SYS_nanosleep 35
#define SYS_getitimer 36
#define SYS_alarm 37
#define SYS_setitimer 38
#define SYS_getpid 39
#define SYS_socket 41
#define SYS_connect 42
#define SYS_accept 43
#define SYS_sendto 44
#define SYS_recvfrom 45
#define SYS_sendmsg 46
#define SYS_recvmsg 47
#define SYS_shutdown 48
#define SYS_bind 49
#define SYS_listen 50
#define SYS_getsockname 51
#define SYS_getpeername 52
#define SYS_socketpair 53
#define SYS_setsockopt 54
#define SYS_getsockopt 55
#define SYS_clone 56
#define SYS_fork 57
#define SYS_vfork 58
#define SYS_execve 59
#define SYS_exit 60
#define SYS_wait4 61
#define SYS_kill 62
#define SYS_uname 63
#define SYS_fcntl 72
#define SYS_fsync 74
#define SYS_fdatasync 75
#define SYS_truncate 76
#define SYS_ftruncate 77
#define SYS_getdents 78
#define SYS_getcwd 79
#define SYS_chdir 80
#define SYS_fchdir 81
#define SYS_rename 82
#define SYS_mkdir 83
#define SYS_rmdir 84
#define SYS_creat 85
#define SYS_link 86
#define SYS_unlink 87
#define SYS_symlink 88
#define SYS_readlink 89
#define SYS_chmod 90
#define SYS_fchmod 91
#define SYS_chown 92
#define SYS_fchown 93
#define SYS_lchown 94
#define SYS_umask 95
#define SYS_gettimeofday 96
#define SYS_getrlimit 97
#define SYS_getrusage 98
#define SYS_sysinfo 99
#define SYS_times 100
#define SYS_getuid 102
#define SYS_getgid 104
#define SYS_setuid 105
#define SYS_setgid 106
#define SYS_geteuid 107
#define SYS_getegid 108
#define SYS_setpgid 109
#define SYS_getppid 110
#define SYS_getpgrp 111
#define SYS_setsid 112
#define SYS_setreuid 113
#define SYS_setregid 114
#define SYS_getgroups 115
#define SYS_setgroups 116
#define SYS_setresuid 117
#define SYS_getresuid 118
#define SYS_setresgid 119
#define SYS_getresgid 120
#define SYS_getpgid 121
#define SYS_getsid 124
#define SYS_rt_sigpending 127
#define SYS_rt_sigtimedwait 128
#define SYS_rt_sigsuspend 130
#define SYS_sigaltstack 131
#define SYS_statfs 137
#define SYS_fstatfs 138
#define SYS_prctl 157
#define SYS_arch_prctl 158
#define SYS_setrlimit 160
#define SYS_sync 162
#define SYS_mount 165
#define SYS_umount2 166
#define SYS_reboot 169
#define SYS_sethostname 170
#define SYS_gettid 186
#define SYS_tkill 200
#define SYS_time 201
#define SYS_futex 202
#define SYS_getdents64 217
#define SYS_set_tid_address 218
#define SYS_clock_gettime 228
#define SYS_clock_getres 229
#define SYS_clock_nanosleep 230
#define SYS_exit_group 231
#define SYS_tgkill 234
#define SYS_openat 257
#define SYS_mkdirat 258
#define SYS_fchownat 260
#define SYS_newfstatat 262
#define SYS_unlinkat 263
#define SYS_renameat 264
#define SYS_linkat 265
#define SYS_symlinkat 266
#define SYS_readlinkat 267
#define SYS_fchmodat 268
#define SYS_faccessat 269
#define SYS_pselect6 270
#define SYS_ppoll 271
#define SYS_set_robust_list 273
#define SYS_utimensat 280
#define SYS_dup3 292
#define SYS_pipe2 293
#define SYS_prlimit64 302
#define SYS_renameat2 316
#define SYS_getrandom 318
#define SYS_statx 332
#define SYS_rseq 334
#define SYS_faccessat2 439
/* One past the highest number the kernel's table has room for. */
#define SYS_TABLE_SIZE 512

/* ---- signals ---- */
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define LINUX_NSIG 64                  /* signals 1..64; a sigset is 64 bits */

#define SIG_DFL 0ull
#define SIG_IGN 1ull
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO 0x00000004u
#define SA_RESTORER 0x04000000u
#define SA_ONSTACK 0x08000000u
#define SA_RESTART 0x10000000u
#define SA_NODEFER 0x40000000u
#define SA_RESETHAND 0x80000000u

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TIMER (-2)
#define SI_TKILL (-6)
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_PRVOPC 5
#define FPE_INTDIV 1
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define FPE_FLTDIV 3
#define FPE_FLTINV 7
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1u << 31)     /* disarm while a handler runs on it */
#define SIGSTKSZ 8192
#define SIGRTMIN 32

/* ucontext.uc_flags: sigcontext.ss is meaningful and restored as is. */
#define UC_FP_XSTATE 0x1
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define MINSIGSTKSZ 2048

/* rt_sigaction's struct (the kernel's, not libc's): handler, flags,
 * restorer, mask. */
struct linux_sigaction {
	uint64_t sa_handler;
	uint64_t sa_flags;
	uint64_t sa_restorer;
	uint64_t sa_mask;
};

struct linux_siginfo {
	int32_t si_signo, si_errno, si_code;
	int32_t pad0;
	union {
		struct { int32_t pid, uid; } kill;
		struct { int32_t pid, uid, status, pad; int64_t utime, stime; } chld;
		struct { uint64_t addr; } fault;
		uint8_t bytes[112];
	} u;
};

struct linux_stack {
	uint64_t ss_sp;
	int32_t ss_flags;
	int32_t pad0;
	uint64_t ss_size;
};

/* struct sigcontext: the registers a signal frame saves. */
struct linux_sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp;
	uint64_t rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;                 /* user address of a 512-byte fxsave image */
	uint64_t reserved1[8];
};

struct linux_ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct linux_stack uc_stack;
	struct linux_sigcontext uc_mcontext;
	uint64_t uc_sigmask;
};

/* ---- files ---- */
#define O_ACCMODE 3
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DSYNC 010000
#define O_ASYNC 020000
#define O_DIRECT 040000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define O_PATH 010000000

#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_EMPTY_PATH 0x1000

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

struct linux_stat {
	uint64_t st_dev, st_ino, st_nlink;
	uint32_t st_mode, st_uid, st_gid, pad0;
	uint64_t st_rdev;
	int64_t st_size, st_blksize, st_blocks;
	uint64_t st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	int64_t unused[3];
};

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

/* statx(2): the mask bits and the 256-byte layout. */
#define STATX_BASIC_STATS 0x000007ffu
#define AT_STATX_SYNC_TYPE 0x6000
#define AT_NO_AUTOMOUNT 0x800
#define AT_EACCESS 0x200
struct linux_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};
struct linux_statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct linux_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align, stx_dio_offset_align;
	uint64_t spare3[12];
};

/* statfs(2), x86-64 layout. */
#define ST_RDONLY 1
struct linux_statfs {
	int64_t f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen, f_frsize, f_flags;
	int64_t f_spare[4];
};

/* fcntl(F_GETLK) fills l_type; nothing here ever holds a lock. */
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
struct linux_flock {
	int16_t l_type, l_whence;
	int32_t pad0;
	int64_t l_start, l_len;
	int32_t l_pid;
	int32_t pad1;
};

/* utimensat(2) */
#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

/* The old getdents(2) record: d_type sits in the last byte. */
struct linux_dirent {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	char d_name[];
};

#define UIO_MAXIOV 1024
#define FD_SETSIZE 1024

struct linux_iovec {
	uint64_t iov_base, iov_len;
};

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100

struct linux_pollfd {
	int32_t fd;
	int16_t events, revents;
};

/* ---- terminals ---- */
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCFLSH 0x540B
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCOUTQ 0x5411
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define TIOCNOTTY 0x5422
#define FIONBIO 0x5421
#define TIOCGSID 0x5429
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

#define LINUX_NCCS 19
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

/* c_iflag */
#define BRKINT 0000002
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
#define IXON 0002000
#define IUTF8 0040000
/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004
/* c_cflag */
#define B38400 0000017
#define CS8 0000060
#define CREAD 0000200
#define HUPCL 0002000
#define CLOCAL 0004000
/* c_lflag */
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define TOSTOP 0000400
#define ECHOCTL 0001000
#define ECHOKE 0004000
#define IEXTEN 0100000

/* The kernel's struct termios, which TCGETS/TCSETS carry. */
struct linux_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[LINUX_NCCS];
};

struct linux_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* ---- memory ---- */
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x0100
#define MAP_DENYWRITE 0x0800
#define MAP_EXECUTABLE 0x1000
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_STACK 0x20000
#define MAP_FIXED_NOREPLACE 0x100000
#define MREMAP_MAYMOVE 1

/* ---- processes ---- */
#define CSIGNAL 0x000000ff
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000

#define WNOHANG 1
#define WUNTRACED 2
#define WCONTINUED 8
#define __WALL 0x40000000
#define __WCLONE 0x80000000

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

#define LINUX_REBOOT_MAGIC1 0xfee1deadu
#define LINUX_REBOOT_MAGIC2 672274793u
#define LINUX_REBOOT_MAGIC2A 85072278u
#define LINUX_REBOOT_MAGIC2B 369367448u
#define LINUX_REBOOT_MAGIC2C 537993216u
#define LINUX_REBOOT_CMD_RESTART 0x01234567u
#define LINUX_REBOOT_CMD_HALT 0xCDEF0123u
#define LINUX_REBOOT_CMD_CAD_ON 0x89ABCDEFu
#define LINUX_REBOOT_CMD_CAD_OFF 0x00000000u
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDCu
#define LINUX_REBOOT_CMD_RESTART2 0xA1B2C3D4u

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0ull)

struct linux_rlimit {
	uint64_t rlim_cur, rlim_max;
};

struct linux_timespec {
	int64_t tv_sec, tv_nsec;
};

struct linux_timeval {
	int64_t tv_sec, tv_usec;
};

struct linux_rusage {
	struct linux_timeval ru_utime, ru_stime;
	int64_t fields[14];
};

struct linux_tms {
	int64_t tms_utime, tms_stime, tms_cutime, tms_cstime;
};

struct linux_sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t pad2;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	uint32_t pad3;
};

#define LINUX_UTS_LEN 65
struct linux_utsname {
	char sysname[LINUX_UTS_LEN], nodename[LINUX_UTS_LEN], release[LINUX_UTS_LEN];
	char version[LINUX_UTS_LEN], machine[LINUX_UTS_LEN], domainname[LINUX_UTS_LEN];
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
struct linux_itimerval {
	struct linux_timeval it_interval, it_value;
};

#define GRND_NONBLOCK 1
#define GRND_RANDOM 2

/* ---- sockets (socket(2), ip(7), udp(7), socket(7)) ---- */
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define AF_NETLINK 16
#define AF_PACKET 17
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK 04000
#define SOCK_CLOEXEC 02000000
#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define INADDR_ANY 0u
#define SOL_SOCKET 1
#define SOL_IP 0
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_REUSEPORT 15
#define SO_RCVTIMEO 20
#define SO_SNDTIMEO 21
#define SO_PROTOCOL 38
#define SO_DOMAIN 39
#define IP_TOS 1
#define IP_TTL 2
#define IP_RECVERR 11
#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

/* Port and address in network byte order. */
struct linux_sockaddr_in {
	uint16_t sin_family;
	uint16_t sin_port;
	uint32_t sin_addr;
	uint8_t sin_zero[8];
};

struct linux_msghdr {
	uint64_t msg_name;
	uint32_t msg_namelen;
	uint32_t pad0;
	uint64_t msg_iov;
	uint64_t msg_iovlen;
	uint64_t msg_control;
	uint64_t msg_controllen;
	int32_t msg_flags;
	uint32_t pad1;
};

/* ---- the initial process stack: auxiliary vector types ---- */
#define AT_NULL 0
#define AT_IGNORE 1
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_EXECFN 31

_Static_assert(sizeof(struct linux_stat) == 144, "struct stat is 144 bytes");
_Static_assert(sizeof(struct linux_sigaction) == 32, "kernel sigaction is 32 bytes");
_Static_assert(sizeof(struct linux_siginfo) == 128, "siginfo is 128 bytes");
_Static_assert(sizeof(struct linux_stack) == 24, "stack_t is 24 bytes");
_Static_assert(sizeof(struct linux_sigcontext) == 256, "sigcontext is 256 bytes");
_Static_assert(sizeof(struct linux_ucontext) == 304, "kernel ucontext is 304 bytes");
_Static_assert(sizeof(struct linux_termios) == 36, "kernel termios is 36 bytes");
_Static_assert(sizeof(struct linux_utsname) == 390, "utsname is 6 x 65 bytes");
_Static_assert(sizeof(struct linux_sysinfo) == 112, "sysinfo is 112 bytes");
_Static_assert(sizeof(struct linux_rusage) == 144, "rusage is 144 bytes");
_Static_assert(sizeof(struct linux_pollfd) == 8, "pollfd is 8 bytes");
_Static_assert(sizeof(struct linux_statx) == 256, "statx is 256 bytes");
_Static_assert(__builtin_offsetof(struct linux_statx, stx_atime) == 0x40, "statx.stx_atime");
_Static_assert(__builtin_offsetof(struct linux_statx, stx_rdev_major) == 0x80, "statx.stx_rdev_major");
_Static_assert(sizeof(struct linux_statfs) == 120, "statfs is 120 bytes");
_Static_assert(sizeof(struct linux_flock) == 32, "flock is 32 bytes");
_Static_assert(sizeof(struct linux_sockaddr_in) == 16, "sockaddr_in is 16 bytes");
_Static_assert(sizeof(struct linux_msghdr) == 56, "msghdr is 56 bytes");
_Static_assert(__builtin_offsetof(struct linux_msghdr, msg_flags) == 48, "msghdr.msg_flags");
_Static_assert(sizeof(struct linux_iovec) == 16, "iovec is 16 bytes");

#endif
