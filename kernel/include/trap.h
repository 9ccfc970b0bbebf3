/*
 * trap.h — the one trap-frame layout every entry path builds, whatever the
 * backend: exceptions, interrupts and system calls all arrive in
 * trap_dispatch or syscall_dispatch with a struct trap_frame.
 */
#ifndef PROTEUS_TRAP_H
#define PROTEUS_TRAP_H

/* Offsets used by entry.S; checked against the struct in cpu/idt.c. */
#define TF_VECTOR 120
#define TF_ERROR 128
#define TF_RIP 136
#define TF_CS 144
#define TF_RFLAGS 152
#define TF_RSP 160
#define TF_SS 168
#define TF_SIZE 176

#define NR_EXCEPTION_VECTORS 32
#define NR_ENTRY_VECTORS 256         /* every vector has a stub */
/* A hypervisor's event upcall arrives through its own entry, not the IDT;
 * it is delivered like an interrupt on this software vector (irq.h). */
#define UPCALL_VECTOR 48
/* The hypervisor could not return to the guest (bad segment or frame). */
#define FAILSAFE_VECTOR 0x101
#define SPURIOUS_VECTOR 255
#define SYSCALL_VECTOR 0x100         /* frame marker, not an IDT vector */

#define VEC_DE 0
#define VEC_BP 3
#define VEC_OF 4
#define VEC_UD 6
#define VEC_NM 7
#define VEC_DF 8
#define VEC_GP 13
#define VEC_PF 14

#ifndef __ASSEMBLER__
#include "types.h"
#include "percpu.h"

struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error_code;
	u64 rip, cs, rflags, rsp, ss;
};

/*
 * One backend's copy of the entry code (entry/entry.S assembled with that
 * backend's macro set).  The backend installs it at boot.
 */
struct entry_table {
	const char *name;
	const u64 *vectors;                  /* NR_ENTRY_VECTORS stubs, by vector */
	unsigned nr_gates;                   /* how many of them the backend installs */
	u64 upcall, failsafe;                /* software entries (callbacks) */
	void (*syscall)(void);
	void (*enter_user)(struct trap_frame *f) __noreturn; /* restore f and go */
	void (*install)(const struct entry_table *t);        /* IDT/trap table, syscall */
};

static inline bool trap_from_user(const struct trap_frame *f)
{
	return (f->cs & 3) != 0;
}

void trap_dispatch(struct trap_frame *f);
bool syscall_dispatch(struct trap_frame *f);
/* A user-mode trap the kernel may resolve (paging, FPU) or signal. */
void proc_user_trap(struct trap_frame *f);
/* Work on every return to user mode: scheduling, then signals. */
void trap_user_return(struct trap_frame *f);
void trap_frame_print(const struct trap_frame *f);
const char *trap_name(unsigned vector);


/*
 * Exception fixups: a kernel instruction that may fault on purpose (probing
 * user memory, tests) is listed with where to resume.  trap_dispatch
 * consults the list before declaring a kernel fault fatal.
 */
struct extable_entry {
	u64 fault_rip, fixup_rip;
};
bool extable_fixup(struct trap_frame *f);

/* Read 8 bytes at addr; false (and no panic) if it faults. */
bool probe_read_u64(const void *addr, u64 *out);
bool probe_write_u64(void *addr, u64 val);
bool probe_read_u8(const void *addr, u8 *out);

/* Vector and fault address of the last fault a probe absorbed (for tests). */
extern u64 extable_last_vector, extable_last_cr2;

void traps_init(void);

/* Interrupt handlers this CPU is inside of (nested), 0 in process context. */
DECLARE_PER_CPU(unsigned, irq_depth);
static inline bool in_interrupt(void) { return this_cpu_read(irq_depth) != 0; }

#endif
#endif
