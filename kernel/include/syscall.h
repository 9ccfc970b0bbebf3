/* syscall.h — system call numbers (Linux x86-64 numbering) and errors. */
#ifndef PROTEUS_SYSCALL_H
#define PROTEUS_SYSCALL_H

#define SYS_write 1
#define SYS_getpid 39
#define SYS_exit 60
#define SYS_exit_group 231

#define EBADF 9
#define EINVAL 22
#define ENOSYS 38

#endif
