/*
 * cmdline.c — splitting the kernel command line into options (see cmdline.h).
 *
 * The command line is never modified: an option's key and value point into
 * it with explicit lengths, because a value is not NUL-terminated where it
 * ends.
 *
 * Quoting is only for whole values: key="a b".  A quote anywhere else in a
 * value, or text straight after the closing quote (key="a"b), is reported
 * as CMDLINE_E_QUOTE, like an unterminated quote, rather than guessed at.
 *
 * On an error *cursor is left at the start of the offending option, so the
 * caller can show it; on CMDLINE_END it is left at the terminating NUL.
 */
#include <string.h>

#include "cmdline.h"

static bool cmdline_is_space(char c)
{
	return c == ' ' || c == '\t';
}

static bool cmdline_is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static bool cmdline_ends_option(char c)
{
	return c == '\0' || cmdline_is_space(c);
}

int cmdline_next(const char **cursor, struct cmdline_opt *opt)
{
	const char *p = *cursor, *start;

	while (cmdline_is_space(*p))
		p++;
	if (!*p) {
		*cursor = p;
		return CMDLINE_END;
	}
	start = p;

	while (cmdline_is_key_char(*p))
		p++;
	if (p == start || (*p != '=' && !cmdline_ends_option(*p))) {
		*cursor = start;
		return CMDLINE_E_KEY;
	}
	opt->key = start;
	opt->keylen = (size_t)(p - start);
	opt->value = NULL;
	opt->valuelen = 0;

	if (*p == '=') {
		p++;
		if (*p == '"') {
			const char *close = strchr(p + 1, '"');

			if (!close || !cmdline_ends_option(close[1])) {
				*cursor = start;
				return CMDLINE_E_QUOTE;
			}
			opt->value = p + 1;
			opt->valuelen = (size_t)(close - (p + 1));
			p = close + 1;
		} else {
			opt->value = p;
			while (!cmdline_ends_option(*p)) {
				if (*p == '"') {
					*cursor = start;
					return CMDLINE_E_QUOTE;
				}
				p++;
			}
			opt->valuelen = (size_t)(p - opt->value);
		}
	}
	*cursor = p;
	return CMDLINE_OK;
}

bool cmdline_key_is(const struct cmdline_opt *opt, const char *key)
{
	/* key may be shorter than keylen: strncmp stops at its NUL. */
	return strncmp(opt->key, key, opt->keylen) == 0 && key[opt->keylen] == '\0';
}

static int cmdline_digit(char c, unsigned base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return (unsigned)d < base ? d : -1;
}

/* Binary shift for a size suffix, or -1 when c is not one. */
static int cmdline_suffix_shift(char c)
{
	switch (c) {
	case 'k': case 'K': return 10;
	case 'm': case 'M': return 20;
	case 'g': case 'G': return 30;
	default:            return -1;
	}
}

int cmdline_parse_u64(const char *s, size_t len, uint64_t *out)
{
	unsigned base = 10;
	size_t i = 0, digits_start;
	uint64_t v = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	digits_start = i;
	for (; i < len; i++) {
		int d = cmdline_digit(s[i], base);

		if (d < 0)
			break;
		if (v > (UINT64_MAX - (unsigned)d) / base)
			return CMDLINE_E_NUMBER;
		v = v * base + (unsigned)d;
	}
	if (i == digits_start)
		return CMDLINE_E_NUMBER;
	if (i < len) {
		int shift = cmdline_suffix_shift(s[i]);

		/* One suffix, last; the check keeps the shifted value exact. */
		if (shift < 0 || i + 1 != len || v > UINT64_MAX >> shift)
			return CMDLINE_E_NUMBER;
		v <<= shift;
	}
	*out = v;
	return CMDLINE_OK;
}

/* Case-insensitive equality of s[0..len) and the lowercase word w. */
static bool cmdline_word_is(const char *s, size_t len, const char *w)
{
	size_t i;

	for (i = 0; i < len && w[i]; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	return i == len && !w[i];
}

int cmdline_parse_bool(const char *s, size_t len, bool *out)
{
	static const char *const yes[] = { "1", "on", "yes", "true" };
	static const char *const no[] = { "0", "off", "no", "false" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (cmdline_word_is(s, len, yes[i])) {
			*out = true;
			return CMDLINE_OK;
		}
		if (cmdline_word_is(s, len, no[i])) {
			*out = false;
			return CMDLINE_OK;
		}
	}
	return CMDLINE_E_BOOL;
}

const char *cmdline_strerror(int err)
{
	switch (err) {
	case CMDLINE_OK:       return "ok";
	case CMDLINE_END:      return "end of command line";
	case CMDLINE_E_QUOTE:  return "unterminated or misplaced quote";
	case CMDLINE_E_KEY:    return "bad option name";
	case CMDLINE_E_NUMBER: return "not a number or too large";
	case CMDLINE_E_BOOL:   return "not a boolean (on/off, yes/no, true/false, 1/0)";
	default:               return "unknown command-line error";
	}
}

size_t cmdline_trailing_run(const char *words, bool (*claimed)(const char *word, size_t len))
{
	size_t i = 0, n = strlen(words), run = n;

	while (i < n) {
		size_t start, len;

		while (i < n && (words[i] == ' ' || words[i] == '\t'))
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && words[i] != ' ' && words[i] != '\t')
			i++;
		len = i - start;
		if (!claimed(words + start, len))
			run = n;
		else if (run == n)
			run = start;
	}
	return run;
}
