/*
 * detect.c — finding out where we run.
 *
 * CPUID.1:ECX[31] says a hypervisor is present; the leaves from 0x40000000
 * in steps of 0x100 carry 12-byte signatures (a hypervisor may offer a
 * compatibility leaf at 0x40000000 and its own further up, so all are
 * scanned and the first non-empty one is reported).  Backends decide from
 * this and from the entry point the loader used; detection itself only
 * observes, and is logged even when native wins.
 */
#include "pv/backend.h"
#include "pv/ops.h"
#include "x86/insn.h"
#include <string.h>

struct pv_platform pv_platform;

void pv_detect(struct pv_platform *p, const struct boot_entry *entry)
{
	u32 r[4];
	u32 base;

	u16 cs;

	memset(p, 0, sizeof(*p));
	p->entry = entry;
	__asm__ __volatile__("mov %%cs, %0" : "=r"(cs));
	p->cpl = cs & 3;
	x86_cpuid(1, 0, r);
	p->hypervisor_bit = (r[2] >> 31) & 1;
	if (!p->hypervisor_bit)
		return;
	for (base = 0x40000000u; base < 0x40010000u; base += 0x100) {
		x86_cpuid(base, 0, r);
		if (r[0] < base || r[0] > base + 0xff)
			continue;
		memcpy(p->signature + 0, &r[1], 4);
		memcpy(p->signature + 4, &r[2], 4);
		memcpy(p->signature + 8, &r[3], 4);
		p->signature[12] = 0;
		p->base = base;
		p->max_leaf = r[0];
		return;
	}
}
