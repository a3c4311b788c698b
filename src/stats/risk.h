/* risk: Monte Carlo over a scenario's plan with GSL. Each measure's realised fraction is
 * drawn from the distribution its status, pillar, unit or id gives (see docs/uncertainty.md),
 * from a stream of its own seeded by (seed, measure id); assumption spreads draw from
 * streams of their own. Amounts are rounded to the cent per draw and summed as int64, so
 * the figures are the same whatever the number of threads; adding or removing a measure
 * leaves every other measure's draws as they were. */
#ifndef FP_RISK_H
#define FP_RISK_H
#include "../model/scenario.h"

#define RISK_QUANTILES 5
extern const double risk_quantile_p[RISK_QUANTILES]; /* 0.05 0.10 0.50 0.90 0.95 */

typedef struct risk_summary {
	double mean;
	double q[RISK_QUANTILES]; /* PERCENTILE.INC over the draws, in euros */
	double probability;       /* of reaching the target; < 0 when there is no target */
	double target;            /* euros, 0 without one */
} risk_summary;

typedef struct tornado_row {
	const char *name; /* measure id, unit code or driver name */
	const char *kind; /* "measure", "unit" or "assumption" */
	double share;     /* of the variance of the target-year structural savings */
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
	size_t iterations;
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

typedef struct risk_opts {
	size_t iterations;
	unsigned threads; /* 0: the number of online processors */
	uint64_t seed;
	bool progress; /* a progress bar on stderr when it is a terminal */
} risk_opts;

/* risk_run: simulate the plan res of spec (cons is its consolidation, for the targets in
 * force). Every draw becomes int64 cents through stats_cents and every sum of draws is
 * exact; a bad distribution, a draw or a sum beyond the limit of money, or a figure of
 * the result that would not convert to cents, is reported to d (at the script line of the
 * rule where there is one) and gives FP_EDATA with out released (iterations 0). GSL's
 * abort-on-error handler is off. */
fp_status risk_run(const model *m, const baseline_totals *bt, const scenario_spec *spec,
		   const scenario_result *res, const consolidation *cons, const risk_opts *o,
		   risk_result *out, diag *d);
void risk_release(risk_result *r);

/* risk_cents: a figure of a risk_result (euros) as cents, for the outputs. risk_run has
 * checked that every figure it hands out converts, and so do a tornado row's high - low and
 * the histogram's bin edges hist_lo + k * hist_width (k = 0 .. RISK_BINS); anything else
 * that does not convert gives 0. */
int64_t risk_cents(double euros);

/* risk_quantile: PERCENTILE.INC of sorted data (n > 0), p in [0, 1]. */
double risk_quantile(const double *sorted, size_t n, double p);

/* dist_resolve: the distribution that applies to ms under u (measure, unit, pillar, status,
 * then the documented default). */
dist_spec dist_resolve(const model *m, const uncertainty_spec *u, const measure *ms);

#endif
