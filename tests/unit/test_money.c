/* test_money: money_parse in both notations and every boundary, money_format and
 * money_format_whole, money_add and money_mul_ratio. Every case states its exact result. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/money.h"
#include <stdio.h>
#include <string.h>

#define SENTINEL ((int64_t)0x5a5a5a5a5a5a5a5a)

static const money_notation C = {'.', 0};
static const money_notation NL = {',', '.'};    /* 1.234.567,89 */
static const money_notation EN = {'.', ','};    /* 1,234,567.89 */
static const money_notation SPACE = {',', ' '}; /* 1 234 567,89 */

typedef struct parse_case {
	const char *text;
	money_err err;
	int64_t cents; /* when err is MONEY_OK */
} parse_case;

static const char *notation_name(money_notation n)
{
	static char buf[32];
	snprintf(buf, sizeof buf, "decimal '%c', thousands '%c'", n.decimal,
		 n.thousands ? n.thousands : '0');
	return buf;
}

/* Each case: the error and, when it parses, the value; on error *cents is left alone. */
static void run_cases(money_notation n, const parse_case *cases, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const parse_case *c = &cases[i];
		int64_t got = SENTINEL;
		money_err e = money_parse(c->text, strlen(c->text), n, &got);
		if (e != c->err)
			fail_msg("money_parse(\"%s\") with %s: error %d (%s), expected %d (%s)",
				 c->text, notation_name(n), e, money_err_str(e), c->err,
				 money_err_str(c->err));
		if (e == MONEY_OK && got != c->cents)
			fail_msg("money_parse(\"%s\") with %s: %lld, expected %lld", c->text,
				 notation_name(n), (long long)got, (long long)c->cents);
		if (e != MONEY_OK && got != SENTINEL)
			fail_msg("money_parse(\"%s\") failed but changed *cents to %lld", c->text,
				 (long long)got);
	}
}

#define RUN(n, cases) run_cases((n), (cases), sizeof(cases) / sizeof *(cases))

static void parse_plain_notation(void **state)
{
	(void)state;
	static const parse_case cases[] = {
		{"0", MONEY_OK, 0},
		{"1", MONEY_OK, 100},
		{"12.5", MONEY_OK, 1250},
		{"12.50", MONEY_OK, 1250},
		{"12.05", MONEY_OK, 1205},
		{"0.01", MONEY_OK, 1},
		{"-0.01", MONEY_OK, -1},
		{"-0", MONEY_OK, 0},
		{"-12.5", MONEY_OK, -1250},
		{"1234567.89", MONEY_OK, 123456789},
		{"007.10", MONEY_OK, 710},
		{"000000000000000000000000001.00", MONEY_OK, 100},
		/* surrounding spaces and tabs */
		{" 7.25", MONEY_OK, 725},
		{"7.25 ", MONEY_OK, 725},
		{"\t-7.25\t ", MONEY_OK, -725},
		/* not numbers */
		{"", MONEY_EMPTY, 0},
		{"   ", MONEY_EMPTY, 0},
		{" \t ", MONEY_EMPTY, 0},
		{"-", MONEY_SYNTAX, 0},
		{" - ", MONEY_SYNTAX, 0},
		{"1.", MONEY_SYNTAX, 0},
		{".5", MONEY_SYNTAX, 0},
		{"-.5", MONEY_SYNTAX, 0},
		{"NaN", MONEY_SYNTAX, 0},
		{"nan", MONEY_SYNTAX, 0},
		{"inf", MONEY_SYNTAX, 0},
		{"veel", MONEY_SYNTAX, 0},
		{"1e6", MONEY_SYNTAX, 0},
		{"+5", MONEY_SYNTAX, 0},
		{"--5", MONEY_SYNTAX, 0},
		{"- 5", MONEY_SYNTAX, 0},
		{"5-", MONEY_SYNTAX, 0},
		{"(5)", MONEY_SYNTAX, 0},
		{"EUR 5", MONEY_SYNTAX, 0},
		{"5 EUR", MONEY_SYNTAX, 0},
		{"1 5", MONEY_SYNTAX, 0},
		{"12,3,4", MONEY_SYNTAX, 0},  /* no thousands separator declared */
		{"1,234.56", MONEY_SYNTAX, 0},
		{"1.5.6", MONEY_SYNTAX, 0},
		{"12,5", MONEY_SYNTAX, 0},    /* ',' is not the decimal separator */
		{"0x10", MONEY_SYNTAX, 0},
		{"1.2a", MONEY_SYNTAX, 0},
		/* decimals */
		{"1.234", MONEY_DECIMALS, 0},
		{"0.001", MONEY_DECIMALS, 0},
		{"12.505", MONEY_DECIMALS, 0},
		{"-1.000", MONEY_DECIMALS, 0},
	};
	RUN(C, cases);
}

