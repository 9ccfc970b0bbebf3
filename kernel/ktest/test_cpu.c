/*
 * test_cpu.c — privileged CPU ops through their call sites.
 */
#include "ktest.h"
#include "pv/ops.h"
#include "trap.h"
#include "cpu.h"
#include "x86/insn.h"
#include <string.h>

KTEST(cpu_cpuid, "cpuid through its site matches the instruction")
{
	struct cpuid_regs a;
	u32 b[4];

	cpuid(0, 0, &a);
	x86_cpuid(0, 0, b);
	KT_EXPECT(t, a.eax >= 1);
	KT_EXPECT(t, !memcmp(&a, b, sizeof(a)));
}

KTEST(cpu_msr_fs_base, "set_fs_base reads back through read_msr; write_msr too")
{
	set_fs_base(0x12345000ull);
	KT_EXPECT_EQ(t, read_msr(MSR_FS_BASE), 0x12345000ull);
	write_msr(MSR_FS_BASE, 0);
	KT_EXPECT_EQ(t, read_msr(MSR_FS_BASE), 0);
}

KTEST(cpu_tsc_advances, "read_tsc increases")
{
	u64 a = read_tsc(), b = read_tsc();

	KT_EXPECT(t, b > a);
}

