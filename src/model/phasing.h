/* phasing: how a measure's saving in a year is spread over the months of that year, and
 * its plan to date (docs/formats.md, measures, "Phasing"): linear (the default), all
 * at year end, or twelve monthly shares; in int64 cents, the cumulative amount rounded, so
 * that the months of a year add up to the year's amount exactly. */
#ifndef FP_PHASING_H
#define FP_PHASING_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A share is fixed point with PHASING_DECIMALS decimals: the twelve shares of a measure
 * sum to PHASING_ONE exactly. */
#define PHASING_DECIMALS 6
#define PHASING_ONE INT32_C(1000000)

/* phasing_parse: the phasing column's text s[0..len): empty or "linear", "end" (ASCII case
 * ignored), or twelve shares separated by '/' with at most six decimals each ("0.25", "1",
 * "0"; the decimal point '.' or the model's decimal, "0,25"), summing to 1 exactly. On success true, with out[12] the shares in millionths, or *linear set when the
 * text means linear (out is then left alone). On failure false with why set to a message (static text) and *at to the
 * byte offset in s where the fault is. */
bool phasing_parse(const char *s, size_t len, char decimal, int32_t out[12], bool *linear,
		   const char **why, size_t *at);

/* PHASING_BUF: enough for phasing_format's longest text (twelve "0.999999" and slashes). */
#define PHASING_BUF 112

/* phasing_format: shares (or NULL) as the phasing column writes them: "linear", "end", or
 * the twelve shares without trailing zeros ("0/0/0.25/..."). Returns buf. */
char *phasing_format(char buf[PHASING_BUF], const int32_t *shares);

/* phasing_same: the two phasings spread every amount alike. */
bool phasing_same(const int32_t *a, const int32_t *b);

/* phasing_to_month: the plan to date through month `month` (0 to 12; 0 is nothing, 12 the
 * whole year) of year_cents phased by shares (12 millionths summing to PHASING_ONE, or NULL
 * for linear: twelve equal shares): the year's amount times the cumulative share through
 * that month, rounded to the cent, half a cent away from zero. Rounding the cumulative
 * amount (not each month's) gives the plan to date a controller works out by hand (half of
 * 5,000.50 is 2,500.25 at the end of June), and month 12 is year_cents exactly; a month's
 * own amount is the difference of two of these. Never overflows. */
int64_t phasing_to_month(const int32_t *shares, int64_t year_cents, int month);

#endif
