/*
 * ut.h — the usertests framework: registration, checks, helpers.
 *
 * A test is a function registered with UT_TEST(name) in any file of this
 * directory; the runner finds every test through the ut_tests linker
 * section, so there is no central list.  Each test runs in its own forked
 * child (the "test process").  A check that fails writes its reason to the
 * runner's report pipe and ends the test process with status 1; processes
 * a test forks inherit the pipe, so their failures are reported the same
 * way, provided the test checks their exit status (ut_wait_exit).
 */
#ifndef UT_H
#define UT_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct ut_test {
	const char *name;
	void (*fn)(void);
};

/* 16-byte records so the section is a plain array (no padding surprises). */
#define UT_TEST(tname)                                                        \
	static void ut_fn_##tname(void);                                      \
	static const struct ut_test ut_rec_##tname                            \
		__attribute__((used, section("ut_tests"), aligned(16))) =     \
		{ #tname, ut_fn_##tname };                                    \
	static void ut_fn_##tname(void)

/* Ends the test process: status 1 with a reason, or 2 for a skip. */
_Noreturn void ut_fail_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
_Noreturn void ut_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define ut_fail(...) ut_fail_at(__FILE__, __LINE__, __VA_ARGS__)
/*
 * Skip one assertion that only holds on Proteus, and go on: the runner
 * prints "usertests: NAME skipped (WHY)" and still the test's result.
 */
void ut_skip_part(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A line of information printed with the test's result. */
void ut_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define UT_CHECK(cond)                                                        \
	do {                                                                  \
		if (!(cond))                                                  \
			ut_fail("%s", #cond);                                 \
	} while (0)

#define UT_EQ(a, b)                                                           \
	do {                                                                  \
		long long ut_a_ = (long long)(a), ut_b_ = (long long)(b);     \
		if (ut_a_ != ut_b_)                                           \
			ut_fail("%s is %lld (%#llx), want %lld", #a, ut_a_,   \
				(unsigned long long)ut_a_, ut_b_);            \
	} while (0)

/* expr must not return -1; the value is returned. */
#define UT_SYS(expr)                                                          \
	({                                                                    \
		long long ut_r_ = (long long)(expr);                          \
		if (ut_r_ == -1)                                              \
			ut_fail("%s: errno %d (%s)", #expr, errno,            \
				ut_errname(errno));                           \
		ut_r_;                                                        \
	})

/* expr must return -1 with errno == err. */
#define UT_ERR(expr, err)                                                     \
	do {                                                                  \
		errno = 0;                                                    \
		long long ut_r_ = (long long)(expr);                          \
		int ut_e_ = errno;                                            \
		if (ut_r_ != -1 || ut_e_ != (err))                            \
			ut_fail("%s returned %lld errno %s, want -1 %s",      \
				#expr, ut_r_, ut_errname(ut_e_),              \
				ut_errname(err));                             \
	} while (0)

const char *ut_errname(int err);
/* Are we on Proteus (uname sysname)?  Only for Proteus-only assertions. */
int ut_on_proteus(void);

/* fork, failing the test if fork fails. */
pid_t ut_fork(void);
/* Wait for pid; returns the raw wait status. */
int ut_wait(pid_t pid);
/* Wait for pid and require a normal exit with the given code. */
void ut_wait_exit(pid_t pid, int code);
/* Wait for pid and require death by the given signal. */
void ut_wait_signal(pid_t pid, int sig);
/* Run fn in a child and return its raw wait status. */
int ut_in_child(void (*fn)(void));

/*
 * Read (write=0) or write one byte at addr in a child: 0 if that worked,
 * else the signal that killed the child.
 */
int ut_probe(volatile void *addr, int write);

/* Full-length write/read or fail. */
void ut_write_all(int fd, const void *p, size_t n);
void ut_read_all(int fd, void *p, size_t n);

/* A fresh directory under /tmp for this test; removed by ut_rm_tree. */
const char *ut_tmpdir(void);
void ut_rm_tree(const char *path);

/* The directory the helper programs live in (/bin on Proteus). */
const char *ut_bindir(void);
void ut_set_bindir(const char *argv0);

/* Runner state the framework keeps for the checks. */
extern int ut_report_fd;
extern const char *ut_current;

#endif
