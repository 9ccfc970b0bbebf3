/*
 * ktest.h — in-kernel tests, XTF style: each a few dozen lines proving one
 * behaviour through the pv interface, with a one-line description.
 *
 *   KTEST(irq_nesting, "irq save/restore nests and restores IF") {
 *           KT_EXPECT(t, irqs_enabled());
 *   }
 *
 * Tests register themselves in .ktests and run in link order when `ktest`
 * is on the command line; the run ends with exactly one line
 * `ktest: N passed, M failed`.
 */
#ifndef PROTEUS_KTEST_H
#define PROTEUS_KTEST_H

#include "types.h"

struct ktest_ctx {
	const char *name;
	unsigned failures;
	bool skipped;
	char skip_reason[160];
};

struct ktest {
	const char *name;
	const char *desc;
	void (*fn)(struct ktest_ctx *t);
};

/* The section holds pointers: the compiler may pad the structs themselves. */
#define KTEST(tname, tdesc)                                                   \
	static void ktest_fn_##tname(struct ktest_ctx *t);                    \
	static const struct ktest ktest_##tname =                             \
		{ .name = #tname, .desc = tdesc, .fn = ktest_fn_##tname };    \
	static const struct ktest *const ktest_ptr_##tname                    \
		__section(".ktests") __used = &ktest_##tname;                 \
	static void ktest_fn_##tname(struct ktest_ctx *t)

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void ktest_skip(struct ktest_ctx *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define KT_EXPECT(t, cond)                                                    \
	do { if (!(cond)) ktest_fail(t, __FILE__, __LINE__, "%s", #cond); } while (0)
#define KT_EXPECT_EQ(t, a, b)                                                 \
	do {                                                                  \
		unsigned long long _a = (unsigned long long)(a);              \
		unsigned long long _b = (unsigned long long)(b);              \
		if (_a != _b)                                                 \
			ktest_fail(t, __FILE__, __LINE__, "%s == %s (%#llx != %#llx)", \
				   #a, #b, _a, _b);                           \
	} while (0)
/* Stop the test here if cond fails (later steps depend on it). */
#define KT_ASSERT(t, cond)                                                    \
	do { if (!(cond)) { ktest_fail(t, __FILE__, __LINE__, "%s", #cond); return; } } while (0)

/* The `ktest` boot option was given. */
extern bool ktest_enabled;
int ktest_run_all(void);

#endif
