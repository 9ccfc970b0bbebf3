/*
 * test_user.c — user mode: programs from the initrd run at CPL 3 in their
 * own address space, use write/getpid/exit, and are killed with a clear
 * reason when they fault, touch kernel memory or try privileged
 * instructions — after which the kernel carries on, with nothing leaked.
 */
#include "ktest.h"
#include "proc.h"
#include "trap.h"
#include "mm.h"
#include "cpu.h"
#include "pv/ops.h"
#include "fpu.h"
#include <string.h>

static char out[512];

static bool run(struct ktest_ctx *t, const char *path, struct proc_result *r)
{
	if (!proc_run_path(path, r, out, sizeof(out))) {
		ktest_fail(t, __FILE__, __LINE__, "%s did not start: %s", path, r->error);
		return false;
	}
	return true;
}

KTEST(user_hello, "a user program prints through write and exits with its status")
{
	struct proc_result r;

	KT_ASSERT(t, run(t, "/bin/hello", &r));
	KT_EXPECT(t, !r.killed);
	KT_EXPECT_EQ(t, r.exit_code, 0);
	KT_EXPECT(t, strstr(out, "hello from user space") != NULL);
	KT_EXPECT(t, strstr(out, "running at CPL 3") != NULL);
}

KTEST(user_exit_status, "the exit status reaches the kernel unchanged")
{
	struct proc_result r;

	KT_ASSERT(t, run(t, "/bin/exit42", &r));
	KT_EXPECT(t, !r.killed);
	KT_EXPECT_EQ(t, r.exit_code, 42);
}

KTEST(user_syscall_errors, "bad syscall arguments get errors, not crashes")
{
	struct proc_result r;

	KT_ASSERT(t, run(t, "/bin/badsys", &r));
	KT_EXPECT(t, !r.killed);
	KT_EXPECT_EQ(t, r.exit_code, 0);   /* the program checks each error itself */
	KT_EXPECT(t, strstr(out, "badsys: all checks passed") != NULL);
}

KTEST(user_null_deref_killed, "a user NULL dereference kills the program, not the kernel")
{
	struct proc_result r;

	KT_ASSERT(t, run(t, "/bin/nullread", &r));
	KT_EXPECT(t, r.killed);
	KT_EXPECT_EQ(t, r.vector, VEC_PF);
	KT_EXPECT_EQ(t, r.fault_addr, 0);
	KT_EXPECT_EQ(t, r.error_code & 5, 4);        /* user access, page not present */
}

KTEST(user_kernel_read_killed, "reading kernel memory from user mode is refused")
{
	struct proc_result r;

	KT_ASSERT(t, run(t, "/bin/kread", &r));
	KT_EXPECT(t, r.killed);
	KT_EXPECT_EQ(t, r.vector, VEC_PF);
	KT_EXPECT(t, r.fault_addr >= USER_TOP);
	/* A user-mode read; whether the page is present in the user's view
	 * depends on the privilege model (one shared table natively, a
	 * separate user table under a PV hypervisor), so P is not checked. */
	KT_EXPECT_EQ(t, r.error_code & 6, 4);
}

KTEST(user_kernel_write_killed, "writing kernel memory from user mode is refused")
{
	struct proc_result r;

	KT_ASSERT(t, run(t, "/bin/kwrite", &r));
	KT_EXPECT(t, r.killed);
	KT_EXPECT_EQ(t, r.vector, VEC_PF);
	KT_EXPECT(t, r.fault_addr >= USER_TOP);
	KT_EXPECT_EQ(t, r.error_code & 6, 6);        /* user-mode write */
}

KTEST(user_privileged_killed, "a privileged instruction in user mode is refused")
{
	struct proc_result r;

	KT_ASSERT(t, run(t, "/bin/priv", &r));
	KT_EXPECT(t, r.killed);
	KT_EXPECT_EQ(t, r.vector, VEC_GP);
}

KTEST(user_ud_killed, "an invalid opcode in user mode kills the program")
{
	struct proc_result r;

	KT_ASSERT(t, run(t, "/bin/ud", &r));
	KT_EXPECT(t, r.killed);
	KT_EXPECT_EQ(t, r.vector, VEC_UD);
}

KTEST(user_bad_images, "missing or malformed programs are refused with a reason")
{
	struct proc_result r;

	KT_EXPECT(t, !proc_run_path("/bin/no-such-program", &r, NULL, 0));
	KT_EXPECT(t, strstr(r.error, "no such file") != NULL);
	KT_EXPECT(t, !proc_run_path("/bin/notelf", &r, NULL, 0));
	KT_EXPECT(t, strstr(r.error, "not a 64-bit little-endian ELF") != NULL);
	KT_EXPECT(t, !proc_run_path("/bin/kseg", &r, NULL, 0));
	KT_EXPECT(t, strstr(r.error, "outside user space") != NULL);
}

KTEST(user_no_leaks, "running and killing programs leaks no memory")
{
	u64 frames = frames_free_count(), heap = heap_bytes_in_use();
	struct proc_result r;
	unsigned i;

	for (i = 0; i < 3; i++) {
		proc_run_path("/bin/hello", &r, out, sizeof(out));
		proc_run_path("/bin/nullread", &r, out, sizeof(out));
	}
	KT_EXPECT_EQ(t, frames_free_count(), frames);
	KT_EXPECT_EQ(t, heap_bytes_in_use(), heap);
}

/* The kernel itself never touches the FPU (-mgeneral-regs-only), so the
 * trap is proved from user mode, which every platform runs natively. */
KTEST(user_fpu_lazy, "a process's first FPU instruction traps (#NM) once and then runs")
{
	struct proc_result r;
	u64 before = fpu_trap_count();

	KT_ASSERT(t, run(t, "/bin/fpu", &r));
	if (fpu_trap_count() == before && pv_info.user_ts_unseen) {
		ktest_skip(t, pv_info.user_ts_unseen);
		return;
	}
	KT_EXPECT(t, !r.killed);
	KT_EXPECT_EQ(t, r.exit_code, 0);
	KT_EXPECT_EQ(t, fpu_trap_count() - before, 1);
}

/* Whether the CPU, reading the live GDT, sees the run-time slot's limit:
 * lsl from user mode (the slot is DPL 3), which every platform runs
 * natively, rather than in the kernel, where an emulator may lack it. */
static int tls_limit_seen(struct ktest_ctx *t)
{
	struct proc_result r;

	if (!run(t, "/bin/lsl", &r) || r.killed)
		return -1;
	return r.exit_code;
}

KTEST(user_gdt_update, "a GDT entry rewritten at run time is what the CPU then reads")
{
	/* Present, DPL 3, writable data, byte-granular limits 0x12 / 0x43. */
	gdt_set_tls(0x0000f20000000012ull);
	if (tls_limit_seen(t) == 255 && pv_info.user_gdt_unseen) {
		gdt_set_tls(0);
		ktest_skip(t, pv_info.user_gdt_unseen);
		return;
	}
	KT_EXPECT_EQ(t, tls_limit_seen(t), 0x12);
	gdt_set_tls(0x0000f20000000043ull);
	KT_EXPECT_EQ(t, tls_limit_seen(t), 0x43);
	gdt_set_tls(0);
	KT_EXPECT_EQ(t, tls_limit_seen(t), 255);
}
