/* host_harness.c — the kernel signal code (kernel/signal/*.c, included whole)
 * run on the host against fakes of the process, FPU and user-memory layers:
 * frame build, rt_sigreturn round trip (rcx, r11, xmm bytes, rflags),
 * restart rules, forced faults, kill messages.  make signal-harness. */
#define PROTEUS_PV_OPS_H
#include <stdint.h>
#include <stdbool.h>
typedef unsigned short u16_;
struct pv_info { u16_ user_cs, user_ss; } pv_info = { 0x33, 0x2b };
static inline uint64_t irq_save(void) { return 0; }
static inline void irq_restore(uint64_t f) { (void)f; }
static uint64_t fake_now = 1000;
static inline uint64_t clock_ns(void) { return fake_now; }
static inline uint64_t read_cr2(void) { return 0xdead; }
#include "kernel/signal/state.c"
#include "kernel/signal/send.c"
#include "kernel/signal/frame.c"
#include "kernel/signal/sigreturn.c"
#include "kernel/signal/deliver.c"
#include "kernel/signal/default.c"
#include "kernel/signal/fault.c"
#include "kernel/signal/sigaction.c"
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>

static uint8_t ustack[65536] __attribute__((aligned(64)));
#define UBASE 0x7ff000000000ull
static struct proc P = { .pid = 5, .name = "t" };
static struct fpu_state fpu;
static jmp_buf died; static int died_status;
static void *uptr(uint64_t a, size_t n) { if (a < UBASE || a + n > UBASE + sizeof(ustack)) return NULL; return ustack + (a - UBASE); }
long copy_to_user(uint64_t d, const void *s, size_t n) { void *p = uptr(d, n); if (!p) return -EFAULT; memcpy(p, s, n); return 0; }
long copy_from_user(void *d, uint64_t s, size_t n) { void *p = uptr(s, n); if (!p) return -EFAULT; memcpy(d, p, n); return 0; }
long clear_user(uint64_t d, size_t n) { void *p = uptr(d, n); if (!p) return -EFAULT; memset(p, 0, n); return 0; }
struct proc *proc_current(void) { return &P; }
struct proc *proc_list;
bool fpu_sync(struct proc *p) { p->fpu = &fpu; return true; }
void fpu_invalidate(struct proc *p) { (void)p; }
void fpu_state_init(struct fpu_state *s) { memset(s, 0, 512); s->fxsave[24] = 0x80; s->fxsave[25] = 0x1f; }
void sched_kick(struct proc *p) { (void)p; }
void sched_wakeup(const void *c) { (void)c; }
void sched_continue(struct proc *p) { (void)p; }
void sched_stop_current(void) {}
int sched_sleep(const void *c) { (void)c; return -EINTR; }
void syscall_need_full_return(void) {}
const char *trap_name(unsigned v) { (void)v; return "x"; }
void printk(int l, const char *f, ...) { va_list ap; (void)l; va_start(ap, f); vprintf(f, ap); va_end(ap); }
int fmt_snprintf(char *b, size_t n, const char *f, ...) { va_list ap; va_start(ap, f); int r = vsnprintf(b, n, f, ap); va_end(ap); return r; }
void proc_exit(int st) { died_status = st; longjmp(died, 1); }
void panic_frame(const struct trap_frame *f, const char *fmt, ...) { (void)f; (void)fmt; abort(); }

