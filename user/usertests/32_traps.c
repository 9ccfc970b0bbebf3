/*
 * 32_traps.c — CPU exceptions become the signals Linux sends: ud2 SIGILL,
 * privileged instructions and kernel addresses SIGSEGV, divide by zero
 * SIGFPE, int3 SIGTRAP.  Each in a child, checked by its wait status.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ut.h"

static void ut_do_ud2(void) { __asm__ volatile("ud2"); }
static void ut_do_hlt(void) { __asm__ volatile("hlt"); }
static void ut_do_cli(void) { __asm__ volatile("cli"); }
static void ut_do_int3(void) { __asm__ volatile("int3"); }
static void ut_do_kread(void) { (void)*(volatile uint64_t *)0xffff800000000000ull; }
static void ut_do_kwrite(void) { *(volatile uint64_t *)0xffffffff80000000ull = 1; }
/* A non-canonical address: #GP rather than #PF, still SIGSEGV. */
static void ut_do_noncanon(void) { (void)*(volatile uint64_t *)0x0000800000000000ull; }
static void ut_do_null(void) { (void)*(volatile int *)0; }
static void ut_do_outb(void) { __asm__ volatile("outb %%al, $0x80" ::"a"(0)); }

/* idiv in asm: C division by zero is undefined, the compiler may drop it. */
static void ut_idiv(int64_t num, int64_t den)
{
	__asm__ volatile("cqo\n\tidivq %[d]" : "+a"(num) : [d] "r"(den) : "rdx", "cc");
}

static void ut_do_div0(void) { ut_idiv(1, 0); }
static void ut_do_divoverflow(void) { ut_idiv(INT64_MIN, -1); }

static void ut_expect_kill(void (*fn)(void), int sig, const char *what)
{
	int status = ut_in_child(fn);

	if (!WIFSIGNALED(status) || WTERMSIG(status) != sig)
		ut_fail("%s: wait status %#x, want killed by signal %d", what, status, sig);
}

UT_TEST(trap_signals)
{
	ut_expect_kill(ut_do_ud2, SIGILL, "ud2");
	ut_expect_kill(ut_do_hlt, SIGSEGV, "hlt");
	ut_expect_kill(ut_do_cli, SIGSEGV, "cli");
	ut_expect_kill(ut_do_outb, SIGSEGV, "outb");
	ut_expect_kill(ut_do_kread, SIGSEGV, "read of 0xffff800000000000");
	ut_expect_kill(ut_do_kwrite, SIGSEGV, "write of 0xffffffff80000000");
	ut_expect_kill(ut_do_noncanon, SIGSEGV, "read of a non-canonical address");
	ut_expect_kill(ut_do_null, SIGSEGV, "NULL read");
	ut_expect_kill(ut_do_div0, SIGFPE, "divide by zero");
	ut_expect_kill(ut_do_divoverflow, SIGFPE, "INT64_MIN / -1");
	ut_expect_kill(ut_do_int3, SIGTRAP, "int3");
}
