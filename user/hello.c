/* hello — the first user program: proves write, getpid, CPL 3 and exit. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	unsigned short cs;

	__asm__ __volatile__("mov %%cs, %0" : "=r"(cs));
	printf("hello from user space: pid %d, running at CPL %u\n", (int)getpid(), cs & 3u);
	return (cs & 3) == 3 ? 0 : 1;
}
