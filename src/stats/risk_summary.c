/* risk_summary: what a simulation's draws come to: the result of the organisation from
 * realised savings (the price paths of the scenario in doubles), the summaries per unit
 * and per year, the histogram, the tornado, and the check that every figure handed out
 * converts to cents. Runs in one thread, after the draws. */
#include "risk_int.h"
#include "stats.h"
#include "../core/xalloc.h"
#include <gsl/gsl_histogram.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Price factor of category c over the years for deviations dev (per driver), and the
 * CAO compensation; mirrors scenario.c's price_paths in doubles. */
static void factors(const sim *s, const double *dev, double *f /* ny + 1 */, size_t c,
		    double *comp)
{
	const model *m = s->m;
	bool personnel = category_under_cao(&m->cats[c]); /* hired staff: no CAO */
	f[0] = 1.0;
	*comp = 0;
	for (int y = 1; y <= s->ny; y++) {
		double mult = 1.0;
		for (size_t i = 0; i < s->spec->nlevers; i++) {
			const lever *l = &s->spec->levers[i];
			double rate;
			if (l->kind == LEVER_CAO && personnel)
				rate = (double)l->u.cao.rate_ppm[y - 1] / PPM;
			else if (l->kind == LEVER_INDEX &&
				 (l->u.index.cats.all || l->u.index.cats.member[c]))
				rate = (double)l->u.index.rate_ppm[y - 1] / PPM;
			else
				continue;
			for (size_t k = 0; k < s->u->ndrivers; k++)
				if (s->u->drivers[k].lever == i && s->u->drivers[k].kind != DRIVER_ATTRITION &&
				    rate != 0)
					rate += dev[k];
			mult *= 1 + rate;
		}
		f[y] = f[y - 1] * mult;
	}
	for (size_t i = 0; i < s->spec->nlevers; i++)
		if (s->spec->levers[i].kind == LEVER_CAO && personnel)
			*comp = (double)s->spec->levers[i].u.cao.compensation_ppm / PPM;
}

/* The organisation's result in every plan year from realised savings per category and
 * year (euros). */
void risk_result_of(const sim *s, const double *dev, const double *sav /* nc * ny, cents */,
		    double *out /* ny */)
{
	const model *m = s->m;
	double f[MODEL_MAX_YEARS + 1];
	for (int y = 0; y < s->ny; y++)
		out[y] = 0;
	for (size_t c = 0; c < s->nc; c++) {
		double comp;
		factors(s, dev, f, c, &comp);
		double base = (double)s->bt->by_cat_cents[(size_t)m->root * s->nc + c];
		bool revenue = m->cats[c].kind == KIND_REVENUE;
		for (int y = 0; y < s->ny; y++) {
			double sv = sav[c * (size_t)s->ny + (size_t)y];
			double net = revenue ? base + sv : base - sv;
			double v = net * f[y + 1];
			if (revenue)
				out[y] += v;
			else
				out[y] -= v;
			if (category_under_cao(&m->cats[c]))
				out[y] += (v - net) * comp;
		}
	}
	for (int y = 0; y < s->ny; y++)
		out[y] /= 100.0;
}

static int cmp_tornado(const void *a, const void *b)
{
	const tornado_row *x = a, *y = b;
	if (x->share != y->share)
		return x->share > y->share ? -1 : 1;
	int k = strcmp(x->kind, y->kind);
	return k ? k : strcmp(x->name, y->name);
}

/* The 0-based ranks of the order statistics around the p quantile of n draws whose
 * distance is its standard error times two: x_(j) and x_(k), 1-based j = floor(n p - c)
 * and k = ceil(n p + c) with c = sqrt(n p (1 - p)), clipped to 1 .. n. The number of draws
 * below the quantile is binomial (n, p), with standard deviation c: [x_(j), x_(k)] is the
 * distribution-free interval of about one standard error either side. */
