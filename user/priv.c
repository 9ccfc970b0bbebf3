/* priv — executes cli at CPL 3 (IOPL 0): must be killed with #GP. */
int main(void)
{
	__asm__ __volatile__("cli");
	return 0;
}
