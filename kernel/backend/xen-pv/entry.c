/*
 * entry.c — installing the xenpv copy of entry/entry.S.  Where native
 * loads an IDT and the syscall MSRs, a PV kernel gives Xen a trap table
 * (through the same idt_init, whose gate writes become trap-table entries)
 * and registers three callbacks: the event upcall (instead of interrupt
 * vectors), the failsafe callback (Xen could not return to a context) and
 * the 64-bit syscall entry.  Events are masked on every entry, as IF is
 * cleared natively.
 */
#include "xenpv.h"
#include "trap.h"
#include "cpu.h"

extern const u64 xenpv_vectors[];
extern const char xenpv_vec_upcall[], xenpv_vec_failsafe[];
extern void xenpv_syscall_entry(void);
extern __noreturn void xenpv_enter_user(struct trap_frame *f);

static void callback_register(unsigned type, u64 address)
{
	struct xen_callback_register cb = {
		.type = (u16)type,
		.flags = XEN_CALLBACKF_mask_events,
		.address = address,
	};
	long rc = xen_hcall2(XEN_HYPERCALL_callback_op, XEN_CALLBACKOP_register, &cb);

	if (rc)
		xen_fail("callback_op", rc, "register type %u at %#llx", type,
			 (unsigned long long)address);
}

static void xenpv_entry_install(const struct entry_table *t)
{
	idt_init();
	callback_register(XEN_CALLBACKTYPE_event, t->upcall);
	callback_register(XEN_CALLBACKTYPE_failsafe, t->failsafe);
	callback_register(XEN_CALLBACKTYPE_syscall, (u64)t->syscall);
}

const struct entry_table xenpv_entry_table = {
	.name = "xenpv",
	.vectors = xenpv_vectors,
	/* Interrupts are events, which come through the upcall callback. */
	.nr_gates = NR_EXCEPTION_VECTORS,
	.upcall = (u64)xenpv_vec_upcall,
	.failsafe = (u64)xenpv_vec_failsafe,
	.syscall = xenpv_syscall_entry,
	.enter_user = xenpv_enter_user,
	.install = xenpv_entry_install,
};