static void se_ranks(size_t n, double p, size_t *j, size_t *k)
{
	double np = (double)n * p, c = sqrt(np * (1 - p));
	double lo = floor(np - c), hi = ceil(np + c);
	lo = lo < 1 ? 1 : lo > (double)n ? (double)n : lo;
	hi = hi < 1 ? 1 : hi > (double)n ? (double)n : hi;
	*j = (size_t)lo - 1;
	*k = (size_t)hi - 1;
}

void risk_summarise(double *draws, size_t n, int64_t target, bool has_target,
		    const int64_t *cents, risk_summary *out)
{
	out->mean = gsl_stats_mean(draws, 1, n);
	size_t ranks[4 * RISK_QUANTILES], nr = 0, j[RISK_QUANTILES], k[RISK_QUANTILES];
	for (int q = 0; q < RISK_QUANTILES; q++) {
		size_t lhs = (size_t)(risk_quantile_p[q] * (double)(n - 1));
		ranks[nr++] = lhs;
		ranks[nr++] = lhs + 1 < n ? lhs + 1 : lhs;
		se_ranks(n, risk_quantile_p[q], &j[q], &k[q]);
		ranks[nr++] = j[q];
		ranks[nr++] = k[q];
	}
	risk_select_ranks(draws, n, ranks, nr);
	for (int q = 0; q < RISK_QUANTILES; q++) {
		out->q[q] = risk_quantile(draws, n, risk_quantile_p[q]);
		out->q_se[q] = (draws[k[q]] - draws[j[q]]) / 2;
	}
	out->target = has_target ? (double)target / 100.0 : 0;
	out->probability = -1;
	out->probability_se = -1;
	if (has_target && cents) {
		size_t hit = 0;
		for (size_t i = 0; i < n; i++)
			hit += cents[i] >= target;
		double p = (double)hit / (double)n;
		out->probability = p;
		out->probability_se = sqrt(p * (1 - p) / (double)n);
	}
}

/* Every figure risk_run hands out, and every difference the outputs show (a tornado row's
 * swing, the histogram's bin edges), converts to cents: risk_cents relies on it. The
 * first that does not is reported; false then. */
bool risk_figures_fit(const sim *s, const risk_result *out, diag *d)
{
	const model *m = s->m;
	const char *file = scenario_file(s->spec);
	int64_t c;
	for (size_t uu = 0; uu < m->nunits; uu++) {
		const risk_summary *rs = &out->units[uu];
		bool ok = stats_euros(rs->target, &c) && (isnan(rs->mean) || stats_euros(rs->mean, &c));
		for (int q = 0; q < RISK_QUANTILES && !isnan(rs->mean); q++)
			ok = ok && stats_euros(rs->q[q], &c);
		if (!ok) {
			diag_error(d, file, 0, 0, "the target, mean or a quantile of the simulated "
						  "structural savings of unit '%s' overflows " LIMIT,
				   m->units[uu].code);
			return false;
		}
	}
	for (int y = 0; y < s->ny; y++) {
		const risk_summary *rs = &out->result[y];
		bool ok = stats_euros(rs->mean, &c);
		for (int q = 0; q < RISK_QUANTILES; q++)
			ok = ok && stats_euros(rs->q[q], &c);
		if (!ok) {
			diag_error(d, file, 0, 0, "the mean or a quantile of the simulated result of "
						  "%d overflows " LIMIT,
				   m->base_year + 1 + y);
			return false;
		}
	}
	for (size_t k = 0; k < out->ntornado; k++) {
		const tornado_row *t = &out->tornado[k];
		if (stats_euros(t->low, &c) && stats_euros(t->high, &c) &&
		    stats_euros(t->high - t->low, &c))
			continue;
		const char *f = file;
		int line = 0;
		for (size_t i = 0; i < s->nm; i++)
			if (strcmp(t->kind, "measure") == 0 && strcmp(s->sm[i].ms->id, t->name) == 0) {
				f = s->sm[i].file;
				line = s->sm[i].line;
			}
		for (size_t i = 0; i < s->u->ndrivers; i++)
			if ((strcmp(t->kind, "assumption") == 0 || strcmp(t->kind, "shared") == 0) &&
			    strcmp(s->u->drivers[i].name, t->name) == 0)
				line = s->spec->levers[s->u->drivers[i].lever].line;
		diag_error(d, f, line, 0, "the low or high of the %s '%s' in the tornado overflows " LIMIT,
			   t->kind, t->name);
		return false;
	}
	for (int bin = 0; bin <= RISK_BINS; bin++)
		if (!stats_euros(out->hist_lo + bin * out->hist_width, &c)) {
			diag_error(d, file, 0, 0, "the histogram of the simulated structural savings "
						  "overflows " LIMIT);
			return false;
		}
	for (size_t k = 0; k < out->nsolves; k++) {
		const solve_result *sr = &out->solves[k];
		if (!sr->found)
			continue;
		if ((sr->spec.lever == SOLVE_AMOUNT && !stats_euros(sr->value, &c)) ||
		    (sr->spec.goal == GOAL_RESULT && !stats_euros(sr->achieved, &c))) {
			diag_error(d, file, sr->spec.line, 0, "the goal seek's answer overflows " LIMIT);
			return false;
		}
	}
	return true;
}

