/* ulib.h — the tiny user-space library: raw system calls and printing. */
#ifndef PROTEUS_ULIB_H
#define PROTEUS_ULIB_H

typedef unsigned long size_t;
typedef long ssize_t;

long syscall3(long nr, long a, long b, long c);
ssize_t write(int fd, const void *buf, size_t n);
int getpid(void);
__attribute__((noreturn)) void exit(int code);
size_t strlen(const char *s);
void puts(const char *s);
void put_dec(long v);

#endif
