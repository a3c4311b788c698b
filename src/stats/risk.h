/* risk: Monte Carlo over a scenario's plan with GSL. Each measure's realised fraction is
 * drawn from the distribution its status, pillar, unit or id gives (see docs/uncertainty.md),
 * from a stream of its own seeded by (seed, measure id); assumption spreads draw from
 * streams of their own. Amounts are rounded to the cent per draw and summed as int64, so
 * the figures are the same whatever the number of threads; adding or removing a measure
 * leaves every other measure's draws as they were. */
#ifndef FP_RISK_H
#define FP_RISK_H
#include "../model/risk_result.h"
#include "../model/scenario.h"

typedef struct risk_opts {
	size_t iterations;
	unsigned threads; /* 0: the number of online processors */
	uint64_t seed;
	bool progress; /* a progress bar on stderr when it is a terminal */
	/* > 0: stop after the first block of iterations (BLOCK, risk_int.h) after which the
	 * standard error of the organisation's P(target), sqrt(p (1 - p) / n), is at most
	 * this; iterations is then the cap. The figures are those of a run with --iterations
	 * set to the draws used (a larger N extends the sample). */
	double precision;
	/* Optional: every draw's target-year structural savings of unit keep_unit (its
	 * subtree), cents, copied into keep_cents[0..iterations drawn); NULL: none. Only the
	 * root's when the units' draws are not kept (risk.c, alloc_draws): then keep_unit must
	 * be the root. For comparing draws (tests/unit/test_optim.c). */
	int64_t *keep_cents;
	int32_t keep_unit;
} risk_opts;

/* risk_run: simulate the plan res of spec (cons is its consolidation, for the targets in
 * force). Every draw becomes int64 cents through risk_round_cents and every sum of draws is
 * exact; a bad distribution, a draw or a sum beyond the limit of money, or a figure of
 * the result that would not convert to cents, is reported to d (at the script line of the
 * rule where there is one) and gives FP_EDATA with out released (iterations 0). GSL's
 * abort-on-error handler is off. */
fp_status risk_run(const model *m, const baseline_totals *bt, const scenario_spec *spec,
		   const scenario_result *res, const consolidation *cons, const risk_opts *o,
		   risk_result *out, diag *d);
void risk_release(risk_result *r);

/* risk_quantile: PERCENTILE.INC of sorted data (n > 0), p in [0, 1]. */
double risk_quantile(const double *sorted, size_t n, double p);

/* risk_quantiles: the PERCENTILE.INC quantiles at p[0..np) (increasing, in [0, 1]) of
 * x[0..n) (n > 0) into out, the same figures as risk_quantile on x sorted; x is reordered
 * (by selection, not sorted). */
void risk_quantiles(double *x, size_t n, const double *p, size_t np, double *out);

/* risk_select_ranks: reorder x[0..n) so that for every r of ranks[0..nr) (any order, each
 * below n) x[r] holds what a sort would put there: selection, not a sort. */
void risk_select_ranks(double *x, size_t n, const size_t *ranks, size_t nr);

/* dist_resolve: the distribution that applies to ms under u (measure, unit, pillar, status,
 * then the documented default). */
dist_spec dist_resolve(const model *m, const uncertainty_spec *u, const measure *ms);

#endif
