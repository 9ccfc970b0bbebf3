/*
 * 31_sigregs.c — rt_sigreturn restores the whole register state: every
 * general register (including %rcx and %r11, which a syscall would
 * clobber), the flags and all sixteen SSE registers, even though the
 * handler clobbers them; and it honours edits the handler makes to the
 * saved context (%rip past the ud2, a new %rax).
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include "ut.h"

void ut_sigregs_probe(uint64_t gp[16], uint8_t xmm[256], const uint8_t xpat[256]);
extern const char ut_sigregs_ud2[];

#define UT_NEW_RAX 0x0123456789abcdefull

static volatile int ut_sigill_ok;

static void ut_on_sigill(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	ut_sigill_ok = si->si_signo == SIGILL && si->si_code == ILL_ILLOPN &&
		       si->si_addr == (void *)ut_sigregs_ud2 &&
		       uc->uc_mcontext.gregs[REG_RIP] == (greg_t)(uintptr_t)ut_sigregs_ud2;
	uc->uc_mcontext.gregs[REG_RIP] += 2;
	uc->uc_mcontext.gregs[REG_RAX] = (greg_t)UT_NEW_RAX;
	/* Clobber what the handler may: all SSE and the caller-saved registers. */
	__asm__ volatile(
		"pcmpeqd %%xmm0, %%xmm0\n\tpxor %%xmm1, %%xmm1\n\tpxor %%xmm2, %%xmm2\n\t"
		"pxor %%xmm3, %%xmm3\n\tpxor %%xmm4, %%xmm4\n\tpxor %%xmm5, %%xmm5\n\t"
		"pxor %%xmm6, %%xmm6\n\tpxor %%xmm7, %%xmm7\n\tpxor %%xmm8, %%xmm8\n\t"
		"pxor %%xmm9, %%xmm9\n\tpxor %%xmm10, %%xmm10\n\tpxor %%xmm11, %%xmm11\n\t"
		"pxor %%xmm12, %%xmm12\n\tpxor %%xmm13, %%xmm13\n\tpxor %%xmm14, %%xmm14\n\t"
		"pcmpeqd %%xmm15, %%xmm15\n\t"
		"xor %%ecx, %%ecx\n\txor %%r11d, %%r11d\n\txor %%edx, %%edx\n\t"
		"xor %%esi, %%esi\n\txor %%edi, %%edi\n\txor %%r8d, %%r8d\n\t"
		"xor %%r9d, %%r9d\n\txor %%r10d, %%r10d\n\tstd\n\tcld\n\tclc\n\t"
		::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
		"xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "rcx", "r11",
		"rdx", "rsi", "rdi", "r8", "r9", "r10", "cc", "memory");
}

UT_TEST(sigreturn_restores_registers)
{
	static const char *const names[16] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp",
		"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rflags" };
	static const uint64_t want[15] = {
		UT_NEW_RAX, 0x2222222222222202, 0x3333333333333303, 0x4444444444444404,
		0x5555555555555505, 0x6666666666666606, 0x7777777777777707, 0x8888888888888808,
		0x9999999999999909, 0xaaaaaaaaaaaaaa0a, 0xbbbbbbbbbbbbbb0b, 0xcccccccccccccc0c,
		0xdddddddddddddd0d, 0xeeeeeeeeeeeeee0e, 0xffffffffffffff0f,
	};
	uint64_t gp[16];
	uint8_t xmm[256], xpat[256];
	struct sigaction sa;

	for (int i = 0; i < 256; i++)
		xpat[i] = (uint8_t)(i * 7 + 3);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = ut_on_sigill;
	sa.sa_flags = SA_SIGINFO;
	UT_SYS(sigaction(SIGILL, &sa, NULL));
	ut_sigregs_probe(gp, xmm, xpat);
	UT_EQ(ut_sigill_ok, 1);
	for (int i = 0; i < 15; i++)
		if (gp[i] != want[i])
			ut_fail("%s is %#llx after the signal, want %#llx", names[i],
				(unsigned long long)gp[i], (unsigned long long)want[i]);
	/* CF set, DF clear, as before the ud2. */
	UT_EQ(gp[15] & 1, 1);
	UT_EQ(gp[15] & 0x400, 0);
	for (int r = 0; r < 16; r++)
		if (memcmp(xmm + 16 * r, xpat + 16 * r, 16) != 0)
			ut_fail("xmm%d changed across the signal", r);
}
