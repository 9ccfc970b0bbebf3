/*
 * setup.c — choosing the backend and patching, the first thing kmain does.
 *
 * Order matters: the backend fills its slots, then the console comes up
 * (so every later failure can be reported), then the one patch pass runs
 * while nothing else executes.
 */
#include "pv/backend.h"
#include "pv/ops.h"
#include "pv/patch.h"
#include "options.h"
#include "printk.h"
#include "panic.h"
#include "x86/insn.h"
#include <string.h>

extern const struct pv_backend *const __pv_backends_start[], *const __pv_backends_end[];

const struct pv_backend *pv_backend;

static bool patch_enabled = true;
static char forced_backend[16];
static u64 patch_ticks;
KOPT_BOOL(pv_patch, "pv.patch", patch_enabled, "pv.patch=0 leaves every call site indirect");
static bool lazy_enabled = true;
KOPT_BOOL(pv_lazy, "pv.lazy", lazy_enabled,
	  "pv.lazy=0 keeps the native (no-op) lazy modes: every page-table and context-switch "
	  "operation is issued at once, to measure what batching buys");
static bool lazy_mmu_enabled = true, lazy_cpu_enabled = true;
KOPT_BOOL(pv_lazy_mmu, "pv.lazy_mmu", lazy_mmu_enabled,
	  "pv.lazy_mmu=0 turns off lazy-MMU batching alone (page-table writes issued one by one)");
KOPT_BOOL(pv_lazy_cpu, "pv.lazy_cpu", lazy_cpu_enabled,
	  "pv.lazy_cpu=0 turns off lazy-CPU batching alone (each context-switch step issued at once)");
KOPT_STRING(pv_backend, "pv.backend", forced_backend, "force a backend by name");

static bool backend_exists(const char *name);

/* The usable backend of highest priority, or the one named, if usable. */
static const struct pv_backend *backend_choose(const char *name, const char **why)
{
	const struct pv_backend *const *b;
	const struct pv_backend *best = NULL;
	int prio, best_prio = 0;

	for (b = __pv_backends_start; b < __pv_backends_end; b++) {
		if (name[0] && strcmp((*b)->name, name))
			continue;
		prio = (*b)->detect(&pv_platform);
		if (prio > best_prio) {
			best = *b;
			best_prio = prio;
		}
	}
	if (!best)
		*why = !name[0] ? "no backend can run here" :
		       backend_exists(name) ? "not usable on this platform" :
		       "no backend of that name in this kernel";
	return best;
}

static bool backend_exists(const char *name)
{
	const struct pv_backend *const *b;

	for (b = __pv_backends_start; b < __pv_backends_end; b++)
		if (!strcmp((*b)->name, name))
			return true;
	return false;
}

static void backend_list(void)
{
	const struct pv_backend *const *b;

	for (b = __pv_backends_start; b < __pv_backends_end; b++)
		kprintf(" %s", (*b)->name);
	kprintf("\n");
}

u64 pv_patch_ticks(void)
{
	return patch_ticks;
}

void pv_setup(struct boot_info *bi)
{
	const char *why = NULL;

	pv_detect(&pv_platform, bi->entry);
	pv_backend = backend_choose(forced_backend, &why);
	if (!pv_backend) {
		/* Bring up what can run here, only to be able to say so. */
		const char *reason = why, *unused;
		const struct pv_backend *fallback = backend_choose("", &unused);

		if (fallback)
			fallback->init(bi);
		console_init();
		kprintf("pv: cannot use backend '%s': %s; backends in this kernel:",
			forced_backend[0] ? forced_backend : "(auto)", reason);
		backend_list();
		panic("pv: no usable backend");
	}
	{
		/* The lazy group as it is before any backend fills it: the
		 * native no-ops, which pv.lazy=0 puts back. */
		const struct pv_lazy_ops lazy_native = pv_lazy_ops;

		pv_backend->init(bi);
		if (!lazy_enabled)
			pv_lazy_ops = lazy_native;
		/* Each half alone: no window of the other kind ever sleeps or
		 * switches, so the halves do not depend on each other. */
		if (!lazy_mmu_enabled) {
			pv_lazy_ops.lazy_enter_mmu = lazy_native.lazy_enter_mmu;
			pv_lazy_ops.lazy_leave_mmu = lazy_native.lazy_leave_mmu;
			pv_lazy_ops.lazy_flush_mmu = lazy_native.lazy_flush_mmu;
		}
		if (!lazy_cpu_enabled) {
			pv_lazy_ops.lazy_start_context_switch = lazy_native.lazy_start_context_switch;
			pv_lazy_ops.lazy_end_context_switch = lazy_native.lazy_end_context_switch;
		}
	}
	console_init();

	pr_info("pv: cpuid hypervisor bit %d, signature '%s' at 0x%x (max 0x%x), entry %s, ring %u\n",
		pv_platform.hypervisor_bit, pv_platform.signature[0] ? pv_platform.signature : "-",
		pv_platform.base, pv_platform.max_leaf, bi->loader, pv_platform.cpl);
	pr_info("pv: backend %s%s%s%s%s\n", pv_backend->name,
		forced_backend[0] ? " (forced by pv.backend=)" : "",
		lazy_enabled ? "" : ", lazy modes off (pv.lazy=0)",
		lazy_enabled && !lazy_mmu_enabled ? ", lazy MMU off (pv.lazy_mmu=0)" : "",
		lazy_enabled && !lazy_cpu_enabled ? ", lazy CPU off (pv.lazy_cpu=0)" : "");

	patch_ticks = x86_rdtsc();
	pv_patch_all(patch_enabled);
	patch_ticks = x86_rdtsc() - patch_ticks;
	pr_info("pv: backend=%s sites=%u inline=%u direct=%u nop=%u ident=%u unpatched=%u\n",
		pv_info.name, pv_census.sites, pv_census.kind[PVPATCH_INLINE],
		pv_census.kind[PVPATCH_DIRECT], pv_census.kind[PVPATCH_NOP],
		pv_census.kind[PVPATCH_IDENT], pv_census.kind[PVPATCH_UNPATCHED]);
}

void pv_late_init(void)
{
	if (pv_backend->late_init)
		pv_backend->late_init();
}
