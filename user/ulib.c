/* ulib.c — see ulib.h.  Linux x86-64 syscall numbers and convention. */
#include "ulib.h"

long syscall3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ __volatile__("syscall" : "=a"(ret)
			     : "a"(nr), "D"(a), "S"(b), "d"(c)
			     : "rcx", "r11", "memory");
	return ret;
}

ssize_t write(int fd, const void *buf, size_t n) { return syscall3(1, fd, (long)buf, (long)n); }
int getpid(void) { return (int)syscall3(39, 0, 0, 0); }

void exit(int code)
{
	syscall3(60, code, 0, 0);
	for (;;)
		;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

void puts(const char *s)
{
	write(1, s, strlen(s));
}

void put_dec(long v)
{
	char buf[24];
	int i = 23;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	buf[i] = 0;
	do {
		buf[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		buf[--i] = '-';
	puts(buf + i);
}
