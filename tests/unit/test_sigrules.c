/*
 * test_sigrules.c — the pure signal rules: default actions, mask
 * arithmetic, handler frame placement (alignment, red zone, alternate
 * stack, overflow), sigreturn's rflags filter and sigaltstack's checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/sigrules.h"

static void test_defaults(void **state)
{
	(void)state;
	assert_int_equal(sigrules_default(SIGSEGV), SIGDFL_CORE);
	assert_int_equal(sigrules_default(SIGQUIT), SIGDFL_CORE);
	assert_int_equal(sigrules_default(SIGSYS), SIGDFL_CORE);
	assert_int_equal(sigrules_default(SIGTERM), SIGDFL_TERM);
	assert_int_equal(sigrules_default(SIGKILL), SIGDFL_TERM);
	assert_int_equal(sigrules_default(SIGPWR), SIGDFL_TERM);
	assert_int_equal(sigrules_default(40), SIGDFL_TERM);
	assert_int_equal(sigrules_default(SIGCHLD), SIGDFL_IGNORE);
	assert_int_equal(sigrules_default(SIGWINCH), SIGDFL_IGNORE);
	assert_int_equal(sigrules_default(SIGCONT), SIGDFL_CONT);
	assert_int_equal(sigrules_default(SIGTTOU), SIGDFL_STOP);
	assert_string_equal(sigrules_name(SIGSEGV), "SIGSEGV");
	assert_string_equal(sigrules_name(SIGSYS), "SIGSYS");
	assert_string_equal(sigrules_name(33), "SIGRT");
	assert_true(sigrules_valid(1) && sigrules_valid(64));
	assert_false(sigrules_valid(0) || sigrules_valid(65) || sigrules_valid(-1));
}

static void test_masks(void **state)
{
	uint64_t m = 0;

	(void)state;
	assert_int_equal(sigrules_lowest(0), 0);
	assert_int_equal(sigrules_lowest(SIGRULES_BIT(SIGUSR1) | SIGRULES_BIT(SIGTERM)), SIGUSR1);
	assert_int_equal(sigrules_lowest(SIGRULES_BIT(64)), 64);
	assert_int_equal(sigrules_mask_apply(SIG_SETMASK, 0, ~0ull, &m), 0);
	assert_true(m == (~0ull & ~SIGRULES_UNBLOCKABLE));
	assert_int_equal(sigrules_mask_apply(SIG_UNBLOCK, m, SIGRULES_BIT(SIGINT), &m), 0);
	assert_false(m & SIGRULES_BIT(SIGINT));
	assert_int_equal(sigrules_mask_apply(SIG_BLOCK, 0, SIGRULES_BIT(SIGINT), &m), 0);
	assert_true(m == SIGRULES_BIT(SIGINT));
	assert_int_equal(sigrules_mask_apply(3, 0, 0, &m), -EINVAL);
	assert_int_equal(sigrules_mask_apply(-1, 0, 0, &m), -EINVAL);
}

static const struct linux_stack no_alt = { .ss_flags = SS_DISABLE };

static void test_frame_main_stack(void **state)
{
	struct sigrules_layout l;
	uint64_t rsp;

	(void)state;
	assert_int_equal(sizeof(struct sigrules_frame), 440);
	/* Every misalignment of the interrupted rsp. */
	for (rsp = 0x7ffffff000; rsp > 0x7fffffef00; rsp--) {
		assert_int_equal(sigrules_place_frame(rsp, &no_alt, true, &l), 0);
		assert_int_equal(l.fpstate % 64, 0);
		assert_true(l.fpstate + 512 <= rsp - 128);          /* red zone kept */
		assert_int_equal((l.frame + 8) % 16, 0);             /* as after a call */
		assert_true(l.frame + sizeof(struct sigrules_frame) <= l.fpstate);
		assert_true(l.fpstate - (l.frame + sizeof(struct sigrules_frame)) < 64 + 16);
		assert_false(l.on_altstack);
	}
	assert_int_equal(sigrules_place_frame(100, &no_alt, false, &l), -EFAULT);
	assert_int_equal(sigrules_place_frame(1000, &no_alt, false, &l), -EFAULT);
}

