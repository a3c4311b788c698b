/* risk: see risk.h. The iterations are processed in blocks; within a block the measures
 * are shared out over the threads (each measure's stream is its own, its generator state
 * kept between blocks), each thread sums into its own arrays, and the threads' integer
 * sums are added in thread order; sums that could pass the limit of money are done again
 * exactly (see wide). Everything after the draws runs in one thread. */
#include "risk.h"
#include "stats.h"
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
	case STATUS_REALISED: return (dist_spec){DIST_FIXED, 1.0, 0, 0, 0};
	case STATUS_DECIDED: return (dist_spec){DIST_BETA, 0.9, 0.1, 0, 0};
	case STATUS_PLANNED: return (dist_spec){DIST_BETA, 0.7, 0.15, 0, 0};
	case STATUS_IDEA: break;
	case STATUS_COUNT: break;
	}
	return (dist_spec){DIST_BETA, 0.4, 0.2, 0, 0};
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
	const char *file;  /* where a draw that overflows is reported: its rule's line, or */
	int line;          /* the measure's own row when its distribution is a default */
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
	uint64_t *vmax;     /* nm * ny: the largest |saving| of each measure and year in the block */
} sim;

/* Sums of draws. Every draw fits in int64 cents (risk_round_cents), but a sum of them may
 * not, and a thread's partial sum may not where the total does. The threads sum in int64
 * with wrapping additions (no undefined behaviour) and note each measure's largest |saving|
 * per year in the block: when, for every sum, the largest savings of its terms add up
 * within INT64_MAX, no partial sum in any order can have wrapped and the int64 sums are
 * exact. Otherwise (a plan near the limit of money) the block's sums are done again
 * exactly, in 128 bits, one measure after the other (exact_block): every draw is below
 * 2^63 in size and there are fewer than 2^64 of them, so those sums cannot overflow. Both
 * ways the sums are the same whatever the number of threads. */
typedef __int128 wide;

