/*
 * options.h — the kernel command line, parsed and validated once at boot.
 *
 * Every option is declared next to the code it steers, and registers
 * itself in the .kopts section:
 *
 *     static bool bench_enabled;
 *     KOPT_FLAG(bench, "bench", bench_enabled, "run the in-kernel benchmarks");
 *
 * Anything on the command line that no option claims is an error, listed
 * with every key that is accepted, so a typo never silently changes what
 * runs.  Parsing happens before the console exists; kmain reports.
 */
#ifndef PROTEUS_OPTIONS_H
#define PROTEUS_OPTIONS_H

#include "types.h"

struct cmdline_opt;
struct kopt;

typedef bool kopt_parse_fn(const struct kopt *k, const struct cmdline_opt *o, char *err,
			   size_t errlen);

struct kopt {
	const char *key;
	const char *help;
	kopt_parse_fn *parse;
	void *var;                     /* where the value goes */
	size_t size;                   /* of var */
	const char *const *choices;    /* for KOPT_CHOICE: NULL-terminated */
	u64 max;                       /* for KOPT_UINT */
	/* A VMM appends this option to the end of the command line (QEMU's
	 * microvm and Firecracker name their virtio-mmio devices so), after
	 * any " -- ": at the end of init's arguments it is still ours. */
	bool appended;
};

kopt_parse_fn kopt_parse_flag, kopt_parse_bool, kopt_parse_string, kopt_parse_choice,
	kopt_parse_uint;

#define KOPT_(name, key_, parse_, var_, size_, choices_, max_, help_)                   \
	static const struct kopt kopt_##name = {                                         \
		.key = key_, .help = help_, .parse = parse_, .var = var_, .size = size_,    \
		.choices = choices_, .max = max_ };                                         \
	static const struct kopt *const kopt_ptr_##name __section(".kopts") __used = &kopt_##name
/* The same for an option a VMM appends (struct kopt's appended). */
#define KOPT_APPENDED_(name, key_, parse_, var_, size_, help_)                         \
	static const struct kopt kopt_##name = {                                         \
		.key = key_, .help = help_, .parse = parse_, .var = var_, .size = size_,    \
		.appended = true };                                                         \
	static const struct kopt *const kopt_ptr_##name __section(".kopts") __used = &kopt_##name

/* `key` or `key=0|1` sets a bool. */
#define KOPT_FLAG(name, key, var, help) \
	KOPT_(name, key, kopt_parse_flag, &(var), sizeof(var), NULL, 0, help)
/* `key=0|1` only: the value must be given. */
#define KOPT_BOOL(name, key, var, help) \
	KOPT_(name, key, kopt_parse_bool, &(var), sizeof(var), NULL, 0, help)
/* `key=TEXT` into a char array, which must hold it. */
#define KOPT_STRING(name, key, buf, help) \
	KOPT_(name, key, kopt_parse_string, buf, sizeof(buf), NULL, 0, help)
/* `key=ONE` of the listed words, into a char array. */
#define KOPT_CHOICE(name, key, buf, help, ...)                                       \
	static const char *const kopt_choices_##name[] = { __VA_ARGS__, NULL };      \
	KOPT_(name, key, kopt_parse_choice, buf, sizeof(buf), kopt_choices_##name, 0, help)
/* `key=N` for an unsigned int, at most max. */
#define KOPT_UINT(name, key, var, max, help) \
	KOPT_(name, key, kopt_parse_uint, &(var), sizeof(var), NULL, max, help)

/* Parse cmdline; on error return false with a message in err. */
bool options_parse(const char *cmdline, char *err, size_t errlen);
/* Move the appended options at the end of init's arguments (args) back to
 * the kernel's part (cmdline, a buffer of size bytes): a VMM that appends
 * them cannot know the user put " -- " before.  False when they did not
 * fit (then nothing moved). */
bool options_reclaim_appended(char *cmdline, size_t size, char *args);

#endif
