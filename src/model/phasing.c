/* phasing: see phasing.h. Exact: shares are integers (millionths, or twelve equal ones for
 * linear), products are taken in 128 bits, and only the cumulative amount is rounded, so the
 * plan through December is the year's and the months always add up to it. */
#include "phasing.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* One share "d[.dddddd]" of s[0..len) as millionths, the point '.' or decimal; false when
 * it is not one. */
static bool share(const char *s, size_t len, char decimal, int32_t *v, const char **why)
{
	size_t i = 0;
	int64_t whole = 0, frac = 0;
	int nfrac = 0;
	if (len == 0) {
		*why = "an empty share";
		return false;
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		if ((whole = whole * 10 + (s[i] - '0')) > 1) {
			*why = "a share above 1";
			return false;
		}
	if (i == 0) {
		*why = "a share that is not a number from 0 to 1 such as 0.25";
		return false;
	}
	if (i < len && (s[i] == '.' || s[i] == decimal)) {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (++nfrac > PHASING_DECIMALS) {
				*why = "a share with more than six decimals";
				return false;
			}
			frac = frac * 10 + (s[i] - '0');
		}
		if (nfrac == 0) {
			*why = "a share that is not a number from 0 to 1 such as 0.25";
			return false;
		}
	}
	if (i != len) {
		*why = "a share that is not a number from 0 to 1 such as 0.25";
		return false;
	}
	for (; nfrac < PHASING_DECIMALS; nfrac++)
		frac *= 10;
	int64_t total = whole * PHASING_ONE + frac;
	if (total > PHASING_ONE) {
		*why = "a share above 1";
		return false;
	}
	*v = (int32_t)total;
	return true;
}

bool phasing_parse(const char *s, size_t len, char decimal, int32_t out[12], bool *linear,
		   const char **why, size_t *at)
{
	*linear = false;
	*at = 0;
	if (len == 0 || (len == 6 && strncasecmp(s, "linear", 6) == 0)) {
		*linear = true;
		return true;
	}
	if (len == 3 && strncasecmp(s, "end", 3) == 0) {
		memset(out, 0, 12 * sizeof *out);
		out[11] = PHASING_ONE;
		return true;
	}
	size_t start = 0;
	int n = 0;
	int64_t sum = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '/')
			continue;
		if (n == 12) {
			*why = "more than twelve monthly shares";
			*at = start;
			return false;
		}
		if (!share(s + start, i - start, decimal, &out[n], why)) {
			*at = start;
			if (!memchr(s, '/', len))
				*why = "an unknown word";
			return false;
		}
		sum += out[n++];
		start = i + 1;
	}
	if (n != 12) {
		*why = n == 1 ? "not linear, end or twelve monthly shares separated by '/'"
			      : "fewer than twelve monthly shares";
		*at = 0;
		return false;
	}
	if (sum != PHASING_ONE) {
		*why = "the twelve shares do not sum to 1 exactly";
		*at = 0;
		return false;
	}
	return true;
}

int64_t phasing_to_month(const int32_t *shares, int64_t year_cents, int month)
{
	if (month <= 0)
		return 0;
	if (month > 12)
		month = 12;
	/* The cumulative share through month: a fraction num/den. */
	uint64_t num, den;
	if (shares) {
		int64_t cum = 0;
		for (int k = 0; k < month; k++)
			cum += shares[k];
		num = (uint64_t)cum;
		den = (uint64_t)PHASING_ONE;
	} else {
		num = (uint64_t)month;
		den = 12;
	}
	bool neg = year_cents < 0;
	uint64_t mag = neg ? (uint64_t)0 - (uint64_t)year_cents : (uint64_t)year_cents;
	/* mag * num / den, rounded half away from zero; num <= den, so it fits. */
	unsigned __int128 p = (unsigned __int128)mag * num;
	uint64_t to_date = (uint64_t)(p / den);
	if ((p % den) * 2 >= den)
		to_date++;
	return neg ? (int64_t)((uint64_t)0 - to_date) : (int64_t)to_date;
}

static bool is_end(const int32_t *w)
{
	for (int k = 0; k < 11; k++)
		if (w[k])
			return false;
	return w[11] == PHASING_ONE;
}

char *phasing_format(char buf[PHASING_BUF], const int32_t *shares)
{
	if (!shares)
		return strcpy(buf, "linear");
	if (is_end(shares))
		return strcpy(buf, "end");
	size_t o = 0;
	for (int k = 0; k < 12; k++) {
		int32_t v = shares[k];
		o += (size_t)snprintf(buf + o, PHASING_BUF - o, "%s%d", k ? "/" : "", v / PHASING_ONE);
		int32_t frac = v % PHASING_ONE;
		if (frac) {
			char d[8];
			snprintf(d, sizeof d, "%06d", frac);
			size_t n = strlen(d);
			while (n && d[n - 1] == '0')
				d[--n] = '\0';
			o += (size_t)snprintf(buf + o, PHASING_BUF - o, ".%s", d);
		}
	}
	return buf;
}

bool phasing_same(const int32_t *a, const int32_t *b)
{
	if (!a || !b) /* linear is no list of millionths: 1/12 is not one */
		return a == b;
	return memcmp(a, b, 12 * sizeof *a) == 0;
}
