/*
 * gdt.c — the GDT and TSS, written through pv_cpu ops (a PV hypervisor
 * validates descriptor writes and owns the real tables).
 */
#include "cpu.h"
#include "percpu.h"
#include "layout.h"
#include "pv/ops.h"

/* A page of its own: a PV hypervisor maps the GDT read-only, and nothing
 * else may share that fate. */
static u64 gdt[PAGE_SIZE / sizeof(u64)] __aligned(PAGE_SIZE);
struct tss tss0 __aligned(16);
static u8 df_stack[KSTACK_SIZE] __aligned(16);

struct percpu percpu0 = { .self = &percpu0, .cpu = 0 };

static void gdt_set_tss(void)
{
	u64 base = (u64)&tss0, limit = sizeof(tss0) - 1;
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
	struct dtr gdtr = { .limit = GDT_ENTRIES * sizeof(u64) - 1, .base = (u64)gdt };
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(flat); i++)
		write_gdt_entry(gdt, i, &flat[i], 1);
	/* A double fault gets its own stack: it is usually a stack problem. */
	tss0.ist[0] = (u64)df_stack + sizeof(df_stack);
	tss0.iomap_base = sizeof(tss0);   /* no I/O bitmap: user port I/O faults */
	gdt_set_tss();
	load_gdt(&gdtr);
	gdt_set_tls(0);
	load_tr(GDT_TSS);
	set_kernel_gs((u64)&percpu0);
}

void gdt_set_tls(u64 desc)
{
	write_gdt_entry(gdt, GDT_TLS / 8, &desc, 1);
}
