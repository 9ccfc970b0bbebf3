/*
 * mptable.c — interrupt routing from the MultiProcessor Specification's
 * tables, for machines whose firmware gives no MADT (QEMU's microvm with
 * acpi=off, where qboot still writes an MP table, as Linux's mpparse
 * reads on such machines).  The result is the same routing the MADT
 * gives (dev/acpi.h): IO-APICs with their GSI bases, numbered in table
 * order by their pin counts as the specification leaves them implicit,
 * and an override for every ISA line that does not arrive at its own
 * pin with default polarity and trigger.  The tables are firmware data:
 * checksums are checked and entries stay inside the table's length
 * (entry_count is not trusted: qboot leaves it 0).
 */
#include "dev/mptable.h"
#include "dev/ioapic.h"
#include "abi/mptable.h"
#include "mm.h"
#include "printk.h"
#include <string.h>

#define MAX_BUS_IDS 256

static const struct mp_floating *floating_scan(u64 pa, u64 len)
{
	const u8 *va = ioremap(pa, len);
	u64 off;

	for (off = 0; off + sizeof(struct mp_floating) <= len; off += 16) {
		const struct mp_floating *f = (const void *)(va + off);
		if (!memcmp(f->signature, MP_FLOATING_SIGNATURE, 4) && f->length == 1 &&
		    fw_sum_ok(f, 16))
			return f;
	}
	return NULL;
}

static const struct mp_floating *floating_find(void)
{
	const struct mp_floating *f = NULL;
	u64 ebda = (u64)*(const u16 *)ioremap(0x40e, 2) << 4;
	u64 base_kib = *(const u16 *)ioremap(0x413, 2);

	if (ebda >= 0x80000 && ebda < 0xa0000)
		f = floating_scan(ebda, 1024);
	/* The BDA's base memory size may be unset (qboot): then 639 KiB, as the spec's default. */
	if (base_kib < 512 || base_kib > 640)
		base_kib = 640;
	if (!f)
		f = floating_scan(base_kib * 1024 - 1024, 1024);
	return f ? f : floating_scan(0xf0000, 0x10000);
}

static const struct mp_config *config_map(const struct mp_floating *f)
{
	const struct mp_config *c;

	if (!f->config_pa) {
		pr_info("mptable: default configuration %u, not read\n", f->feature[0]);
		return NULL;
	}
	c = ioremap(f->config_pa, sizeof(*c));
	if (memcmp(c->signature, MP_CONFIG_SIGNATURE, 4) || c->length < sizeof(*c)) {
		pr_warn("mptable: no configuration table at %#x\n", f->config_pa);
		return NULL;
	}
	c = ioremap(f->config_pa, c->length);
	if (!fw_sum_ok(c, c->length)) {
		pr_warn("mptable: configuration table at %#x fails its checksum\n", f->config_pa);
		return NULL;
	}
	return c;
}

/* Calls fn for every base entry of type; false if one runs off the table. */
static bool entries_each(const struct mp_config *c, u8 type,
			 void (*fn)(const u8 *e, struct acpi_irq_routing *out, bool *isa),
			 struct acpi_irq_routing *out, bool *isa)
{
	const u8 *p = (const u8 *)(c + 1), *end = (const u8 *)c + c->length;

	while (p < end) {
		size_t n = *p == MP_ENTRY_PROCESSOR ? MP_PROCESSOR_ENTRY_SIZE : MP_ENTRY_SIZE;
		if (*p > MP_ENTRY_LOCALINT || p + n > end) {
			pr_warn("mptable: entry of type %u at offset %u runs off the table\n", *p,
				(unsigned)(p - (const u8 *)c));
			return false;
		}
		if (*p == type)
			fn(p, out, isa);
		p += n;
	}
	return true;
}

static void bus_note(const u8 *e, struct acpi_irq_routing *out, bool *isa)
{
	const struct mp_bus *b = (const void *)e;

	(void)out;
	isa[b->id] = !memcmp(b->bus_type, "ISA   ", 6);
}

static void ioapic_note(const u8 *e, struct acpi_irq_routing *out, bool *isa)
{
	const struct mp_ioapic *io = (const void *)e;
	u32 base = 0;
	unsigned n = out->nr_ioapics;

	(void)isa;
	if (!(io->flags & MP_IOAPIC_USABLE) || n == ACPI_MAX_IOAPICS)
		return;
	if (n) {
		u32 pins = ioapic_count_pins(out->ioapic[n - 1].address);
		if (!pins)
			return;
		base = out->ioapic[n - 1].gsi_base + pins;
	}
	out->ioapic[n].id = io->id;
	out->ioapic[n].address = io->address;
	out->ioapic[n].gsi_base = base;
	out->nr_ioapics = n + 1;
}

static void ioint_note(const u8 *e, struct acpi_irq_routing *out, bool *isa)
{
	const struct mp_ioint *in = (const void *)e;
	unsigned i;

	if (in->irq_type != MP_IOINT_INT || !isa[in->src_bus] || out->nr_iso == ACPI_MAX_ISO)
		return;
	for (i = 0; i < out->nr_ioapics; i++)
		if (out->ioapic[i].id == in->dst_ioapic || in->dst_ioapic == 0xff) {
			u32 gsi = out->ioapic[i].gsi_base + in->dst_pin;
			if (gsi == in->src_irq && !in->flags)
				return;          /* the default: no override */
			out->iso[out->nr_iso].isa = in->src_irq;
			out->iso[out->nr_iso].gsi = gsi;
			out->iso[out->nr_iso].flags = in->flags;
			out->nr_iso++;
			return;
		}
}

bool mptable_irq_routing(struct acpi_irq_routing *out)
{
	static bool isa[MAX_BUS_IDS];
	const struct mp_floating *f = floating_find();
	const struct mp_config *c;

	memset(out, 0, sizeof(*out));
	if (!f) {
		pr_info("mptable: none\n");
		return false;
	}
	c = config_map(f);
	if (!c)
		return false;
	/* Buses first, then IO-APICs, then the assignments that name both. */
	if (!entries_each(c, MP_ENTRY_BUS, bus_note, out, isa) ||
	    !entries_each(c, MP_ENTRY_IOAPIC, ioapic_note, out, isa) ||
	    !entries_each(c, MP_ENTRY_IOINT, ioint_note, out, isa)) {
		memset(out, 0, sizeof(*out));
		return false;
	}
	out->has_8259 = true;         /* MP systems are PC/AT compatible (spec 1.4, 3.6.2) */
	pr_info("mptable: %u IO-APIC(s), %u ISA override(s)\n", out->nr_ioapics, out->nr_iso);
	return out->nr_ioapics > 0;
}
