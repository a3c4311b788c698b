/* risk_result: what a Monte Carlo run (stats/risk.h) found, as plain data, so that the
 * writers (export/: the Risico sheet, the CSV files) read it without including stats/:
 * figures in euros as doubles, and the one rule by which such a double becomes cents. No
 * GSL here. */
#ifndef FP_MODEL_RISK_RESULT_H
#define FP_MODEL_RISK_RESULT_H
#include "uncertainty.h"
#include <math.h>

#define RISK_QUANTILES 5
extern const double risk_quantile_p[RISK_QUANTILES]; /* 0.05 0.10 0.50 0.90 0.95 */

typedef struct risk_summary {
	double mean;
	double q[RISK_QUANTILES]; /* PERCENTILE.INC over the draws, in euros */
	double probability;       /* of reaching the target; < 0 when there is no target */
	double target;            /* euros, 0 without one */
	/* Monte Carlo standard errors (docs/uncertainty.md): of probability, sqrt(p (1 - p) /
	 * n) (< 0 without a target); of each quantile, half the width of its order-statistic
	 * interval, in euros. */
	double probability_se;
	double q_se[RISK_QUANTILES];
} risk_summary;

/* The share of a row that has none (an assumption's one-at-a-time swing): ranked last. */
#define TORNADO_NO_SHARE (-INFINITY)

typedef struct tornado_row {
	const char *name; /* measure id, unit code, driver name or shared factor name */
	const char *kind; /* "measure", "unit", "shared" (a freeze's attrition draw), "factor"
			   * (a shared factor moving two or more freezes) or "assumption" */
	double share;     /* of the variance of the target-year structural savings; may be
			   * negative for a factor; TORNADO_NO_SHARE for an assumption */
	double low, high; /* euros: the 10th and 90th percentile swing */
} tornado_row;

typedef struct solve_result {
	solve_spec spec;
	bool found;
	double value;    /* euros (amount) or a rate (procurement cut) */
	double achieved; /* the probability or median reached with value */
	const char *note;
} solve_result;

#define RISK_BINS 20

typedef struct risk_result {
	size_t iterations;  /* drawn: with a precision, at most the cap asked for */
	double precision;   /* the bound asked for (risk_opts), 0 for none */
	unsigned threads;
	uint64_t seed;
	risk_summary *units;  /* per unit: structural savings in the target year */
	risk_summary *result; /* per plan year: the organisation's result */
	tornado_row *tornado;
	size_t ntornado;
	solve_result *solves;
	size_t nsolves;
	double hist_lo, hist_width; /* the root's structural savings, RISK_BINS bins */
	size_t hist[RISK_BINS];
	double ns_per_draw; /* the sampling cost measured */
} risk_result;

/* risk_round_fitting: x (|x| < 2^63) rounded half away from zero, as llround does, without
 * a call (the Monte Carlo rounds every draw): the truncation t is exact below 2^63, and so
 * is x - t, the bits of x below the binary point (0 at and above 2^52, where x is whole). */
static inline int64_t risk_round_fitting(double x)
{
	int64_t t = (int64_t)x;
	double r = x - (double)t;
	return t + (r >= 0.5) - (r <= -0.5);
}

/* risk_round_cents: cents (a double) rounded half away from zero to int64 cents. False, and
 * *out left alone, when cents is NaN, infinite or beyond the range of money (core/money.h:
 * |cents| <= INT64_MAX, INT64_MIN refused). The one place a double becomes cents (the
 * Monte Carlo's draws, a result's figures); inline, as the Monte Carlo calls it for every
 * draw. */
static inline bool risk_round_cents(double cents, int64_t *out)
{
	/* Doubles at and above 2^63 do not fit; every double below it does (the largest is
	 * 2^63 - 1024), and so does its negative, which is above INT64_MIN. The test is
	 * false for NaN too. Only what fits is rounded. */
	if (!(fabs(cents) < 0x1p63))
		return false;
	*out = risk_round_fitting(cents);
	return true;
}

/* risk_cents: a figure of a risk_result (euros) as cents, for the outputs. risk_run has
 * checked that every figure it hands out converts, and so do a tornado row's high - low and
 * the histogram's bin edges hist_lo + k * hist_width (k = 0 .. RISK_BINS); anything else
 * that does not convert gives 0. */
int64_t risk_cents(double euros);

#endif
