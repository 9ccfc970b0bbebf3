/*
 * test_path.c — path_walk over a small fake tree: absolute and relative
 * names, ".", "..", repeated and trailing slashes, links (relative,
 * absolute, chained, looping), the length limits, and that every
 * reference taken is given back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/path.h"
#include "include/abi/linux.h"

struct node {
	const char *name;
	int parent;                 /* index; the root is its own */
	enum path_kind kind;
	const char *target;
};

/* /, /a, /a/b, /a/b/f, /l -> a/b, /abs -> /a/b/f, /loop -> loop,
 * /a/up -> .., /f -> a/b/f, /chain -> l */
static const struct node tree[] = {
	{ "", 0, PATH_KIND_DIR, NULL },
	{ "a", 0, PATH_KIND_DIR, NULL },
	{ "b", 1, PATH_KIND_DIR, NULL },
	{ "f", 2, PATH_KIND_OTHER, NULL },
	{ "l", 0, PATH_KIND_LINK, "a/b" },
	{ "abs", 0, PATH_KIND_LINK, "/a/b/f" },
	{ "loop", 0, PATH_KIND_LINK, "loop" },
	{ "up", 1, PATH_KIND_LINK, ".." },
	{ "f", 0, PATH_KIND_LINK, "a/b/f" },
	{ "chain", 0, PATH_KIND_LINK, "l" },
	{ "empty", 0, PATH_KIND_LINK, "" },
};
#define N (sizeof(tree) / sizeof(tree[0]))
static int refs;

static void *nd(int i) { return (void *)&tree[i]; }
static int idx(void *n) { return (int)((const struct node *)n - tree); }

static void *t_lookup(void *ctx, void *dir, const char *name, size_t len, int *err)
{
	int d = idx(dir);
	(void)ctx;
	if (len == 2 && !memcmp(name, "..", 2)) {
		refs++;
		return nd(tree[d].parent);
	}
	for (size_t i = 1; i < N; i++)
		if (tree[i].parent == d && strlen(tree[i].name) == len && !memcmp(tree[i].name, name, len)) {
			refs++;
			return nd((int)i);
		}
	*err = -ENOENT;
	return NULL;
}
static enum path_kind t_kind(void *ctx, void *n) { (void)ctx; return tree[idx(n)].kind; }
static int t_readlink(void *ctx, void *n, const char **t, size_t *len)
{
	(void)ctx;
	*t = tree[idx(n)].target;
	*len = strlen(*t);
	return 0;
}
static void *t_get(void *ctx, void *n) { (void)ctx; refs++; return n; }
static void t_put(void *ctx, void *n) { (void)ctx; (void)n; refs--; }

static const struct path_ops ops = { t_lookup, t_kind, t_readlink, t_get, t_put };

/* Resolve p from cwd (an index); the node's index or the negative errno. */
static int walk(const char *p, int cwd, unsigned flags, struct path_result *r)
{
	static char buf[PATH_MAX];
	int rc;

	strncpy(buf, p, sizeof(buf) - 1);
	refs = 0;
	rc = path_walk(&ops, NULL, nd(0), nd(cwd), buf, flags, r);
	if (rc)
		assert_int_equal(refs, 0);
	else
		assert_int_equal(refs, 1);
	return rc ? rc : idx((flags & PATH_PARENT) ? r->parent : r->node);
}

static int res(const char *p, int cwd) { struct path_result r; return walk(p, cwd, PATH_FOLLOW, &r); }
static int lres(const char *p, int cwd) { struct path_result r; return walk(p, cwd, 0, &r); }

static void test_basic(void **s)
{
	(void)s;
	assert_int_equal(res("/", 2), 0);
	assert_int_equal(res("/a/b/f", 0), 3);
	assert_int_equal(res("b/f", 1), 3);
	assert_int_equal(res("//a///b//", 0), 2);
	assert_int_equal(res("./a/./b/.", 0), 2);
	assert_int_equal(res("..", 0), 0);
	assert_int_equal(res("../..", 2), 0);
	assert_int_equal(res("/a/b/../../a", 0), 1);
	assert_int_equal(res(".", 2), 2);
}

