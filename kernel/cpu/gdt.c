/*
 * gdt.c — this CPU's GDT and TSS, written through pv_cpu ops (a PV
 * hypervisor validates descriptor writes and owns the real tables).
 */
#include "cpu.h"
#include "percpu.h"
#include "layout.h"
#include "pv/ops.h"

/* A page of its own: a PV hypervisor maps the GDT read-only, and nothing
 * else may share that fate. */
DEFINE_PER_CPU_PAGE_ALIGNED(u64[PAGE_SIZE / sizeof(u64)], cpu_gdt);
DEFINE_PER_CPU(struct tss, cpu_tss) __aligned(16);
/* Each CPU's double-fault stack (IST 1): a double fault usually means the
 * stack in use is the problem. */
static DEFINE_PER_CPU(u8[KSTACK_SIZE], cpu_df_stack) __aligned(16);

static void gdt_set_tss(u64 *gdt, const struct tss *tss)
{
	u64 base = (u64)tss, limit = sizeof(*tss) - 1;
	u64 desc[2];

	desc[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		  (0x89ull << 40) |                 /* present, 64-bit available TSS */
		  (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	desc[1] = base >> 32;
	write_gdt_entry(gdt, GDT_TSS / 8, desc, 2);
}

void gdt_init(void)
{
	static const u64 flat[] = {
		0,
		0x00af9a000000ffffull,   /* kernel code, 64-bit */
		0x00cf92000000ffffull,   /* kernel data */
		0x00cff2000000ffffull,   /* user data, DPL 3 */
		0x00affa000000ffffull,   /* user code, 64-bit, DPL 3 */
	};
	u64 *gdt = *this_cpu_ptr(&cpu_gdt);
	struct tss *tss = this_cpu_ptr(&cpu_tss);
	struct dtr gdtr = { .limit = GDT_ENTRIES * sizeof(u64) - 1, .base = (u64)gdt };
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(flat); i++)
		write_gdt_entry(gdt, i, &flat[i], 1);
	tss->ist[0] = (u64)this_cpu_ptr(&cpu_df_stack) + KSTACK_SIZE;
	tss->iomap_base = sizeof(*tss);   /* no I/O bitmap: user port I/O faults */
	gdt_set_tss(gdt, tss);
	load_gdt(&gdtr);
	gdt_set_tls(0);
	load_tr(GDT_TSS);
	set_kernel_gs(this_cpu_read(cpu_offset));
}

void gdt_set_tls(u64 desc)
{
	write_gdt_entry(*this_cpu_ptr(&cpu_gdt), GDT_TLS / 8, &desc, 1);
}
