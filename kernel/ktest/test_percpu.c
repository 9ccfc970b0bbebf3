/*
 * test_percpu.c — per-CPU variables: a %gs-relative access reaches the
 * same instance as this_cpu_ptr, on every backend, and so do the entry
 * code's words.
 */
#include "ktest.h"
#include "percpu.h"
#include "pv/ops.h"

static DEFINE_PER_CPU(u64, test_word);
static DEFINE_PER_CPU(u8, test_byte);

KTEST(percpu_gs_access, "%gs-relative reads and writes reach this CPU's instance")
{
	u64 *p = this_cpu_ptr(&test_word);

	*p = 0x5045524350550001ull;
	KT_EXPECT_EQ(t, this_cpu_read(test_word), 0x5045524350550001ull);
	this_cpu_write(test_word, 42);
	KT_EXPECT_EQ(t, *p, 42);
	this_cpu_inc(test_word);
	KT_EXPECT_EQ(t, *p, 43);
	this_cpu_write(test_byte, 0xa5);
	KT_EXPECT_EQ(t, *this_cpu_ptr(&test_byte), 0xa5);
	/* The boot CPU runs on the section as linked. */
	KT_EXPECT_EQ(t, this_cpu_read(cpu_number), 0);
	KT_EXPECT_EQ(t, this_cpu_read(cpu_offset), 0);
	KT_EXPECT(t, (char *)p >= __percpu_start && (char *)p < __percpu_end);
}
