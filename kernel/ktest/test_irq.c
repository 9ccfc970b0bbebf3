/*
 * test_irq.c — the interrupt-flag ops, through their (patched or not) call
 * sites: nesting of save/disable/restore, and that the flag really gates
 * interrupt delivery.
 */
#include "ktest.h"
#include "pv/ops.h"
#include "clock.h"

KTEST(irq_save_restore_nesting, "irq save/disable/restore nests and restores IF")
{
	u64 outer, inner;

	KT_ASSERT(t, irqs_enabled());
	outer = irq_save();
	KT_EXPECT(t, outer & X86_FLAGS_IF);
	KT_EXPECT(t, !irqs_enabled());
	inner = irq_save();
	KT_EXPECT(t, !(inner & X86_FLAGS_IF));
	KT_EXPECT(t, !irqs_enabled());
	irq_restore(inner);
	KT_EXPECT(t, !irqs_enabled());   /* inner restore keeps them off */
	irq_restore(outer);
	KT_EXPECT(t, irqs_enabled());
	irq_disable();
	KT_EXPECT(t, !irqs_enabled());
	irq_enable();
	KT_EXPECT(t, irqs_enabled());
}

KTEST(irq_disable_blocks_ticks, "no tick is delivered while interrupts are disabled")
{
	u64 before, start, f;

	f = irq_save();
	before = clock_ticks();
	start = clock_ns();
	while (clock_ns() - start < 30000000ull)     /* 3 tick periods */
		;
	KT_EXPECT_EQ(t, clock_ticks(), before);
	irq_restore(f);
	start = clock_ns();
	while (clock_ticks() == before && clock_ns() - start < 2000000000ull)
		;
	KT_EXPECT(t, clock_ticks() > before);        /* the pending tick arrives */
}

KTEST(irq_safe_halt_wakes, "safe_halt enables interrupts and returns on the next tick")
{
	u64 before = clock_ticks();
	unsigned halts = 0;

	/* Another interrupt may end a halt first (a domU's console ring is
	 * notified back as its backend drains our output): halt again, a
	 * bounded number of times, until the tick has come. */
	do {
		irq_disable();
		safe_halt();
		KT_EXPECT(t, irqs_enabled());
	} while (clock_ticks() == before && ++halts < 100);
	KT_EXPECT(t, clock_ticks() > before);
}
