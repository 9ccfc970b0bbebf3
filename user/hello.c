/* hello — the first user program: proves write, getpid, CPL 3 and exit. */
#include "ulib.h"

int main(void)
{
	unsigned short cs;

	__asm__ __volatile__("mov %%cs, %0" : "=r"(cs));
	puts("hello from user space: pid ");
	put_dec(getpid());
	puts(", running at CPL ");
	put_dec(cs & 3);
	puts("\n");
	return (cs & 3) == 3 ? 0 : 1;
}
