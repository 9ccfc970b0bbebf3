/*
 * test_census.c (PARAVIRT=0) — with pv_ops compiled out there must be no
 * call sites at all: every op is native code in place.
 */
#include "ktest.h"
#include "abi/pvsite.h"

extern const struct pvsite __pvsites_start[], __pvsites_end[];

KTEST(census_consistent, "a PARAVIRT=0 kernel has no pv call sites")
{
	KT_EXPECT_EQ(t, __pvsites_end - __pvsites_start, 0);
}
