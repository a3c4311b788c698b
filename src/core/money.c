/* money: see money.h. The parser is a single pass over the bytes; digits accumulate in a
 * uint64 with an overflow check on every step. */
#include "money.h"
#include <string.h>

const char *money_err_str(money_err e)
{
	switch (e) {
#define MONEY_ERR_CASE(name, msg) case name: return msg;
	MONEY_ERRORS(MONEY_ERR_CASE)
#undef MONEY_ERR_CASE
	}
	return "bad number";
}

/* Length of a thousands separator at s, or 0. */
static size_t sep_len(const unsigned char *s, const unsigned char *end, char thousands)
{
	if (!thousands)
		return 0;
	if (*s == (unsigned char)thousands)
		return 1;
	if (thousands == ' ') {
		if (end - s >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
			return 2; /* U+00A0 no-break space */
		if (end - s >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0xaf)
			return 3; /* U+202F narrow no-break space */
	}
	return 0;
}

static bool push_digit(uint64_t *v, unsigned d)
{
	return !__builtin_mul_overflow(*v, 10, v) && !__builtin_add_overflow(*v, d, v);
}

money_err money_parse(const char *str, size_t len, money_notation n, int64_t *cents)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;
	/* The common amount first (most of a large model's fields): 1 to 16 digits, then
	 * maybe the decimal separator and one or two decimals, nothing else. Below 10^18
	 * cents, so no step can overflow; anything else takes the full pass below. */
	size_t i = 0, lim = len < 16 ? len : 16;
	uint64_t w = 0;
	while (i < lim && (unsigned)(s[i] - '0') < 10)
		w = w * 10 + (unsigned)(s[i++] - '0');
	if (i > 0) {
		if (i == len) {
			*cents = (int64_t)(w * 100);
			return MONEY_OK;
		}
		size_t rest = len - i;
		unsigned d1, d2;
		if ((rest == 2 || rest == 3) && s[i] == (unsigned char)n.decimal &&
		    s[i] != (unsigned char)n.thousands && (d1 = (unsigned)(s[i + 1] - '0')) < 10) {
			if (rest == 2) {
				*cents = (int64_t)(w * 100 + d1 * 10);
				return MONEY_OK;
			}
			if ((d2 = (unsigned)(s[i + 2] - '0')) < 10) {
				*cents = (int64_t)(w * 100 + d1 * 10 + d2);
				return MONEY_OK;
			}
		}
	}
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (s == end)
		return MONEY_EMPTY;
	bool neg = false;
	if (*s == '-') {
		neg = true;
		s++;
	}
	uint64_t v = 0;
	size_t digits = 0, group = 0; /* digits in all, digits in the current group */
	bool grouped = false;
	money_err overflow = MONEY_OK;
	while (s < end) {
		if (*s >= '0' && *s <= '9') {
			if (!push_digit(&v, *s - '0'))
				overflow = MONEY_OVERFLOW;
			digits++;
			group++;
			s++;
			continue;
		}
		size_t sl = sep_len(s, end, n.thousands);
		if (sl) {
			if (digits == 0)
				return MONEY_SYNTAX;
			if (grouped ? group != 3 : group > 3)
				return MONEY_GROUPING;
			grouped = true;
			group = 0;
			s += sl;
			continue;
		}
		break;
	}
	if (digits == 0)
		return MONEY_SYNTAX;
	if (grouped && group != 3)
		return MONEY_GROUPING;
	unsigned decimals = 0;
	if (s < end && *s == (unsigned char)n.decimal) {
		s++;
		while (s < end && *s >= '0' && *s <= '9') {
			if (decimals < 2 && !push_digit(&v, *s - '0'))
				overflow = MONEY_OVERFLOW;
			decimals++;
			s++;
		}
		if (decimals == 0)
			return MONEY_SYNTAX;
	}
	if (s != end)
		return MONEY_SYNTAX;
	if (decimals > 2)
		return MONEY_DECIMALS;
	for (; decimals < 2; decimals++)
		if (!push_digit(&v, 0))
			overflow = MONEY_OVERFLOW;
	if (overflow || v > (uint64_t)INT64_MAX)
		return MONEY_OVERFLOW;
	*cents = neg ? -(int64_t)v : (int64_t)v;
	return MONEY_OK;
}

/* Digits of |cents| / 100 with separators, then the decimals. */
static char *format(char buf[MONEY_BUF], int64_t cents, char thousands, bool whole)
{
	uint64_t mag = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	unsigned frac = (unsigned)(mag % 100);
	uint64_t units = mag / 100;
	if (whole && frac >= 50)
		units++;
	char tmp[MONEY_BUF];
	size_t t = 0, k = 0;
	do {
		if (thousands && k && k % 3 == 0)
			tmp[t++] = thousands;
		tmp[t++] = (char)('0' + units % 10);
		units /= 10;
		k++;
	} while (units);
	size_t o = 0;
	if (cents < 0 && (mag >= (whole ? 50u : 1u)))
		buf[o++] = '-';
	while (t)
		buf[o++] = tmp[--t];
	if (!whole) {
		buf[o++] = '.';
		buf[o++] = (char)('0' + frac / 10);
		buf[o++] = (char)('0' + frac % 10);
	}
	buf[o] = '\0';
	return buf;
}

char *money_format(char buf[MONEY_BUF], int64_t cents, char thousands)
{
	return format(buf, cents, thousands, false);
}

char *money_format_whole(char buf[MONEY_BUF], int64_t cents, char thousands)
{
	return format(buf, cents, thousands, true);
}

bool money_mul_ratio(int64_t cents, int64_t num, int64_t den, int64_t *out)
{
	if (den == 0)
		return false;
	__int128 p = (__int128)cents * num;
	bool neg = (p < 0) != (den < 0);
	unsigned __int128 a = p < 0 ? (unsigned __int128)(-p) : (unsigned __int128)p;
	unsigned __int128 b = den < 0 ? (unsigned __int128)(-(__int128)den) : (unsigned __int128)den;
	unsigned __int128 q = a / b, r = a % b;
	if (r * 2 >= b)
		q++;
	if (q > (unsigned __int128)INT64_MAX)
		return false;
	*out = neg ? -(int64_t)q : (int64_t)q;
	return true;
}
