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

KTEST(cpu_fpu_ts, "with TS set the first FPU instruction traps (#NM); cleared, it runs")
{
	fpu_set_ts(true);
	KT_EXPECT(t, !probe_fnop());
	KT_EXPECT_EQ(t, extable_last_vector, VEC_NM);
	fpu_set_ts(false);
	KT_EXPECT(t, probe_fnop());
}

/* The limit the CPU reads for a selector from the live GDT (lsl). */
static bool segment_limit(u16 sel, u32 *limit)
{
	u32 l;
	u8 ok;

	__asm__ __volatile__("lsl %2, %0; setz %1" : "=r"(l), "=q"(ok) : "r"((u32)sel) : "cc");
	*limit = l;
	return ok;
}

KTEST(cpu_gdt_update, "a GDT entry rewritten at run time is what the CPU then reads")
{
	/* Present, DPL 3, writable data, byte-granular limits 0x1234 / 0x4321. */
	u64 a = 0x0000f20000001234ull, b = 0x0000f20000004321ull;
	u32 limit = 0;

	gdt_set_tls(a);
	KT_EXPECT(t, segment_limit(GDT_TLS | 3, &limit) && limit == 0x1234);
	gdt_set_tls(b);
	KT_EXPECT(t, segment_limit(GDT_TLS | 3, &limit) && limit == 0x4321);
	gdt_set_tls(0);
	KT_EXPECT(t, !segment_limit(GDT_TLS | 3, &limit));
}
