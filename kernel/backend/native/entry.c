/*
 * entry.c — installing the native copy of entry/entry.S: the IDT and the
 * syscall MSRs (for every backend that keeps the native privilege model).
 */
#include "trap.h"
#include "cpu.h"
#include "pv/ops.h"
#include "dev/pic.h"

#define MSR_EFER  0xc0000080u
#define MSR_STAR  0xc0000081u
#define MSR_LSTAR 0xc0000082u
#define MSR_FMASK 0xc0000084u
#define EFER_SCE  0x1u

extern const u64 native_vectors[];
extern void native_syscall_entry(void);
extern __noreturn void native_enter_user(struct trap_frame *f);

static void native_entry_install(const struct entry_table *t)
{
	(void)t;
	/* Firmware leaves the 8259s on vectors 8..15: remapped and masked,
	 * a stray legacy interrupt cannot pose as an exception. */
	pic_init();
	idt_init();
	write_msr(MSR_EFER, read_msr(MSR_EFER) | EFER_SCE);
	/* sysret derives user CS/SS from 0x10 (+16 | 3, +8 | 3). */
	write_msr(MSR_STAR, ((u64)GDT_KERNEL_DS << 48) | ((u64)GDT_KERNEL_CS << 32));
	write_msr(MSR_LSTAR, (u64)native_syscall_entry);
	/* Enter with IF, TF, DF, AC and NT clear. */
	write_msr(MSR_FMASK, 0x200u | 0x100u | 0x400u | 0x40000u | 0x4000u);
}

const struct entry_table native_entry_table = {
	.name = "native",
	.vectors = native_vectors,
	.nr_gates = NR_ENTRY_VECTORS,
	.syscall = native_syscall_entry,
	.enter_user = native_enter_user,
	.install = native_entry_install,
};
