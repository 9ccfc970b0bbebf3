/*
 * options.c — parsing the command line against the options that
 * registered themselves (options.h).  Every key must be claimed by one;
 * every value must be what its option takes.
 */
#include "options.h"
#include "lib/cmdline.h"
#include "lib/fmt.h"
#include <string.h>

extern const struct kopt *const __kopts_start[], *const __kopts_end[];

static bool need_value(const struct cmdline_opt *o, char *err, size_t errlen)
{
	if (o->value && o->valuelen)
		return true;
	fmt_snprintf(err, errlen, "option '%.*s' needs a value", (int)o->keylen, o->key);
	return false;
}

bool kopt_parse_flag(const struct kopt *k, const struct cmdline_opt *o, char *err, size_t errlen)
{
	if (!o->value) {
		*(bool *)k->var = true;
		return true;
	}
	return kopt_parse_bool(k, o, err, errlen);
}

bool kopt_parse_bool(const struct kopt *k, const struct cmdline_opt *o, char *err, size_t errlen)
{
	if (!need_value(o, err, errlen))
		return false;
	if (cmdline_parse_bool(o->value, o->valuelen, k->var) == CMDLINE_OK)
		return true;
	fmt_snprintf(err, errlen, "option '%.*s' wants 0 or 1, not '%.*s'",
		     (int)o->keylen, o->key, (int)o->valuelen, o->value);
	return false;
}

bool kopt_parse_string(const struct kopt *k, const struct cmdline_opt *o, char *err, size_t errlen)
{
	char *dst = k->var;

	if (!need_value(o, err, errlen))
		return false;
	if (o->valuelen >= k->size) {
		fmt_snprintf(err, errlen, "value of '%.*s' is longer than %zu characters",
			     (int)o->keylen, o->key, k->size - 1);
		return false;
	}
	memcpy(dst, o->value, o->valuelen);
	dst[o->valuelen] = 0;
	return true;
}

bool kopt_parse_choice(const struct kopt *k, const struct cmdline_opt *o, char *err, size_t errlen)
{
	const char *const *c;

	if (!need_value(o, err, errlen))
		return false;
	for (c = k->choices; *c; c++)
		if (strlen(*c) == o->valuelen && !memcmp(*c, o->value, o->valuelen))
			return kopt_parse_string(k, o, err, errlen);
	fmt_snprintf(err, errlen, "option '%.*s' does not accept '%.*s'",
		     (int)o->keylen, o->key, (int)o->valuelen, o->value);
	return false;
}

bool kopt_parse_uint(const struct kopt *k, const struct cmdline_opt *o, char *err, size_t errlen)
{
	u64 v;

	if (!need_value(o, err, errlen))
		return false;
	if (cmdline_parse_u64(o->value, o->valuelen, &v) != CMDLINE_OK || v > k->max) {
		fmt_snprintf(err, errlen, "%s wants 0..%llu, not '%.*s'", k->key,
			     (unsigned long long)k->max, (int)o->valuelen, o->value);
		return false;
	}
	if (k->size == sizeof(u64))
		*(u64 *)k->var = v;
	else
		*(unsigned *)k->var = (unsigned)v;
	return true;
}

static void list_known(char *err, size_t errlen)
{
	const struct kopt *const *k;
	size_t used = strlen(err);

	for (k = __kopts_start; k < __kopts_end && used < errlen; k++) {
		fmt_snprintf(err + used, errlen - used, "%s%s", k == __kopts_start ? "; known: " : " ",
			     (*k)->key);
		used = strlen(err);
	}
}

/* A word "key=value" whose key is an appended option's. */
static bool appended_word(const char *w, size_t len)
{
	for (const struct kopt *const *k = __kopts_start; k < __kopts_end; k++) {
		size_t kl = strlen((*k)->key);

		if ((*k)->appended && len > kl && w[kl] == '=' && !memcmp(w, (*k)->key, kl))
			return true;
	}
	return false;
}

bool options_reclaim_appended(char *cmdline, size_t size, char *args)
{
	size_t at = cmdline_trailing_run(args, appended_word), n = strlen(cmdline);
	size_t len = strlen(args + at);

	if (!len)
		return true;
	if (n + 1 + len >= size)
		return false;
	if (n)
		cmdline[n++] = ' ';
	memcpy(cmdline + n, args + at, len + 1);
	while (at > 0 && (args[at - 1] == ' ' || args[at - 1] == '\t'))
		at--;
	args[at] = 0;
	return true;
}

bool options_parse(const char *cmdline, char *err, size_t errlen)
{
	const struct kopt *const *k;
	const char *cur = cmdline;
	struct cmdline_opt o;
	int rc;

	while ((rc = cmdline_next(&cur, &o)) == CMDLINE_OK) {
		for (k = __kopts_start; k < __kopts_end; k++)
			if (cmdline_key_is(&o, (*k)->key))
				break;
		if (k == __kopts_end) {
			fmt_snprintf(err, errlen, "unknown option '%.*s'", (int)o.keylen, o.key);
			list_known(err, errlen);
			return false;
		}
		if (!(*k)->parse(*k, &o, err, errlen))
			return false;
	}
	if (rc != CMDLINE_END) {
		fmt_snprintf(err, errlen, "cannot parse the command line: %s", cmdline_strerror(rc));
		return false;
	}
	return true;
}
