/* solve: the goal seek of solve{} (model/uncertainty.h): the amount, or the extra
 * procurement cut, that makes the plan reach its target with a given probability or
 * brings the median result to zero, found with GSL's Brent solver over the draws. */
#include "risk_int.h"
#include "../core/xalloc.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>

typedef struct solve_ctx {
	const double *base;  /* per iteration: structural or result, euros */
	const double *extra; /* per iteration: what one unit of the lever adds, euros */
	size_t n;
	double q;      /* the quantile to reach */
	double target; /* what it must reach */
	double *work;
} solve_ctx;

static double solve_fn(double x, void *p)
{
	solve_ctx *c = p;
	for (size_t i = 0; i < c->n; i++)
		c->work[i] = c->base[i] + x * c->extra[i];
	double q;
	risk_quantiles(c->work, c->n, &c->q, 1, &q);
	return q - c->target;
}

static bool brent(solve_ctx *c, double lo, double hi, double *root)
{
	gsl_function F = {solve_fn, c};
	double flo = solve_fn(lo, c), fhi = solve_fn(hi, c);
	if (flo >= 0) {
		*root = lo;
		return true;
	}
	if (fhi < 0)
		return false;
	gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
	if (!s || gsl_root_fsolver_set(s, &F, lo, hi) != GSL_SUCCESS) {
		if (s)
			gsl_root_fsolver_free(s);
		return false;
	}
	int status = GSL_CONTINUE;
	for (int it = 0; it < 200 && status == GSL_CONTINUE; it++) {
		if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
			break;
		double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
		status = gsl_root_test_interval(a, b, 0, 1e-9);
	}
	*root = gsl_root_fsolver_root(s);
	gsl_root_fsolver_free(s);
	/* Round up to the cent (amounts) or the 1e-6 (rates) that reaches the goal. */
	return status == GSL_SUCCESS;
}

void risk_solve_all(const sim *s, const scenario_spec *spec, const double *root_s,
		    const double *result_ty, size_t n, uint64_t seed, risk_result *out)
{
	const uncertainty_spec *u = &spec->uncertainty;
	const model *m = s->m;
	out->nsolves = u->nsolves;
	out->solves = xcalloc(u->nsolves ? u->nsolves : 1, sizeof *out->solves);
	double *ones = xmalloc(n * sizeof *ones), *cut = xmalloc(n * sizeof *cut);
	double *work = xmalloc(n * sizeof *work);
	double proc = (double)s->bt->by_kind_cents[(size_t)m->root * KIND_COUNT + KIND_PROCUREMENT] /
		      100.0;
	/* The extra cut is a planned measure: its realisation is drawn like one. */
	dist_spec dd = risk_default_dist(STATUS_PLANNED);
	if (u->by_status[STATUS_PLANNED].kind != DIST_NONE)
		dd = u->by_status[STATUS_PLANNED];
	sampler sa = risk_make_sampler(&dd);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(r, risk_stream_seed(seed, "solve", "procurement_cut"));
	for (size_t i = 0; i < n; i++) {
		ones[i] = 1.0;
		cut[i] = proc * risk_draw(&sa, &dd, r);
	}
	gsl_rng_free(r);
	const unit_year *rc = NULL;
	for (size_t k = 0; k < u->nsolves; k++) {
		solve_result *sr = &out->solves[k];
		sr->spec = u->solves[k];
		bool target = sr->spec.goal == GOAL_TARGET;
		rc = target ? NULL : rc;
		solve_ctx c = {target ? root_s : result_ty,
			       sr->spec.lever == SOLVE_AMOUNT ? ones : cut, n,
			       target ? 1 - sr->spec.probability : 0.5, 0, work};
		if (target) {
			double t = out->units[m->root].target;
			c.target = t;
		}
		double lo = 0, hi;
		if (sr->spec.lever == SOLVE_AMOUNT) {
			hi = 1e4;
			while (hi < 1e13 && solve_fn(hi, &c) < 0)
				hi *= 10;
		} else {
			hi = 1.0;
		}
		double x;
		sr->found = brent(&c, lo, hi, &x);
		if (!sr->found) {
			sr->note = "not reachable with this lever";
			continue;
		}
		if (sr->spec.lever == SOLVE_AMOUNT)
			x = ceil(x * 100 - 1e-6) / 100; /* whole cents, at least enough */
		else
			x = ceil(x * 1e6 - 1e-6) / 1e6;
		sr->value = x == 0 ? 0 : x; /* no negative zero */
		/* Check by evaluating again with the rounded value. */
		for (size_t i = 0; i < n; i++)
			work[i] = c.base[i] + x * c.extra[i];
		if (target) {
			size_t hit = 0;
			for (size_t i = 0; i < n; i++)
				hit += work[i] >= c.target - 0.005;
			sr->achieved = (double)hit / (double)n;
		} else {
			const double half = 0.5;
			risk_quantiles(work, n, &half, 1, &sr->achieved);
		}
	}
	free(ones);
	free(cut);
	free(work);
}
