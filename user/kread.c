/* kread — reads kernel text from user mode: must be killed. */
int main(void)
{
	return *(volatile int *)0xffffffff80100000ul;
}
