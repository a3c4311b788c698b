/* stats: the statistics of fitplan, on the GNU Scientific Library (the only place that
 * includes GSL headers). Floating point is used here and nowhere else; every double that
 * becomes money goes through stats_cents, so nothing out of range is ever rounded. */
#ifndef FP_STATS_H
#define FP_STATS_H
#include <math.h>
#include <stdbool.h>
#include <stdint.h>

/* stats_gsl_version: the GSL library's version ("2.7.1"), for the run record. */
const char *stats_gsl_version(void);

/* stats_cents: cents (a double) rounded half away from zero to int64 cents. False, and
 * *out left alone, when cents is NaN, infinite or beyond the range of money (core/money.h:
 * |cents| <= INT64_MAX, INT64_MIN refused). The one place a double becomes cents; inline,
 * as the Monte Carlo calls it for every draw. */
static inline bool stats_cents(double cents, int64_t *out)
{
	/* Doubles at and above 2^63 do not fit; every double below it does (the largest is
	 * 2^63 - 1024), and so does its negative, which is above INT64_MIN. The test is
	 * false for NaN too. llround is only called on what fits. */
	if (!(fabs(cents) < 0x1p63))
		return false;
	*out = (int64_t)llround(cents);
	return true;
}

/* stats_euros: the same for an amount in euros (euros * 100 rounded to the cent). */
bool stats_euros(double euros, int64_t *out);

#endif
