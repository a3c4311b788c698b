/* test_sampler: the fast draws of the Monte Carlo (stats/risk_int.h) against GSL, at fixed
 * seeds so that no test can flake, each with a bound it would fail if the method were wrong:
 *  - taus_next gives the numbers of GSL's taus2 (gsl_rng_get) from the same state;
 *  - risk_round_fitting rounds as llround does, ties and the edges of doubles included;
 *  - a quantile table's nodes are GSL's inverse CDF; its draws pass a one-sample
 *    Kolmogorov-Smirnov test against GSL's CDF and a two-sample one against gsl_ran_beta's
 *    draws, their mean is within 4 standard errors, and (the test's power) a table of
 *    another distribution fails the same test;
 *  - risk_quantiles by selection gives, bit for bit, PERCENTILE.INC of the sorted data;
 *  - the standard errors of the quantiles and of the probability against figures computed
 *    by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "stats/risk_int.h"
#include "core/xalloc.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void taus_matches_gsl(void **state)
{
	(void)state;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	assert_int_equal(gsl_rng_size(r), sizeof(taus_state));
	const unsigned long seeds[] = {1, 2, 20240101, 4294967295UL, 123456789};
	for (size_t s = 0; s < sizeof seeds / sizeof *seeds; s++) {
		gsl_rng_set(r, seeds[s]);
		taus_state t;
		memcpy(&t, gsl_rng_state(r), sizeof t);
		for (int i = 0; i < 100000; i++)
			assert_int_equal(taus_next(&t), gsl_rng_get(r));
	}
	gsl_rng_free(r);
}

static void round_matches_llround(void **state)
{
	(void)state;
	const double edge[] = {0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994,
			       -0.49999999999999994, 4503599627370495.5, -4503599627370495.5,
			       4503599627370496.0, 9007199254740993.0, 0x1p62, -0x1p62,
			       9223372036854774784.0, -9223372036854774784.0, 1e-300, 123456.5};
	for (size_t i = 0; i < sizeof edge / sizeof *edge; i++)
		assert_int_equal(risk_round_fitting(edge[i]), llround(edge[i]));
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(r, 7);
	for (int i = 0; i < 1000000; i++) {
		/* every scale up to 2^62, both signs, and halves */
		double x = ldexp(gsl_rng_uniform(r), (int)gsl_rng_uniform_int(r, 63));
		if (i % 3 == 0)
			x = floor(x) + 0.5;
		if (i % 2)
			x = -x;
		assert_int_equal(risk_round_fitting(x), llround(x));
	}
	gsl_rng_free(r);
}

/* The Kolmogorov-Smirnov distance of x (n, sorted) from the beta (a, b) on [lo, lo + w]. */
static double ks_one(const double *x, size_t n, double a, double b, double lo, double w)
{
	double d = 0;
	for (size_t i = 0; i < n; i++) {
		double f = gsl_cdf_beta_P((x[i] - lo) / w, a, b);
		d = fmax(d, fmax(fabs(f - (double)i / (double)n), fabs((double)(i + 1) / (double)n - f)));
	}
	return d;
}

/* The two-sample Kolmogorov-Smirnov distance of x and y (n each, sorted). */
static double ks_two(const double *x, const double *y, size_t n)
{
	size_t i = 0, j = 0;
	double d = 0;
	while (i < n && j < n) {
		double v = fmin(x[i], y[j]);
		while (i < n && x[i] <= v)
			i++;
		while (j < n && y[j] <= v)
			j++;
		d = fmax(d, fabs((double)i - (double)j) / (double)n);
	}
	return d;
}

#define N 200000
/* 1.95 / sqrt(N) and 1.95 sqrt(2 / N): the critical distances at a level of 0.001; the
 * table's own error (at most 1 / QTAB_CELLS) is added to the one-sample bound. */
#define KS1 (1.95 / sqrt((double)N) + 1.0 / QTAB_CELLS)
#define KS2 (1.95 * sqrt(2.0 / (double)N))

