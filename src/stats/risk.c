/* risk: see risk.h. risk_run sets a simulation up (each measure's distribution and
 * generator state, the assumption drivers' deviations for every iteration), hands it to
 * risk_draw.c for the draws and to risk_summary.c and solve.c for what they come to, and
 * owns everything on the way (risk_ctx, risk_int.h). */
#include "risk_int.h"
#include "../core/xalloc.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

double risk_quantile(const double *sorted, size_t n, double p)
{
	/* GSL's definition is Excel's PERCENTILE.INC: (n - 1) p, linear in between. */
	return gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

/* Reorder x[lo..hi] so that x[k] holds what a sort would put there, what is before it is
 * no larger and what is after it no smaller: quickselect on the median of three, with a
 * full sort of what is left when it has not converged in 2 log2(n) rounds. */
static void select_kth(double *x, ptrdiff_t lo, ptrdiff_t hi, ptrdiff_t k)
{
	int depth = 2;
	for (ptrdiff_t m = hi - lo + 1; m > 1; m >>= 1)
		depth += 2;
	while (hi > lo) {
		if (depth-- == 0) {
			gsl_sort(x + lo, 1, (size_t)(hi - lo + 1));
			return;
		}
		ptrdiff_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
		double t;
#define SWAP(a, b) (t = x[a], x[a] = x[b], x[b] = t)
		if (x[mid] < x[lo])
			SWAP(mid, lo);
		if (x[hi] < x[lo])
			SWAP(hi, lo);
		if (x[hi] < x[mid])
			SWAP(hi, mid);
		double p = x[mid];
		while (i <= j) {
			while (x[i] < p)
				i++;
			while (x[j] > p)
				j--;
			if (i <= j) {
				SWAP(i, j);
				i++;
				j--;
			}
		}
#undef SWAP
		/* now x[lo..j] <= p <= x[i..hi], and whatever lies between equals p */
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

void risk_select_ranks(double *x, size_t n, const size_t *ranks, size_t nr)
{
	/* in increasing order, each once: what lies from one rank on is then the order
	 * statistics from it on, and the next is selected there */
	size_t *r = xmalloc((nr ? nr : 1) * sizeof *r), m = 0;
	for (size_t i = 0; i < nr; i++) {
		size_t v = ranks[i], at = m;
		while (at > 0 && r[at - 1] > v)
			at--;
		if (at > 0 && r[at - 1] == v)
			continue;
		memmove(r + at + 1, r + at, (m - at) * sizeof *r);
		r[at] = v;
		m++;
	}
	ptrdiff_t from = 0, last = (ptrdiff_t)n - 1;
	for (size_t i = 0; i < m; i++) {
		select_kth(x, from, last, (ptrdiff_t)r[i]);
		from = (ptrdiff_t)r[i];
	}
	free(r);
}

void risk_quantiles(double *x, size_t n, const double *p, size_t np, double *out)
{
	size_t *ranks = xmalloc((2 * np + 1) * sizeof *ranks), nr = 0;
	for (size_t q = 0; q < np; q++) {
		/* the two order statistics PERCENTILE.INC reads (risk_quantile) */
		size_t lhs = (size_t)(p[q] * (double)(n - 1));
		ranks[nr++] = lhs;
		if (lhs + 1 < n)
			ranks[nr++] = lhs + 1;
	}
	risk_select_ranks(x, n, ranks, nr);
	for (size_t q = 0; q < np; q++)
		out[q] = risk_quantile(x, n, p[q]);
	free(ranks);
}

/* The bound of a driver's deviation (model/uncertainty.h), as the script checked it. */
static double deviation_limit(driver_kind k)
{
	return k == DRIVER_ATTRITION ? DIST_ATTRITION_DEVIATION_MAX : DIST_RATE_DEVIATION_MAX;
}

/* The index of the quantile table of x's distribution (risk_int.h) in s->tabs: the one
 * already registered for the same distribution, or a new one (built by build_tables); -1
 * for a kind without tables. Which way a measure draws depends on its own distribution
 * only, never on the other measures. */
static int measure_table(sim *s, const sim_measure *x)
{
	if (x->d.kind != DIST_BETA && x->d.kind != DIST_PERT)
		return -1;
	for (size_t i = 0; i < s->ntabs; i++) {
		const dist_spec *t = &s->tabs[i].d;
		if (t->kind == x->d.kind && t->p1 == x->d.p1 && t->p2 == x->d.p2 && t->p3 == x->d.p3)
			return (int)i;
	}
	s->tabs = xrealloc(s->tabs, (s->ntabs + 1) * sizeof *s->tabs);
	s->tabs[s->ntabs] = (qtab){x->d, x->s, xmalloc(QTAB_NODES * sizeof(double))};
	return (int)s->ntabs++;
}

/* One thread's share of the tables' nodes: every nt-th node of every table. */
typedef struct table_job {
	sim *s;
	unsigned id, nt;
} table_job;

static void *table_work(void *arg)
{
	table_job *j = arg;
	for (size_t i = 0; i < j->s->ntabs; i++)
		risk_qtab_nodes(&j->s->tabs[i].s, &j->s->tabs[i].d, j->s->tabs[i].q, j->id, j->nt);
	return NULL;
}

/* The registered tables built over nt threads (a node is the same whichever thread
 * computes it; a thread that cannot be started: its share is done here); a table whose
 * nodes are not finite and increasing is dropped (its measures draw by GSL's sampler);
 * then every measure's q. */
static void build_tables(sim *s, unsigned nt)
{
	table_job job[MAX_THREADS] = {{0}};
	pthread_t tid[MAX_THREADS];
	bool started[MAX_THREADS] = {false};
	for (unsigned t = 0; t < nt; t++)
		job[t] = (table_job){s, t, nt};
	for (unsigned t = 1; t < nt && s->ntabs; t++)
		started[t] = pthread_create(&tid[t], NULL, table_work, &job[t]) == 0;
	table_work(&job[0]);
	for (unsigned t = 1; t < nt && s->ntabs; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			table_work(&job[t]);
	}
	for (size_t i = 0; i < s->ntabs; i++)
		if (!risk_qtab_check(s->tabs[i].q)) {
			free(s->tabs[i].q);
			s->tabs[i].q = NULL;
		}
	for (size_t k = 0; k < s->nm; k++)
		s->sm[k].q = s->sm[k].tab >= 0 ? s->tabs[s->sm[k].tab].q : NULL;
}

/* Each measure ready to simulate: its distribution (checked: a bad one is reported to d),
 * where a failed draw of it is reported, its attrition driver and its generator state,
 * seeded from (seed, measure id). */
static fp_status setup_measures(risk_ctx *rc, diag *d)
{
	sim *s = &rc->s;
	const model *m = s->m;
	const uncertainty_spec *u = s->u;
	plan pl = scenario_plan(s->res);
	char why[DIST_CHECK_BUF];
	s->sm = xcalloc(s->nm ? s->nm : 1, sizeof *s->sm);
	gsl_rng *proto = gsl_rng_alloc(gsl_rng_taus2);
	s->state_size = gsl_rng_size(proto);
	s->states = xmalloc((s->nm ? s->nm : 1) * s->state_size);
	for (size_t k = 0; k < s->nm; k++) {
		sim_measure *x = &s->sm[k];
		size_t nres = s->nm - s->nextra;
		x->ms = k < nres ? &s->res->measures[k] : &s->extra[k - nres];
		x->d = dist_resolve(m, u, x->ms);
		x->file = x->d.line ? rc->file : plan_pos_file(m, pl, x->ms->pos);
		x->line = x->d.line ? x->d.line : (int)x->ms->pos.line;
		const char *bad = dist_check(&x->d, DIST_FRACTION_MAX, why);
		if (bad) {
			diag_error(d, rc->file, x->d.line, 0,
				   "the distribution for measure '%s': %s", x->ms->id, bad);
			gsl_rng_free(proto);
			return FP_EDATA;
		}
		x->s = risk_make_sampler(&x->d);
		x->tab = measure_table(s, x);
		x->driver = -1;
		for (size_t dv = 0; dv < u->ndrivers; dv++)
			if (u->drivers[dv].kind == DRIVER_ATTRITION &&
			    x->ms->lever_no == (int32_t)u->drivers[dv].lever + 1)
				x->driver = (int)dv;
		if (x->driver >= 0 && x->ms->nature == NATURE_STRUCTURAL) {
			/* its expected target-year saving at attrition scale 1: the fraction's mean
			 * times the planned amount, or the year before's when it slips */
			double a_ty = (double)x->ms->amounts[s->ty];
			double a_before = s->ty > 0 ? (double)x->ms->amounts[s->ty - 1] : 0;
			x->m_ty = dist_mean(&x->d) * ((1 - s->slip) * a_ty + s->slip * a_before);
		}
		gsl_rng_set(proto, risk_stream_seed(rc->seed, "measure", x->ms->id));
		memcpy(s->states + k * s->state_size, gsl_rng_state(proto), s->state_size);
	}
	gsl_rng_free(proto);
	build_tables(s, rc->nt);
	return FP_OK;
}

/* The assumption drivers: their deviations checked (a bad one is reported to d), own
 * streams, and the streams of the shared factors they name (at most MAX_FACTORS). */
static fp_status setup_drivers(risk_ctx *rc, diag *d)
{
	const scenario_spec *spec = rc->s.spec;
	const uncertainty_spec *u = rc->s.u;
	char why[DIST_CHECK_BUF];
	rc->ds = xcalloc(rc->nd ? rc->nd : 1, sizeof *rc->ds);
	for (size_t k = 0; k < rc->nd; k++) {
		const driver_spec *dr = &u->drivers[k];
		const char *bad = dist_check(&dr->deviation, deviation_limit(dr->kind), why);
		if (bad) {
			diag_error(d, rc->file, spec->levers[dr->lever].line, 0, "%s{}: spread: %s",
				   lever_kind_word(spec->levers[dr->lever].kind), bad);
			return FP_EDATA;
		}
		rc->ds[k].s = risk_make_sampler(&dr->deviation);
		rc->ds[k].own = gsl_rng_alloc(gsl_rng_taus2);
		gsl_rng_set(rc->ds[k].own, risk_stream_seed(rc->seed, "driver", dr->name));
		const char *f = dr->factor;
		bool known = false;
		for (size_t j = 0; j < rc->nf && f; j++)
			known |= strcmp(rc->fnames[j], f) == 0;
		if (f && !known && rc->nf == MAX_FACTORS) {
			diag_error(d, rc->file, spec->levers[dr->lever].line, 0,
				   "more than %d shared factors", MAX_FACTORS);
			return FP_EDATA;
		}
		if (f && !known) {
			rc->fnames[rc->nf] = f;
			rc->frng[rc->nf] = gsl_rng_alloc(gsl_rng_taus2);
			gsl_rng_set(rc->frng[rc->nf], risk_stream_seed(rc->seed, "factor", f));
			rc->nf++;
		}
	}
	return FP_OK;
}

/* Every driver's deviation in every iteration, drawn here in iteration order: a driver on
 * a shared factor mixes the factor's draw with its own by its loading. */
static void draw_deviations(risk_ctx *rc)
{
	const uncertainty_spec *u = rc->s.u;
	size_t n = rc->n, nd = rc->nd;
	rc->dev_all = xcalloc(nd ? nd * n : 1, sizeof *rc->dev_all); /* per driver, iteration */
	for (size_t i = 0; i < n; i++) {
		double z[MAX_FACTORS];
		for (size_t j = 0; j < rc->nf; j++)
			z[j] = gsl_ran_gaussian_ziggurat(rc->frng[j], 1.0);
		for (size_t k = 0; k < nd; k++) {
			const driver_spec *dr = &u->drivers[k];
			double v;
			if (dr->factor && dr->deviation.kind == DIST_NORMAL) {
				size_t j = 0;
				while (strcmp(rc->fnames[j], dr->factor) != 0)
					j++;
				double wl = dr->loading;
				double own = gsl_ran_gaussian_ziggurat(rc->ds[k].own, 1.0);
				v = dr->deviation.p1 +
				    dr->deviation.p2 * (wl * z[j] + sqrt(1 - wl * wl) * own);
			} else {
				v = risk_draw(&rc->ds[k].s, &dr->deviation, rc->ds[k].own);
			}
			rc->dev_all[k * n + i] = v;
		}
	}
}

fp_status risk_ctx_setup(risk_ctx *rc, diag *d)
{
	fp_status st = setup_measures(rc, d);
	if (st == FP_OK)
		st = setup_drivers(rc, d);
	if (st == FP_OK)
		draw_deviations(rc);
	return st;
}

/* The arrays of the draws: the kept draws, each thread's sums and generator, and the
 * block's buffers. Every unit's draws are kept unless they would pass 40 million. */
static void alloc_draws(risk_ctx *rc)
{
	sim *s = &rc->s;
	const model *m = s->m;
	size_t n = rc->n, nd = rc->nd, ncy = s->nc * (size_t)s->ny;
	/* Attrition drivers scale their freeze's savings: (a + deviation) / a, at least 0. */
	s->attr_scale = xcalloc(nd ? nd * BLOCK : 1, sizeof *s->attr_scale);
	rc->keep_units = m->nunits * n <= 40000000u ? m->nunits : 1;
	rc->sdraw = xmalloc((rc->keep_units ? rc->keep_units : 1) * n * sizeof *rc->sdraw);
	rc->rdraw = xmalloc((size_t)s->ny * n * sizeof *rc->rdraw);
	rc->w = xcalloc(rc->nt, sizeof *rc->w);
	for (unsigned t = 0; t < rc->nt; t++) {
		rc->w[t] = (worker){s, t, rc->nt, xmalloc(m->nunits * BLOCK * sizeof(int64_t)),
				    xmalloc(ncy * BLOCK * sizeof(int64_t)),
				    xmalloc(BLOCK * sizeof(double)), xmalloc(BLOCK * sizeof(uint64_t)),
				    xmalloc((size_t)s->ny * BLOCK * sizeof(int64_t)),
				    xcalloc(BLOCK, sizeof(int64_t)),
				    gsl_rng_alloc(gsl_rng_taus2), {SIZE_MAX, 0, 0, 0}};
	}
	rc->block_states = xmalloc((s->nm ? s->nm : 1) * s->state_size);
	s->vmax = xcalloc((s->nm ? s->nm : 1) * (size_t)s->ny, sizeof *s->vmax);
	rc->su = xmalloc(m->nunits * BLOCK * sizeof *rc->su);
	rc->sc = xmalloc(ncy * BLOCK * sizeof *rc->sc);
	rc->sav = xmalloc(ncy * sizeof *rc->sav);
	rc->dev = xcalloc(nd ? nd : 1, sizeof *rc->dev);
	rc->tmp = xmalloc(n * sizeof *rc->tmp);
}

void risk_ctx_release(risk_ctx *rc)
{
	sim *s = &rc->s;
	free(rc->tmp);
	free(rc->dev);
	free(rc->sav);
	free(rc->su);
	free(rc->sc);
	free(rc->block_states);
	free(s->vmax);
	free(rc->su_wide);
	free(rc->sc_wide);
	for (unsigned t = 0; rc->w && t < rc->nt; t++) {
		free(rc->w[t].su);
		free(rc->w[t].sc);
		free(rc->w[t].f);
		free(rc->w[t].slip);
		free(rc->w[t].v);
		free(rc->w[t].zero);
		gsl_rng_free(rc->w[t].r);
	}
	free(rc->w);
	free(rc->sdraw);
	free(rc->rdraw);
	free(s->attr_scale);
	free(rc->dev_all);
	for (size_t k = 0; rc->ds && k < rc->nd; k++)
		if (rc->ds[k].own)
			gsl_rng_free(rc->ds[k].own);
	for (size_t j = 0; j < rc->nf; j++)
		gsl_rng_free(rc->frng[j]);
	free(rc->ds);
	free(s->states);
	for (size_t i = 0; i < s->ntabs; i++)
		free(s->tabs[i].q);
	free(s->tabs);
	free(s->sm);
}

/* The draws stopped at used < rc->n (risk_opts.precision): every per-iteration array
 * moved to stride used, as if used iterations had been asked for (the draws of the first
 * used iterations do not depend on the number asked). */
static void shrink_draws(risk_ctx *rc, size_t used)
{
	size_t n = rc->n;
	for (size_t u = 1; u < rc->keep_units; u++)
		memmove(&rc->sdraw[u * used], &rc->sdraw[u * n], used * sizeof *rc->sdraw);
	for (int y = 1; y < rc->s.ny; y++)
		memmove(&rc->rdraw[(size_t)y * used], &rc->rdraw[(size_t)y * n],
			used * sizeof *rc->rdraw);
	for (size_t k = 1; k < rc->nd; k++)
		memmove(&rc->dev_all[k * used], &rc->dev_all[k * n], used * sizeof *rc->dev_all);
	rc->n = used;
}

/* What the draws come to: the summaries, the histogram, the tornado and the goal seeks;
 * a figure that does not convert to cents is reported to d. */
static fp_status conclude(risk_ctx *rc, risk_result *out, diag *d)
{
	const sim *s = &rc->s;
	size_t n = rc->n;
	out->iterations = n; /* a failed run leaves iterations 0 (job.h): reset by risk_run */
	risk_summaries(rc, out);
	risk_tornado(rc, out);
	/* risk_summaries left the root's structural savings in rc->tmp, in euros. */
	risk_solve_all(s, s->spec, rc->tmp, &rc->rdraw[(size_t)s->ty * n], n, rc->seed, out);
	return risk_figures_fit(s, out, d) ? FP_OK : FP_EDATA;
}

fp_status risk_run(const model *m, const baseline_totals *bt, const scenario_spec *spec,
		   const scenario_result *res, const consolidation *cons, const risk_opts *o,
		   risk_result *out, diag *d)
{
	memset(out, 0, sizeof *out);
	gsl_set_error_handler_off();
	const uncertainty_spec *u = &spec->uncertainty;
	unsigned nt = o->threads;
	if (!nt) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		nt = cpus > 0 ? (unsigned)cpus : 1;
	}
	if (nt > MAX_THREADS)
		nt = MAX_THREADS;
	out->threads = nt;
	out->seed = o->seed;
	out->precision = o->precision;
	risk_ctx rc = {
		.s = {.m = m, .bt = bt, .spec = spec, .res = res, .u = u, .nm = res->nmeasures,
		      .ty = model_year_index(m, m->target_year), .ny = m->nyears, .nc = m->ncats,
		      .slip = u->slip_probability},
		.cons = cons, .file = scenario_file(spec), .seed = o->seed, .progress = o->progress,
		.precision = o->precision,
		.n = o->iterations, .nt = nt, .nd = u->ndrivers,
	};
	fp_status st = risk_ctx_setup(&rc, d);
	if (st == FP_OK) {
		alloc_draws(&rc);
		size_t used = 0;
		st = risk_draw_blocks(&rc, out, &used, d);
		if (st == FP_OK && used < rc.n)
			shrink_draws(&rc, used);
		if (st == FP_OK && o->keep_cents) {
			size_t at = rc.keep_units == m->nunits ? (size_t)o->keep_unit : 0;
			memcpy(o->keep_cents, &rc.sdraw[at * rc.n], rc.n * sizeof *o->keep_cents);
		}
	}
	if (st == FP_OK)
		st = conclude(&rc, out, d);
	if (st != FP_OK)
		risk_release(out);
	risk_ctx_release(&rc);
	return st;
}

void risk_release(risk_result *r)
{
	free(r->units);
	free(r->result);
	free(r->tornado);
	free(r->solves);
	memset(r, 0, sizeof *r);
}
