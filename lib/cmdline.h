/*
 * cmdline.h — splitting a kernel command line into options.
 *
 * Grammar: options separated by spaces or tabs; an option is `key` or
 * `key=value`; a value may be double-quoted to hold spaces ("a b"), and the
 * quotes are not part of it.  Keys are [A-Za-z0-9._-]+.
 */
#ifndef PROTEUS_LIB_CMDLINE_H
#define PROTEUS_LIB_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cmdline_err {
	CMDLINE_OK = 0,
	CMDLINE_END = 1,          /* no more options */
	CMDLINE_E_QUOTE = -1,     /* unterminated quote */
	CMDLINE_E_KEY = -2,       /* empty key or a character not allowed in keys */
	CMDLINE_E_NUMBER = -3,    /* cmdline_parse_u64: not a number or overflow */
	CMDLINE_E_BOOL = -4,      /* cmdline_parse_bool: not 0/1/on/off/yes/no/true/false */
};

struct cmdline_opt {
	const char *key;   size_t keylen;
	const char *value; size_t valuelen; /* value NULL when the option has no '=' */
};

/* Iterate: *cursor starts at the command line; CMDLINE_OK, CMDLINE_END or an error. */
int cmdline_next(const char **cursor, struct cmdline_opt *opt);
/* True when the option's key equals key (a NUL-terminated string). */
bool cmdline_key_is(const struct cmdline_opt *opt, const char *key);
/* Decimal or 0x-hex, with an optional k/M/G suffix (powers of 1024). */
int cmdline_parse_u64(const char *s, size_t len, uint64_t *out);
int cmdline_parse_bool(const char *s, size_t len, bool *out);
const char *cmdline_strerror(int err);
/* Where the trailing run of words (separated by spaces or tabs) for which
 * claimed(word, len) holds begins in words: an offset into it, strlen(words)
 * when its last word is not claimed or there is none. */
size_t cmdline_trailing_run(const char *words, bool (*claimed)(const char *word, size_t len));

#endif