/* Draws of d from its table and from GSL's sampler, each at its own fixed seed. */
static void table_and_gsl(const dist_spec *d, double *q, double *x, double *y)
{
	sampler s = risk_make_sampler(d);
	if (!risk_qtab_build(&s, d, q))
		fail_msg("no table for kind %d (%g, %g, %g)", d->kind, d->p1, d->p2, d->p3);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(r, 20240101);
	taus_state t;
	memcpy(&t, gsl_rng_state(r), sizeof t);
	for (size_t i = 0; i < N; i++)
		x[i] = qtab_draw(q, taus_next(&t));
	gsl_rng_set(r, 99);
	for (size_t i = 0; i < N; i++)
		y[i] = risk_draw(&s, d, r);
	gsl_rng_free(r);
	gsl_sort(x, 1, N);
	gsl_sort(y, 1, N);
}

static void table_against_gsl(void **state)
{
	(void)state;
	const dist_spec ds[] = {
		{DIST_BETA, 0.9, 0.1, 0, 0},    /* decided: alpha 7.2, beta 0.8 */
		{DIST_BETA, 0.7, 0.15, 0, 0},   /* planned */
		{DIST_BETA, 0.4, 0.2, 0, 0},    /* idea */
		{DIST_BETA, 0.5, 0.4, 0, 0},    /* alpha, beta < 1: U-shaped */
		{DIST_BETA, 0.02, 0.01, 0, 0},  /* a thin left tail */
		{DIST_PERT, 0.5, 0.9, 1.0, 0},
		{DIST_PERT, -1, 0, 3, 0},
	};
	double *q = xmalloc(QTAB_NODES * sizeof *q);
	double *x = xmalloc(N * sizeof *x), *y = xmalloc(N * sizeof *y);
	for (size_t k = 0; k < sizeof ds / sizeof *ds; k++) {
		const dist_spec *d = &ds[k];
		sampler s = risk_make_sampler(d);
		double lo = d->kind == DIST_PERT ? d->p1 : 0, w = d->kind == DIST_PERT ? d->p3 - d->p1 : 1;
		table_and_gsl(d, q, x, y);
		for (unsigned j = 1; j < QTAB_CELLS; j += 97)
			assert_true(fabs(gsl_cdf_beta_P((q[j] - lo) / w, s.a, s.b) -
					 (double)j / QTAB_CELLS) < 1e-9);
		double d1 = ks_one(x, N, s.a, s.b, lo, w), d2 = ks_two(x, y, N);
		double mean = 0, var = 0;
		for (size_t i = 0; i < N; i++)
			mean += x[i];
		mean /= N;
		for (size_t i = 0; i < N; i++)
			var += (x[i] - mean) * (x[i] - mean);
		double se = sqrt(var / (N - 1) / N), exact = dist_mean(d);
		if (d1 > KS1 || d2 > KS2 || fabs(mean - exact) > 4 * se)
			fail_msg("distribution %zu: KS %g (bound %g), two-sample KS %g (bound %g), mean "
				 "%.6f against %.6f (4 se %.6f)",
				 k, d1, KS1, d2, KS2, mean, exact, 4 * se);
		/* power: the table of beta(beta, alpha) is told apart from beta(alpha, beta) */
		if (d->kind == DIST_BETA && fabs(s.a - s.b) > 0.5)
			assert_true(ks_one(x, N, s.b, s.a, 0, 1) > 10 * KS1);
	}
	free(q);
	free(x);
	free(y);
}