static inline int64_t wrap_add(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

/* The first draw of a thread that does not fit in int64 cents. */
typedef struct draw_fail {
	size_t k; /* the measure, SIZE_MAX for none */
	size_t i; /* the iteration within the block */
	int y;    /* the plan year */
	double f; /* the realised fraction drawn (with the attrition scale) */
} draw_fail;

typedef struct worker {
	sim *s;
	unsigned id, nthreads;
	int64_t *su; /* nunits * BLOCK: own units' target-year structural */
	int64_t *sc; /* nc * ny * BLOCK: realised savings per category and year (all natures) */
	gsl_rng *r;
	draw_fail fail;
} worker;

/* One iteration of measure x: its saving in every plan year as cents (0 where nothing is
 * planned), drawn from r. False when a saving does not fit: *bad_y is its year, *f the
 * fraction drawn. work and replay_draw share it, so a replay draws what work drew. */
static inline bool measure_draw(const sim *s, const sim_measure *x, gsl_rng *r, size_t i,
				int64_t v[MODEL_MAX_YEARS], double *f, int *bad_y)
{
	const measure *ms = x->ms;
	*f = draw(&x->s, &x->d, r);
	bool slipped = s->slip > 0 && gsl_rng_uniform(r) < s->slip;
	if (x->driver >= 0)
		*f *= s->attr_scale[(size_t)x->driver * BLOCK + i];
	for (int y = 0; y < s->ny; y++) {
		int from = slipped ? y - 1 : y;
		int64_t planned = from >= 0 ? ms->amounts[from] : 0;
		v[y] = 0;
		if (planned && !risk_round_cents((double)planned * *f, &v[y])) {
			*bad_y = y;
			return false;
		}
	}
	return true;
}

static void *work(void *arg)
{
	worker *w = arg;
	sim *s = w->s;
	size_t bn = s->block_n;
	memset(w->su, 0, s->m->nunits * BLOCK * sizeof *w->su);
	memset(w->sc, 0, s->nc * (size_t)s->ny * BLOCK * sizeof *w->sc);
	/* A thread's measures come in increasing order, so its first failure is its lowest
	 * measure: the failure reported is the lowest over the threads, whatever their
	 * number. */
	w->fail.k = SIZE_MAX;
	for (size_t k = w->id; k < s->nm; k += w->nthreads) {
		sim_measure *x = &s->sm[k];
		const measure *ms = x->ms;
		memcpy(gsl_rng_state(w->r), s->states + k * s->state_size, s->state_size);
		int64_t *su = &w->su[(size_t)ms->unit * BLOCK];
		uint64_t *vmax = &s->vmax[k * (size_t)s->ny];
		memset(vmax, 0, (size_t)s->ny * sizeof *vmax);
		bool structural = ms->nature == NATURE_STRUCTURAL;
		for (size_t i = 0; i < bn; i++) {
			int64_t v[MODEL_MAX_YEARS];
			double f;
			int bad_y;
			if (!measure_draw(s, x, w->r, i, v, &f, &bad_y)) {
				w->fail = (draw_fail){k, i, bad_y, f};
				return NULL;
			}
			for (int y = 0; y < s->ny; y++) {
				if (!v[y])
					continue;
				uint64_t a = v[y] < 0 ? (uint64_t)0 - (uint64_t)v[y] : (uint64_t)v[y];
				if (a > vmax[y])
					vmax[y] = a;
				int64_t *c = &w->sc[((size_t)ms->category * (size_t)s->ny + (size_t)y) *
							BLOCK + i];
				*c = wrap_add(*c, v[y]);
				if (y == s->ty && structural) {
					su[i] = wrap_add(su[i], v[y]);
					x->sum += (double)v[y];
					x->sumsq += (double)v[y] * (double)v[y];
				}
			}
		}
		memcpy(s->states + k * s->state_size, gsl_rng_state(w->r), s->state_size);
	}
	return NULL;
}

/* replay_draw: measure k's savings in iteration i of the block that started from the
 * generator states block_states (every draw of that block fitted). */
static void replay_draw(const sim *s, const unsigned char *block_states, size_t k, size_t i,
			int64_t v[MODEL_MAX_YEARS])
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	memcpy(gsl_rng_state(r), block_states + k * s->state_size, s->state_size);
	double f;
	int bad_y;
	for (size_t j = 0; j <= i; j++)
		measure_draw(s, &s->sm[k], r, j, v, &f, &bad_y);
	gsl_rng_free(r);
}

/* sums_exact: whether the int64 sums of the block are exact (see wide above): the bound of
 * every category and year's sum, and of every unit's subtree in the target year, is the sum
 * of its terms' largest |saving|, added in 128 bits (deterministic: per measure). */
static bool sums_exact(const sim *s)
{
	const model *m = s->m;
	size_t ny = (size_t)s->ny;
	wide *cat = xcalloc(s->nc * ny, sizeof *cat), *sub = xcalloc(m->nunits, sizeof *sub);
	for (size_t k = 0; k < s->nm; k++) {
		const measure *ms = s->sm[k].ms;
		const uint64_t *vmax = &s->vmax[k * ny];
		for (size_t y = 0; y < ny; y++)
			cat[(size_t)ms->category * ny + y] += vmax[y];
		if (ms->nature == NATURE_STRUCTURAL)
			sub[ms->unit] += vmax[s->ty];
	}
	bool exact = true;
	for (size_t c = 0; c < s->nc * ny; c++)
		exact = exact && cat[c] <= INT64_MAX;
	for (size_t k = m->nunits; k-- > 1;) {
		int32_t uu = m->preorder[k];
		sub[m->units[uu].parent] += sub[uu];
	}
	for (size_t uu = 0; uu < m->nunits; uu++)
		exact = exact && sub[uu] <= INT64_MAX;
	free(cat);
	free(sub);
	return exact;
}

/* exact_block: the block's sums again, in 128 bits, one measure after the other from the
 * generator states the block started with: su (nunits * BLOCK, own units' target-year
 * structural) and sc (nc * ny * BLOCK). Every draw of the block fitted. */
