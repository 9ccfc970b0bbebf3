/*
 * ktest.c — the test runner.  Each test's verdict is one line; the last
 * line is the sentinel the host reads, and the shutdown code carries the
 * same verdict, so a run that dies half-way can never look like a pass.
 */
#include "ktest.h"
#include "options.h"
#include "printk.h"
#include "panic.h"
#include "pv/ops.h"
#include "lib/fmt.h"
#include <stdarg.h>
#include <string.h>

extern const struct ktest *const __ktests_start[], *const __ktests_end[];

bool ktest_enabled;
static char ktest_only[32];
KOPT_FLAG(ktest, "ktest", ktest_enabled, "run the in-kernel tests and report");
KOPT_STRING(ktest_only, "ktest.only", ktest_only, "run only the tests whose name starts so");

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("ktest: %s: FAILED at %s:%d: %s\n", t->name, file, line, msg);
	t->failures++;
}

void ktest_skip(struct ktest_ctx *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(t->skip_reason, sizeof(t->skip_reason), fmt, ap);
	va_end(ap);
	t->skipped = true;
}

int ktest_run_all(void)
{
	const struct ktest *const *kp;
	unsigned passed = 0, failed = 0, skipped = 0;
	size_t only = strlen(ktest_only);

	kprintf("ktest: running on backend %s\n", pv_info.name);
	for (kp = __ktests_start; kp < __ktests_end; kp++) {
		const struct ktest *k = *kp;
		struct ktest_ctx t = { .name = k->name };

		if (only && strncmp(k->name, ktest_only, only))
			continue;
		k->fn(&t);
		if (!irqs_enabled()) {
			ktest_fail(&t, __FILE__, __LINE__, "test left interrupts disabled");
			irq_enable();
		}
		if (t.failures) {
			failed++;
			kprintf("ktest: %-24s FAIL  %s\n", k->name, k->desc);
		} else if (t.skipped) {
			skipped++;
			kprintf("ktest: %-24s SKIP  %s (%s)\n", k->name, k->desc, t.skip_reason);
		} else {
			passed++;
			kprintf("ktest: %-24s ok    %s\n", k->name, k->desc);
		}
	}
	if (skipped)
		kprintf("ktest: %u passed, %u failed, %u skipped\n", passed, failed, skipped);
	else
		kprintf("ktest: %u passed, %u failed\n", passed, failed);
	return failed || passed == 0 ? SHUTDOWN_FAIL : SHUTDOWN_OK;
}
