/*
 * musl-hello — the smallest musl program: what libc startup and stdio
 * need from the kernel, and nothing else.
 */
#include <stdio.h>

int main(void)
{
	printf("hello from musl\n");
	return 0;
}