static void parse_limits(void **state)
{
	(void)state;
	static const parse_case cases[] = {
		/* the short path's edges: 16 digits and a decimal or two, then more */
		{"9999999999999999", MONEY_OK, INT64_C(999999999999999900)},
		{"9999999999999999.9", MONEY_OK, INT64_C(999999999999999990)},
		{"9999999999999999.99", MONEY_OK, INT64_C(999999999999999999)},
		{"10000000000000000", MONEY_OK, INT64_C(1000000000000000000)},
		{"99999999999999999", MONEY_OVERFLOW, 0},
		{"999999999999999999", MONEY_OVERFLOW, 0},
		{"9999999999999999.999", MONEY_DECIMALS, 0},
		{"12.3x", MONEY_SYNTAX, 0},
		{"12.x3", MONEY_SYNTAX, 0},
		{"12.34 ", MONEY_OK, 1234},
		{"92233720368547758.07", MONEY_OK, INT64_MAX},
		{"92233720368547758.06", MONEY_OK, INT64_MAX - 1},
		{"-92233720368547758.07", MONEY_OK, -INT64_MAX},
		{"92233720368547758", MONEY_OK, INT64_C(9223372036854775800)},
		{"92233720368547758.0", MONEY_OK, INT64_C(9223372036854775800)},
		{" 92233720368547758.07 ", MONEY_OK, INT64_MAX},
		/* one cent more, and INT64_MIN, which is refused so that any amount negates */
		{"92233720368547758.08", MONEY_OVERFLOW, 0},
		{"-92233720368547758.08", MONEY_OVERFLOW, 0},
		{"92233720368547758.1", MONEY_OVERFLOW, 0},
		{"92233720368547759", MONEY_OVERFLOW, 0},
		{"100000000000000000", MONEY_OVERFLOW, 0},
		/* 2^64 cents, 2^64 - 1 cents and far beyond: no wrap-around */
		{"184467440737095516.16", MONEY_OVERFLOW, 0},
		{"184467440737095516.15", MONEY_OVERFLOW, 0},
		{"99999999999999999999999999999999", MONEY_OVERFLOW, 0},
		{"-99999999999999999999999999999999.99", MONEY_OVERFLOW, 0},
	};
	RUN(C, cases);
	RUN(NL, ((const parse_case[]){
			{"92.233.720.368.547.758,07", MONEY_OK, INT64_MAX},
			{"-92.233.720.368.547.758,07", MONEY_OK, -INT64_MAX},
			{"92233720368547758,07", MONEY_OK, INT64_MAX},
			{"92.233.720.368.547.758,08", MONEY_OVERFLOW, 0},
			{"-92.233.720.368.547.758,08", MONEY_OVERFLOW, 0},
		}));
}

static void parse_dutch_notation(void **state)
{
	(void)state;
	static const parse_case cases[] = {
		{"1.234.567,89", MONEY_OK, 123456789},
		{"1234567,89", MONEY_OK, 123456789},
		{"-1.234.567,89", MONEY_OK, -123456789},
		{"12,5", MONEY_OK, 1250},
		{"12,50", MONEY_OK, 1250},
		{"0,99", MONEY_OK, 99},
		{"1.000", MONEY_OK, 100000},
		{"999", MONEY_OK, 99900},
		{"1.234,5", MONEY_OK, 123450},
		{" 1.234,56 ", MONEY_OK, 123456},
		{"123.456.789", MONEY_OK, 12345678900},
		/* grouping */
		{"1.5.6", MONEY_GROUPING, 0},
		{"10.00.000", MONEY_GROUPING, 0},
		{"1.0000", MONEY_GROUPING, 0},
		{"1234.567", MONEY_GROUPING, 0},
		{"1.234.56", MONEY_GROUPING, 0},
		{"12.5", MONEY_GROUPING, 0},
		{"1.23", MONEY_GROUPING, 0},
		{"1..234", MONEY_GROUPING, 0},
		{"1.", MONEY_GROUPING, 0},
		{"1.234.5678", MONEY_GROUPING, 0},
		/* syntax and decimals */
		{"12,3,4", MONEY_SYNTAX, 0},
		{".123", MONEY_SYNTAX, 0},
		{"-.123", MONEY_SYNTAX, 0},
		{"1.234,", MONEY_SYNTAX, 0},
		{"1,", MONEY_SYNTAX, 0},
		{",5", MONEY_SYNTAX, 0},
		{"1,234.5", MONEY_SYNTAX, 0},
		{"NaN", MONEY_SYNTAX, 0},
		{"1 234", MONEY_SYNTAX, 0},      /* a space is not '.' */
		{"1\xc2\xa0" "234", MONEY_SYNTAX, 0}, /* nor is a no-break space */
		{"1,234", MONEY_DECIMALS, 0},
		{"500000,123", MONEY_DECIMALS, 0},
		{"", MONEY_EMPTY, 0},
	};
	RUN(NL, cases);
}

