/*
 * traps.c — where every exception and interrupt lands, from whichever
 * backend's entry code: one frame layout, one dispatcher.
 *
 * A fault in user mode is the process's business (demand paging, the
 * FPU, or a signal: kernel/proc/fault.c), and every return to user mode
 * passes through the scheduler and signal delivery; a fault in the
 * kernel is fatal unless the faulting instruction has an exception fixup
 * (a deliberate probe).  Everything above the exceptions is an
 * interrupt, handed to the irq layer by vector (irq.h); the spurious
 * vector needs nothing, not even an EOI.
 */
#include "trap.h"
#include "pv/ops.h"
#include "panic.h"
#include "printk.h"
#include "proc.h"
#include "cpu.h"
#include "irq.h"

DEFINE_PER_CPU(unsigned, irq_depth);

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault",
	"coprocessor overrun", "invalid TSS", "segment not present",
	"stack fault", "general protection", "page fault", "reserved",
	"x87 error", "alignment check", "machine check", "SIMD error",
	"virtualization", "control protection",
};

const char *trap_name(unsigned v)
{
	if (v < 32)
		return exception_names[v] ? exception_names[v] : "reserved exception";
	if (v == SYSCALL_VECTOR)
		return "system call";
	if (v == UPCALL_VECTOR)
		return "event upcall";
	if (v == FAILSAFE_VECTOR)
		return "failsafe callback";
	return "interrupt";
}

void traps_init(void)
{
	gdt_init();
	pv_info.entry->install(pv_info.entry);
}

void trap_frame_print(const struct trap_frame *f)
{
	kprintf("vector %llu (%s) error %llx from %s mode\n",
		(unsigned long long)f->vector, trap_name((unsigned)f->vector),
		(unsigned long long)f->error_code, trap_from_user(f) ? "user" : "kernel");
	kprintf("RIP %04llx:%016llx RFLAGS %016llx\n", (unsigned long long)(f->cs & 0xffff),
		(unsigned long long)f->rip, (unsigned long long)f->rflags);
	kprintf("RSP %04llx:%016llx CR2 %016llx\n", (unsigned long long)(f->ss & 0xffff),
		(unsigned long long)f->rsp, (unsigned long long)read_cr2());
	kprintf("RAX %016llx RBX %016llx RCX %016llx\n", (unsigned long long)f->rax,
		(unsigned long long)f->rbx, (unsigned long long)f->rcx);
	kprintf("RDX %016llx RSI %016llx RDI %016llx\n", (unsigned long long)f->rdx,
		(unsigned long long)f->rsi, (unsigned long long)f->rdi);
	kprintf("RBP %016llx R8  %016llx R9  %016llx\n", (unsigned long long)f->rbp,
		(unsigned long long)f->r8, (unsigned long long)f->r9);
	kprintf("R10 %016llx R11 %016llx R12 %016llx\n", (unsigned long long)f->r10,
		(unsigned long long)f->r11, (unsigned long long)f->r12);
	kprintf("R13 %016llx R14 %016llx R15 %016llx\n", (unsigned long long)f->r13,
		(unsigned long long)f->r14, (unsigned long long)f->r15);
}

void trap_dispatch(struct trap_frame *f)
{
	if (f->vector == FAILSAFE_VECTOR)
		panic_frame(f, "the hypervisor could not return to this context");
	if (f->vector >= NR_EXCEPTION_VECTORS) {
		if (f->vector != SPURIOUS_VECTOR)
			irq_dispatch_vector((unsigned)f->vector);
		if (trap_from_user(f))
			trap_user_return(f);
		return;
	}
	if (trap_from_user(f)) {
		if (pv_info.user_trap && pv_info.user_trap(f))
			return;
		proc_user_trap(f);
		trap_user_return(f);
		return;
	}
	if (extable_fixup(f))
		return;
	panic_frame(f, "%s in kernel mode at %p", trap_name((unsigned)f->vector),
		    (void *)f->rip);
}