#define CHECK(c) do { if (!(c)) { printf("FAIL %s:%d %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)
int main(void)
{
	int fails = 0;
	struct trap_frame f = {0}, orig;
	signal_init(&P);
	P.sig.action[SIGUSR1 - 1] = (struct linux_sigaction){ .sa_handler = 0x401000, .sa_flags = SA_RESTORER | SA_SIGINFO, .sa_restorer = 0x402000, .sa_mask = SIG_BIT(SIGUSR2) };
	f.rip = 0x400123; f.rsp = UBASE + 60000 + 3; f.rflags = 0x10746; f.vector = SYSCALL_VECTOR; f.error_code = 0;
	f.rax = (uint64_t)-ERESTARTSYS; f.rcx = 0x1111; f.r11 = 0x2222; f.r15 = 15; f.rbp = 7; f.cs = 0x33; f.ss = 0x2b;
	fpu_state_init(&fpu); fpu.fxsave[160] = 0xAB;   /* xmm0 byte */
	orig = f;
	signal_send(&P, SIGUSR1, NULL);
	CHECK(signal_deliver(&f));
	CHECK(f.rip == 0x401000 && f.rdi == SIGUSR1 && (f.rsp + 8) % 16 == 0);
	CHECK(f.rsp + 440 <= orig.rsp - 128);
	CHECK(f.rflags == (0x10746ull & ~0x10500ull));
	CHECK((P.sig.blocked & SIG_BIT(SIGUSR1)) && (P.sig.blocked & SIG_BIT(SIGUSR2)));
	uint64_t pret; copy_from_user(&pret, f.rsp, 8); CHECK(pret == 0x402000);
	struct linux_ucontext uc; copy_from_user(&uc, f.rdx, sizeof(uc));
	CHECK(uc.uc_mcontext.rip == 0x400123 && uc.uc_mcontext.rax == (uint64_t)-EINTR && uc.uc_mcontext.rcx == 0x1111);
	CHECK(uc.uc_mcontext.fpstate % 64 == 0 && ((uint8_t *)uptr(uc.uc_mcontext.fpstate, 512))[160] == 0xAB);
	CHECK(fpu.fxsave[160] == 0);   /* handler starts clean */
	struct linux_siginfo si; copy_from_user(&si, f.rsi, sizeof(si)); CHECK(si.si_signo == SIGUSR1 && si.si_code == SI_KERNEL);
	/* handler "returns": ret pops pretcode, restorer does syscall 15 */
	f.rsp += 8; f.rax = 15; f.error_code = 15; f.rcx = 0; f.r11 = 0; f.rflags = 0x202;
	long r = sys_rt_sigreturn(&f);
	f.rax = (uint64_t)r;
	CHECK(f.rip == orig.rip && f.rsp == orig.rsp && f.rcx == 0x1111 && f.r11 == 0x2222 && f.r15 == 15 && f.rbp == 7);
	CHECK((long)f.rax == -EINTR && fpu.fxsave[160] == 0xAB && P.sig.blocked == 0);
	CHECK(f.rflags == ((0x10746ull & 0x254dd5) | 0x202));
	CHECK(!signal_deliver(&f) && (long)f.rax == -EINTR);   /* no restart after sigreturn */
	/* SA_RESTART: restarted under the handler */
	P.sig.action[SIGUSR1 - 1].sa_flags |= SA_RESTART;
	f = orig; signal_send(&P, SIGUSR1, NULL); signal_deliver(&f);
	copy_from_user(&uc, f.rdx, sizeof(uc));
	CHECK(uc.uc_mcontext.rax == 0 && uc.uc_mcontext.rip == 0x400121);
	P.sig.blocked = 0;
	/* no handler: ignored signal + ERESTARTSYS restarts */
	f = orig; P.sig.action[SIGUSR2-1].sa_handler = SIG_IGN; signal_send(&P, SIGUSR2, NULL);
	CHECK(!signal_deliver(&f) && f.rax == 0 && f.rip == 0x400121);
	/* bad MXCSR in sigreturn -> dies SIGSEGV */
	f = orig; signal_send(&P, SIGUSR1, NULL); signal_deliver(&f);
	copy_from_user(&uc, f.rdx, sizeof(uc));
	((uint8_t *)uptr(uc.uc_mcontext.fpstate, 512))[26] = 0xff;
	f.rsp += 8;
	if (!setjmp(died)) { sys_rt_sigreturn(&f); CHECK(0); }
	CHECK(died_status == W_SIGNALED(SIGSEGV, 1));
	/* fault, no handler: message and core status */
	struct proc_result res = {0}; P.result = &res; signal_init(&P);
	f = orig; f.vector = VEC_PF; f.error_code = 4; f.rip = 0x401020;
	signal_from_trap(&f);
	if (!setjmp(died)) { signal_deliver(&f); CHECK(0); }
	CHECK(died_status == (SIGSEGV | 0x80) && res.killed && res.signal == SIGSEGV && res.fault_addr == 0xdead);
	printf("result.error: %s\n", res.error);
	/* kernel handler address */
	signal_init(&P);
	P.sig.action[SIGUSR1 - 1] = (struct linux_sigaction){ .sa_handler = 0xffffffff80001000ull, .sa_flags = SA_RESTORER, .sa_restorer = 0x402000 };
	f = orig; signal_send(&P, SIGUSR1, NULL);
	if (!setjmp(died)) { signal_deliver(&f); CHECK(0); }
	CHECK(died_status == (SIGSEGV | 0x80));
	/* bad stack */
	P.sig.action[SIGUSR1 - 1].sa_handler = 0x401000;
	f = orig; f.rsp = 0x1000; signal_send(&P, SIGUSR1, NULL);
	if (!setjmp(died)) { signal_deliver(&f); CHECK(0); }
	CHECK(died_status == (SIGSEGV | 0x80));
	/* blocked SIGSEGV fault is forced */
	signal_init(&P); P.sig.blocked = SIG_BIT(SIGSEGV); P.sig.action[SIGSEGV-1].sa_handler = 0x401000;
	f = orig; f.vector = VEC_GP; signal_from_trap(&f);
	if (!setjmp(died)) { signal_deliver(&f); CHECK(0); }
	CHECK(died_status == (SIGSEGV | 0x80));
	/* SIGKILL can't be blocked via sigprocmask; init protection */
	signal_init(&P); P.pid = 1; signal_send(&P, SIGTERM, NULL); CHECK(P.sig.pending == 0); P.pid = 5;
	printf("%s (%d failures)\n", fails ? "FAILED" : "PASSED", fails);
	return fails != 0;
}