static void parse_english_grouping(void **state)
{
	(void)state;
	static const parse_case cases[] = {
		{"1,234,567.89", MONEY_OK, 123456789},
		{"1234567.89", MONEY_OK, 123456789},
		{"1,234", MONEY_OK, 123400},
		{"-1,000.5", MONEY_OK, -100050},
		{"12,3,4", MONEY_GROUPING, 0},
		{"1,23", MONEY_GROUPING, 0},
		{"1234,567", MONEY_GROUPING, 0},
		{"1,234.567", MONEY_DECIMALS, 0},
		{"1.5.6", MONEY_SYNTAX, 0},
		{",123", MONEY_SYNTAX, 0},
	};
	RUN(EN, cases);
}

static void parse_space_grouping(void **state)
{
	(void)state;
	static const parse_case cases[] = {
		{"1 234 567,89", MONEY_OK, 123456789},
		{"1234567,89", MONEY_OK, 123456789},
		{"1\xc2\xa0" "234\xc2\xa0" "567,89", MONEY_OK, 123456789}, /* U+00A0 */
		{"1\xe2\x80\xaf" "234,50", MONEY_OK, 123450},              /* U+202F */
		{"1 234\xc2\xa0" "567", MONEY_OK, 123456700},              /* mixed */
		{"-1 000", MONEY_OK, -100000},
		{"  1 000  ", MONEY_OK, 100000},
		{"1  234", MONEY_GROUPING, 0},
		{"1 23", MONEY_GROUPING, 0},
		{"1234 567", MONEY_GROUPING, 0},
		{"1 234 56", MONEY_GROUPING, 0},
		{"1\t234", MONEY_SYNTAX, 0},         /* a tab is not a separator */
		{"1\xc2" "234", MONEY_SYNTAX, 0},     /* half a no-break space */
		{"1\xe2\x80" "234", MONEY_SYNTAX, 0}, /* two thirds of U+202F */
		{"1\xe2\x80\xa0" "234", MONEY_SYNTAX, 0}, /* U+2020, not a space */
		{"\xc2\xa0" "1", MONEY_SYNTAX, 0},    /* only spaces and tabs are trimmed */
		{"1.234", MONEY_SYNTAX, 0},
		{"1 234,567", MONEY_DECIMALS, 0},
	};
	RUN(SPACE, cases);
}

/* The length is respected: bytes after len are not read. */
static void parse_uses_len(void **state)
{
	(void)state;
	int64_t v = SENTINEL;
	assert_int_equal(money_parse("12.34xyz", 4, C, &v), MONEY_OK);
	assert_int_equal(v, 1230);
	v = SENTINEL;
	assert_int_equal(money_parse("12.34", 0, C, &v), MONEY_EMPTY);
	assert_int_equal(v, SENTINEL);
	char buf[3] = {'4', '2', '7'}; /* not NUL-terminated */
	assert_int_equal(money_parse(buf, 2, C, &v), MONEY_OK);
	assert_int_equal(v, 4200);
}

static void err_strings(void **state)
{
	(void)state;
	assert_string_equal(money_err_str(MONEY_OK), "ok");
	assert_string_equal(money_err_str(MONEY_EMPTY), "empty");
	assert_string_equal(money_err_str(MONEY_SYNTAX), "not a number");
	assert_string_equal(money_err_str(MONEY_GROUPING), "misplaced thousands separator");
	assert_string_equal(money_err_str(MONEY_DECIMALS), "more than two decimals");
	assert_string_equal(money_err_str(MONEY_OVERFLOW),
			    "too large (the limit is 92,233,720,368,547,758.07)");
}

