/*
 * ops.c — the live pv_ops tables, statically initialised with the native
 * implementations, plus read-only copies of those native values so the
 * patcher can tell a slot a backend left alone from one it replaced.
 *
 * Also emits the two tables of the pvsite ABI that the host tool reads:
 * the header in .pvsite_abi and the slot addresses in .pvslots.
 */
#include "pv/ops.h"
#include "pv/patch.h"
#include "abi/pvsite.h"

#define PV_IRQ_NATIVE {                                        \
	.save_fl = native_save_fl_callee,                      \
	.restore_fl = native_restore_fl_callee,                \
	.irq_disable = native_irq_disable_callee,              \
	.irq_enable = native_irq_enable_callee,                \
	.safe_halt = native_safe_halt,                         \
	.halt = native_halt,                                   \
}
#define PV_CPU_NATIVE {                                        \
	.cpuid = native_cpuid,                                 \
	.read_msr = native_read_msr,                           \
	.write_msr = native_write_msr,                         \
	.read_tsc = native_read_tsc,                           \
	.load_sp0 = native_load_sp0,                           \
	.set_fs_base = native_set_fs_base,                     \
	.load_gdt = native_load_gdt,                           \
	.load_idt = native_load_idt,                           \
	.load_tr = native_load_tr,                             \
	.write_gdt_entry = native_write_gdt_entry,             \
	.write_idt_entry = native_write_idt_entry,             \
	.set_kernel_gs = native_set_kernel_gs,                 \
	.io_delay = native_io_delay,                           \
	.fpu_set_ts = native_fpu_set_ts,                       \
}
#define PV_MMU_NATIVE {                                        \
	.make_pte = pv_ident,                                  \
	.pte_val = pv_ident,                                   \
	.read_cr2 = native_read_cr2_callee,                    \
	.set_pte = native_set_pte,                             \
	.set_pmd = native_set_pmd,                             \
	.set_pud = native_set_pud,                             \
	.set_pgd = native_set_pgd,                             \
	.read_cr3 = native_read_cr3,                           \
	.write_cr3 = native_write_cr3,                         \
	.flush_tlb_one = native_flush_tlb_one,                 \
	.flush_tlb_all = native_flush_tlb_all,                 \
	.alloc_pt = native_alloc_pt,                           \
	.release_pt = native_release_pt,                       \
	.pgd_activate = native_pgd_activate,                   \
	.pgd_release = native_pgd_release,                     \
}
#define PV_LAZY_NATIVE {                                       \
	.enter_mmu = pv_nop,                                   \
	.leave_mmu = pv_nop,                                   \
	.flush_mmu = pv_nop,                                   \
	.start_context_switch = pv_nop,                        \
	.end_context_switch = pv_nop,                          \
}
#define PV_TIME_NATIVE {                                       \
	.clock_ns = native_clock_ns,                           \
	.steal_clock = native_steal_clock,                     \
	.clock_init = native_clock_init,                       \
	.timer_init = native_timer_init,                       \
	.timer_ack = native_timer_ack,                         \
}
#define PV_INIT_NATIVE {                                       \
	.patch = NULL,                                         \
	.console_init = native_console_init,                   \
	.shutdown = native_shutdown,                           \
}

struct pv_irq_ops pv_irq_ops = PV_IRQ_NATIVE;
struct pv_cpu_ops pv_cpu_ops = PV_CPU_NATIVE;
struct pv_mmu_ops pv_mmu_ops = PV_MMU_NATIVE;
struct pv_lazy_ops pv_lazy_ops = PV_LAZY_NATIVE;
struct pv_time_ops pv_time_ops = PV_TIME_NATIVE;
struct pv_init_ops pv_init_ops = PV_INIT_NATIVE;

static const struct pv_irq_ops native_irq = PV_IRQ_NATIVE;
static const struct pv_cpu_ops native_cpu = PV_CPU_NATIVE;
static const struct pv_mmu_ops native_mmu = PV_MMU_NATIVE;
static const struct pv_lazy_ops native_lazy = PV_LAZY_NATIVE;
static const struct pv_time_ops native_time = PV_TIME_NATIVE;
static const struct pv_init_ops native_init = PV_INIT_NATIVE;

/* Function-pointer slots are read and written as void *; all are 8 bytes. */
_Static_assert(sizeof(void (*)(void)) == sizeof(void *), "slot size");
_Static_assert(sizeof(struct pvsite) == 16, "pvsite record size");

const struct pvop_desc pvop_table[PVOP_COUNT] = {
#define PVOP(g, n, cls_, conv_, pad_) [PVOP_##g##_##n] = {            \
	.group = #g, .name = #n, .cls = #cls_[0],                      \
	.callee_save = sizeof(#conv_) == sizeof("CALLEE"),             \
	.pad = pad_,                                                   \
	.slot = (void **)&pv_##g##_ops.n,                              \
	.native = (void *const *)&native_##g.n,                        \
},
#include "abi/pvops.def"
#undef PVOP
};

#define PVOP(g, n, cls, conv, pad) _Static_assert(pad == 0 || pad == 4, "pad of " #n);
#include "abi/pvops.def"
#undef PVOP

/* The ABI tables for `proteus sites`: the header and each op's slot address. */
__section(".pvsite_abi") __used const struct pvsite_header pvsite_header = {
	.magic = PVSITE_MAGIC,
	.version = PVSITE_ABI_VERSION,
	.record_size = sizeof(struct pvsite),
	.nr_ops = PVOP_COUNT,
};

__section(".pvslots") __used const u64 pvslots[PVOP_COUNT] = {
#define PVOP(g, n, cls, conv, pad) [PVOP_##g##_##n] = (u64)&pv_##g##_ops.n,
#include "abi/pvops.def"
#undef PVOP
};
