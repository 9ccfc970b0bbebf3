/* busywait.c — the spinning total (busywait.h). */
#include "busywait.h"
#include "x86/insn.h"

static u64 spun;

void busywait_account(u64 t0)
{
	spun += x86_rdtsc() - t0;
}

u64 busywait_total(void)
{
	return spun;
}