/* One thread's share of the summaries: the units (then the years) from id, every nt-th;
 * each summary depends on its own draws only, so the figures do not depend on nt. */
typedef struct summary_job {
	risk_ctx *rc;
	risk_result *out;
	unsigned id, nt;
	double *tmp; /* n: its own copy of the draws being summarised */
} summary_job;

static void *summary_work(void *arg)
{
	summary_job *j = arg;
	risk_ctx *rc = j->rc;
	const sim *s = &rc->s;
	const model *m = s->m;
	size_t n = rc->n;
	for (size_t uu = j->id; uu < m->nunits; uu += j->nt) {
		risk_summary *rs = &j->out->units[uu];
		rs->probability = -1;
		rs->probability_se = -1;
		if (rc->keep_units != m->nunits && (int32_t)uu != m->root) {
			rs->mean = NAN;
			continue;
		}
		const int64_t *cents = rc->keep_units == m->nunits ? &rc->sdraw[uu * n] : rc->sdraw;
		for (size_t i = 0; i < n; i++)
			j->tmp[i] = (double)cents[i] / 100.0;
		/* The targets in force, overrides included, from the scenario's consolidation. */
		const unit_year *cell = cons_cell(rc->cons, (int32_t)uu, s->ty);
		risk_summarise(j->tmp, n, cell->target_cents, cell->has_target, cents, rs);
	}
	for (size_t y = j->id; y < (size_t)s->ny; y += j->nt) {
		memcpy(j->tmp, &rc->rdraw[y * n], n * sizeof *j->tmp);
		risk_summarise(j->tmp, n, 0, false, NULL, &j->out->result[y]);
	}
	return NULL;
}

/* Summaries per unit (the target year) and per year (the result), over rc->nt threads (a
 * thread that cannot be started: its share is done here). */
