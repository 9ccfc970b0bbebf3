/* nullread — dereferences NULL: must be killed with a page fault at 0. */
int main(void)
{
	return *(volatile int *)0;
}
