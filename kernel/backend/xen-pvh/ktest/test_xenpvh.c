/*
 * test_xenpvh.c — the hybrid is what it claims: the privilege model is
 * the hardware's (cpu, irq and mmu op sets are the native ones), time is
 * Xen's, and events come in on the callback vector.
 */
#include "xen/testing.h"
#include "irq.h"
#include "clock.h"

KTEST(xenpvh_composition, "native cpu, irq and mmu ops with Xen's time, console and shutdown")
{
	if (!xen_ktest_backend(t, "xen-pvh"))
		return;
	KT_EXPECT(t, pv_cpu_ops.load_gdt == native_cpu_ops.load_gdt);
	KT_EXPECT(t, pv_irq_ops.irq_disable == native_irq_ops.irq_disable);
	KT_EXPECT(t, pv_mmu_ops.set_pte == native_mmu_ops.set_pte);
	KT_EXPECT(t, pv_time_ops.clock_ns == xen_time_ops.clock_ns);
	KT_EXPECT(t, pv_time_ops.timer_set_next == xen_time_ops.timer_set_next);
	KT_EXPECT(t, pv_init_ops.machine_shutdown != native_init_ops.machine_shutdown);
	KT_EXPECT(t, xen_platform->translated);
}

KTEST(xenpvh_callback_vector, "events arrive through the callback vector's irq")
{
	unsigned i;
	int cb = IRQ_NONE;
	u64 before;

	if (!xen_ktest_backend(t, "xen-pvh"))
		return;
	for (i = 0; i < NR_IRQS; i++) {
		struct irq_desc *d = irq_desc(i);
		if (d && d->chip == &irq_chip_none && d->vector)
			cb = (int)i;
	}
	KT_ASSERT(t, cb != IRQ_NONE);
	before = irq_desc((unsigned)cb)->count;
	clock_sleep_ns(30000000ull);              /* VIRQ_TIMER events meanwhile */
	KT_EXPECT(t, irq_desc((unsigned)cb)->count > before);
}
