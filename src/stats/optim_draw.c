/* optim_draw: the draws the optimiser chooses on and checks with (optim.h). They come from
 * the Monte Carlo's own engine (risk.c sets the measures up, risk_measure_draw draws one
 * iteration of one measure): every measure its own stream, keyed by (seed, id), so that a
 * candidate drawn here is drawn as it would be in the plan. The measures are shared out
 * over the threads; the plan's sums are 128-bit and checked against the limit of money, so
 * the figures are the same whatever the number of threads. */
#include "optim.h"
#include "risk_int.h"
#include "../core/xalloc.h"
#include <gsl/gsl_errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

uint64_t optim_seed(uint64_t run_seed, const char *purpose)
{
	uint64_t h = 1469598103934665603ULL;
	for (int i = 0; i < 8; i++) {
		h ^= (run_seed >> (8 * i)) & 0xff;
		h *= 1099511628211ULL;
	}
	for (const char *p = "optimise"; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	h ^= 0x1f;
	h *= 1099511628211ULL;
	for (const char *p = purpose; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	return h;
}

/* One thread's share: the measures job[id], job[id + nt], ... (indices into s.sm). */
typedef struct draw_worker {
	risk_ctx *rc;
	const size_t *job; /* the measures to draw */
	size_t njob;
	unsigned id, nt;
	size_t b0;          /* the block's first iteration */
	wide *acc;          /* n * ny: the plan's sums, this thread's terms */
	optim_draws *out;
	gsl_rng *r;
	draw_fail fail;     /* the first draw that did not fit (lowest job, then iteration) */
} draw_worker;

static void *draw_work(void *arg)
{
	draw_worker *w = arg;
	sim *s = &w->rc->s;
	optim_draws *out = w->out;
	size_t nres = s->nm - s->nextra, ny = (size_t)out->ny;
	for (size_t j = w->id; j < w->njob && w->fail.k == SIZE_MAX; j += w->nt) {
		size_t k = w->job[j];
		const sim_measure *x = &s->sm[k];
		memcpy(gsl_rng_state(w->r), s->states + k * s->state_size, s->state_size);
		for (size_t i = 0; i < s->block_n; i++) {
			int64_t v[MODEL_MAX_YEARS];
			double f;
			int bad_y;
			if (!risk_measure_draw(s, x, w->r, i, v, &f, &bad_y)) {
				w->fail = (draw_fail){k, i, bad_y, f};
				break;
			}
			size_t dno = w->b0 + i;
			for (size_t y = 0; y < ny; y++) {
				int64_t c = v[(size_t)s->ty + y];
				if (k < nres)
					w->acc[dno * ny + y] += c;
				else
					out->cand[((k - nres) * out->n + dno) * ny + y] = c;
			}
		}
		memcpy(s->states + k * s->state_size, gsl_rng_state(w->r), s->state_size);
	}
	return NULL;
}

/* The block's draws over the threads (a thread that could not start: its share here). */
static void draw_block(draw_worker *w, unsigned nt, size_t b0)
{
	pthread_t tid[MAX_THREADS];
	bool started[MAX_THREADS] = {false};
	for (unsigned t = 0; t < nt; t++)
		w[t].b0 = b0;
	for (unsigned t = 1; t < nt; t++)
		started[t] = pthread_create(&tid[t], NULL, draw_work, &w[t]) == 0;
	draw_work(&w[0]);
	for (unsigned t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			draw_work(&w[t]);
	}
}

/* Which measures count: the plan's structural measures in the unit's subtree, and every
 * candidate that is structural and in it (the others stay 0). */
static size_t *measures_to_draw(const sim *s, int32_t target_unit, size_t *nj)
{
	size_t *job = xmalloc((s->nm ? s->nm : 1) * sizeof *job), n = 0;
	for (size_t k = 0; k < s->nm; k++) {
		const measure *ms = s->sm[k].ms;
		if (ms->nature == NATURE_STRUCTURAL && model_is_ancestor(s->m, target_unit, ms->unit))
			job[n++] = k;
	}
	*nj = n;
	return job;
}

/* The first failure over the threads (the lowest measure, then iteration), reported. */
static bool draws_fit(const risk_ctx *rc, const draw_worker *w, unsigned nt, diag *d)
{
	const draw_fail *fail = NULL;
	for (unsigned t = 0; t < nt; t++)
		if (w[t].fail.k != SIZE_MAX &&
		    (!fail || w[t].fail.k < fail->k || (w[t].fail.k == fail->k && w[t].fail.i < fail->i)))
			fail = &w[t].fail;
	if (!fail)
		return true;
	const sim_measure *x = &rc->s.sm[fail->k];
	diag_error(d, x->file, x->line, 0,
		   "a realised fraction of %g makes the saving of measure '%s' in %d overflow "
		   LIMIT " (draw %zu)",
		   fail->f, x->ms->id, rc->s.m->base_year + 1 + fail->y, w[0].b0 + fail->i + 1);
	return false;
}

/* The threads' sums added (exact in 128 bits, any order) into out->plan; a sum beyond the
 * limit of money is reported. */
static bool plan_sums(const risk_ctx *rc, draw_worker *w, unsigned nt, optim_draws *out,
		      int32_t target_unit, diag *d)
{
	size_t cells = out->n * (size_t)out->ny;
	for (size_t c = 0; c < cells; c++) {
		wide v = 0;
		for (unsigned t = 0; t < nt; t++)
			v += w[t].acc[c];
		if (v > INT64_MAX || v < -INT64_MAX) {
			diag_error(d, rc->file, 0, 0,
				   "the simulated structural savings of unit '%s' in %d overflow "
				   LIMIT " (draw %zu)", rc->s.m->units[target_unit].code,
				   out->year0 + (int)(c % (size_t)out->ny), c / (size_t)out->ny + 1);
			return false;
		}
		out->plan[c] = (int64_t)v;
	}
	return true;
}

static unsigned thread_count(unsigned asked)
{
	if (!asked) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		asked = cpus > 0 ? (unsigned)cpus : 1;
	}
	return asked > MAX_THREADS ? MAX_THREADS : asked;
}

/* The draws: the blocks in order (the attrition scales are per block), the measures of
 * each block over the threads. */
static fp_status draw_all(risk_ctx *rc, int32_t target_unit, optim_draws *out, diag *d)
{
	sim *s = &rc->s;
	size_t nj;
	size_t *job = measures_to_draw(s, target_unit, &nj);
	unsigned nt = rc->nt;
	draw_worker *w = xcalloc(nt, sizeof *w);
	size_t cells = out->n * (size_t)out->ny;
	for (unsigned t = 0; t < nt; t++)
		w[t] = (draw_worker){rc, job, nj, t, nt, 0, xcalloc(cells ? cells : 1, sizeof(wide)),
				     out, gsl_rng_alloc(gsl_rng_taus2), {SIZE_MAX, 0, 0, 0}};
	s->attr_scale = xcalloc(rc->nd ? rc->nd * BLOCK : 1, sizeof *s->attr_scale);
	fp_status st = FP_OK;
	for (size_t b0 = 0; b0 < out->n && st == FP_OK; b0 += BLOCK) {
		s->block_n = out->n - b0 < BLOCK ? out->n - b0 : BLOCK;
		risk_block_attrition(rc, b0);
		draw_block(w, nt, b0);
		if (!draws_fit(rc, w, nt, d))
			st = FP_EDATA;
	}
	if (st == FP_OK && !plan_sums(rc, w, nt, out, target_unit, d))
		st = FP_EDATA;
	for (unsigned t = 0; t < nt; t++) {
		free(w[t].acc);
		gsl_rng_free(w[t].r);
	}
	free(w);
	free(job);
	return st;
}

fp_status optim_draw(const model *m, const scenario_spec *spec, const scenario_result *res,
		     const consolidation *cons, const measure *cands, size_t ncand,
		     const optim_sample_opts *o, optim_draws *out, diag *d)
{
	memset(out, 0, sizeof *out);
	gsl_set_error_handler_off();
	int ty = model_year_index(m, m->target_year);
	out->n = o->n;
	out->ncand = ncand;
	out->ny = m->nyears - ty;
	out->year0 = m->target_year;
	for (int k = 0; k < out->ny; k++) {
		const unit_year *cell = cons_cell(cons, o->unit, ty + k);
		out->has_target[k] = cell->has_target;
		out->target_cents[k] = cell->has_target ? cell->target_cents : 0;
	}
	size_t cells = o->n * (size_t)out->ny;
	out->plan = xcalloc(cells ? cells : 1, sizeof *out->plan);
	out->cand = xcalloc(ncand * cells != 0 ? ncand * cells : 1, sizeof *out->cand);
	const uncertainty_spec *u = &spec->uncertainty;
	risk_ctx rc = {
		.s = {.m = m, .spec = spec, .res = res, .u = u, .nm = res->nmeasures + ncand,
		      .extra = cands, .nextra = ncand, .ty = ty, .ny = m->nyears, .nc = m->ncats,
		      .slip = u->slip_probability},
		.cons = cons, .file = scenario_file(spec), .seed = o->seed, .n = o->n,
		.nt = thread_count(o->threads), .nd = u->ndrivers,
	};
	fp_status st = risk_ctx_setup(&rc, d);
	if (st == FP_OK)
		st = draw_all(&rc, o->unit, out, d);
	risk_ctx_release(&rc);
	if (st != FP_OK)
		optim_draws_release(out);
	return st;
}

void optim_draws_release(optim_draws *dr)
{
	free(dr->plan);
	free(dr->cand);
	memset(dr, 0, sizeof *dr);
}

bool optim_success(const optim_draws *dr, size_t d, const unsigned char *chosen)
{
	size_t ny = (size_t)dr->ny;
	for (size_t k = 0; k < ny; k++) {
		if (!dr->has_target[k])
			continue;
		wide v = dr->plan[d * ny + k];
		for (size_t c = 0; c < dr->ncand; c++)
			if (chosen[c])
				v += dr->cand[(c * dr->n + d) * ny + k];
		if (v < dr->target_cents[k])
			return false;
	}
	return true;
}

fp_status optim_check(const model *m, const scenario_spec *spec, const scenario_result *res,
		      const consolidation *cons, const measure *cands, size_t ncand,
		      const unsigned char *adopted, const optim_sample_opts *o,
		      optim_check_result *out, diag *d)
{
	memset(out, 0, sizeof *out);
	/* Only the adopted are drawn: each candidate's draws are its own stream's, whichever
	 * others are drawn beside it. */
	measure *pick = xcalloc(ncand ? ncand : 1, sizeof *pick);
	size_t np = 0;
	for (size_t c = 0; c < ncand; c++)
		if (adopted[c])
			pick[np++] = cands[c];
	optim_draws dr;
	fp_status st = optim_draw(m, spec, res, cons, pick, np, o, &dr, d);
	free(pick);
	if (st != FP_OK)
		return st;
	unsigned char *all = xmalloc(np ? np : 1);
	memset(all, 1, np ? np : 1);
	out->n = dr.n;
	for (size_t i = 0; i < dr.n; i++)
		out->successes += optim_success(&dr, i, all);
	free(all);
	optim_draws_release(&dr);
	out->probability = out->n ? (double)out->successes / (double)out->n : 0;
	out->se = out->n ? sqrt(out->probability * (1 - out->probability) / (double)out->n) : 0;
	return FP_OK;
}