static void test_frame_altstack(void **state)
{
	struct linux_stack alt = { .ss_sp = 0x10000, .ss_size = 8192, .ss_flags = 0 };
	struct sigrules_layout l;

	(void)state;
	/* Not asked for: the main stack. */
	assert_int_equal(sigrules_place_frame(0x7fff0000, &alt, false, &l), 0);
	assert_false(l.on_altstack);
	/* Asked for: the top of the alternate stack, no red zone there. */
	assert_int_equal(sigrules_place_frame(0x7fff0000, &alt, true, &l), 0);
	assert_true(l.on_altstack);
	assert_int_equal(l.fpstate, 0x12000 - 512);
	assert_true(l.frame > alt.ss_sp);
	/* Already on it: below the current rsp and its red zone. */
	assert_int_equal(sigrules_place_frame(0x11800, &alt, true, &l), 0);
	assert_true(l.on_altstack);
	assert_true(l.fpstate + 512 <= 0x11800 - 128);
	/* Close to its bottom: the frame would overflow it. */
	assert_int_equal(sigrules_place_frame(0x10400, &alt, true, &l), -EFAULT);
	/* A stack at the very top of the address space wraps. */
	alt.ss_sp = ~0ull - 4096;
	assert_int_equal(sigrules_place_frame(0x7fff0000, &alt, true, &l), -EFAULT);
}

static void test_rflags_rip(void **state)
{
	(void)state;
	/* IOPL, NT, VM, RF cannot be set; TF, DF, AC, ID, arith flags can. */
	assert_true(sigrules_rflags_restore(0x202, ~0ull) == (0x254dd5ull | 0x202));
	assert_true(sigrules_rflags_restore(0x202, 0) == 0x202);
	assert_true(sigrules_rflags_restore(0x246, 0x3000) == 0x202);
	assert_true(sigrules_user_rip_ok(0x401000, 0x800000000000ull));
	assert_false(sigrules_user_rip_ok(0x800000000000ull, 0x800000000000ull));
	assert_false(sigrules_user_rip_ok(0xffffffff80000000ull, 0x800000000000ull));
}

static void test_altstack(void **state)
{
	struct linux_stack cur = { .ss_flags = SS_DISABLE }, ss, o;

	(void)state;
	o = sigrules_altstack_get(&cur, 0x7fff0000);
	assert_int_equal(o.ss_flags, SS_DISABLE);
	ss = (struct linux_stack){ .ss_sp = 0x10000, .ss_size = MINSIGSTKSZ - 1 };
	assert_int_equal(sigrules_altstack_set(&cur, &ss, 0x7fff0000), -ENOMEM);
	ss.ss_size = SIGSTKSZ;
	ss.ss_flags = 5;
	assert_int_equal(sigrules_altstack_set(&cur, &ss, 0x7fff0000), -EINVAL);
	ss.ss_flags = SS_ONSTACK;     /* accepted, means 0 */
	assert_int_equal(sigrules_altstack_set(&cur, &ss, 0x7fff0000), 0);
	assert_int_equal(cur.ss_flags, 0);
	o = sigrules_altstack_get(&cur, 0x7fff0000);
	assert_int_equal(o.ss_flags, 0);
	assert_true(o.ss_sp == 0x10000 && o.ss_size == SIGSTKSZ);
	o = sigrules_altstack_get(&cur, 0x11000);
	assert_int_equal(o.ss_flags, SS_ONSTACK);
	/* Changing it while on it. */
	ss.ss_flags = SS_DISABLE;
	assert_int_equal(sigrules_altstack_set(&cur, &ss, 0x11000), -EPERM);
	assert_int_equal(sigrules_altstack_set(&cur, &ss, 0x7fff0000), 0);
	assert_int_equal(cur.ss_flags, SS_DISABLE);
	assert_false(sigrules_on_altstack(&cur, 0x11000));
	ss.ss_flags = (int32_t)SS_AUTODISARM;
	assert_int_equal(sigrules_altstack_set(&cur, &ss, 0x7fff0000), 0);
	o = sigrules_altstack_get(&cur, 0x7fff0000);
	assert_int_equal((uint32_t)o.ss_flags, SS_AUTODISARM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_frame_main_stack),
		cmocka_unit_test(test_frame_altstack),
		cmocka_unit_test(test_rflags_rip),
		cmocka_unit_test(test_altstack),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
