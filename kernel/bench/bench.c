/*
 * bench.c — cost of each pv op class, measured from inside the guest.
 *
 * Under `qemu -icount shift=0` the TSC advances exactly one per guest
 * instruction, so TSC deltas are instruction counts that do not drift from
 * run to run; on any other platform they are cycles and only ratios taken
 * in the same run mean anything.  Each figure is (loop - empty loop) / N,
 * so the loop's own instructions cancel.  The raw TSC is read with the
 * rdtsc instruction itself, never through a pv op, so every build measures
 * with the same ruler.
 *
 * Output, one line per measurement, read by bench/run.sh:
 *   bench: <name> <class> <hundredths of a unit per iteration> <hypercalls per 100 iterations>
 * and the page-table lines of bench_pt.c.
 */
#include "bench.h"
#include "x86/insn.h"
#include "pv/ops.h"
#include "mm.h"
#include "printk.h"
#include "panic.h"
#include "bench_pt.h"
#include "options.h"

bool bench_enabled;
KOPT_FLAG(bench, "bench", bench_enabled, "run the in-kernel micro-benchmarks");

#define BENCH_N 2000u
#define BENCH_REPS 5u

static u64 scratch_pte[8] __aligned(64);
static volatile u64 sink;

#define LOOP(body) do {                                       \
	unsigned _i;                                          \
	for (_i = 0; _i < BENCH_N; _i++) {                    \
		body;                                         \
		__asm__ __volatile__("" ::: "memory");        \
	}                                                     \
} while (0)

/* Every measured loop is its own noinline function with the same shape,
 * so the compiler gives each the same loop overhead. */
#define BENCH_FN(name, body)                                  \
	static __attribute__((noinline)) u64 bench_##name(void) \
	{                                                     \
		u64 t0 = x86_rdtsc();                   \
		LOOP(body);                                   \
		return x86_rdtsc() - t0;                \
	}

BENCH_FN(empty, (void)0)
BENCH_FN(irq_disable_enable, (irq_disable(), irq_enable()))
BENCH_FN(save_fl, sink = save_fl())
BENCH_FN(irq_save_restore, irq_restore(irq_save()))
BENCH_FN(make_pte_pte_val, sink = pte_val(make_pte(_i)))
BENCH_FN(set_pte, set_pte(&scratch_pte[_i & 7], _i << 12))
BENCH_FN(pte_read, sink = pte_read(&scratch_pte[_i & 7]))
BENCH_FN(read_cr2, sink = read_cr2())
BENCH_FN(lazy_enter_leave, (lazy_enter_mmu(), lazy_leave_mmu()))
BENCH_FN(clock_ns, sink = clock_ns())
BENCH_FN(steal_clock, sink = steal_clock())
BENCH_FN(combined, ({ u64 f = irq_save(); set_pte(&scratch_pte[_i & 7], _i << 12);
		      irq_restore(f); }))

struct bench {
	const char *name;
	const char *cls;
	u64 (*fn)(void);
};

static const struct bench benches[] = {
	{ "irq_disable+irq_enable", "B-inline", bench_irq_disable_enable },
	{ "save_fl", "B-inline", bench_save_fl },
	{ "irq_save+irq_restore", "B-inline", bench_irq_save_restore },
	{ "make_pte+pte_val", "B-ident", bench_make_pte_pte_val },
	{ "set_pte", "B-inline", bench_set_pte },
	{ "pte_read", "B-inline", bench_pte_read },
	{ "read_cr2", "B-inline", bench_read_cr2 },
	{ "lazy_enter+leave", "B-nop", bench_lazy_enter_leave },
	{ "clock_ns", "B-direct", bench_clock_ns },
	{ "steal_clock", "A", bench_steal_clock },
	{ "irq_save+set_pte+restore", "loop", bench_combined },
};

static u64 best_of(u64 (*fn)(void), u64 *hcalls)
{
	u64 best = ~0ull, v, h;
	unsigned r;

	for (r = 0; r < BENCH_REPS; r++) {
		h = pv_hypercalls();
		v = fn();
		h = pv_hypercalls() - h;
		if (v < best) {
			best = v;
			*hcalls = h;
		}
	}
	return best;
}

int bench_run_all(void)
{
	u64 empty, v, per100, h, h_empty;
	unsigned i;

	irq_disable();           /* no tick inside a measurement */
	empty = best_of(bench_empty, &h_empty);
	kprintf("bench: backend=%s iterations=%u empty_loop=%llu\n", pv_info.name,
		BENCH_N, (unsigned long long)empty);
	for (i = 0; i < ARRAY_SIZE(benches); i++) {
		v = best_of(benches[i].fn, &h);
		/* Rounded: loops differ from the empty one by a fixed instruction or
		 * two outside the loop, which must not show up as a fraction. */
		per100 = v > empty ? ((v - empty) * 100 + BENCH_N / 2) / BENCH_N : 0;
		kprintf("bench: %s %s %llu %llu\n", benches[i].name, benches[i].cls,
			(unsigned long long)per100,
			(unsigned long long)((h * 100 + BENCH_N / 2) / BENCH_N));
	}
	irq_enable();
	bench_pt_run_all();
	kprintf("bench: done\n");
	return SHUTDOWN_OK;
}
