/*
 * 33_fpu.c — each process has its own FPU/SSE state: parent and child
 * hold different values in all sixteen xmm registers across blocking
 * system calls that switch to the other, and each keeps its own MXCSR
 * rounding mode.  Results must be exact.
 */
#include <fenv.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ut.h"

/*
 * Load xmm0-15 from pat, do one system call (Linux preserves every xmm
 * register across it), store xmm0-15 to out.  The call blocks or yields,
 * so the other process runs with its own values in between.
 */
static long ut_xmm_syscall(long nr, long a, long b, long c, const uint8_t pat[256],
			   uint8_t out[256])
{
	register long rax __asm__("rax") = nr;
	register long rdi __asm__("rdi") = a;
	register long rsi __asm__("rsi") = b;
	register long rdx __asm__("rdx") = c;

	__asm__ volatile(
		"movdqu 0(%[p]), %%xmm0\n\tmovdqu 16(%[p]), %%xmm1\n\t"
		"movdqu 32(%[p]), %%xmm2\n\tmovdqu 48(%[p]), %%xmm3\n\t"
		"movdqu 64(%[p]), %%xmm4\n\tmovdqu 80(%[p]), %%xmm5\n\t"
		"movdqu 96(%[p]), %%xmm6\n\tmovdqu 112(%[p]), %%xmm7\n\t"
		"movdqu 128(%[p]), %%xmm8\n\tmovdqu 144(%[p]), %%xmm9\n\t"
		"movdqu 160(%[p]), %%xmm10\n\tmovdqu 176(%[p]), %%xmm11\n\t"
		"movdqu 192(%[p]), %%xmm12\n\tmovdqu 208(%[p]), %%xmm13\n\t"
		"movdqu 224(%[p]), %%xmm14\n\tmovdqu 240(%[p]), %%xmm15\n\t"
		"syscall\n\t"
		"movdqu %%xmm0, 0(%[o])\n\tmovdqu %%xmm1, 16(%[o])\n\t"
		"movdqu %%xmm2, 32(%[o])\n\tmovdqu %%xmm3, 48(%[o])\n\t"
		"movdqu %%xmm4, 64(%[o])\n\tmovdqu %%xmm5, 80(%[o])\n\t"
		"movdqu %%xmm6, 96(%[o])\n\tmovdqu %%xmm7, 112(%[o])\n\t"
		"movdqu %%xmm8, 128(%[o])\n\tmovdqu %%xmm9, 144(%[o])\n\t"
		"movdqu %%xmm10, 160(%[o])\n\tmovdqu %%xmm11, 176(%[o])\n\t"
		"movdqu %%xmm12, 192(%[o])\n\tmovdqu %%xmm13, 208(%[o])\n\t"
		"movdqu %%xmm14, 224(%[o])\n\tmovdqu %%xmm15, 240(%[o])\n\t"
		: "+r"(rax)
		: [p] "r"(pat), [o] "r"(out), "r"(rdi), "r"(rsi), "r"(rdx)
		: "rcx", "r11", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
		  "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
	return rax;
}

/* A deterministic double computation; the same inputs give the same bits. */
static double ut_fp_work(double seed, int n)
{
	volatile double x = seed;

	for (int i = 0; i < n; i++)
		x = x * 1.0000001 + 0.5 / (i + 1);
	return x;
}

static void ut_fpu_side(int rd, int wr, uint8_t tag, int round, int first)
{
	uint8_t pat[256], out[256];
	char c = 'x';
	double expect, got;
	volatile double one = 1.0, three = 3.0;
	double third_mine;

	fesetround(round);
	third_mine = one / three;
	expect = ut_fp_work(tag, 2000);
	for (int i = 0; i < 256; i++)
		pat[i] = (uint8_t)(tag ^ (i * 31));
	for (int round_no = 0; round_no < 200; round_no++) {
		long r;

		if (!first || round_no > 0) {
			r = ut_xmm_syscall(SYS_read, rd, (long)&c, 1, pat, out);
			if (r != 1)
				ut_fail("read returned %ld", r);
			if (memcmp(pat, out, 256) != 0)
				ut_fail("tag %d: xmm registers changed across a blocking read", tag);
		}
		r = ut_xmm_syscall(SYS_sched_yield, 0, 0, 0, pat, out);
		if (memcmp(pat, out, 256) != 0)
			ut_fail("tag %d: xmm registers changed across sched_yield", tag);
		got = ut_fp_work(tag, 2000);
		if (memcmp(&got, &expect, sizeof got) != 0)
			ut_fail("tag %d: result %a, want %a", tag, got, expect);
		if (fegetround() != round)
			ut_fail("tag %d: rounding mode %#x, want %#x", tag, fegetround(), round);
		volatile double t = one / three;

		if (memcmp((const void *)&t, &third_mine, sizeof t) != 0)
			ut_fail("tag %d: 1/3 rounded differently", tag);
		r = ut_xmm_syscall(SYS_write, wr, (long)&c, 1, pat, out);
		if (r != 1 || memcmp(pat, out, 256) != 0)
			ut_fail("tag %d: write or xmm state after it", tag);
	}
}

UT_TEST(fpu_state_per_process)
{
	int to_child[2], to_parent[2];
	pid_t pid;

	UT_SYS(pipe(to_child));
	UT_SYS(pipe(to_parent));
	pid = ut_fork();
	if (pid == 0) {
		ut_fpu_side(to_child[0], to_parent[1], 0x5c, FE_UPWARD, 0);
		_exit(0);
	}
	ut_fpu_side(to_parent[0], to_child[1], 0xa3, FE_TOWARDZERO, 1);
	/* The child waits for one last byte from us. */
	ut_wait_exit(pid, 0);
	/* Round up and toward zero really differ for 1/3. */
	volatile double one = 1.0, three = 3.0, up, zero;

	fesetround(FE_UPWARD);
	up = one / three;
	fesetround(FE_TOWARDZERO);
	zero = one / three;
	fesetround(FE_TONEAREST);
	UT_CHECK(up != zero);
}
