/* fuzz_money: the number parser (money_parse in src/core/money.c) in every notation,
 * checked against an independent reference written from docs/formats.md ("Numbers"):
 * both must accept the same texts with the same cents, and agree on "too large". An
 * accepted amount must also survive money_format and money_parse again, with and without
 * thousands separators.
 *
 * Input: byte 0 picks the notation (bit 0: decimal ',' instead of '.'; bits 1-2: thousands
 * none, '.', ',' or space; a thousands separator equal to the decimal one becomes none),
 * the rest is the text. */
#include "fuzz.h"
#include "core/money.h"

typedef enum { REF_OK, REF_BAD, REF_TOO_LARGE } ref_result;

/* A separator token at s: the declared character, or for a space also U+00A0 and U+202F. */
static size_t ref_sep(const unsigned char *s, const unsigned char *end, char th)
{
	if (!th)
		return 0;
	if (*s == (unsigned char)th)
		return 1;
	if (th == ' ' && end - s >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (th == ' ' && end - s >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0xaf)
		return 3;
	return 0;
}

static ref_result ref_parse(const unsigned char *s, size_t len, money_notation n, int64_t *out)
{
	const unsigned char *end = s + len;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	bool neg = s < end && *s == '-';
	s += neg;
	/* Integer part: groups of digits between separators. Leading zeros are not kept:
	 * they do not count towards the size. */
	char digits[32];
	size_t nd = 0, nkept = 0, ngroups = 0, first_group = 0, group = 0;
	bool bad_group = false, any_sep = false;
	while (s < end) {
		if (*s >= '0' && *s <= '9') {
			if ((nkept || *s != '0') && nkept < sizeof digits)
				digits[nkept] = (char)*s;
			if (nkept || *s != '0')
				nkept++;
			nd++;
			group++;
			s++;
			continue;
		}
		size_t sl = ref_sep(s, end, n.thousands);
		if (!sl)
			break;
		if (group == 0)
			return REF_BAD; /* nothing before a separator, or two in a row */
		if (ngroups == 0)
			first_group = group;
		else if (group != 3)
			bad_group = true;
		ngroups++;
		group = 0;
		any_sep = true;
		s += sl;
	}
	if (nd == 0 || group == 0)
		return REF_BAD;
	if (any_sep && (first_group > 3 || group != 3 || bad_group))
		return REF_BAD;
	size_t ndec = 0;
	char dec[2] = {'0', '0'};
	if (s < end && *s == (unsigned char)n.decimal) {
		s++;
		while (s < end && *s >= '0' && *s <= '9') {
			if (ndec < 2)
				dec[ndec] = (char)*s;
			ndec++;
			s++;
		}
		if (ndec == 0)
			return REF_BAD;
	}
	if (s != end || ndec > 2)
		return REF_BAD;
	/* The value, in 128 bits. */
	if (nkept > 20)
		return REF_TOO_LARGE;
	unsigned __int128 v = 0;
	for (size_t i = 0; i < nkept; i++)
		v = v * 10 + (unsigned)(digits[i] - '0');
	v = v * 100 + (unsigned)(dec[0] - '0') * 10 + (unsigned)(dec[1] - '0');
	if (v > (unsigned __int128)INT64_MAX)
		return REF_TOO_LARGE;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return REF_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char th[] = {0, '.', ',', ' '};
	money_notation n = {(data[0] & 1) ? ',' : '.', th[(data[0] >> 1) & 3]};
	if (n.thousands == n.decimal)
		n.thousands = 0;
	const char *s = (const char *)data + 1;
	size_t len = size - 1;
	/* money_parse takes a length: give it a copy without a terminating NUL, so that a
	 * read past the end shows up under AddressSanitizer. */
	char *copy = malloc(len ? len : 1);
	memcpy(copy, s, len);
	int64_t cents = 0x5a5a5a5a, ref = 0;
	money_err e = money_parse(copy, len, n, &cents);
	ref_result r = ref_parse((const unsigned char *)copy, len, n, &ref);
	if ((e == MONEY_OK) != (r == REF_OK))
		abort();
	if (e == MONEY_OK && cents != ref)
		abort();
	if ((e == MONEY_OVERFLOW) != (r == REF_TOO_LARGE))
		abort();
	if (e != MONEY_OK && cents != 0x5a5a5a5a)
		abort(); /* on error *cents is left alone */
	if (e == MONEY_OK) {
		char buf[MONEY_BUF];
		int64_t back = 0;
		money_format(buf, cents, 0);
		if (money_parse(buf, strlen(buf), MONEY_NOTATION_C, &back) != MONEY_OK || back != cents)
			abort();
		money_format(buf, cents, ',');
		if (money_parse(buf, strlen(buf), (money_notation){'.', ','}, &back) != MONEY_OK ||
		    back != cents)
			abort();
		money_format_whole(buf, cents, '.');
		int64_t neg = 0;
		if (!money_add(&neg, -cents) || neg != -cents)
			abort(); /* every accepted amount can be negated */
	}
	const char *msg = money_err_str(e);
	if (!msg || !*msg)
		abort();
	free(copy);
	return 0;
}
