/* risk_draw: the draws of one simulation, BLOCK iterations at a time: the measures shared
 * out over the threads (each with its own stream, its state kept between blocks), each
 * thread summing into its own arrays, the sums added in thread order; sums that could
 * pass the limit of money are done again exactly (see wide in risk_int.h). */
#include "risk_int.h"
#include "stats.h"
#include "../core/xalloc.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>
#include <unistd.h>

/* A wrapping addition: the threads sum in int64 without undefined behaviour (see wide in
 * risk_int.h for why the sums are still exact). */
static inline int64_t wrap_add(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

/* One draw of measure x's realised fraction (before any attrition scale) from its stream
 * (r's state is t): by its quantile table, else by its GSL sampler. */
static inline double fraction_draw(const sim_measure *x, gsl_rng *r, taus_state *t)
{
	return x->q ? qtab_draw(x->q, taus_next(t)) : risk_draw(&x->s, &x->d, r);
}

/* Whether a measure slips in this draw: one uniform from its stream after the fraction. */
static inline bool slip_draw(const sim *s, taus_state *t)
{
	return s->slip > 0 && (double)taus_next(t) / 4294967296.0 < s->slip;
}

/* One iteration of measure x: its saving in every plan year as cents (0 where nothing is
 * planned), drawn from r. False when a saving does not fit: *bad_y is its year, *f the
 * fraction drawn. The replays (replay_draw, exact_block) draw with it what work drew. */
bool risk_measure_draw(const sim *s, const sim_measure *x, gsl_rng *r, size_t i,
		       int64_t v[MODEL_MAX_YEARS], double *f, int *bad_y)
{
	const measure *ms = x->ms;
	taus_state *t = gsl_rng_state(r);
	*f = fraction_draw(x, r, t);
	bool slipped = slip_draw(s, t);
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

/* The first draw of measure k in the block (fractions f, slips sl) whose saving does not
 * fit, in the order measure_draw meets them (iteration, then year), into w->fail; false
 * when there is none. */
static bool first_failure(worker *w, size_t k, const double *f, const uint64_t *sl)
{
	const sim *s = w->s;
	const measure *ms = s->sm[k].ms;
	int64_t c;
	for (size_t i = 0; i < s->block_n; i++)
		for (int y = 0; y < s->ny; y++) {
			int from = sl[i] ? y - 1 : y;
			int64_t planned = from >= 0 ? ms->amounts[from] : 0;
			if (planned && !risk_round_cents((double)planned * f[i], &c)) {
				w->fail = (draw_fail){k, i, y, f[i]};
				return true;
			}
		}
	return false;
}

/* The block's length rounded up to a multiple of 4 (as BLOCK is): the rows are added whole
 * vectors at a time, and what lies past block_n is 0 and never read. */
static size_t block_len4(const sim *s)
{
	return (s->block_n + 3) & ~(size_t)3;
}

/* Measure k's fractions and slips (all ones where it slipped) for the block, from its
 * stream (its state kept); the largest |fraction| into *fmx. */
static void draw_fractions(worker *w, size_t k, double *fmx)
{
	sim *s = w->s;
	const sim_measure *x = &s->sm[k];
	taus_state *t = gsl_rng_state(w->r);
	memcpy(t, s->states + k * s->state_size, s->state_size);
	const double *scale = x->driver >= 0 ? &s->attr_scale[(size_t)x->driver * BLOCK] : NULL;
	double mx = 0;
	size_t i = 0;
	for (; i < s->block_n; i++) {
		double f = fraction_draw(x, w->r, t);
		w->slip[i] = slip_draw(s, t) ? UINT64_MAX : 0;
		w->f[i] = scale ? f * scale[i] : f;
		double a = fabs(w->f[i]);
		mx = a > mx ? a : mx; /* a NaN is left out: its savings are 0 and it fails */
	}
	for (; i < block_len4(s); i++) {
		w->f[i] = 0;
		w->slip[i] = 0;
	}
	*fmx = mx;
	memcpy(s->states + k * s->state_size, t, s->state_size);
}

/* Measure k's savings at each distinct planned amount, rounded to the cent: w->v, the row
 * of each year's amount in at[] (-1 for none), and a bound on the row's |saving| in
 * bound[] (rounding is monotone: |a| fmx rounded; UINT64_MAX where that does not fit).
 * False when a saving does not fit (then first_failure decides whether one that counts
 * failed). */
static bool amount_rows(worker *w, size_t k, double fmx, int at[MODEL_MAX_YEARS],
			uint64_t bound[MODEL_MAX_YEARS])
{
	const sim *s = w->s;
	const measure *ms = s->sm[k].ms;
	size_t bn = block_len4(s);
	int64_t amt[MODEL_MAX_YEARS];
	int nv = 0;
	bool fits = true;
	for (int y = 0; y < s->ny; y++) {
		int64_t a = ms->amounts[y];
		at[y] = -1;
		for (int j = 0; j < nv && a; j++)
			if (amt[j] == a)
				at[y] = j;
		if (!a || at[y] >= 0)
			continue;
		at[y] = nv;
		amt[nv] = a;
		double da = (double)a, top = fabs(da) * fmx;
		bound[nv] = top < 0x1p63 ? (uint64_t)risk_round_fitting(top) : UINT64_MAX;
		int64_t *v = &w->v[(size_t)nv++ * BLOCK];
		for (size_t i = 0; i < bn; i++) {
			double c = da * w->f[i];
			bool ok = fabs(c) < 0x1p63;
			fits &= ok;
			v[i] = ok ? risk_round_fitting(c) : 0;
		}
	}
	return fits;
}

/* Two lanes of 64 bits (GCC's and Clang's vector extension; one SSE2 register on a plain
 * x86-64): the rows are added with wrapping unsigned additions, as wrap_add. */
typedef uint64_t lanes __attribute__((vector_size(16)));

/* row[i] += sl[i] ? v1[i] : v0[i] for i < n (a multiple of 2). */
static void add_row(int64_t *row, const int64_t *v0, const int64_t *v1, const uint64_t *sl,
		    size_t n)
{
	for (size_t i = 0; i < n; i += 2) {
		lanes c, a, b, m;
		memcpy(&c, row + i, sizeof c);
		memcpy(&a, v0 + i, sizeof a);
		memcpy(&b, v1 + i, sizeof b);
		memcpy(&m, sl + i, sizeof m);
		c += (a & ~m) | (b & m);
		memcpy(row + i, &c, sizeof c);
	}
}

/* Measure k's savings of the block added to its category's rows and, in the target year
 * when structural, its unit's; a bound on its |saving| per year (sums_exact) and its sums
 * for the tornado. The savings are w->v's rows, chosen per draw by whether it slipped. */
static void add_measure(worker *w, size_t k, const int at[MODEL_MAX_YEARS],
			const uint64_t bound[MODEL_MAX_YEARS])
{
	sim *s = w->s;
	sim_measure *x = &s->sm[k];
	const measure *ms = x->ms;
	const uint64_t *sl = w->slip;
	bool structural = ms->nature == NATURE_STRUCTURAL, slips = s->slip > 0;
	uint64_t *vmax = &s->vmax[k * (size_t)s->ny];
	for (int y = 0; y < s->ny; y++) {
		/* slipped, year y has year y - 1's amount: none in the first year */
		int j0 = at[y], j1 = !slips ? j0 : y > 0 ? at[y - 1] : -1;
		const int64_t *v0 = j0 >= 0 ? &w->v[(size_t)j0 * BLOCK] : w->zero;
		const int64_t *v1 = j1 >= 0 ? &w->v[(size_t)j1 * BLOCK] : w->zero;
		uint64_t b0 = j0 >= 0 ? bound[j0] : 0, b1 = j1 >= 0 ? bound[j1] : 0;
		vmax[y] = b0 > b1 ? b0 : b1;
		if (j0 < 0 && j1 < 0)
			continue;
		add_row(&w->sc[((size_t)ms->category * (size_t)s->ny + (size_t)y) * BLOCK], v0, v1,
			sl, block_len4(s));
		if (y != s->ty || !structural)
			continue;
		int64_t *su = &w->su[(size_t)ms->unit * BLOCK];
		add_row(su, v0, v1, sl, block_len4(s));
		double sum = 0, sumsq = 0;
		for (size_t i = 0; i < s->block_n; i++) {
			double v = (double)(sl[i] ? v1[i] : v0[i]);
			sum += v;
			sumsq += v * v;
		}
		x->sum += sum;
		x->sumsq += sumsq;
	}
	if (structural && x->driver >= 0) {
		/* what the measure's own draws add to the freeze's shared draw */
		const double *scale = &s->attr_scale[(size_t)x->driver * BLOCK];
		int j0 = at[s->ty], j1 = !slips ? j0 : s->ty > 0 ? at[s->ty - 1] : -1;
		const int64_t *v0 = j0 >= 0 ? &w->v[(size_t)j0 * BLOCK] : w->zero;
		const int64_t *v1 = j1 >= 0 ? &w->v[(size_t)j1 * BLOCK] : w->zero;
		for (size_t i = 0; i < s->block_n; i++) {
			double r = (double)(sl[i] ? v1[i] : v0[i]) - scale[i] * x->m_ty;
			x->rsum += r;
			x->rsumsq += r * r;
		}
	}
}

/* The block's draws of the thread's measures (k = id, id + nthreads, ...): each measure's
 * fractions and slips first, then its savings per distinct amount, then the sums. */
static void *work(void *arg)
{
	worker *w = arg;
	sim *s = w->s;
	memset(w->su, 0, s->m->nunits * BLOCK * sizeof *w->su);
	memset(w->sc, 0, s->nc * (size_t)s->ny * BLOCK * sizeof *w->sc);
	/* A thread's measures come in increasing order, so its first failure is its lowest
	 * measure: the failure reported is the lowest over the threads, whatever their
	 * number. */
	w->fail.k = SIZE_MAX;
	for (size_t k = w->id; k < s->nm; k += w->nthreads) {
		int at[MODEL_MAX_YEARS];
		uint64_t bound[MODEL_MAX_YEARS];
		double fmx;
		draw_fractions(w, k, &fmx);
		if (!amount_rows(w, k, fmx, at, bound) && first_failure(w, k, w->f, w->slip))
			return NULL;
		add_measure(w, k, at, bound);
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
		risk_measure_draw(s, &s->sm[k], r, j, v, &f, &bad_y);
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
			risk_measure_draw(s, x, r, i, v, &f, &bad_y);
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

/* The attrition drivers' factor for the block's iterations: (a + deviation) / a, at least
 * 0, scaling their freeze's savings. */
void risk_block_attrition(risk_ctx *rc, size_t b0)
{
	sim *s = &rc->s;
	const uncertainty_spec *u = s->u;
	for (size_t k = 0; k < rc->nd; k++) {
		if (u->drivers[k].kind != DRIVER_ATTRITION)
			continue;
		const lever *l = &s->spec->levers[u->drivers[k].lever];
		double a = (double)l->u.freeze.attrition_ppm / PPM;
		for (size_t i = 0; i < s->block_n; i++)
			s->attr_scale[k * BLOCK + i] = attrition_scale(a, rc->dev_all[k * rc->n + b0 + i]);
	}
}

/* The block's draws over the threads. A thread that could not be started: its share is
 * drawn here, from its own streams, so the figures are the same. */
static void block_work(risk_ctx *rc)
{
	pthread_t tid[MAX_THREADS];
	bool started[MAX_THREADS] = {false};
	for (unsigned t = 1; t < rc->nt; t++)
		started[t] = pthread_create(&tid[t], NULL, work, &rc->w[t]) == 0;
	work(&rc->w[0]);
	for (unsigned t = 1; t < rc->nt; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			work(&rc->w[t]);
	}
}

/* The lowest measure's failed draw over the threads, reported; false then. */
static bool block_fits(risk_ctx *rc, size_t b0, diag *d)
{
	const draw_fail *fail = NULL;
	for (unsigned t = 0; t < rc->nt; t++)
		if (rc->w[t].fail.k != SIZE_MAX && (!fail || rc->w[t].fail.k < fail->k))
			fail = &rc->w[t].fail;
	if (!fail)
		return true;
	const sim_measure *x = &rc->s.sm[fail->k];
	diag_error(d, x->file, x->line, 0,
		   "a realised fraction of %g makes the saving of measure '%s' in %d "
		   "overflow " LIMIT " (draw %zu)",
		   fail->f, x->ms->id, rc->s.m->base_year + 1 + fail->y, b0 + fail->i + 1);
	return false;
}

/* Add the threads' sums in thread order (exact: any order gives the same). */
static void block_add(risk_ctx *rc)
{
	const sim *s = &rc->s;
	size_t nu = s->m->nunits * BLOCK, ncy = s->nc * (size_t)s->ny * BLOCK;
	memcpy(rc->su, rc->w[0].su, nu * sizeof *rc->su);
	memcpy(rc->sc, rc->w[0].sc, ncy * sizeof *rc->sc);
	for (unsigned t = 1; t < rc->nt; t++) {
		for (size_t i = 0; i < nu; i++)
			rc->su[i] = wrap_add(rc->su[i], rc->w[t].su[i]);
		for (size_t i = 0; i < ncy; i++)
			rc->sc[i] = wrap_add(rc->sc[i], rc->w[t].sc[i]);
	}
}

/* Near the limit of money: the sums again in 128 bits, then every unit's sum must be
 * money, a unit before its parents; the first that is not is reported (false). */
static bool block_rollup_wide(risk_ctx *rc, size_t b0, diag *d)
{
	const sim *s = &rc->s;
	const model *m = s->m;
	if (!rc->su_wide) {
		rc->su_wide = xmalloc(m->nunits * BLOCK * sizeof *rc->su_wide);
		rc->sc_wide = xmalloc(s->nc * (size_t)s->ny * BLOCK * sizeof *rc->sc_wide);
	}
	wide *su_wide = rc->su_wide;
	exact_block(s, rc->block_states, su_wide, rc->sc_wide);
	for (size_t k = m->nunits; k-- > 1;) {
		int32_t uu = m->preorder[k], par = m->units[uu].parent;
		wide *to = &su_wide[(size_t)par * BLOCK], *from = &su_wide[(size_t)uu * BLOCK];
		for (size_t i = 0; i < s->block_n; i++)
			to[i] += from[i];
	}
	for (size_t i = 0; i < s->block_n; i++) {
		for (size_t k = m->nunits; k-- > 0;) {
			int32_t uu = m->preorder[k];
			wide v = su_wide[(size_t)uu * BLOCK + i];
			if (v > INT64_MAX || v < -INT64_MAX) {
				report_sum_overflow(s, rc->block_states, i, b0 + i + 1, uu, d);
				return false;
			}
			rc->su[(size_t)uu * BLOCK + i] = (int64_t)v;
		}
	}
	return true;
}

/* Roll up the tree per iteration: within the bounds (sums_exact), so exact. */
static void block_rollup(risk_ctx *rc)
{
	const sim *s = &rc->s;
	const model *m = s->m;
	for (size_t k = m->nunits; k-- > 1;) {
		int32_t uu = m->preorder[k], par = m->units[uu].parent;
		int64_t *to = &rc->su[(size_t)par * BLOCK], *from = &rc->su[(size_t)uu * BLOCK];
		for (size_t i = 0; i < s->block_n; i++)
			to[i] += from[i];
	}
}

/* Keep the block's draws: the units' structural savings into sdraw, the result of every
 * year into rdraw; a result beyond the limit of money is reported (false). */
static bool block_keep(risk_ctx *rc, size_t b0, bool exact, diag *d)
{
	const sim *s = &rc->s;
	const model *m = s->m;
	size_t n = rc->n;
	for (size_t i = 0; i < s->block_n; i++) {
		if (rc->keep_units == m->nunits)
			for (size_t uu = 0; uu < m->nunits; uu++)
				rc->sdraw[uu * n + b0 + i] = rc->su[uu * BLOCK + i];
		else
			rc->sdraw[b0 + i] = rc->su[(size_t)m->root * BLOCK + i];
		for (size_t c = 0; c < s->nc * (size_t)s->ny; c++)
			rc->sav[c] = exact ? (double)rc->sc[c * BLOCK + i]
					   : (double)rc->sc_wide[c * BLOCK + i];
		for (size_t k = 0; k < rc->nd; k++)
			rc->dev[k] = rc->dev_all[k * n + b0 + i];
		double res_y[MODEL_MAX_YEARS];
		risk_result_of(s, rc->dev, rc->sav, res_y);
		for (int y = 0; y < s->ny; y++) {
			int64_t c;
			if (!stats_euros(res_y[y], &c)) {
				diag_error(d, rc->file, 0, 0, "the simulated result of %d overflows "
							      LIMIT " (draw %zu)",
					   m->base_year + 1 + y, b0 + i + 1);
				return false;
			}
			rc->rdraw[(size_t)y * n + b0 + i] = res_y[y];
		}
	}
	return true;
}

/* One block of iterations from b0: draw, check, sum, roll up the tree and keep. */
static fp_status draw_block(risk_ctx *rc, size_t b0, diag *d)
{
	sim *s = &rc->s;
	s->block_n = rc->n - b0 < BLOCK ? rc->n - b0 : BLOCK;
	/* The states the block starts with, to draw it again (exact_block, report_sum_overflow). */
	memcpy(rc->block_states, s->states, s->nm * s->state_size);
	risk_block_attrition(rc, b0);
	block_work(rc);
	if (!block_fits(rc, b0, d))
		return FP_EDATA;
	block_add(rc);
	bool exact = sums_exact(s);
	if (!exact && !block_rollup_wide(rc, b0, d))
		return FP_EDATA;
	if (exact)
		block_rollup(rc);
	return block_keep(rc, b0, exact, d) ? FP_OK : FP_EDATA;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Whether the organisation's P(target) over the first n draws has a standard error of at
 * most rc->precision (never without a target: every iteration is drawn then). */
static bool precise_enough(const risk_ctx *rc, size_t n)
{
	const model *m = rc->s.m;
	const unit_year *cell = cons_cell(rc->cons, m->root, rc->s.ty);
	if (rc->precision <= 0 || !cell->has_target)
		return false;
	const int64_t *root = rc->keep_units == m->nunits ? &rc->sdraw[(size_t)m->root * rc->n]
							  : rc->sdraw;
	size_t hit = 0;
	for (size_t i = 0; i < n; i++)
		hit += root[i] >= cell->target_cents;
	double p = (double)hit / (double)n;
	return sqrt(p * (1 - p) / (double)n) <= rc->precision;
}

fp_status risk_draw_blocks(risk_ctx *rc, risk_result *out, size_t *used, diag *d)
{
	size_t n = rc->n, done = 0;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bool tty = rc->progress && isatty(2);
	for (size_t b0 = 0; b0 < n; b0 += BLOCK) {
		fp_status st = draw_block(rc, b0, d);
		if (st != FP_OK)
			return st;
		done = b0 + rc->s.block_n;
		bool stop = done < n && precise_enough(rc, done);
		double el = seconds_since(&t0);
		if (tty && el > 1.0) {
			int pct = (int)(100.0 * (double)done / (double)n);
			fprintf(stderr, "\rsimulating %zu iterations [%-40.*s] %3d%%", n, pct * 40 / 100,
				"========================================", pct);
			if (done >= n || stop)
				fputc('\n', stderr);
		}
		if (stop)
			break;
	}
	double el = seconds_since(&t0);
	out->ns_per_draw = rc->s.nm && done ? el * 1e9 / ((double)rc->s.nm * (double)done) : 0;
	*used = done;
	return FP_OK;
}
