/*
 * idt.c — the interrupt descriptor table, filled from the entry table of
 * the running backend and written through write_idt_entry (a PV backend
 * turns the same calls into a hypervisor trap table).
 */
#include "cpu.h"
#include "trap.h"
#include "pv/ops.h"
#include <stddef.h>

_Static_assert(offsetof(struct trap_frame, vector) == TF_VECTOR, "TF_VECTOR");
_Static_assert(offsetof(struct trap_frame, error_code) == TF_ERROR, "TF_ERROR");
_Static_assert(offsetof(struct trap_frame, rip) == TF_RIP, "TF_RIP");
_Static_assert(offsetof(struct trap_frame, cs) == TF_CS, "TF_CS");
_Static_assert(offsetof(struct trap_frame, rsp) == TF_RSP, "TF_RSP");
_Static_assert(sizeof(struct trap_frame) == TF_SIZE, "TF_SIZE");
_Static_assert(sizeof(struct gate_desc) == 16, "gate size");

static struct gate_desc idt[256] __aligned(16);

static struct gate_desc gate_make(u64 handler, unsigned ist)
{
	struct gate_desc g = {
		.offset_lo = (u16)handler,
		.selector = pv_info.kernel_cs,
		.ist = (u8)ist,
		.type_attr = 0x8e,          /* present, DPL 0, interrupt gate */
		.offset_mid = (u16)(handler >> 16),
		.offset_hi = (u32)(handler >> 32),
	};
	return g;
}

void idt_init(void)
{
	const struct entry_table *t = pv_info.entry;
	struct dtr idtr = { .limit = sizeof(idt) - 1, .base = (u64)idt };
	struct gate_desc g;
	unsigned v;

	for (v = 0; v < t->nr_gates; v++) {
		g = gate_make(t->vectors[v], v == VEC_DF ? 1 : 0);
		/* int3 and into are instructions user code may execute (a
		 * debugger's breakpoint: SIGTRAP), so their gates are DPL 3. */
		if (v == VEC_BP || v == VEC_OF)
			g.type_attr |= 0x60;
		write_idt_entry(idt, v, &g);
	}
	load_idt(&idtr);
}
