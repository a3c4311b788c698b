/* test_phasing: the phasing column's parser and the plan to date (model/phasing.h): linear,
 * end and monthly shares, the largest-remainder rounding, signs and the int64 limits. Every
 * figure was worked out by hand and by tests/handcalc/phasing.py (Python Decimal). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/phasing.h"
#include <string.h>

static bool parse(const char *s, int32_t out[12], bool *linear, const char **why, size_t *at)
{
	*why = NULL;
	return phasing_parse(s, strlen(s), '.', out, linear, why, at);
}

static void parse_good(void **state)
{
	(void)state;
	int32_t w[12];
	bool lin;
	const char *why;
	size_t at;
	assert_true(parse("", w, &lin, &why, &at));
	assert_true(lin);
	assert_true(parse("linear", w, &lin, &why, &at));
	assert_true(lin);
	assert_true(parse("end", w, &lin, &why, &at));
	assert_false(lin);
	for (int k = 0; k < 11; k++)
		assert_int_equal(w[k], 0);
	assert_int_equal(w[11], 1000000);
	assert_true(parse("0/0/0.25/0/0/0.25/0/0/0.25/0/0/0.25", w, &lin, &why, &at));
	assert_false(lin);
	assert_int_equal(w[0], 0);
	assert_int_equal(w[2], 250000);
	assert_int_equal(w[11], 250000);
	assert_true(parse("0.333333/0.333333/0.333334/0/0/0/0/0/0/0/0/0", w, &lin, &why, &at));
	assert_int_equal(w[2], 333334);
	assert_true(parse("1/0/0/0/0/0/0/0/0/0/0/0.000000", w, &lin, &why, &at));
	assert_int_equal(w[0], 1000000);
	assert_true(parse("LINEAR", w, &lin, &why, &at));
	assert_true(lin);
	assert_true(parse("End", w, &lin, &why, &at));
	assert_false(lin);
	/* the model's decimal comma (Dutch notation) */
	const char *nl = "0,25/0,25/0,25/0,25/0/0/0/0/0/0/0/0";
	assert_true(phasing_parse(nl, strlen(nl), ',', w, &lin, &why, &at));
	assert_int_equal(w[3], 250000);
}

static void parse_bad(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t at;
	} bad[] = {
		{"0.1/0.1/0.1/0.1/0.1/0.1/0.1/0.1/0.1/0.1/0.1/0.1", 0}, /* sums to 1.2 */
		{"0.0833333/0/0/0/0/0/0/0/0/0/0/0", 0},                  /* seven decimals */
		{"0/0/0/0/0/0/0/0/0/0/1", 0},                            /* eleven shares */
		{"0/0/0/0/0/0/0/0/0/0/0/1/0", 24},                       /* thirteen */
		{"0/0/-0.5/0/0/0/0/0/0/0/0/1.5", 4},                     /* a sign */
		{"0/0/0/0/0/0/0/0/0/0/0/1.5", 22},                       /* above 1 */
		{"0/0/0/0/0/0/0/0/0/0/0/2", 22},
		{"lineair", 0},
		{"end ", 0},
		{"0/0/0/0/0//0/0/0/0/0/1", 10},                          /* an empty share */
		{"0/0/0/0/0/0/0/0/0/0/0/1.", 22},
		{"0/0/0/0/0/0/0/0/0/0/0/.5", 22},
		{"0,25/0,25/0,25/0,25/0/0/0/0/0/0/0/0", 0}, /* a comma only in a comma model */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int32_t w[12];
		bool lin;
		const char *why;
		size_t at = 999;
		if (parse(bad[i].text, w, &lin, &why, &at)) {
			print_error("accepted %s\n", bad[i].text);
			fail();
		}
		assert_non_null(why);
		if (at != bad[i].at) {
			print_error("%s: at %zu, expected %zu\n", bad[i].text, at, bad[i].at);
			fail();
		}
	}
}

static void to_month(void **state)
{
	(void)state;
	/* linear 100.00: the cumulative share rounded, half of it 50.00 by June (not 50.02) */
	assert_int_equal(phasing_to_month(NULL, 10000, 0), 0);
	assert_int_equal(phasing_to_month(NULL, 10000, 3), 2500);
	assert_int_equal(phasing_to_month(NULL, 10000, 6), 5000);
	assert_int_equal(phasing_to_month(NULL, 10000, 12), 10000);
	assert_int_equal(phasing_to_month(NULL, -10000, 6), -5000);
	assert_int_equal(phasing_to_month(NULL, 12, 5), 5);
	/* quarters of 1,234.57: 308.6425 each, the one cent over to March */
	int32_t q[12] = {0, 0, 250000, 0, 0, 250000, 0, 0, 250000, 0, 0, 250000};
	assert_int_equal(phasing_to_month(q, 123457, 2), 0);
	assert_int_equal(phasing_to_month(q, 123457, 3), 30864);
	assert_int_equal(phasing_to_month(q, 123457, 6), 61729);
	assert_int_equal(phasing_to_month(q, 123457, 12), 123457);
	int32_t end[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000000};
	assert_int_equal(phasing_to_month(end, 5000, 11), 0);
	assert_int_equal(phasing_to_month(end, 5000, 12), 5000);
	/* thirds of 1.00: the cent over goes to the largest remainder (March), not January */
	int32_t th[12] = {333333, 333333, 333334, 0, 0, 0, 0, 0, 0, 0, 0, 0};
	assert_int_equal(phasing_to_month(th, 100, 1), 33);
	assert_int_equal(phasing_to_month(th, 100, 2), 67);
	assert_int_equal(phasing_to_month(th, 100, 3), 100);
	assert_int_equal(phasing_to_month(th, -100, 2), -67);
}

static void limits(void **state)
{
	(void)state;
	assert_true(phasing_to_month(NULL, INT64_MAX, 12) == INT64_MAX);
	assert_true(phasing_to_month(NULL, INT64_MAX, 6) == INT64_C(4611686018427387904));
	assert_true(phasing_to_month(NULL, INT64_MIN, 12) == INT64_MIN);
	int32_t end[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000000};
	assert_true(phasing_to_month(end, INT64_MIN, 12) == INT64_MIN);
	assert_true(phasing_to_month(end, INT64_MAX, 13) == INT64_MAX); /* clamped */
	assert_true(phasing_to_month(end, INT64_MAX, -1) == 0);
}

/* Every month's amount sums to the year for many amounts and phasings. */
static void months_sum_to_year(void **state)
{
	(void)state;
	int32_t odd[12] = {1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 999870};
	for (int64_t a = -1000; a <= 1000; a += 7) {
		assert_int_equal(phasing_to_month(NULL, a, 12), a);
		assert_int_equal(phasing_to_month(odd, a, 12), a);
		int64_t prev = 0;
		for (int k = 1; k <= 12; k++) {
			int64_t v = phasing_to_month(NULL, a, k);
			assert_true(a >= 0 ? v >= prev : v <= prev);
			prev = v;
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_good),       cmocka_unit_test(parse_bad),
		cmocka_unit_test(to_month),         cmocka_unit_test(limits),
		cmocka_unit_test(months_sum_to_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
