/* cpu.h — descriptor tables and segment selectors. */
#ifndef PROTEUS_CPU_H
#define PROTEUS_CPU_H

#define GDT_KERNEL_CS 0x08
#define GDT_KERNEL_DS 0x10
#define GDT_USER_DS   0x18   /* | 3 */
#define GDT_USER_CS   0x20   /* | 3; sysret wants it 8 above user data */
#define GDT_TSS       0x28   /* two slots */
#define GDT_TLS       0x38   /* a user data slot written at run time (| 3) */
#define GDT_ENTRIES   8

#ifndef __ASSEMBLER__
#include "types.h"

struct gate_desc {
	u16 offset_lo;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_hi;
	u32 reserved;
} __packed;

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

#include "percpu.h"

DECLARE_PER_CPU(struct tss, cpu_tss);

void gdt_init(void);
/* Rewrite the run-time slot of the live GDT (a TLS-style descriptor). */
void gdt_set_tls(u64 desc);
void idt_init(void);

#endif
#endif