typedef struct fmt_case {
	int64_t cents;
	char thousands;
	const char *text;
} fmt_case;

static void format_cents(void **state)
{
	(void)state;
	static const fmt_case cases[] = {
		{0, 0, "0.00"},
		{1, 0, "0.01"},
		{-1, 0, "-0.01"},
		{10, 0, "0.10"},
		{99, 0, "0.99"},
		{100, 0, "1.00"},
		{-100, 0, "-1.00"},
		{123456, 0, "1234.56"},
		{123456, ',', "1,234.56"},
		{99999, ',', "999.99"},
		{100000, ',', "1,000.00"},
		{-100000, ',', "-1,000.00"},
		{12345678, ',', "123,456.78"},
		{-123456789, ',', "-1,234,567.89"},
		{-123456789, 0, "-1234567.89"},
		{123456789, ' ', "1 234 567.89"},
		{INT64_MAX, ',', "92,233,720,368,547,758.07"},
		{INT64_MAX, 0, "92233720368547758.07"},
		{-INT64_MAX, ',', "-92,233,720,368,547,758.07"},
		{INT64_MIN, ',', "-92,233,720,368,547,758.08"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[MONEY_BUF];
		memset(buf, 'x', sizeof buf);
		char *r = money_format(buf, cases[i].cents, cases[i].thousands);
		assert_ptr_equal(r, buf);
		if (strcmp(buf, cases[i].text) != 0)
			fail_msg("money_format(%lld, '%c') = \"%s\", expected \"%s\"",
				 (long long)cases[i].cents, cases[i].thousands, buf, cases[i].text);
	}
}

/* Whole units, rounded half away from zero; no "-0". */
static void format_whole(void **state)
{
	(void)state;
	static const fmt_case cases[] = {
		{0, ',', "0"},
		{49, ',', "0"},
		{50, ',', "1"},
		{-49, ',', "0"},
		{-50, ',', "-1"},
		{-1, ',', "0"},
		{149, ',', "1"},
		{150, ',', "2"},
		{-149, ',', "-1"},
		{-150, ',', "-2"},
		{250, ',', "3"},
		{-250, ',', "-3"},
		{99949, ',', "999"},
		{99950, ',', "1,000"},
		{-99950, ',', "-1,000"},
		{123456789, ',', "1,234,568"},
		{123456749, ',', "1,234,567"},
		{123456789, 0, "1234568"},
		{INT64_MAX, ',', "92,233,720,368,547,758"}, /* .07 rounds down */
		{INT64_MAX - 7 - 51, ',', "92,233,720,368,547,757"}, /* ...757.49 */
		{INT64_MAX - 7 - 50, ',', "92,233,720,368,547,758"}, /* ...757.50 */
		{-INT64_MAX, ',', "-92,233,720,368,547,758"},
		{INT64_MIN, ',', "-92,233,720,368,547,758"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[MONEY_BUF];
		char *r = money_format_whole(buf, cases[i].cents, cases[i].thousands);
		assert_ptr_equal(r, buf);
		if (strcmp(buf, cases[i].text) != 0)
			fail_msg("money_format_whole(%lld, '%c') = \"%s\", expected \"%s\"",
				 (long long)cases[i].cents, cases[i].thousands, buf, cases[i].text);
	}
}

/* Every amount that parses formats back to the same text (without separators). */
static void format_parse_round_trip(void **state)
{
	(void)state;
	uint64_t x = 0x9e3779b97f4a7c15u;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		int64_t v = (int64_t)((x >> (i % 64)) & (uint64_t)INT64_MAX);
		if (i & 1)
			v = -v;
		char buf[MONEY_BUF], grouped[MONEY_BUF];
		money_format(buf, v, 0);
		int64_t back = SENTINEL;
		assert_int_equal(money_parse(buf, strlen(buf), C, &back), MONEY_OK);
		assert_int_equal(back, v);
		money_format(grouped, v, ',');
		back = SENTINEL;
		assert_int_equal(money_parse(grouped, strlen(grouped), EN, &back), MONEY_OK);
		assert_int_equal(back, v);
	}
}

static void add_checks_overflow(void **state)
{
	(void)state;
	int64_t acc = 1;
	assert_true(money_add(&acc, 2));
	assert_int_equal(acc, 3);
	assert_true(money_add(&acc, -5));
	assert_int_equal(acc, -2);

	acc = INT64_MAX - 1;
	assert_true(money_add(&acc, 1));
	assert_int_equal(acc, INT64_MAX);
	assert_false(money_add(&acc, 1));
	assert_int_equal(acc, INT64_MAX); /* unchanged */
	assert_false(money_add(&acc, INT64_MAX));
	assert_int_equal(acc, INT64_MAX);
	assert_true(money_add(&acc, 0));
	assert_true(money_add(&acc, -INT64_MAX));
	assert_int_equal(acc, 0);

	acc = -INT64_MAX;
	assert_false(money_add(&acc, -1)); /* would be INT64_MIN, which is refused */
	assert_int_equal(acc, -INT64_MAX);
	assert_false(money_add(&acc, -INT64_MAX));
	assert_int_equal(acc, -INT64_MAX);
	assert_true(money_add(&acc, 1));
	assert_int_equal(acc, -INT64_MAX + 1);
	assert_true(money_add(&acc, INT64_MAX));
	assert_int_equal(acc, 1);
}

typedef struct ratio_case {
	int64_t cents, num, den;
	bool ok;
	int64_t out;
} ratio_case;

static void mul_ratio_rounding(void **state)
{
	(void)state;
	static const ratio_case cases[] = {
		{100, 1, 3, true, 33},
		{200, 1, 3, true, 67},
		{-200, 1, 3, true, -67},
		{150, 1, 100, true, 2},    /* 1.5 -> 2 */
		{-150, 1, 100, true, -2},  /* -1.5 -> -2 */
		{149, 1, 100, true, 1},
		{-149, 1, 100, true, -1},
		{5, 1, 10, true, 1},       /* 0.5 -> 1 */
		{-5, 1, 10, true, -1},
		{4, 1, 10, true, 0},
		{-4, 1, 10, true, 0},
		{1, 1, -2, true, -1},      /* negative denominator */
		{-1, -1, 2, true, 1},
		{-1, 1, -2, true, 1},
		{0, 5, 7, true, 0},
		{0, -5, 7, true, 0},
		{1000, 0, 3, true, 0},
		{12345, 103, 100, true, 12715}, /* 12715.35 */
		{12345, 97, 100, true, 11975},  /* 11974.65 */
		{INT64_MAX, 2, 2, true, INT64_MAX}, /* exact in 128 bits */
		{INT64_MAX, INT64_MAX, INT64_MAX, true, INT64_MAX},
		{-INT64_MAX, INT64_MAX, INT64_MAX, true, -INT64_MAX},
		{INT64_MAX, 1, 2, true, INT64_C(4611686018427387904)}, /* .5 rounds up */
		{-INT64_MAX, 1, 2, true, -INT64_C(4611686018427387904)},
		{INT64_MAX, 3, 2, false, 0},
		{INT64_MAX, -3, 2, false, 0},
		{INT64_C(4611686018427387904), -2, 1, false, 0}, /* INT64_MIN is refused */
		{INT64_C(4611686018427387904), 2, 1, false, 0},
		{1, 1, 0, false, 0},
		{0, 0, 0, false, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const ratio_case *c = &cases[i];
		int64_t out = SENTINEL;
		bool ok = money_mul_ratio(c->cents, c->num, c->den, &out);
		if (ok != c->ok || (ok && out != c->out))
			fail_msg("money_mul_ratio(%lld, %lld, %lld) = %s %lld, expected %s %lld",
				 (long long)c->cents, (long long)c->num, (long long)c->den,
				 ok ? "true" : "false", (long long)out, c->ok ? "true" : "false",
				 (long long)c->out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_plain_notation),
		cmocka_unit_test(parse_limits),
		cmocka_unit_test(parse_dutch_notation),
		cmocka_unit_test(parse_english_grouping),
		cmocka_unit_test(parse_space_grouping),
		cmocka_unit_test(parse_uses_len),
		cmocka_unit_test(err_strings),
		cmocka_unit_test(format_cents),
		cmocka_unit_test(format_whole),
		cmocka_unit_test(format_parse_round_trip),
		cmocka_unit_test(add_checks_overflow),
		cmocka_unit_test(mul_ratio_rounding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