static void test_errors(void **s)
{
	static char big[PATH_MAX + 10];
	char name[300];

	(void)s;
	assert_int_equal(res("", 0), -ENOENT);
	assert_int_equal(res("/nope", 0), -ENOENT);
	assert_int_equal(res("/a/nope/b", 0), -ENOENT);
	assert_int_equal(res("/a/b/f/x", 0), -ENOTDIR);
	assert_int_equal(res("/a/b/f/", 0), -ENOTDIR);
	assert_int_equal(res("/a/b/f/.", 0), -ENOTDIR);
	memset(name, 'x', 256);
	name[256] = 0;
	assert_int_equal(res(name, 0), -ENAMETOOLONG);
	name[255] = 0;
	assert_int_equal(res(name, 0), -ENOENT);
	memset(big, 'a', PATH_MAX);
	for (int i = 1; i < PATH_MAX; i += 2)
		big[i] = '/';
	big[PATH_MAX] = 0;
	{
		char buf[PATH_MAX + 10];
		struct path_result r;
		memcpy(buf, big, sizeof(buf));
		assert_int_equal(path_walk(&ops, NULL, nd(0), nd(0), buf, 0, &r), -ENAMETOOLONG);
	}
}

static void test_links(void **s)
{
	(void)s;
	assert_int_equal(res("/l", 0), 2);
	assert_int_equal(res("/l/f", 0), 3);
	assert_int_equal(res("/abs", 2), 3);
	assert_int_equal(res("/f", 0), 3);
	assert_int_equal(res("/chain/f", 0), 3);
	assert_int_equal(res("/a/up/a/b", 0), 2);
	assert_int_equal(lres("/l", 0), 4);               /* not followed at the end */
	assert_int_equal(lres("/l/", 0), 2);              /* a trailing slash follows */
	assert_int_equal(lres("/l/f", 0), 3);             /* always followed on the way */
	assert_int_equal(res("/loop", 0), -ELOOP);
	assert_int_equal(lres("/loop", 0), 6);
	assert_int_equal(res("/loop/x", 0), -ELOOP);
	assert_int_equal(res("/empty", 0), -ENOENT);
}

static void test_parent(void **s)
{
	struct path_result r;

	(void)s;
	assert_int_equal(walk("/a/b/new", 0, PATH_PARENT, &r), 2);
	assert_int_equal(r.last_len, 3);
	assert_memory_equal(r.last, "new", 3);
	assert_false(r.trailing_slash);
	assert_int_equal(walk("dir//", 1, PATH_PARENT, &r), 1);
	assert_int_equal(r.last_len, 3);
	assert_true(r.trailing_slash);
	assert_int_equal(walk("/l/x", 0, PATH_PARENT, &r), 2);    /* through a link */
	assert_int_equal(walk("/", 0, PATH_PARENT, &r), 0);
	assert_int_equal(r.last_len, 0);
	assert_int_equal(walk("/a/b/f/x", 0, PATH_PARENT, &r), -ENOTDIR);
	assert_int_equal(walk("/nope/x", 0, PATH_PARENT, &r), -ENOENT);
	assert_int_equal(walk("/loop", 0, PATH_PARENT, &r), 0);   /* the last is not followed */
	assert_memory_equal(r.last, "loop", 4);
}

static void test_next(void **s)
{
	const char *p = "//ab/c//", *n;

	(void)s;
	assert_int_equal(path_next(&p, &n), 2);
	assert_memory_equal(n, "ab", 2);
	assert_int_equal(path_next(&p, &n), 1);
	assert_int_equal(*n, 'c');
	assert_int_equal(path_next(&p, &n), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic), cmocka_unit_test(test_errors),
		cmocka_unit_test(test_links), cmocka_unit_test(test_parent),
		cmocka_unit_test(test_next),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