static void summarise_draws(risk_ctx *rc, risk_result *out)
{
	const sim *s = &rc->s;
	out->units = xcalloc(s->m->nunits, sizeof *out->units);
	out->result = xcalloc((size_t)s->ny, sizeof *out->result);
	summary_job job[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	bool started[MAX_THREADS] = {false};
	for (unsigned t = 0; t < rc->nt; t++)
		job[t] = (summary_job){rc, out, t, rc->nt, t ? xmalloc(rc->n * sizeof(double))
							       : rc->tmp};
	for (unsigned t = 1; t < rc->nt; t++)
		started[t] = pthread_create(&tid[t], NULL, summary_work, &job[t]) == 0;
	summary_work(&job[0]);
	for (unsigned t = 1; t < rc->nt; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			summary_work(&job[t]);
		free(job[t].tmp);
	}
}

/* Histogram of the organisation's structural savings, whose draws (euros) are left in
 * rc->tmp. */
static void histogram(risk_ctx *rc, risk_result *out)
{
	const model *m = rc->s.m;
	size_t n = rc->n;
	double *tmp = rc->tmp;
	const int64_t *root = rc->keep_units == m->nunits ? &rc->sdraw[(size_t)m->root * n]
							  : rc->sdraw;
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		tmp[i] = (double)root[i] / 100.0;
		lo = fmin(lo, tmp[i]);
		hi = fmax(hi, tmp[i]);
	}
	/* The bins must be wider than the doubles' spacing at these magnitudes, and the top
	 * above the largest draw, or draws fall outside every bin (a fixed fraction on a plan
	 * of EUR 6e16: every draw equal, bins of 5 cents where doubles are 8 euros apart). */
	double mag = fmax(fabs(lo), fabs(hi));
	if (!(hi > lo))
		hi = lo + fmax(1.0, mag * 1e-12);
	else if (hi - lo < mag * 1e-12)
		hi = lo + mag * 1e-12;
	double top = hi + (hi - lo) * 1e-9, width = (hi - lo) * (1 + 1e-9) / RISK_BINS;
	if (!(top > hi)) {
		top = nextafter(hi, INFINITY);
		width = (top - lo) / RISK_BINS;
	}
	gsl_histogram *h = gsl_histogram_alloc(RISK_BINS);
	gsl_histogram_set_ranges_uniform(h, lo, top);
	for (size_t i = 0; i < n; i++)
		gsl_histogram_increment(h, tmp[i]);
	out->hist_lo = lo;
	out->hist_width = width;
	for (size_t bin = 0; bin < RISK_BINS; bin++)
		out->hist[bin] = (size_t)gsl_histogram_get(h, bin);
	gsl_histogram_free(h);
}

void risk_summaries(risk_ctx *rc, risk_result *out)
{
	summarise_draws(rc, out);
	histogram(rc, out);
}

/* Tornado rows of the measures (their variance against the total's var_total: the draws
 * are independent) and of the divisions and directorates (their measures together). A
 * measure of a freeze with an attrition spread counts only what its own draws add to the
 * freeze's shared draw (sim_measure.rsum): the shared draw has a row of its own
 * (tornado_shared), so that no variance is counted twice or left out. */
static size_t tornado_measures(risk_ctx *rc, const risk_result *out, double var_total,
			       tornado_row *tr)
{
	const sim *s = &rc->s;
	const model *m = s->m;
	size_t n = rc->n, nt_rows = 0;
	double *unit_var = xcalloc(m->nunits, sizeof *unit_var);
	for (size_t k = 0; k < s->nm; k++) {
		const sim_measure *x = &s->sm[k];
		bool shared = x->driver >= 0 && x->ms->nature == NATURE_STRUCTURAL;
		double sum = shared ? x->rsum : x->sum, sumsq = shared ? x->rsumsq : x->sumsq;
		double mean = sum / (double)n;
		double var = n > 1 ? (sumsq - sum * mean) / (double)(n - 1) : 0;
		if (var < 0)
			var = 0;
		var /= 10000.0; /* cents^2 to euros^2 */
		for (int32_t a = x->ms->unit; a >= 0; a = m->units[a].parent)
			unit_var[a] += var;
		if (var <= 0 || x->ms->nature != NATURE_STRUCTURAL)
			continue;
		double amount = (double)x->ms->amounts[s->ty] / 100.0;
		tr[nt_rows++] = (tornado_row){x->ms->id, "measure",
					      var_total > 0 ? var / var_total : 0,
					      amount * risk_dist_quantile(&x->s, &x->d, 0.1),
					      amount * risk_dist_quantile(&x->s, &x->d, 0.9)};
	}
	for (size_t uu = 0; uu < m->nunits; uu++) {
		unit_type t = m->units[uu].type;
		if ((t != UNIT_DIVISION && t != UNIT_DIRECTORATE) || unit_var[uu] <= 0)
			continue;
		tr[nt_rows++] = (tornado_row){m->units[uu].code, "unit",
					      var_total > 0 ? unit_var[uu] / var_total : 0,
					      out->units[uu].q[1], out->units[uu].q[3]};
	}
	free(unit_var);
	return nt_rows;
}

