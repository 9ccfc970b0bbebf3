/* test_ring.c — the pipe ring: fill, drain, wrap-around, short copies. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/ring.h"

static void test_ring(void **s)
{
	uint8_t store[16], in[40], out[40];
	struct ring r;

	(void)s;
	for (int i = 0; i < 40; i++)
		in[i] = (uint8_t)i;
	ring_init(&r, store, sizeof(store));
	assert_int_equal(ring_used(&r), 0);
	assert_int_equal(ring_put(&r, in, 40), 16);          /* short: what fits */
	assert_int_equal(ring_free(&r), 0);
	assert_int_equal(ring_get(&r, out, 10), 10);
	assert_memory_equal(out, in, 10);
	assert_int_equal(ring_put(&r, in + 16, 8), 8);       /* wraps */
	assert_int_equal(ring_get(&r, out, 40), 14);
	assert_memory_equal(out, in + 10, 14);
	assert_int_equal(ring_get(&r, out, 1), 0);
	for (int k = 0; k < 100; k++) {                      /* every alignment */
		assert_int_equal(ring_put(&r, in, 7), 7);
		assert_int_equal(ring_get(&r, out, 7), 7);
		assert_memory_equal(out, in, 7);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_ring) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
