/*
 * run_fixture.h — shared by the `proteus run` tests (test_runargs.c,
 * test_xenrun.c): parse a command line into O, check an error message in
 * ERR, compare a built argv.  Include after <cmocka.h> and run.h.
 */
#ifndef PROTEUS_TEST_RUN_FIXTURE_H
#define PROTEUS_TEST_RUN_FIXTURE_H

static struct run_opts O;
static char ERR[256];

/* Parse a NULL-terminated list of words after "run". */
static int parse(const char *first, ...)
{
	static char *words[64];
	int n = 0;
	va_list ap;

	words[n++] = "run";
	va_start(ap, first);
	for (const char *w = first; w; w = va_arg(ap, const char *))
		words[n++] = (char *)w;
	va_end(ap);
	words[n] = NULL;
	ERR[0] = 0;
	return runargs_parse(n, words, &O, ERR, sizeof ERR);
}

static void expect_err(const char *needle)
{
	if (!strstr(ERR, needle))
		fail_msg("error \"%s\" lacks \"%s\"", ERR, needle);
}

static void expect_argv(const struct argv *a, const char *const *want)
{
	size_t n = 0;

	while (want[n])
		n++;
	if (a->n != n)
		fail_msg("argv has %zu words, expected %zu", a->n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(a->v[i], want[i]);
	assert_null(a->v[n]);
}

#endif