/* The expected target-year structural saving (euros) of the measures of attrition driver
 * k in iteration i, given its draw: M_k * g_k(i), M_k their expected saving at scale 1. */
static double shared_saving(const risk_ctx *rc, size_t k, double M, size_t i)
{
	const sim *s = &rc->s;
	const lever *l = &s->spec->levers[s->u->drivers[k].lever];
	double a = (double)l->u.freeze.attrition_ppm / PPM;
	return M / 100.0 * attrition_scale(a, rc->dev_all[k * rc->n + i]);
}

static double sample_variance(const double *x, size_t n)
{
	return n > 1 ? gsl_stats_variance(x, 1, n) : 0;
}

/* Tornado rows of the shared draws (docs/uncertainty.md, tornado.csv). Given the shared
 * draws, the measures are independent and a freeze's measures save g * m on average, so
 * the variance of the total is the measures' own parts (tornado_measures) plus the
 * variance of the freezes' expected savings T_k = M_k * g_k together. That variance is
 * split into one row per freeze (kind "shared": the variance of its T_k, P10 and P90 of
 * T_k) and one per shared factor that moves two or more freezes (kind "factor": what moving
 * them together adds, the covariances of their T_k, which is negative when their loadings
 * have opposite signs; P10 and P90 of their T_k summed). Freezes on no common factor are
 * independent: their covariance is sampling noise and left out. */
static size_t tornado_shared(risk_ctx *rc, double var_total, tornado_row *tr)
{
	const sim *s = &rc->s;
	const uncertainty_spec *u = s->u;
	size_t n = rc->n, rows = 0, nd = rc->nd;
	const double p10_p90[2] = {0.1, 0.9};
	double *M = xcalloc(nd ? nd : 1, sizeof *M), *var = xcalloc(nd ? nd : 1, sizeof *var);
	double *t = xmalloc(n * sizeof *t);
	for (size_t k = 0; k < s->nm; k++)
		if (s->sm[k].driver >= 0 && s->sm[k].ms->nature == NATURE_STRUCTURAL)
			M[s->sm[k].driver] += s->sm[k].m_ty;
	for (size_t k = 0; k < nd; k++) {
		if (u->drivers[k].kind != DRIVER_ATTRITION || M[k] == 0)
			continue;
		for (size_t i = 0; i < n; i++)
			t[i] = shared_saving(rc, k, M[k], i);
		var[k] = sample_variance(t, n);
		if (var[k] <= 0)
			continue;
		double q[2];
		risk_quantiles(t, n, p10_p90, 2, q);
		tr[rows++] = (tornado_row){u->drivers[k].name, "shared",
					   var_total > 0 ? var[k] / var_total : 0, q[0], q[1]};
	}
	for (size_t j = 0; j < rc->nf; j++) {
		size_t members = 0;
		double own = 0;
		for (size_t i = 0; i < n; i++)
			t[i] = 0;
		for (size_t k = 0; k < nd; k++) {
			const driver_spec *dr = &u->drivers[k];
			if (dr->kind != DRIVER_ATTRITION || M[k] == 0 || !dr->factor ||
			    strcmp(dr->factor, rc->fnames[j]) != 0)
				continue;
			members++;
			own += var[k];
			for (size_t i = 0; i < n; i++)
				t[i] += shared_saving(rc, k, M[k], i);
		}
		if (members < 2)
			continue;
		double cov = sample_variance(t, n) - own;
		double q[2];
		risk_quantiles(t, n, p10_p90, 2, q);
		tr[rows++] = (tornado_row){rc->fnames[j], "factor", var_total > 0 ? cov / var_total : 0,
					   q[0], q[1]};
	}
	free(t);
	free(var);
	free(M);
	return rows;
}

