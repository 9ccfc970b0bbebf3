/*
 * extable.c — exception fixups for instructions that may fault on purpose.
 *
 * Each probe below records (faulting instruction, resume point) in
 * .extable; the resume code clears the success flag.  Tests use the probes
 * to provoke a fault and check what the CPU (or hypervisor) reported.
 */
#include "trap.h"
#include "pv/ops.h"

extern const struct extable_entry __extable_start[], __extable_end[];

u64 extable_last_vector, extable_last_cr2;

bool extable_fixup(struct trap_frame *f)
{
	const struct extable_entry *e;

	for (e = __extable_start; e < __extable_end; e++)
		if (e->fault_rip == f->rip) {
			extable_last_vector = f->vector;
			extable_last_cr2 = f->vector == VEC_PF ? read_cr2() : 0;
			f->rip = e->fixup_rip;
			return true;
		}
	return false;
}

#define PROBE(insn, ...)                                                  \
	__asm__ __volatile__("1: " insn "\n2:\n"                          \
		".pushsection .extable, \"a\"\n.balign 8\n.quad 1b, 3f\n.popsection\n" \
		".pushsection .text.fixup, \"ax\"\n3: xor %k[ok], %k[ok]\njmp 2b\n.popsection\n" \
		__VA_ARGS__)

bool probe_read_u64(const void *addr, u64 *out)
{
	u64 v = 0;
	int ok = 1;

	PROBE("mov (%[a]), %[v]", : [v] "+r"(v), [ok] "+r"(ok) : [a] "r"(addr) : "memory");
	*out = v;
	return ok;
}

bool probe_read_u8(const void *addr, u8 *out)
{
	u64 v = 0;
	int ok = 1;

	PROBE("movzbq (%[a]), %[v]", : [v] "+r"(v), [ok] "+r"(ok) : [a] "r"(addr) : "memory");
	*out = (u8)v;
	return ok;
}

bool probe_write_u64(void *addr, u64 val)
{
	int ok = 1;

	PROBE("mov %[v], (%[a])", : [ok] "+r"(ok) : [a] "r"(addr), [v] "r"(val) : "memory");
	return ok;
}

