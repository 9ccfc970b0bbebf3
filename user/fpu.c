/* fpu — uses the x87 unit once: with CR0.TS set it must trap with #NM. */
int main(void)
{
	__asm__ __volatile__("fninit; fld1; fstp %%st(0)" ::: "memory");
	return 0;
}