static void exact_block(const sim *s, const unsigned char *block_states, wide *su, wide *sc)
{
	size_t bn = s->block_n, ny = (size_t)s->ny;
	memset(su, 0, s->m->nunits * BLOCK * sizeof *su);
	memset(sc, 0, s->nc * ny * BLOCK * sizeof *sc);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	for (size_t k = 0; k < s->nm; k++) {
		const sim_measure *x = &s->sm[k];
		const measure *ms = x->ms;
		bool structural = ms->nature == NATURE_STRUCTURAL;
		memcpy(gsl_rng_state(r), block_states + k * s->state_size, s->state_size);
		for (size_t i = 0; i < bn; i++) {
			int64_t v[MODEL_MAX_YEARS];
			double f;
			int bad_y;
			measure_draw(s, x, r, i, v, &f, &bad_y);
			for (size_t y = 0; y < ny; y++)
				sc[((size_t)ms->category * ny + y) * BLOCK + i] += v[y];
			if (structural)
				su[(size_t)ms->unit * BLOCK + i] += v[s->ty];
		}
	}
	gsl_rng_free(r);
}

/* A unit's simulated structural savings in iteration i of the block do not fit: report the
 * measure whose saving, added in plan order to its unit and the units above, first makes
 * one of them overflow (there is one: the last addition gives the total). */
