/* test_strmap: lookups by exact bytes (length included), first value wins, growth keeps
 * every key, release and reuse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/strmap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void empty_map(void **state)
{
	(void)state;
	strmap m;
	strmap_init(&m);
	assert_int_equal(strmap_get(&m, "LUMC", 4), -1);
	assert_int_equal(strmap_get(&m, "", 0), -1);
	assert_int_equal(m.count, 0);
	strmap_release(&m);
	strmap_release(&m); /* twice is harmless */
}

static void put_and_get(void **state)
{
	(void)state;
	strmap m;
	strmap_init(&m);
	assert_int_equal(strmap_put(&m, "LUMC", 4, 0), -1);
	assert_int_equal(strmap_put(&m, "DIV1", 4, 1), -1);
	assert_int_equal(strmap_put(&m, "DIV10", 5, 2), -1);
	assert_int_equal(strmap_put(&m, "", 0, 3), -1);
	assert_int_equal(m.count, 4);
	assert_int_equal(strmap_get(&m, "LUMC", 4), 0);
	assert_int_equal(strmap_get(&m, "DIV1", 4), 1);
	assert_int_equal(strmap_get(&m, "DIV10", 5), 2);
	assert_int_equal(strmap_get(&m, "", 0), 3);
	/* the length is part of the key; the bytes after it are not */
	assert_int_equal(strmap_get(&m, "DIV10", 4), 1);
	assert_int_equal(strmap_get(&m, "DIV1x", 4), 1);
	assert_int_equal(strmap_get(&m, "DIV", 3), -1);
	assert_int_equal(strmap_get(&m, "DIV100", 6), -1);
	/* codes are case-sensitive */
	assert_int_equal(strmap_get(&m, "lumc", 4), -1);
	assert_int_equal(strmap_get(&m, "Lumc", 4), -1);
	strmap_release(&m);
	assert_int_equal(m.count, 0);
}

static void first_value_wins(void **state)
{
	(void)state;
	strmap m;
	strmap_init(&m);
	assert_int_equal(strmap_put(&m, "M1", 2, 7), -1);
	assert_int_equal(strmap_put(&m, "M1", 2, 8), 7);
	assert_int_equal(strmap_put(&m, "M1", 2, 9), 7);
	assert_int_equal(strmap_get(&m, "M1", 2), 7);
	assert_int_equal(m.count, 1);
	/* a copy of the key in other memory is the same key */
	char other[3] = {'M', '1', '\0'};
	assert_int_equal(strmap_put(&m, other, 2, 10), 7);
	strmap_release(&m);
}

/* Keys with embedded NUL bytes are compared by length and bytes. */
static void binary_keys(void **state)
{
	(void)state;
	static const char a[] = {'a', '\0', 'b'};
	static const char b[] = {'a', '\0', 'c'};
	strmap m;
	strmap_init(&m);
	assert_int_equal(strmap_put(&m, a, 3, 1), -1);
	assert_int_equal(strmap_put(&m, b, 3, 2), -1);
	assert_int_equal(strmap_put(&m, "a", 1, 3), -1);
	assert_int_equal(strmap_get(&m, a, 3), 1);
	assert_int_equal(strmap_get(&m, b, 3), 2);
	assert_int_equal(strmap_get(&m, "a", 1), 3);
	assert_int_equal(strmap_get(&m, a, 2), -1);
	strmap_release(&m);
}

/* Many keys: every one survives the growths, with its own value; absent keys stay absent;
 * the table stays at most half full. */
static void growth_keeps_everything(void **state)
{
	(void)state;
	enum { N = 50000 };
	char (*keys)[16] = malloc(N * sizeof *keys);
	assert_non_null(keys);
	strmap m;
	strmap_init(&m);
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "U%d", i);
		assert_int_equal(strmap_put(&m, keys[i], strlen(keys[i]), i), -1);
		assert_true(m.count * 2 <= m.cap);
		assert_int_equal(m.cap & (m.cap - 1), 0); /* a power of two */
	}
	assert_int_equal(m.count, N);
	for (int i = 0; i < N; i++)
		assert_int_equal(strmap_get(&m, keys[i], strlen(keys[i])), i);
	for (int i = 0; i < N; i++)
		assert_int_equal(strmap_put(&m, keys[i], strlen(keys[i]), -5), i);
	char probe[16];
	for (int i = N; i < N + 1000; i++) {
		snprintf(probe, sizeof probe, "U%d", i);
		assert_int_equal(strmap_get(&m, probe, strlen(probe)), -1);
	}
	assert_int_equal(m.count, N);
	strmap_release(&m);

	/* a released map can be used again */
	strmap_init(&m);
	assert_int_equal(strmap_get(&m, keys[0], strlen(keys[0])), -1);
	assert_int_equal(strmap_put(&m, keys[0], strlen(keys[0]), 42), -1);
	assert_int_equal(strmap_get(&m, keys[0], strlen(keys[0])), 42);
	strmap_release(&m);
	free(keys);
}

/* Values are stored as given, including negative ones other than the -1 marker. */
static void values_as_given(void **state)
{
	(void)state;
	strmap m;
	strmap_init(&m);
	assert_int_equal(strmap_put(&m, "x", 1, INT32_MAX), -1);
	assert_int_equal(strmap_put(&m, "y", 1, 0), -1);
	assert_int_equal(strmap_get(&m, "x", 1), INT32_MAX);
	assert_int_equal(strmap_get(&m, "y", 1), 0);
	strmap_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_map),
		cmocka_unit_test(put_and_get),
		cmocka_unit_test(first_value_wins),
		cmocka_unit_test(binary_keys),
		cmocka_unit_test(growth_keeps_everything),
		cmocka_unit_test(values_as_given),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
