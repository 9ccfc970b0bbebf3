/*
 * bench.c — cost of each pv op class, measured from inside the guest.
 *
 * Under `qemu -icount shift=0` the TSC advances exactly one per guest
 * instruction, so TSC deltas are instruction counts that do not drift from
 * run to run; on any other platform they are cycles and only ratios taken
 * in the same run mean anything.  Each figure is (loop - its ruler) / N,
 * the ruler being the same loop without the op (see BENCH_FN), so the
 * loop's own instructions cancel.  The raw TSC is read with the
 * rdtsc instruction itself, never through a pv op, so every build measures
 * with the same ruler.
 *
 * Output, one line per measurement, read by `proteus bench micro`
 * (tools/proteus/bench_micro_parse.c):
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

/*
 * Every measured loop is its own noinline function with the same shape,
 * and so is its ruler: the same loop with a body that computes the same
 * operands (the loop index, a slot's address, the value stored to sink)
 * but makes no call.  A figure is (loop - its ruler) / N, so the index
 * arithmetic, the sink store and the two rdtsc cancel, which one empty
 * ruler for all could not do (an empty body is two instructions a
 * round, one that uses the index three).
 */
#define BENCH_LOOP(fname, body)                               \
	static __attribute__((noinline)) u64 fname(void)      \
	{                                                     \
		u64 t0 = x86_rdtsc();                         \
		LOOP(body);                                   \
		return x86_rdtsc() - t0;                      \
	}
#define BENCH_FN(name, body, base) BENCH_LOOP(bench_##name, body) BENCH_LOOP(ruler_##name, base)

/* The rulers' bodies: nothing; the index stored to sink; a slot's address
 * and a value in registers; a slot's address stored to sink. */
#define R_NONE     (void)0
#define R_SINK     sink = _i
#define R_SLOT_VAL __asm__ __volatile__("" : : "r"(&scratch_pte[_i & 7]), "r"((u64)_i << 12))
#define R_SLOT     sink = (u64)&scratch_pte[_i & 7]

BENCH_LOOP(bench_empty, (void)0)   /* printed in the header only */
BENCH_FN(irq_disable_enable, (irq_disable(), irq_enable()), R_NONE)
BENCH_FN(save_fl, sink = save_fl(), R_SINK)
BENCH_FN(irq_save_restore, irq_restore(irq_save()), R_NONE)
BENCH_FN(make_pte_pte_val, sink = pte_val(make_pte(_i)), R_SINK)
BENCH_FN(set_pte, set_pte(&scratch_pte[_i & 7], _i << 12), R_SLOT_VAL)
BENCH_FN(pte_read, sink = pte_read(&scratch_pte[_i & 7]), R_SLOT)
BENCH_FN(read_cr2, sink = read_cr2(), R_SINK)
BENCH_FN(lazy_enter_leave, (lazy_enter_mmu(), lazy_leave_mmu()), R_NONE)
BENCH_FN(clock_ns, sink = clock_ns(), R_SINK)
BENCH_FN(steal_clock, sink = steal_clock(), R_SINK)
BENCH_FN(combined, ({ u64 f = irq_save(); set_pte(&scratch_pte[_i & 7], _i << 12);
		      irq_restore(f); }), R_SLOT_VAL)

struct bench {
	const char *name;
	const char *cls;
	u64 (*fn)(void);
	u64 (*ruler)(void);
};

#define B(name, cls, fn) { name, cls, bench_##fn, ruler_##fn }
static const struct bench benches[] = {
	B("irq_disable+irq_enable", "B-inline", irq_disable_enable),
	B("save_fl", "B-inline", save_fl),
	B("irq_save+irq_restore", "B-inline", irq_save_restore),
	B("make_pte+pte_val", "B-ident", make_pte_pte_val),
	B("set_pte", "B-inline", set_pte),
	B("pte_read", "B-inline", pte_read),
	B("read_cr2", "B-inline", read_cr2),
	B("lazy_enter+leave", "B-nop", lazy_enter_leave),
	B("clock_ns", "B-direct", clock_ns),
	B("steal_clock", "A", steal_clock),
	B("irq_save+set_pte+restore", "loop", combined),
};

/* Hypercall counts are read outside the timed loop, each in its own
 * statement: the order of the reads is the order written. */
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
	u64 empty, v, base, per100, h, hb, h_empty;
	unsigned i;

	irq_disable();           /* no tick inside a measurement */
	empty = best_of(bench_empty, &h_empty);
	kprintf("bench: backend=%s iterations=%u empty_loop=%llu\n", pv_info.name,
		BENCH_N, (unsigned long long)empty);
	for (i = 0; i < ARRAY_SIZE(benches); i++) {
		v = best_of(benches[i].fn, &h);
		base = best_of(benches[i].ruler, &hb);
		/* Rounded to hundredths: a loop and its ruler may still differ by
		 * an instruction outside the loop, which must not show up as a
		 * fraction of one per iteration. */
		per100 = v > base ? ((v - base) * 100 + BENCH_N / 2) / BENCH_N : 0;
		h = h > hb ? h - hb : 0;
		kprintf("bench: %s %s %llu %llu\n", benches[i].name, benches[i].cls,
			(unsigned long long)per100,
			(unsigned long long)((h * 100 + BENCH_N / 2) / BENCH_N));
	}
	irq_enable();
	bench_pt_run_all();
	kprintf("bench: done\n");
	return SHUTDOWN_OK;
}