static void report_sum_overflow(const sim *s, const unsigned char *block_states, size_t i,
				size_t draw_no, int32_t overflowing, diag *d)
{
	const model *m = s->m;
	int64_t *cell = xcalloc(m->nunits, sizeof *cell);
	for (size_t k = 0; k < s->nm; k++) {
		const sim_measure *x = &s->sm[k];
		if (x->ms->nature != NATURE_STRUCTURAL)
			continue;
		int64_t v[MODEL_MAX_YEARS];
		replay_draw(s, block_states, k, i, v);
		for (int32_t a = x->ms->unit; a >= 0 && v[s->ty]; a = m->units[a].parent) {
			if (money_add(&cell[a], v[s->ty]))
				continue;
			diag_error(d, x->file, x->line, 0,
				   "the saving of measure '%s' makes the simulated structural savings "
				   "of unit '%s' in %d overflow the limit of 92,233,720,368,547,758.07 "
				   "(draw %zu)",
				   x->ms->id, m->units[a].code, m->target_year, draw_no);
			free(cell);
			return;
		}
	}
	free(cell);
	diag_error(d, scenario_file(s->spec), 0, 0,
		   "the simulated structural savings of unit '%s' in %d overflow the limit of "
		   "92,233,720,368,547,758.07 (draw %zu)",
		   m->units[overflowing].code, m->target_year, draw_no);
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

#define LIMIT "the limit of 92,233,720,368,547,758.07"

/* The bound of a driver's deviation (model/uncertainty.h), as the script checked it. */
static double deviation_limit(driver_kind k)
{
	return k == DRIVER_ATTRITION ? DIST_ATTRITION_DEVIATION_MAX : DIST_RATE_DEVIATION_MAX;
}

/* Every figure risk_run hands out, and every difference the outputs show (a tornado row's
 * swing, the histogram's bin edges), converts to cents: risk_cents relies on it. The
 * first that does not is reported; false then. */
static bool figures_fit(const sim *s, const risk_result *out, diag *d)
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
			if (strcmp(t->kind, "assumption") == 0 && strcmp(s->u->drivers[i].name, t->name) == 0)
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

fp_status risk_run(const model *m, const baseline_totals *bt, const scenario_spec *spec,
		   const scenario_result *res, const consolidation *cons, const risk_opts *o,
		   risk_result *out, diag *d)
{
	memset(out, 0, sizeof *out);
	gsl_set_error_handler_off();
	fp_status st = FP_OK;
	const uncertainty_spec *u = &spec->uncertainty;
	const char *file = scenario_file(spec);
	plan pl = scenario_plan(res);
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
	size_t nd = u->ndrivers, nf = 0;
	const char *fnames[MAX_FACTORS];
	gsl_rng *frng[MAX_FACTORS];
	/* Everything the function owns, NULL until allocated, freed at out. */
	driver_state *ds = NULL;
	double *dev_all = NULL, *rdraw = NULL, *sav = NULL, *dev = NULL, *tmp = NULL;
	double *unit_var = NULL, *sav2 = NULL, *root_eur = NULL;
	int64_t *sdraw = NULL;
	int64_t *su = NULL, *sc = NULL;
	wide *su_wide = NULL, *sc_wide = NULL; /* only for a block near the limit (sums_exact) */
	unsigned char *block_states = NULL;
	worker *w = NULL;
	tornado_row *tr = NULL;
	char why[DIST_CHECK_BUF];

	s.sm = xcalloc(s.nm ? s.nm : 1, sizeof *s.sm);
	gsl_rng *proto = gsl_rng_alloc(gsl_rng_taus2);
	s.state_size = gsl_rng_size(proto);
	s.states = xmalloc((s.nm ? s.nm : 1) * s.state_size);
	for (size_t k = 0; k < s.nm; k++) {
		sim_measure *x = &s.sm[k];
		x->ms = &res->measures[k];
		x->d = dist_resolve(m, u, x->ms);
		x->file = x->d.line ? file : plan_pos_file(m, pl, x->ms->pos);
		x->line = x->d.line ? x->d.line : (int)x->ms->pos.line;
		const char *bad = dist_check(&x->d, DIST_FRACTION_MAX, why);
		if (bad) {
			diag_error(d, file, x->d.line, 0, "the distribution for measure '%s': %s",
				   x->ms->id, bad);
			gsl_rng_free(proto);
			st = FP_EDATA;
			goto out;
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
	ds = xcalloc(nd ? nd : 1, sizeof *ds);
	for (size_t k = 0; k < nd; k++) {
		const driver_spec *dr = &u->drivers[k];
		const char *bad = dist_check(&dr->deviation, deviation_limit(dr->kind), why);
		if (bad) {
			diag_error(d, file, spec->levers[dr->lever].line, 0, "%s{}: spread: %s",
				   lever_kind_word(spec->levers[dr->lever].kind), bad);
			st = FP_EDATA;
			goto out;
		}
		ds[k].s = make_sampler(&dr->deviation);
		ds[k].own = gsl_rng_alloc(gsl_rng_taus2);
		gsl_rng_set(ds[k].own, stream_seed(o->seed, "driver", dr->name));
		const char *f = dr->factor;
		bool known = false;
		for (size_t j = 0; j < nf && f; j++)
			known |= strcmp(fnames[j], f) == 0;
		if (f && !known && nf == MAX_FACTORS) {
			diag_error(d, file, spec->levers[dr->lever].line, 0,
				   "more than %d shared factors", MAX_FACTORS);
			st = FP_EDATA;
			goto out;
		}
		if (f && !known) {
			fnames[nf] = f;
			frng[nf] = gsl_rng_alloc(gsl_rng_taus2);
			gsl_rng_set(frng[nf], stream_seed(o->seed, "factor", f));
			nf++;
		}
	}
	dev_all = xcalloc(nd ? nd * n : 1, sizeof *dev_all); /* per driver, iteration */
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
				double wl = dr->loading;
				double own = gsl_ran_gaussian_ziggurat(ds[k].own, 1.0);
				v = dr->deviation.p1 +
				    dr->deviation.p2 * (wl * z[j] + sqrt(1 - wl * wl) * own);
			} else {
				v = draw(&ds[k].s, &dr->deviation, ds[k].own);
			}
			dev_all[k * n + i] = v;
		}
	}
	/* Attrition drivers scale their freeze's savings: (a + deviation) / a, at least 0. */
	s.attr_scale = xcalloc(nd ? nd * BLOCK : 1, sizeof *s.attr_scale);

	size_t keep_units = m->nunits * n <= 40000000u ? m->nunits : 1;
	sdraw = xmalloc((keep_units ? keep_units : 1) * n * sizeof *sdraw);
	rdraw = xmalloc((size_t)s.ny * n * sizeof *rdraw);
	w = xcalloc(nt, sizeof *w);
	for (unsigned t = 0; t < nt; t++) {
		w[t] = (worker){&s, t, nt, xmalloc(m->nunits * BLOCK * sizeof(int64_t)),
				xmalloc(s.nc * (size_t)s.ny * BLOCK * sizeof(int64_t)),
				gsl_rng_alloc(gsl_rng_taus2), {SIZE_MAX, 0, 0, 0}};
	}
	block_states = xmalloc((s.nm ? s.nm : 1) * s.state_size);
	s.vmax = xcalloc((s.nm ? s.nm : 1) * (size_t)s.ny, sizeof *s.vmax);
	su = xmalloc(m->nunits * BLOCK * sizeof *su);
	sc = xmalloc(s.nc * (size_t)s.ny * BLOCK * sizeof *sc);
	sav = xmalloc(s.nc * (size_t)s.ny * sizeof *sav);
	dev = xcalloc(nd ? nd : 1, sizeof *dev);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bool tty = o->progress && isatty(2);
	for (size_t b0 = 0; b0 < n; b0 += BLOCK) {
		s.block_n = n - b0 < BLOCK ? n - b0 : BLOCK;
		/* The states the block starts with, to draw it again (exact_block, report_sum_overflow). */
		memcpy(block_states, s.states, s.nm * s.state_size);
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
		const draw_fail *fail = NULL;
		for (unsigned t = 0; t < nt; t++)
			if (w[t].fail.k != SIZE_MAX && (!fail || w[t].fail.k < fail->k))
				fail = &w[t].fail;
		if (fail) {
			const sim_measure *x = &s.sm[fail->k];
			diag_error(d, x->file, x->line, 0,
				   "a realised fraction of %g makes the saving of measure '%s' in %d "
				   "overflow " LIMIT " (draw %zu)",
				   fail->f, x->ms->id, m->base_year + 1 + fail->y, b0 + fail->i + 1);
			st = FP_EDATA;
			goto out;
		}
		/* Add the threads' sums in thread order (exact: any order gives the same). */
		memcpy(su, w[0].su, m->nunits * BLOCK * sizeof *su);
		memcpy(sc, w[0].sc, s.nc * (size_t)s.ny * BLOCK * sizeof *sc);
		for (unsigned t = 1; t < nt; t++) {
			for (size_t i = 0; i < m->nunits * BLOCK; i++)
				su[i] = wrap_add(su[i], w[t].su[i]);
			for (size_t i = 0; i < s.nc * (size_t)s.ny * BLOCK; i++)
				sc[i] = wrap_add(sc[i], w[t].sc[i]);
		}
		bool exact = sums_exact(&s);
		if (!exact) {
			/* Near the limit of money: the sums again in 128 bits, then every unit's
			 * sum must be money, a unit before its parents. */
			if (!su_wide) {
				su_wide = xmalloc(m->nunits * BLOCK * sizeof *su_wide);
				sc_wide = xmalloc(s.nc * (size_t)s.ny * BLOCK * sizeof *sc_wide);
			}
			exact_block(&s, block_states, su_wide, sc_wide);
			for (size_t k = m->nunits; k-- > 1;) {
				int32_t uu = m->preorder[k], par = m->units[uu].parent;
				wide *to = &su_wide[(size_t)par * BLOCK], *from = &su_wide[(size_t)uu * BLOCK];
				for (size_t i = 0; i < s.block_n; i++)
					to[i] += from[i];
			}
			for (size_t i = 0; i < s.block_n; i++) {
				for (size_t k = m->nunits; k-- > 0;) {
					int32_t uu = m->preorder[k];
					wide v = su_wide[(size_t)uu * BLOCK + i];
					if (v > INT64_MAX || v < -INT64_MAX) {
						report_sum_overflow(&s, block_states, i, b0 + i + 1, uu, d);
						st = FP_EDATA;
						goto out;
					}
					su[(size_t)uu * BLOCK + i] = (int64_t)v;
				}
			}
		} else {
			/* Roll up the tree per iteration: within the bounds, so exact. */
			for (size_t k = m->nunits; k-- > 1;) {
				int32_t uu = m->preorder[k], par = m->units[uu].parent;
				int64_t *to = &su[(size_t)par * BLOCK], *from = &su[(size_t)uu * BLOCK];
				for (size_t i = 0; i < s.block_n; i++)
					to[i] += from[i];
			}
		}
		for (size_t i = 0; i < s.block_n; i++) {
			if (keep_units == m->nunits)
				for (size_t uu = 0; uu < m->nunits; uu++)
					sdraw[uu * n + b0 + i] = su[uu * BLOCK + i];
			else
				sdraw[b0 + i] = su[(size_t)m->root * BLOCK + i];
			for (size_t c = 0; c < s.nc * (size_t)s.ny; c++)
				sav[c] = exact ? (double)sc[c * BLOCK + i] : (double)sc_wide[c * BLOCK + i];
			for (size_t k = 0; k < nd; k++)
				dev[k] = dev_all[k * n + b0 + i];
			double res_y[MODEL_MAX_YEARS];
			result_of(&s, dev, sav, res_y);
			for (int y = 0; y < s.ny; y++) {
				int64_t c;
				if (!stats_euros(res_y[y], &c)) {
					diag_error(d, file, 0, 0, "the simulated result of %d overflows "
								  LIMIT " (draw %zu)",
						   m->base_year + 1 + y, b0 + i + 1);
					st = FP_EDATA;
					goto out;
				}
				rdraw[(size_t)y * n + b0 + i] = res_y[y];
			}
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

	out->iterations = n; /* a failed run leaves iterations 0 (job.h): reset at out */
	/* Summaries per unit (the target year) and per year (the result). */
	out->units = xcalloc(m->nunits, sizeof *out->units);
	tmp = xmalloc(n * sizeof *tmp);
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

	/* Tornado: each measure's variance against the total's (independent draws), units'
	 * measures together, and one-at-a-time swings of the assumptions on the result. */
	double var_total = gsl_stats_variance(tmp, 1, n);
	size_t cap = s.nm + m->nunits + nd + 1;
	tr = xcalloc(cap, sizeof *tr);
	size_t nt_rows = 0;
	unit_var = xcalloc(m->nunits, sizeof *unit_var);
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
	sav2 = xmalloc(s.nc * (size_t)s.ny * sizeof *sav2);
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
	qsort(tr, nt_rows, sizeof *tr, cmp_tornado);
	out->tornado = tr;
	out->ntornado = nt_rows;
	tr = NULL;

	root_eur = xmalloc(n * sizeof *root_eur);
	for (size_t i = 0; i < n; i++)
		root_eur[i] = (double)root[i] / 100.0;
	solve_all(&s, spec, root_eur, &rdraw[(size_t)yi * n], n, o->seed, out);
	if (!figures_fit(&s, out, d))
		st = FP_EDATA;

out:
	if (st != FP_OK)
		risk_release(out);
	free(root_eur);
	free(sav2);
	free(tr);
	free(unit_var);
	free(tmp);
	free(dev);
	free(sav);
	free(su);
	free(sc);
	free(block_states);
	free(s.vmax);
	free(su_wide);
	free(sc_wide);
	for (unsigned t = 0; w && t < nt; t++) {
		free(w[t].su);
		free(w[t].sc);
		gsl_rng_free(w[t].r);
	}
	free(w);
	free(sdraw);
	free(rdraw);
	free(s.attr_scale);
	free(dev_all);
	for (size_t k = 0; ds && k < nd; k++)
		if (ds[k].own)
			gsl_rng_free(ds[k].own);
	for (size_t j = 0; j < nf; j++)
		gsl_rng_free(frng[j]);
	free(ds);
	free(s.states);
	free(s.sm);
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
