/*
 * path.c — name resolution (path.h).
 *
 * The walk keeps the unresolved rest of the path in the caller's buffer.
 * A symbolic link met on the way is expanded in place: its target is
 * written over the part already consumed, in front of the rest, and the
 * walk continues from the link's directory (or the root, for an absolute
 * target).  So nesting costs no stack, and the only limits are Linux's:
 * PATH_MAX bytes after expansion, PATH_MAX_LINKS links per resolution.
 */
#include "lib/path.h"
#include "include/abi/linux.h"
#include <string.h>

long path_next(const char **p, const char **name)
{
	const char *s = *p;
	long n = 0;

	while (*s == '/')
		s++;
	*name = s;
	while (s[n] && s[n] != '/')
		n++;
	*p = s + n;
	return n > NAME_MAX ? -ENAMETOOLONG : n;
}

/* Replace buf[0..at) with the link target, keeping buf[at..len]. */
static int path_splice(char *buf, size_t *len, size_t at, const char *t, size_t tl)
{
	size_t rest = *len - at;

	if (tl + rest >= PATH_MAX)
		return -ENAMETOOLONG;
	memmove(buf + tl, buf + at, rest + 1);
	memcpy(buf, t, tl);
	*len = tl + rest;
	return 0;
}

int path_walk(const struct path_ops *ops, void *ctx, void *root, void *start,
	      char *buf, unsigned flags, struct path_result *r)
{
	size_t len = 0, pos = 0;
	unsigned links = 0;
	void *cur;
	int err = 0;

	memset(r, 0, sizeof(*r));
	while (len < PATH_MAX && buf[len])
		len++;
	if (len == 0)
		return -ENOENT;
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	cur = ops->get(ctx, buf[0] == '/' ? root : start);
	for (;;) {
		const char *p = buf + pos, *name, *q;
		long n = path_next(&p, &name);
		bool last, trailing;
		void *child;

		if (n < 0) {
			err = (int)n;
			break;
		}
		for (q = p; *q == '/'; q++)
			;
		last = *q == 0;
		trailing = q != p;
		if (n == 0) {                     /* nothing after the slashes */
			if (ops->kind(ctx, cur) != PATH_KIND_DIR) {
				err = -ENOTDIR;
				break;
			}
			if (flags & PATH_PARENT) {
				r->parent = cur;
				r->last = name;
				r->trailing_slash = true;
			} else {
				r->node = cur;
			}
			return 0;
		}
		if (ops->kind(ctx, cur) != PATH_KIND_DIR) {
			err = -ENOTDIR;
			break;
		}
		if (last && (flags & PATH_PARENT)) {
			r->parent = cur;
			r->last = name;
			r->last_len = (size_t)n;
			r->trailing_slash = trailing;
			return 0;
		}
		pos = (size_t)(p - buf);
		if (n == 1 && name[0] == '.')
			continue;
		child = ops->lookup(ctx, cur, name, (size_t)n, &err);
		if (!child)
			break;
		if (ops->kind(ctx, child) == PATH_KIND_LINK &&
		    (!last || trailing || (flags & PATH_FOLLOW))) {
			const char *t;
			size_t tl;

			err = ++links > PATH_MAX_LINKS ? -ELOOP
							: ops->readlink(ctx, child, &t, &tl);
			if (!err && tl == 0)
				err = -ENOENT;
			if (!err)
				err = path_splice(buf, &len, pos, t, tl);
			ops->put(ctx, child);
			if (err)
				break;
			pos = 0;
			if (buf[0] == '/') {
				ops->put(ctx, cur);
				cur = ops->get(ctx, root);
			}
			continue;
		}
		ops->put(ctx, cur);
		cur = child;
		if (last) {
			if (trailing && ops->kind(ctx, cur) != PATH_KIND_DIR) {
				err = -ENOTDIR;
				break;
			}
			r->node = cur;
			r->trailing_slash = trailing;
			return 0;
		}
	}
	ops->put(ctx, cur);
	return err;
}
