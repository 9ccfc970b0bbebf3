/*
 * acpi.c — finding the MADT and reading the interrupt routing out of it.
 *
 * The RSDP is where the loader said (hvm_start_info.rsdp_paddr), or on a
 * 16-byte boundary in the first KiB of the EBDA or in 0xe0000-0xfffff (the
 * BIOS's place).  Tables are firmware data, so each is checked before use:
 * checksums, lengths inside sane bounds, entries inside their table.  A
 * bad one is reported and ignored; the caller falls back to the 8259s.
 * Tables are not RAM the direct map covers; they are mapped (uncached,
 * once) through ioremap.
 */
#include "dev/acpi.h"
#include "abi/acpi.h"
#include "mm.h"
#include "printk.h"
#include <string.h>

#define ACPI_TABLE_MAX (64u * 1024)

static u64 rsdp_hint;

void acpi_set_rsdp(u64 pa)
{
	rsdp_hint = pa;
}

static const struct acpi_rsdp *rsdp_at(const u8 *va)
{
	const struct acpi_rsdp *r = (const void *)va;

	if (memcmp(r->signature, ACPI_RSDP_SIGNATURE, 8) || !fw_sum_ok(r, 20))
		return NULL;
	if (r->revision >= 2 && (r->length < sizeof(*r) || !fw_sum_ok(r, sizeof(*r))))
		return NULL;
	return r;
}

static const struct acpi_rsdp *rsdp_scan(u64 pa, u64 len)
{
	const u8 *va = ioremap(pa, len);
	u64 off;

	for (off = 0; off + sizeof(struct acpi_rsdp) <= len; off += 16)
		if (rsdp_at(va + off))
			return (const void *)(va + off);
	return NULL;
}

static const struct acpi_rsdp *rsdp_find(void)
{
	const u16 *bda;
	u64 ebda;

	if (rsdp_hint)
		return rsdp_at(ioremap(rsdp_hint, sizeof(struct acpi_rsdp)));
	bda = ioremap(0x40e, 2);
	ebda = (u64)*bda << 4;
	if (ebda >= 0x80000 && ebda < 0xa0000) {
		const struct acpi_rsdp *r = rsdp_scan(ebda, 1024);
		if (r)
			return r;
	}
	return rsdp_scan(0xe0000, 0x20000);
}

/* Map a whole table, or NULL if its header or checksum is bad. */
static const struct acpi_sdt_header *table_map(u64 pa)
{
	const struct acpi_sdt_header *h = ioremap(pa, sizeof(*h));
	u32 len = h->length;

	if (len < sizeof(*h) || len > ACPI_TABLE_MAX) {
		pr_warn("acpi: table %.4s at %#llx has length %u\n", h->signature,
			(unsigned long long)pa, len);
		return NULL;
	}
	h = ioremap(pa, len);
	if (!fw_sum_ok(h, len)) {
		pr_warn("acpi: table %.4s at %#llx fails its checksum\n", h->signature,
			(unsigned long long)pa);
		return NULL;
	}
	return h;
}

static const struct acpi_madt *madt_find(void)
{
	const struct acpi_rsdp *r = rsdp_find();
	const struct acpi_sdt_header *root;
	bool x;
	u32 i, n;

	if (!r) {
		pr_info("acpi: no RSDP\n");
		return NULL;
	}
	x = r->revision >= 2 && r->xsdt_address;
	root = table_map(x ? r->xsdt_address : r->rsdt_address);
	if (!root)
		return NULL;
	n = (root->length - sizeof(*root)) / (x ? 8 : 4);
	for (i = 0; i < n; i++) {
		const u8 *p = (const u8 *)(root + 1) + i * (x ? 8 : 4);
		u64 pa = 0;
		const struct acpi_sdt_header *h;

		memcpy(&pa, p, x ? 8 : 4);
		h = ioremap(pa, sizeof(*h));
		if (!memcmp(h->signature, ACPI_SIG_MADT, 4)) {
			h = table_map(pa);
			return h && h->length >= sizeof(struct acpi_madt) ? (const void *)h : NULL;
		}
	}
	pr_info("acpi: no MADT\n");
	return NULL;
}

bool acpi_irq_routing(struct acpi_irq_routing *out)
{
	const struct acpi_madt *m = madt_find();
	const u8 *p, *end;

	memset(out, 0, sizeof(*out));
	if (!m)
		return false;
	out->has_8259 = m->flags & ACPI_MADT_PCAT_COMPAT;
	p = (const u8 *)(m + 1);
	end = (const u8 *)m + m->h.length;
	while (p + sizeof(struct acpi_madt_entry) <= end) {
		const struct acpi_madt_entry *e = (const void *)p;

		if (e->length < sizeof(*e) || p + e->length > end) {
			pr_warn("acpi: MADT entry of length %u at offset %u runs off the table\n",
				e->length, (unsigned)(p - (const u8 *)m));
			return false;
		}
		if (e->type == ACPI_MADT_IOAPIC && e->length >= sizeof(struct acpi_madt_ioapic) &&
		    out->nr_ioapics < ACPI_MAX_IOAPICS) {
			const struct acpi_madt_ioapic *io = (const void *)e;
			out->ioapic[out->nr_ioapics].id = io->id;
			out->ioapic[out->nr_ioapics].address = io->address;
			out->ioapic[out->nr_ioapics].gsi_base = io->gsi_base;
			out->nr_ioapics++;
		} else if (e->type == ACPI_MADT_ISO && e->length >= sizeof(struct acpi_madt_iso) &&
			   out->nr_iso < ACPI_MAX_ISO) {
			const struct acpi_madt_iso *iso = (const void *)e;
			if (iso->bus == 0) {
				out->iso[out->nr_iso].isa = iso->source;
				out->iso[out->nr_iso].gsi = iso->gsi;
				out->iso[out->nr_iso].flags = iso->flags;
				out->nr_iso++;
			}
		}
		p += e->length;
	}
	return true;
}
