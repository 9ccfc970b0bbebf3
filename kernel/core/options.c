/*
 * options.c — the table of boot options.  Every option the kernel knows is
 * listed here with its parser; anything else on the command line is an
 * error, reported with the list of what is accepted, so a typo never
 * silently changes what runs.
 */
#include "options.h"
#include "lib/cmdline.h"
#include "lib/fmt.h"
#include <string.h>

struct kernel_options kopt = {
	.pv_patch = true,
	.timer = "auto",
	.init = "/init",
	.loglevel = 6,
};

struct option_desc {
	const char *key;
	bool (*parse)(const struct cmdline_opt *o, char *err, size_t errlen);
};

static bool need_value(const struct cmdline_opt *o, char *err, size_t errlen)
{
	if (o->value && o->valuelen)
		return true;
	fmt_snprintf(err, errlen, "option '%.*s' needs a value", (int)o->keylen, o->key);
	return false;
}

static bool copy_value(const struct cmdline_opt *o, char *dst, size_t size,
		       char *err, size_t errlen)
{
	if (!need_value(o, err, errlen))
		return false;
	if (o->valuelen >= size) {
		fmt_snprintf(err, errlen, "value of '%.*s' is longer than %zu characters",
			     (int)o->keylen, o->key, size - 1);
		return false;
	}
	memcpy(dst, o->value, o->valuelen);
	dst[o->valuelen] = 0;
	return true;
}

static bool value_in(const struct cmdline_opt *o, const char *const *allowed,
		     char *err, size_t errlen)
{
	for (; *allowed; allowed++)
		if (strlen(*allowed) == o->valuelen && !memcmp(*allowed, o->value, o->valuelen))
			return true;
	fmt_snprintf(err, errlen, "option '%.*s' does not accept '%.*s'",
		     (int)o->keylen, o->key, (int)o->valuelen, o->value);
	return false;
}

static bool parse_flag(const struct cmdline_opt *o, bool *out, char *err, size_t errlen)
{
	if (!o->value) {
		*out = true;
		return true;
	}
	if (cmdline_parse_bool(o->value, o->valuelen, out) == CMDLINE_OK)
		return true;
	fmt_snprintf(err, errlen, "option '%.*s' wants 0 or 1, not '%.*s'",
		     (int)o->keylen, o->key, (int)o->valuelen, o->value);
	return false;
}

static bool opt_ktest(const struct cmdline_opt *o, char *e, size_t n) { return parse_flag(o, &kopt.ktest, e, n); }
static bool opt_bench(const struct cmdline_opt *o, char *e, size_t n) { return parse_flag(o, &kopt.bench, e, n); }
static bool opt_ktest_only(const struct cmdline_opt *o, char *e, size_t n)
{
	return copy_value(o, kopt.ktest_only, sizeof(kopt.ktest_only), e, n);
}
static bool opt_pv_patch(const struct cmdline_opt *o, char *e, size_t n)
{
	return need_value(o, e, n) && parse_flag(o, &kopt.pv_patch, e, n);
}
static bool opt_pv_stats(const struct cmdline_opt *o, char *e, size_t n)
{
	return parse_flag(o, &kopt.pv_stats, e, n);
}
static bool opt_pv_backend(const struct cmdline_opt *o, char *e, size_t n)
{
	return copy_value(o, kopt.pv_backend, sizeof(kopt.pv_backend), e, n);
}
static bool opt_timer(const struct cmdline_opt *o, char *e, size_t n)
{
	static const char *const timers[] = { "auto", "lapic", "pit", NULL };
	return need_value(o, e, n) && value_in(o, timers, e, n) &&
	       copy_value(o, kopt.timer, sizeof(kopt.timer), e, n);
}
static bool opt_init(const struct cmdline_opt *o, char *e, size_t n)
{
	return copy_value(o, kopt.init, sizeof(kopt.init), e, n);
}
static bool opt_crash(const struct cmdline_opt *o, char *e, size_t n)
{
	static const char *const kinds[] = { "fault", "panic", NULL };
	return need_value(o, e, n) && value_in(o, kinds, e, n) &&
	       copy_value(o, kopt.crash, sizeof(kopt.crash), e, n);
}
static bool opt_loglevel(const struct cmdline_opt *o, char *e, size_t n)
{
	u64 v;

	if (!need_value(o, e, n))
		return false;
	if (cmdline_parse_u64(o->value, o->valuelen, &v) != CMDLINE_OK || v > 7) {
		fmt_snprintf(e, n, "loglevel wants 0..7, not '%.*s'", (int)o->valuelen, o->value);
		return false;
	}
	kopt.loglevel = (int)v;
	return true;
}

static const struct option_desc options[] = {
	{ "ktest", opt_ktest },
	{ "ktest.only", opt_ktest_only },
	{ "bench", opt_bench },
	{ "pv.patch", opt_pv_patch },
	{ "pv.backend", opt_pv_backend },
	{ "pv.stats", opt_pv_stats },
	{ "timer", opt_timer },
	{ "init", opt_init },
	{ "crash", opt_crash },
	{ "loglevel", opt_loglevel },
};

static void list_known(char *err, size_t errlen)
{
	size_t used = strlen(err);
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(options) && used < errlen; i++) {
		fmt_snprintf(err + used, errlen - used, "%s%s", i ? " " : "; known: ",
			     options[i].key);
		used = strlen(err);
	}
}

bool options_parse(const char *cmdline, char *err, size_t errlen)
{
	const char *cur = cmdline;
	struct cmdline_opt o;
	unsigned i;
	int rc;

	while ((rc = cmdline_next(&cur, &o)) == CMDLINE_OK) {
		for (i = 0; i < ARRAY_SIZE(options); i++)
			if (cmdline_key_is(&o, options[i].key))
				break;
		if (i == ARRAY_SIZE(options)) {
			fmt_snprintf(err, errlen, "unknown option '%.*s'", (int)o.keylen, o.key);
			list_known(err, errlen);
			return false;
		}
		if (!options[i].parse(&o, err, errlen))
			return false;
	}
	if (rc != CMDLINE_END) {
		fmt_snprintf(err, errlen, "cannot parse the command line: %s", cmdline_strerror(rc));
		return false;
	}
	return true;
}
