/*
 * path.h — resolving a path name against a tree the caller describes,
 * with Linux's rules: absolute or relative to a start directory, "." and
 * "..", repeated and trailing slashes, symbolic links followed (at most
 * PATH_MAX_LINKS of them in one resolution, else ELOOP), ENAMETOOLONG for
 * a path of PATH_MAX bytes or more or a name over NAME_MAX, ENOTDIR when
 * a non-directory is passed through, ENOENT for a missing name.
 *
 * The tree is opaque: nodes are void pointers the callbacks understand,
 * each result carries a reference the caller drops with put.  Pure logic,
 * no allocation, so the host unit tests drive it with a fake tree.
 */
#ifndef PROTEUS_LIB_PATH_H
#define PROTEUS_LIB_PATH_H

#include <stdbool.h>
#include <stddef.h>

#define PATH_MAX 4096              /* bytes, the NUL included */
#define NAME_MAX 255
#define PATH_MAX_LINKS 40

enum path_kind { PATH_KIND_OTHER, PATH_KIND_DIR, PATH_KIND_LINK };

struct path_ops {
	/* The child name[0..len) of directory dir, ".." included (the tree
	 * crosses mount points itself), with a reference; NULL and a
	 * negative errno in *err when there is none. */
	void *(*lookup)(void *ctx, void *dir, const char *name, size_t len, int *err);
	enum path_kind (*kind)(void *ctx, void *node);
	/* A link's target, not NUL-terminated; 0 or a negative errno. */
	int (*readlink)(void *ctx, void *node, const char **target, size_t *len);
	void *(*get)(void *ctx, void *node);
	void (*put)(void *ctx, void *node);
};

#define PATH_FOLLOW 1u             /* follow a symlink in the last component */
#define PATH_PARENT 2u             /* stop at the parent of the last component */

struct path_result {
	void *node;                /* the resolved node (not with PATH_PARENT) */
	void *parent;              /* PATH_PARENT: the directory holding last */
	const char *last;          /* PATH_PARENT: the last name, in buf; len 0 for "/" */
	size_t last_len;
	bool trailing_slash;       /* the path ended in "/" */
};

/*
 * Resolve the path in buf (NUL-terminated, at most PATH_MAX-1 bytes; buf
 * has room for PATH_MAX and is rewritten as links are expanded) from
 * start (relative) or root (absolute).  0 with references in *r, or a
 * negative errno and no references held.
 */
int path_walk(const struct path_ops *ops, void *ctx, void *root, void *start,
	      char *buf, unsigned flags, struct path_result *r);

/* The next component of *p (slashes skipped): its length, 0 at the end;
 * *p moves past it.  -ENAMETOOLONG for a name over NAME_MAX. */
long path_next(const char **p, const char **name);

#endif
