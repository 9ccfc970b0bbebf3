/* kwrite — writes kernel data from user mode: must be killed. */
int main(void)
{
	*(volatile int *)0xffffffff80100000ul = 1;
	return 0;
}
