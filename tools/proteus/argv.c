/*
 * argv.c — a growable, NULL-terminated argument vector.
 */
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/argv.h"

void argv_init(struct argv *a)
{
	a->v = NULL;
	a->n = a->cap = 0;
	a->oom = 0;
	argv_push(a, NULL);     /* room for the terminator */
	a->n = 0;
}

void argv_free(struct argv *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

void argv_push(struct argv *a, const char *s)
{
	char *copy = NULL;

	if (a->n + 2 > a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		char **v = realloc(a->v, cap * sizeof *v);

		if (!v) {
			a->oom = 1;
			return;
		}
		a->v = v;
		a->cap = cap;
	}
	if (s && !(copy = strdup(s))) {
		a->oom = 1;
		return;
	}
	a->v[a->n++] = copy;
	a->v[a->n] = NULL;
}

void argv_pushv(struct argv *a, const char *const *list)
{
	for (; *list; list++)
		argv_push(a, *list);
}

/* Characters that never need quoting in a POSIX shell word. */
static int argv_plain(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			    "-_./=,:+@%", *s))
			return 0;
	return 1;
}

char *argv_format(const struct argv *a)
{
	size_t size = 1;
	char *out, *p;

	for (size_t i = 0; i < a->n; i++)
		size += 3 + 4 * strlen(a->v[i]);
	out = p = malloc(size);
	if (!out)
		return NULL;
	for (size_t i = 0; i < a->n; i++) {
		const char *s = a->v[i];

		if (i)
			*p++ = ' ';
		if (argv_plain(s)) {
			p = stpcpy(p, s);
			continue;
		}
		*p++ = '\'';
		for (; *s; s++) {
			if (*s == '\'')
				p = stpcpy(p, "'\\''");
			else
				*p++ = *s;
		}
		*p++ = '\'';
	}
	*p = 0;
	return out;
}

char *argv_join(char *const *words, size_t n)
{
	size_t size = 1;
	char *out, *p;

	for (size_t i = 0; i < n; i++)
		size += strlen(words[i]) + 1;
	out = p = malloc(size);
	if (!out)
		return NULL;
	*p = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			*p++ = ' ';
		p = stpcpy(p, words[i]);
	}
	return out;
}