/* The target-year result with driver k at its p quantile, the other drivers at 0 and
 * every measure at its mean realisation (sav: their savings, nc * ny cents). */
static double swing(risk_ctx *rc, size_t k, double p, const double *sav, double *sav2)
{
	const sim *s = &rc->s;
	const uncertainty_spec *u = s->u;
	double r[MODEL_MAX_YEARS];
	memset(rc->dev, 0, rc->nd * sizeof *rc->dev);
	double dq = risk_dist_quantile(&rc->ds[k].s, &u->drivers[k].deviation, p);
	memcpy(sav2, sav, s->nc * (size_t)s->ny * sizeof *sav2);
	if (u->drivers[k].kind == DRIVER_ATTRITION) {
		/* The freeze's savings scale with (a + d) / a, like the draws. */
		const lever *l = &s->spec->levers[u->drivers[k].lever];
		double scale = attrition_scale((double)l->u.freeze.attrition_ppm / PPM, dq);
		for (size_t mi = 0; mi < s->nm; mi++) {
			if (s->sm[mi].driver != (int)k)
				continue;
			const measure *ms = s->sm[mi].ms;
			double f = dist_mean(&s->sm[mi].d);
			for (int y = 0; y < s->ny; y++)
				sav2[(size_t)ms->category * (size_t)s->ny + (size_t)y] +=
					(double)ms->amounts[y] * f * (scale - 1);
		}
	} else {
		rc->dev[k] = dq;
	}
	risk_result_of(s, rc->dev, sav2, r);
	return r[s->ty];
}

/* Tornado rows of the assumptions: one-at-a-time swings of each driver, between its 10th
 * and 90th percentile, on the result in the target year. */
static size_t tornado_assumptions(risk_ctx *rc, tornado_row *tr)
{
	const sim *s = &rc->s;
	size_t ncy = s->nc * (size_t)s->ny;
	double *sav = rc->sav, *sav2 = xmalloc(ncy * sizeof *sav2);
	for (size_t c = 0; c < ncy; c++)
		sav[c] = 0;
	for (size_t k = 0; k < s->nm; k++) {
		const measure *ms = s->sm[k].ms;
		double f = dist_mean(&s->sm[k].d);
		for (int y = 0; y < s->ny; y++)
			sav[(size_t)ms->category * (size_t)s->ny + (size_t)y] +=
				(double)ms->amounts[y] * f;
	}
	size_t nt_rows = 0;
	for (size_t k = 0; k < rc->nd; k++) {
		double lo = swing(rc, k, 0.1, sav, sav2), hi = swing(rc, k, 0.9, sav, sav2);
		tr[nt_rows++] = (tornado_row){s->u->drivers[k].name, "assumption", TORNADO_NO_SHARE,
					      lo, hi};
	}
	free(sav2);
	return nt_rows;
}

void risk_tornado(risk_ctx *rc, risk_result *out)
{
	const sim *s = &rc->s;
	double var_total = gsl_stats_variance(rc->tmp, 1, rc->n);
	tornado_row *tr = xcalloc(s->nm + s->m->nunits + 2 * rc->nd + rc->nf + 1, sizeof *tr);
	size_t nt_rows = tornado_measures(rc, out, var_total, tr);
	nt_rows += tornado_shared(rc, var_total, tr + nt_rows);
	nt_rows += tornado_assumptions(rc, tr + nt_rows);
	qsort(tr, nt_rows, sizeof *tr, cmp_tornado);
	out->tornado = tr;
	out->ntornado = nt_rows;
}
