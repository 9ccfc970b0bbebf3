/*
 * lsl — reads the limit of GDT selector 0x3b (the kernel's run-time TLS
 * slot, DPL 3) as the CPU sees it, and exits with its low byte, or 255 if
 * the CPU says the selector is not a valid descriptor.
 */
int main(void)
{
	unsigned limit;
	unsigned char ok;

	__asm__ __volatile__("lsl %2, %0; setz %1" : "=r"(limit), "=q"(ok) : "r"(0x3bu) : "cc");
	return ok ? (int)(limit & 0xff) : 255;
}
