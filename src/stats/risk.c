/* risk: see risk.h. The iterations are processed in blocks; within a block the measures
 * are shared out over the threads (each measure's stream is its own, its generator state
 * kept between blocks), each thread sums into its own arrays, and the threads' integer
 * sums are added in thread order. Everything after the draws runs in one thread. */
#include "risk.h"
#include "../core/xalloc.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_histogram.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const double risk_quantile_p[RISK_QUANTILES] = {0.05, 0.10, 0.50, 0.90, 0.95};

#define BLOCK 8192
#define MAX_THREADS 64
#define MAX_FACTORS 16

double risk_quantile(const double *sorted, size_t n, double p)
{
	/* GSL's definition is Excel's PERCENTILE.INC: (n - 1) p, linear in between. */
	return gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

/* The documented defaults by status: realised 1; decided beta(0.9, 0.1); planned
 * beta(0.7, 0.15); idea beta(0.4, 0.2). */
static dist_spec default_dist(measure_status s)
{
	switch (s) {
	case STATUS_REALISED: return (dist_spec){DIST_FIXED, 1.0, 0, 0};
	case STATUS_DECIDED: return (dist_spec){DIST_BETA, 0.9, 0.1, 0};
	case STATUS_PLANNED: return (dist_spec){DIST_BETA, 0.7, 0.15, 0};
	case STATUS_IDEA: break;
	case STATUS_COUNT: break;
	}
	return (dist_spec){DIST_BETA, 0.4, 0.2, 0};
}

dist_spec dist_resolve(const model *m, const uncertainty_spec *u, const measure *ms)
{
	for (size_t i = 0; i < u->nmeasures; i++)
		if (strcmp(u->measures[i].measure, ms->id) == 0)
			return u->measures[i].d;
	/* The nearest unit on the way up that has a rule. */
	for (int32_t x = ms->unit; x >= 0; x = m->units[x].parent)
		for (size_t i = 0; i < u->nunits; i++)
			if (u->units[i].unit == x)
				return u->units[i].d;
	if (ms->pillar >= 1 && ms->pillar <= 3 && u->by_pillar[ms->pillar - 1].kind != DIST_NONE)
		return u->by_pillar[ms->pillar - 1];
	if (u->by_status[ms->status].kind != DIST_NONE)
		return u->by_status[ms->status];
	return default_dist((measure_status)ms->status);
}

/* A distribution ready to draw from. */
typedef struct sampler {
	dist_kind kind;
	double a, b, c; /* beta: alpha, beta; lognormal: mu, sigma; else the spec's */
} sampler;

static sampler make_sampler(const dist_spec *d)
{
	sampler s = {d->kind, d->p1, d->p2, d->p3};
	if (d->kind == DIST_BETA) {
		double common = d->p1 * (1 - d->p1) / (d->p2 * d->p2) - 1;
		s.a = d->p1 * common;
		s.b = (1 - d->p1) * common;
	} else if (d->kind == DIST_LOGNORMAL) {
		double v = log(1 + d->p2 * d->p2 / (d->p1 * d->p1));
		s.b = sqrt(v);
		s.a = log(d->p1) - v / 2;
	} else if (d->kind == DIST_PERT) {
		s.a = 1 + 4 * (d->p2 - d->p1) / (d->p3 - d->p1);
		s.b = 1 + 4 * (d->p3 - d->p2) / (d->p3 - d->p1);
	}
	return s;
}

static double draw(const sampler *s, const dist_spec *d, gsl_rng *r)
{
	switch (s->kind) {
	case DIST_NONE:
	case DIST_FIXED: return d->p1;
	case DIST_BETA: return gsl_ran_beta(r, s->a, s->b);
	case DIST_TRIANGULAR: {
		/* Inverse CDF of the triangle on one uniform. */
		double u = gsl_rng_uniform(r), lo = d->p1, mo = d->p2, hi = d->p3;
		double f = (mo - lo) / (hi - lo);
		return u < f ? lo + sqrt(u * (hi - lo) * (mo - lo))
			     : hi - sqrt((1 - u) * (hi - lo) * (hi - mo));
	}
	case DIST_PERT: return d->p1 + (d->p3 - d->p1) * gsl_ran_beta(r, s->a, s->b);
	case DIST_NORMAL: return d->p1 + gsl_ran_gaussian_ziggurat(r, d->p2);
	case DIST_LOGNORMAL: return gsl_ran_lognormal(r, s->a, s->b);
	case DIST_UNIFORM: return gsl_ran_flat(r, d->p1, d->p2);
	}
	return 1.0;
}

/* Quantile of a distribution (for one-at-a-time swings). */
static double dist_quantile(const sampler *s, const dist_spec *d, double p)
{
	switch (s->kind) {
	case DIST_NONE:
	case DIST_FIXED: return d->p1;
	case DIST_BETA: return gsl_cdf_beta_Pinv(p, s->a, s->b);
	case DIST_TRIANGULAR: {
		double lo = d->p1, mo = d->p2, hi = d->p3, f = (mo - lo) / (hi - lo);
		return p < f ? lo + sqrt(p * (hi - lo) * (mo - lo))
			     : hi - sqrt((1 - p) * (hi - lo) * (hi - mo));
	}
	case DIST_PERT: return d->p1 + (d->p3 - d->p1) * gsl_cdf_beta_Pinv(p, s->a, s->b);
	case DIST_NORMAL: return d->p1 + gsl_cdf_gaussian_Pinv(p, d->p2);
	case DIST_LOGNORMAL: return gsl_cdf_lognormal_Pinv(p, s->a, s->b);
	case DIST_UNIFORM: return d->p1 + p * (d->p2 - d->p1);
	}
	return d->p1;
}

/* A stream's seed from the run's seed and a name: FNV-1a over both, folded to 32 bits
 * (the width GSL's generators take). */
static unsigned long stream_seed(uint64_t seed, const char *kind, const char *name)
{
	uint64_t h = 1469598103934665603ULL;
	for (int i = 0; i < 8; i++) {
		h ^= (seed >> (8 * i)) & 0xff;
		h *= 1099511628211ULL;
	}
	for (const char *p = kind; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	h ^= 0x1f;
	h *= 1099511628211ULL;
	for (const char *p = name; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	unsigned long s = (unsigned long)((h >> 32) ^ (h & 0xffffffffULL));
	return s ? s : 1; /* taus2 treats 0 specially */
}

/* One measure, ready to simulate. */
typedef struct sim_measure {
	const measure *ms;
	dist_spec d;
	sampler s;
	int driver; /* attrition driver scaling it, or -1 */
	double sum, sumsq; /* of its realised target-year structural saving, in cents */
} sim_measure;

typedef struct sim {
	const model *m;
	const baseline_totals *bt;
	const scenario_spec *spec;
	const scenario_result *res;
	const uncertainty_spec *u;
	size_t nm;
	sim_measure *sm;
	unsigned char *states; /* per measure generator state */
	size_t state_size;
	int ty;               /* the target year's index */
	int ny;               /* plan years */
	size_t nc;            /* categories */
	double slip;
	/* per block */
	size_t block_n;
	double *attr_scale; /* ndrivers * BLOCK: the attrition drivers' factor */
} sim;

typedef struct worker {
	sim *s;
	unsigned id, nthreads;
	int64_t *su; /* nunits * BLOCK: own units' target-year structural */
	int64_t *sc; /* nc * ny * BLOCK: realised savings per category and year (all natures) */
	gsl_rng *r;
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	sim *s = w->s;
	size_t bn = s->block_n;
	memset(w->su, 0, s->m->nunits * BLOCK * sizeof *w->su);
	memset(w->sc, 0, s->nc * (size_t)s->ny * BLOCK * sizeof *w->sc);
	for (size_t k = w->id; k < s->nm; k += w->nthreads) {
		sim_measure *x = &s->sm[k];
		const measure *ms = x->ms;
		memcpy(gsl_rng_state(w->r), s->states + k * s->state_size, s->state_size);
		int64_t *su = &w->su[(size_t)ms->unit * BLOCK];
		bool structural = ms->nature == NATURE_STRUCTURAL;
		for (size_t i = 0; i < bn; i++) {
			double f = draw(&x->s, &x->d, w->r);
			bool slipped = s->slip > 0 && gsl_rng_uniform(w->r) < s->slip;
			if (x->driver >= 0)
				f *= s->attr_scale[(size_t)x->driver * BLOCK + i];
			for (int y = 0; y < s->ny; y++) {
				int from = slipped ? y - 1 : y;
				int64_t planned = from >= 0 ? ms->amounts[from] : 0;
				if (!planned)
					continue;
				int64_t v = (int64_t)llround((double)planned * f);
				w->sc[((size_t)ms->category * (size_t)s->ny + (size_t)y) * BLOCK + i] += v;
				if (y == s->ty && structural) {
					su[i] += v;
					x->sum += (double)v;
					x->sumsq += (double)v * (double)v;
				}
			}
		}
		memcpy(s->states + k * s->state_size, gsl_rng_state(w->r), s->state_size);
	}
	return NULL;
}

/* The assumption drivers of one iteration: their deviations. */
typedef struct driver_state {
	sampler s;
	gsl_rng *own;
} driver_state;

/* Price factor of category c over the years for deviations dev (per driver), and the
 * CAO compensation; mirrors scenario.c's price_paths in doubles. */
static void factors(const sim *s, const double *dev, double *f /* ny + 1 */, size_t c,
		    double *comp)
{
	const model *m = s->m;
	bool personnel = m->cats[c].kind == KIND_PERSONNEL;
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
static void result_of(const sim *s, const double *dev, const double *sav /* nc * ny, cents */,
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
			if (m->cats[c].kind == KIND_PERSONNEL)
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

static void summarise(double *draws, size_t n, int64_t target, bool has_target,
		      const int64_t *cents, risk_summary *out)
{
	out->mean = gsl_stats_mean(draws, 1, n);
	gsl_sort(draws, 1, n);
	for (int q = 0; q < RISK_QUANTILES; q++)
		out->q[q] = risk_quantile(draws, n, risk_quantile_p[q]);
	out->target = has_target ? (double)target / 100.0 : 0;
	out->probability = -1;
	if (has_target && cents) {
		size_t hit = 0;
		for (size_t i = 0; i < n; i++)
			hit += cents[i] >= target;
		out->probability = (double)hit / (double)n;
	}
}

/* ---- goal seek ---- */

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
	gsl_sort(c->work, 1, c->n);
	return risk_quantile(c->work, c->n, c->q) - c->target;
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

static void solve_all(const sim *s, const scenario_spec *spec, const double *root_s,
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
	dist_spec dd = default_dist(STATUS_PLANNED);
	if (u->by_status[STATUS_PLANNED].kind != DIST_NONE)
		dd = u->by_status[STATUS_PLANNED];
	sampler sa = make_sampler(&dd);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(r, stream_seed(seed, "solve", "procurement_cut"));
	for (size_t i = 0; i < n; i++) {
		ones[i] = 1.0;
		cut[i] = proc * draw(&sa, &dd, r);
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
			gsl_sort(work, 1, n);
			sr->achieved = risk_quantile(work, n, 0.5);
		}
	}
	free(ones);
	free(cut);
	free(work);
}

fp_status risk_run(const model *m, const baseline_totals *bt, const scenario_spec *spec,
		   const scenario_result *res, const consolidation *cons, const risk_opts *o,
		   risk_result *out, diag *d)
{
	memset(out, 0, sizeof *out);
	gsl_set_error_handler_off();
	const uncertainty_spec *u = &spec->uncertainty;
	size_t n = o->iterations;
	unsigned nt = o->threads;
	if (!nt) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		nt = cpus > 0 ? (unsigned)cpus : 1;
	}
	if (nt > MAX_THREADS)
		nt = MAX_THREADS;
	out->threads = nt;
	out->seed = o->seed;
	sim s = {.m = m, .bt = bt, .spec = spec, .res = res, .u = u, .nm = res->nmeasures,
		 .ty = model_year_index(m, m->target_year), .ny = m->nyears, .nc = m->ncats,
		 .slip = u->slip_probability};
	s.sm = xcalloc(s.nm ? s.nm : 1, sizeof *s.sm);
	gsl_rng *proto = gsl_rng_alloc(gsl_rng_taus2);
	s.state_size = gsl_rng_size(proto);
	s.states = xmalloc((s.nm ? s.nm : 1) * s.state_size);
	for (size_t k = 0; k < s.nm; k++) {
		sim_measure *x = &s.sm[k];
		x->ms = &res->measures[k];
		x->d = dist_resolve(m, u, x->ms);
		const char *bad = dist_check(&x->d);
		if (bad) {
			diag_error(d, spec->script, 0, 0, "the distribution for measure '%s': %s",
				   x->ms->id, bad);
			gsl_rng_free(proto);
			free(s.sm);
			free(s.states);
			return FP_EDATA;
		}
		x->s = make_sampler(&x->d);
		x->driver = -1;
		for (size_t dv = 0; dv < u->ndrivers; dv++)
			if (u->drivers[dv].kind == DRIVER_ATTRITION &&
			    x->ms->lever_no == (int32_t)u->drivers[dv].lever + 1)
				x->driver = (int)dv;
		gsl_rng_set(proto, stream_seed(o->seed, "measure", x->ms->id));
		memcpy(s.states + k * s.state_size, gsl_rng_state(proto), s.state_size);
	}
	gsl_rng_free(proto);
	/* Drivers: own streams and shared factors, drawn here for every iteration. */
	size_t nd = u->ndrivers;
	driver_state *ds = xcalloc(nd ? nd : 1, sizeof *ds);
	const char *fnames[MAX_FACTORS];
	gsl_rng *frng[MAX_FACTORS];
	size_t nf = 0;
	for (size_t k = 0; k < nd; k++) {
		ds[k].s = make_sampler(&u->drivers[k].deviation);
		ds[k].own = gsl_rng_alloc(gsl_rng_taus2);
		gsl_rng_set(ds[k].own, stream_seed(o->seed, "driver", u->drivers[k].name));
		const char *f = u->drivers[k].factor;
		bool known = false;
		for (size_t j = 0; j < nf && f; j++)
			known |= strcmp(fnames[j], f) == 0;
		if (f && !known && nf == MAX_FACTORS) {
			diag_error(d, spec->script, 0, 0, "more than %d shared factors", MAX_FACTORS);
			for (size_t j = 0; j < nf; j++)
				gsl_rng_free(frng[j]);
			for (size_t j = 0; j <= k; j++)
				gsl_rng_free(ds[j].own);
			free(ds);
			free(s.states);
			free(s.sm);
			return FP_EDATA;
		}
		if (f && !known) {
			fnames[nf] = f;
			frng[nf] = gsl_rng_alloc(gsl_rng_taus2);
			gsl_rng_set(frng[nf], stream_seed(o->seed, "factor", f));
			nf++;
		}
	}
	double *dev_all = xcalloc(nd ? nd * n : 1, sizeof *dev_all); /* per driver, iteration */
	for (size_t i = 0; i < n; i++) {
		double z[MAX_FACTORS];
		for (size_t j = 0; j < nf; j++)
			z[j] = gsl_ran_gaussian_ziggurat(frng[j], 1.0);
		for (size_t k = 0; k < nd; k++) {
			const driver_spec *dr = &u->drivers[k];
			double v;
			if (dr->factor && dr->deviation.kind == DIST_NORMAL) {
				size_t j = 0;
				while (strcmp(fnames[j], dr->factor) != 0)
					j++;
				double w = dr->loading;
				double own = gsl_ran_gaussian_ziggurat(ds[k].own, 1.0);
				v = dr->deviation.p1 +
				    dr->deviation.p2 * (w * z[j] + sqrt(1 - w * w) * own);
			} else {
				v = draw(&ds[k].s, &dr->deviation, ds[k].own);
			}
			dev_all[k * n + i] = v;
		}
	}
	/* Attrition drivers scale their freeze's savings: (a + deviation) / a, at least 0. */
	s.attr_scale = xcalloc(nd ? nd * BLOCK : 1, sizeof *s.attr_scale);

	size_t keep_units = m->nunits * n <= 40000000u ? m->nunits : 1;
	int64_t *sdraw = xmalloc((keep_units ? keep_units : 1) * n * sizeof *sdraw);
	double *rdraw = xmalloc((size_t)s.ny * n * sizeof *rdraw);
	worker *w = xcalloc(nt, sizeof *w);
	for (unsigned t = 0; t < nt; t++) {
		w[t] = (worker){&s, t, nt, xmalloc(m->nunits * BLOCK * sizeof(int64_t)),
				xmalloc(s.nc * (size_t)s.ny * BLOCK * sizeof(int64_t)),
				gsl_rng_alloc(gsl_rng_taus2)};
	}
	int64_t *su = xmalloc(m->nunits * BLOCK * sizeof *su);
	int64_t *sc = xmalloc(s.nc * (size_t)s.ny * BLOCK * sizeof *sc);
	double *sav = xmalloc(s.nc * (size_t)s.ny * sizeof *sav);
	double *dev = xcalloc(nd ? nd : 1, sizeof *dev);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bool tty = o->progress && isatty(2);
	for (size_t b0 = 0; b0 < n; b0 += BLOCK) {
		s.block_n = n - b0 < BLOCK ? n - b0 : BLOCK;
		for (size_t k = 0; k < nd; k++) {
			if (u->drivers[k].kind != DRIVER_ATTRITION)
				continue;
			const lever *l = &spec->levers[u->drivers[k].lever];
			double a = (double)l->u.freeze.attrition_ppm / PPM;
			for (size_t i = 0; i < s.block_n; i++) {
				double sc_ = a > 0 ? (a + dev_all[k * n + b0 + i]) / a : 1.0;
				s.attr_scale[k * BLOCK + i] = sc_ > 0 ? sc_ : 0;
			}
		}
		pthread_t tid[MAX_THREADS];
		bool started[MAX_THREADS] = {false};
		for (unsigned t = 1; t < nt; t++)
			started[t] = pthread_create(&tid[t], NULL, work, &w[t]) == 0;
		work(&w[0]);
		/* A thread that could not be started: its share is drawn here, from its own
		 * streams, so the figures are the same. */
		for (unsigned t = 1; t < nt; t++) {
			if (started[t])
				pthread_join(tid[t], NULL);
			else
				work(&w[t]);
		}
		/* Add the threads' sums in thread order (integers: any order gives the same). */
		memcpy(su, w[0].su, m->nunits * BLOCK * sizeof *su);
		memcpy(sc, w[0].sc, s.nc * (size_t)s.ny * BLOCK * sizeof *sc);
		for (unsigned t = 1; t < nt; t++) {
			for (size_t i = 0; i < m->nunits * BLOCK; i++)
				su[i] += w[t].su[i];
			for (size_t i = 0; i < s.nc * (size_t)s.ny * BLOCK; i++)
				sc[i] += w[t].sc[i];
		}
		/* Roll up the tree per iteration. */
		for (size_t k = m->nunits; k-- > 1;) {
			int32_t uu = m->preorder[k], par = m->units[uu].parent;
			int64_t *to = &su[(size_t)par * BLOCK], *from = &su[(size_t)uu * BLOCK];
			for (size_t i = 0; i < s.block_n; i++)
				to[i] += from[i];
		}
		for (size_t i = 0; i < s.block_n; i++) {
			if (keep_units == m->nunits)
				for (size_t uu = 0; uu < m->nunits; uu++)
					sdraw[uu * n + b0 + i] = su[uu * BLOCK + i];
			else
				sdraw[b0 + i] = su[(size_t)m->root * BLOCK + i];
			for (size_t c = 0; c < s.nc * (size_t)s.ny; c++)
				sav[c] = (double)sc[c * BLOCK + i];
			for (size_t k = 0; k < nd; k++)
				dev[k] = dev_all[k * n + b0 + i];
			double res_y[MODEL_MAX_YEARS];
			result_of(&s, dev, sav, res_y);
			for (int y = 0; y < s.ny; y++)
				rdraw[(size_t)y * n + b0 + i] = res_y[y];
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (tty && el > 1.0) {
			int pct = (int)(100.0 * (double)(b0 + s.block_n) / (double)n);
			fprintf(stderr, "\rsimulating %zu iterations [%-40.*s] %3d%%", n, pct * 40 / 100,
				"========================================", pct);
			if (b0 + s.block_n >= n)
				fputc('\n', stderr);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	out->ns_per_draw = s.nm && n ? el * 1e9 / ((double)s.nm * (double)n) : 0;

	out->iterations = n; /* only now: a failed run leaves iterations 0 (job.h) */
	/* Summaries per unit (the target year) and per year (the result). */
	out->units = xcalloc(m->nunits, sizeof *out->units);
	double *tmp = xmalloc(n * sizeof *tmp);
	int yi = s.ty;
	for (size_t uu = 0; uu < m->nunits; uu++) {
		out->units[uu].probability = -1;
		if (keep_units != m->nunits && (int32_t)uu != m->root) {
			out->units[uu].mean = NAN;
			continue;
		}
		const int64_t *cents = keep_units == m->nunits ? &sdraw[uu * n] : sdraw;
		for (size_t i = 0; i < n; i++)
			tmp[i] = (double)cents[i] / 100.0;
		/* The targets in force, overrides included, from the scenario's consolidation. */
		const unit_year *cell = cons_cell(cons, (int32_t)uu, yi);
		int64_t target = cell->target_cents;
		bool has = cell->has_target;
		summarise(tmp, n, target, has, cents, &out->units[uu]);
	}
	out->result = xcalloc((size_t)s.ny, sizeof *out->result);
	for (int y = 0; y < s.ny; y++) {
		memcpy(tmp, &rdraw[(size_t)y * n], n * sizeof *tmp);
		summarise(tmp, n, 0, false, NULL, &out->result[y]);
	}
	/* Histogram of the organisation's structural savings. */
	const int64_t *root = keep_units == m->nunits ? &sdraw[(size_t)m->root * n] : sdraw;
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		tmp[i] = (double)root[i] / 100.0;
		lo = fmin(lo, tmp[i]);
		hi = fmax(hi, tmp[i]);
	}
	if (!(hi > lo))
		hi = lo + 1;
	gsl_histogram *h = gsl_histogram_alloc(RISK_BINS);
	gsl_histogram_set_ranges_uniform(h, lo, hi + (hi - lo) * 1e-9);
	for (size_t i = 0; i < n; i++)
		gsl_histogram_increment(h, tmp[i]);
	out->hist_lo = lo;
	out->hist_width = (hi - lo) * (1 + 1e-9) / RISK_BINS;
	for (size_t bin = 0; bin < RISK_BINS; bin++)
		out->hist[bin] = (size_t)gsl_histogram_get(h, bin);
	gsl_histogram_free(h);

	/* Tornado: each measure's variance against the total's (independent draws), units'
	 * measures together, and one-at-a-time swings of the assumptions on the result. */
	double var_total = gsl_stats_variance(tmp, 1, n);
	size_t cap = s.nm + m->nunits + nd + 1;
	tornado_row *tr = xcalloc(cap, sizeof *tr);
	size_t nt_rows = 0;
	double *unit_var = xcalloc(m->nunits, sizeof *unit_var);
	for (size_t k = 0; k < s.nm; k++) {
		sim_measure *x = &s.sm[k];
		double mean = x->sum / (double)n;
		double var = n > 1 ? (x->sumsq - x->sum * mean) / (double)(n - 1) : 0;
		if (var < 0)
			var = 0;
		var /= 10000.0; /* cents^2 to euros^2 */
		for (int32_t a = x->ms->unit; a >= 0; a = m->units[a].parent)
			unit_var[a] += var;
		if (var <= 0 || x->ms->nature != NATURE_STRUCTURAL)
			continue;
		double amount = (double)x->ms->amounts[yi] / 100.0;
		tr[nt_rows++] = (tornado_row){x->ms->id, "measure", var_total > 0 ? var / var_total : 0,
					      amount * dist_quantile(&x->s, &x->d, 0.1),
					      amount * dist_quantile(&x->s, &x->d, 0.9)};
	}
	for (size_t uu = 0; uu < m->nunits; uu++) {
		unit_type t = m->units[uu].type;
		if ((t != UNIT_DIVISION && t != UNIT_DIRECTORATE) || unit_var[uu] <= 0)
			continue;
		tr[nt_rows++] = (tornado_row){m->units[uu].code, "unit",
					      var_total > 0 ? unit_var[uu] / var_total : 0,
					      out->units[uu].q[1], out->units[uu].q[3]};
	}
	/* Assumptions: the result in the target year with one driver at its 10th and 90th
	 * percentile, the others at 0 and every measure at its mean realisation. */
	for (size_t c = 0; c < s.nc * (size_t)s.ny; c++)
		sav[c] = 0;
	for (size_t k = 0; k < s.nm; k++) {
		const measure *ms = s.sm[k].ms;
		double f = dist_mean(&s.sm[k].d);
		for (int y = 0; y < s.ny; y++)
			sav[(size_t)ms->category * (size_t)s.ny + (size_t)y] += (double)ms->amounts[y] * f;
	}
	double *sav2 = xmalloc(s.nc * (size_t)s.ny * sizeof *sav2);
	for (size_t k = 0; k < nd; k++) {
		double lo_r[MODEL_MAX_YEARS], hi_r[MODEL_MAX_YEARS], *rr[2] = {lo_r, hi_r};
		static const double qs[2] = {0.1, 0.9};
		for (int side = 0; side < 2; side++) {
			memset(dev, 0, nd * sizeof *dev);
			double dq = dist_quantile(&ds[k].s, &u->drivers[k].deviation, qs[side]);
			memcpy(sav2, sav, s.nc * (size_t)s.ny * sizeof *sav2);
			if (u->drivers[k].kind == DRIVER_ATTRITION) {
				/* The freeze's savings scale with (a + d) / a, like the draws. */
				const lever *l = &spec->levers[u->drivers[k].lever];
				double a = (double)l->u.freeze.attrition_ppm / PPM;
				double scale = a > 0 ? (a + dq) / a : 1.0;
				if (scale < 0)
					scale = 0;
				for (size_t mi = 0; mi < s.nm; mi++) {
					if (s.sm[mi].driver != (int)k)
						continue;
					const measure *ms = s.sm[mi].ms;
					double f = dist_mean(&s.sm[mi].d);
					for (int y = 0; y < s.ny; y++)
						sav2[(size_t)ms->category * (size_t)s.ny + (size_t)y] +=
							(double)ms->amounts[y] * f * (scale - 1);
				}
			} else {
				dev[k] = dq;
			}
			result_of(&s, dev, sav2, rr[side]);
		}
		tr[nt_rows++] = (tornado_row){u->drivers[k].name, "assumption", -1, lo_r[yi], hi_r[yi]};
	}
	free(sav2);
	qsort(tr, nt_rows, sizeof *tr, cmp_tornado);
	out->tornado = tr;
	out->ntornado = nt_rows;

	double *root_eur = xmalloc(n * sizeof *root_eur);
	for (size_t i = 0; i < n; i++)
		root_eur[i] = (double)root[i] / 100.0;
	solve_all(&s, spec, root_eur, &rdraw[(size_t)yi * n], n, o->seed, out);
	free(root_eur);

	free(unit_var);
	free(tmp);
	free(dev);
	free(sav);
	free(su);
	free(sc);
	for (unsigned t = 0; t < nt; t++) {
		free(w[t].su);
		free(w[t].sc);
		gsl_rng_free(w[t].r);
	}
	free(w);
	free(sdraw);
	free(rdraw);
	free(s.attr_scale);
	free(dev_all);
	for (size_t k = 0; k < nd; k++)
		gsl_rng_free(ds[k].own);
	for (size_t j = 0; j < nf; j++)
		gsl_rng_free(frng[j]);
	free(ds);
	free(s.states);
	free(s.sm);
	return FP_OK;
}

void risk_release(risk_result *r)
{
	free(r->units);
	free(r->result);
	free(r->tornado);
	free(r->solves);
	memset(r, 0, sizeof *r);
}