/* A table's draw lies between the nodes around its u, and the ends are the support's. */
static void table_cells(void **state)
{
	(void)state;
	dist_spec d = {DIST_BETA, 0.7, 0.15, 0, 0};
	sampler s = risk_make_sampler(&d);
	double *q = xmalloc(QTAB_NODES * sizeof *q);
	assert_true(risk_qtab_build(&s, &d, q));
	assert_true(q[0] == 0 && q[QTAB_CELLS] == 1);
	assert_true(qtab_draw(q, 0) == 0);
	assert_true(qtab_draw(q, 1u << (32 - QTAB_BITS)) == q[1]);
	uint32_t top = 0xffffffffu;
	assert_true(qtab_draw(q, top) < 1 && qtab_draw(q, top) > q[QTAB_CELLS - 1]);
	/* a kind without a table */
	dist_spec nd = {DIST_NORMAL, 0.5, 0.1, 0, 0};
	sampler ns = risk_make_sampler(&nd);
	assert_false(risk_qtab_build(&ns, &nd, q));
	free(q);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void quantiles_by_selection(void **state)
{
	(void)state;
	const double p[] = {0, 0.05, 0.1, 0.1, 0.5, 0.9, 0.95, 1};
	size_t np = sizeof p / sizeof *p;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(r, 3);
	const size_t sizes[] = {1, 2, 3, 4, 5, 7, 10, 31, 100, 1000, 10000, 10001};
	for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
		for (int kind = 0; kind < 4; kind++) {
			size_t n = sizes[si];
			double *a = xmalloc(n * sizeof *a), *b = xmalloc(n * sizeof *b);
			for (size_t i = 0; i < n; i++) {
				/* spread, few distinct values (ties), sorted, reversed */
				a[i] = kind == 0 ? gsl_rng_uniform(r) * 1e6
				     : kind == 1 ? (double)gsl_rng_uniform_int(r, 3)
				     : kind == 2 ? (double)i : -(double)i;
				b[i] = a[i];
			}
			qsort(b, n, sizeof *b, cmp_double);
			double got[8];
			risk_quantiles(a, n, p, np, got);
			for (size_t k = 0; k < np; k++)
				if (got[k] != risk_quantile(b, n, p[k]))
					fail_msg("n %zu kind %d p %g: %.17g against %.17g", n, kind, p[k],
						 got[k], risk_quantile(b, n, p[k]));
			free(a);
			free(b);
		}
	}
	gsl_rng_free(r);
}

/* The standard errors against figures computed by hand: the draws 1 .. 100 (shuffled),
 * c = sqrt(100 p (1 - p)): p 0.5, c 5, x_(45) and x_(55), se 5; p 0.1 and 0.9, c 3,
 * x_(7) x_(13) and x_(87) x_(93), se 3; p 0.05 and 0.95, c 2.18, x_(2) x_(8) and x_(92)
 * x_(98), se 3. 10 of the 100 reach a target of 90.5: p 0.1, se sqrt(0.09 / 100) = 0.03. */
static void standard_errors(void **state)
{
	(void)state;
	double x[100];
	int64_t cents[100];
	for (int i = 0; i < 100; i++) {
		x[i] = (double)((i * 37) % 100 + 1);
		cents[i] = (int64_t)x[i] * 100;
	}
	risk_summary rs;
	risk_summarise(x, 100, 9050, true, cents, &rs);
	const double want[RISK_QUANTILES] = {3, 3, 5, 3, 3};
	for (int q = 0; q < RISK_QUANTILES; q++)
		if (rs.q_se[q] != want[q])
			fail_msg("se of quantile %d: %g, not %g", q, rs.q_se[q], want[q]);
	assert_true(rs.q[2] == 50.5);
	assert_true(rs.probability == 0.1);
	assert_true(fabs(rs.probability_se - 0.03) < 1e-15);
	risk_summarise(x, 100, 0, false, NULL, &rs);
	assert_true(rs.probability < 0 && rs.probability_se < 0);
	/* one draw: every rank is the one draw, no spread */
	double one = 7;
	risk_summarise(&one, 1, 0, false, NULL, &rs);
	assert_true(rs.q_se[2] == 0 && rs.q[2] == 7);
}

int main(void)
{
	gsl_set_error_handler_off(); /* as risk_run: a failed inverse is a NaN node */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(taus_matches_gsl),
		cmocka_unit_test(round_matches_llround),
		cmocka_unit_test(table_against_gsl),
		cmocka_unit_test(table_cells),
		cmocka_unit_test(quantiles_by_selection),
		cmocka_unit_test(standard_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
