/*
 * argv.h — building the argument vector of a program we exec.
 *
 * No shell is involved anywhere: a platform pushes one string per argument,
 * and argv_format only renders the vector for the log, quoted so that it can
 * be pasted into a shell to reproduce the run.
 */
#ifndef PROTEUS_TOOL_ARGV_H
#define PROTEUS_TOOL_ARGV_H

#include <stddef.h>

struct argv {
	char **v;        /* n strings plus a NULL */
	size_t n, cap;
	int oom;         /* an allocation failed; the vector is incomplete */
};

void argv_init(struct argv *a);
void argv_free(struct argv *a);
/* Append a copy of s. */
void argv_push(struct argv *a, const char *s);
/* Append a copy of each string in list, a NULL-terminated array. */
void argv_pushv(struct argv *a, const char *const *list);
/* The vector as one shell-quoted line, malloc'd (NULL when out of memory). */
char *argv_format(const struct argv *a);
/* words[0..n) joined by single spaces, malloc'd. */
char *argv_join(char *const *words, size_t n);

#endif
