/* ud — executes an undefined opcode: must be killed with #UD. */
int main(void)
{
	__asm__ __volatile__("ud2");
	return 0;
}
