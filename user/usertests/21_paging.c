/*
 * paging.c — memory that exists only once touched: a big bss array and a
 * deep stack.
 */
#include <string.h>
#include "ut.h"

#define UT_BIG (8u << 20)

static unsigned char ut_big_bss[UT_BIG];

UT_TEST(demand_bss_8m)
{
	unsigned long long sum = 0, want = 0;

	/* bss starts zero, every page of it. */
	for (size_t i = 0; i < UT_BIG; i += 4096)
		if (ut_big_bss[i] != 0)
			ut_fail("bss byte %zu is %d before any write", i, ut_big_bss[i]);
	for (size_t i = 0; i < UT_BIG; i += 512)
		ut_big_bss[i] = (unsigned char)(i / 512 * 7);
	for (size_t i = 0; i < UT_BIG; i += 512) {
		sum += ut_big_bss[i];
		want += (unsigned char)(i / 512 * 7);
	}
	UT_EQ(sum, want);
}

/* About 1 KiB a frame; the volatile array keeps the frames real. */
static unsigned long ut_recurse(unsigned depth)
{
	volatile unsigned char frame[1024];

	frame[0] = (unsigned char)depth;
	frame[sizeof frame - 1] = (unsigned char)(depth >> 8);
	if (depth == 0)
		return frame[0];
	unsigned long below = ut_recurse(depth - 1);

	return below + frame[0] + frame[sizeof frame - 1];
}

UT_TEST(demand_stack_1m)
{
	unsigned depth = 1100;   /* > 1 MiB of stack */
	unsigned long want = 0;

	for (unsigned d = 1; d <= depth; d++)
		want += (d & 0xff) + ((d >> 8) & 0xff);
	UT_EQ(ut_recurse(depth), want);
}
