/* money: exact amounts as int64 cents (and FTE as int64 hundredths), parsed from the
 * notation a model version declares and formatted back. No floating point anywhere. The
 * largest magnitude is INT64_MAX cents (92,233,720,368,547,758.07); INT64_MIN is refused
 * so that every amount can be negated. */
#ifndef FP_MONEY_H
#define FP_MONEY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The notation of numbers in a model version: decimal is '.' or ','; thousands is 0
 * (none), '.', ',' or ' ' (a space also accepts U+00A0 and U+202F, as Excel writes). */
typedef struct money_notation {
	char decimal;
	char thousands;
} money_notation;

#define MONEY_NOTATION_C ((money_notation){'.', 0})

#define MONEY_ERRORS(X)                                                        \
	X(MONEY_OK, "ok")                                                      \
	X(MONEY_EMPTY, "empty")                                                \
	X(MONEY_SYNTAX, "not a number")                                        \
	X(MONEY_GROUPING, "misplaced thousands separator")                    \
	X(MONEY_DECIMALS, "more than two decimals")                           \
	X(MONEY_OVERFLOW, "too large (the limit is 92,233,720,368,547,758.07)")

typedef enum money_err {
#define MONEY_ERR_ENUM(name, msg) name,
	MONEY_ERRORS(MONEY_ERR_ENUM)
#undef MONEY_ERR_ENUM
} money_err;

const char *money_err_str(money_err e);

/* money_parse: s[0..len) as cents. Surrounding spaces and tabs are ignored; a leading '-'
 * makes it negative; at most two decimals. With a thousands separator declared, grouping
 * is optional but, where used, every group after the first has exactly three digits.
 * On error *cents is left alone. */
money_err money_parse(const char *s, size_t len, money_notation n, int64_t *cents);

/* money_add: *acc += v, false (and *acc unchanged) on overflow. */
static inline bool money_add(int64_t *acc, int64_t v)
{
	int64_t r;
	if (__builtin_add_overflow(*acc, v, &r) || r == INT64_MIN)
		return false;
	*acc = r;
	return true;
}

/* MONEY_BUF: enough for any formatted amount with separators and sign. */
#define MONEY_BUF 40

/* money_format: cents as text with two decimals and '.' as decimal point; thousands is 0
 * for none (CSV) or the separator to put between groups (',' for tables). Returns buf. */
char *money_format(char buf[MONEY_BUF], int64_t cents, char thousands);

/* money_format_whole: cents rounded half away from zero to whole units, with separators. */
char *money_format_whole(char buf[MONEY_BUF], int64_t cents, char thousands);

/* money_mul_ratio: cents * num / den rounded half away from zero, exact in 128 bits; false
 * when the result does not fit or den is 0. */
bool money_mul_ratio(int64_t cents, int64_t num, int64_t den, int64_t *out);

#endif
