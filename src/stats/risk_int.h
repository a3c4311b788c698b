/* risk_int: what the files of the Monte Carlo share (internal to src/stats/): the
 * distributions ready to draw (sample.c), the state of one simulation (risk.c sets it up,
 * risk_draw.c draws it block by block, risk_summary.c summarises it, solve.c seeks goals
 * on it). Everything here runs in doubles; amounts become cents by risk_round_cents. */
#ifndef FP_RISK_INT_H
#define FP_RISK_INT_H
#include "risk.h"
#include "../core/diag.h"
#include <gsl/gsl_rng.h>
#include <stdbool.h>
#include <stdint.h>

#define BLOCK 8192
#define MAX_THREADS 64
#define MAX_FACTORS 16
#define LIMIT "the limit of 92,233,720,368,547,758.07"

/* ---- distributions (sample.c) ---- */

/* A distribution ready to draw from. */
typedef struct sampler {
	dist_kind kind;
	double a, b, c; /* beta: alpha, beta; lognormal: mu, sigma; else the spec's */
} sampler;

/* risk_default_dist: the documented default distribution of a measure of status s. */
dist_spec risk_default_dist(measure_status s);

/* risk_make_sampler: d ready to draw from (d checked by dist_check first). */
sampler risk_make_sampler(const dist_spec *d);

/* risk_draw: one draw of d (as s) from r. */
double risk_draw(const sampler *s, const dist_spec *d, gsl_rng *r);

/* risk_dist_quantile: the p quantile of d (as s), for one-at-a-time swings. */
double risk_dist_quantile(const sampler *s, const dist_spec *d, double p);

/* risk_stream_seed: the seed of the stream (kind, name) under the run's seed: FNV-1a over
 * the three, folded to the 32 bits GSL's generators take, never 0. */
unsigned long risk_stream_seed(uint64_t seed, const char *kind, const char *name);

/* ---- one simulation ---- */

/* One measure, ready to simulate. */
typedef struct sim_measure {
	const measure *ms;
	dist_spec d;
	sampler s;
	int driver; /* attrition driver scaling it, or -1 */
	double sum, sumsq; /* of its realised target-year structural saving, in cents */
	/* A structural measure of a freeze with an attrition spread (driver >= 0) shares the
	 * freeze's draw: m_ty is its expected target-year saving at an attrition scale of 1
	 * (mean fraction times the slip-weighted planned amount, cents), so its saving given
	 * the scale g has mean g * m_ty; rsum and rsumsq are of v - g * m_ty, the part its own
	 * draws (fraction, slip) add, which is what its tornado row shows. */
	double m_ty;
	double rsum, rsumsq;
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
 * ways the sums are the same whatever the number of threads. */typedef __int128 wide;

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

/* attrition_scale: the factor (a + d) / a, at least 0, by which a deviation d of the
 * yearly attrition a scales the freeze's savings (1 without an attrition). */
static inline double attrition_scale(double a, double d)
{
	double g = a > 0 ? (a + d) / a : 1.0;
	return g > 0 ? g : 0;
}

/* The assumption drivers of one iteration: their deviations. */
typedef struct driver_state {
	sampler s;
	gsl_rng *own;
} driver_state;

/* Everything risk_run owns, NULL until allocated, freed by risk.c's ctx_release. */
typedef struct risk_ctx {
	sim s;
	const consolidation *cons; /* the scenario's, for the targets in force */
	const char *file;          /* the scenario's script, for messages without a rule */
	uint64_t seed;
	bool progress;
	size_t n;        /* iterations */
	unsigned nt;     /* threads */
	size_t nd;       /* assumption drivers */
	size_t nf;       /* shared factors */
	const char *fnames[MAX_FACTORS];
	gsl_rng *frng[MAX_FACTORS];
	driver_state *ds;     /* nd */
	double *dev_all;      /* nd * n: each driver's deviation per iteration */
	size_t keep_units;    /* nunits, or 1 where only the root's draws fit in memory */
	int64_t *sdraw;       /* keep_units * n: structural savings per unit, cents */
	double *rdraw;        /* ny * n: the result per year, euros */
	worker *w;            /* nt */
	unsigned char *block_states; /* the generator states a block starts with */
	int64_t *su, *sc;     /* the block's sums, as worker's */
	wide *su_wide, *sc_wide; /* only for a block near the limit (risk_draw.c) */
	double *sav;          /* nc * ny: one iteration's savings, cents */
	double *dev;          /* nd: one iteration's deviations */
	double *tmp;          /* n */
} risk_ctx;

/* risk_draw_blocks: draw every iteration, BLOCK at a time over rc->nt threads, into
 * rc->sdraw and rc->rdraw, with a progress bar if asked; out->ns_per_draw. A draw or a sum
 * beyond the limit of money is reported to d: FP_EDATA (risk_draw.c). */
fp_status risk_draw_blocks(risk_ctx *rc, risk_result *out, diag *d);

/* risk_result_of: the organisation's result in every plan year (euros, out[ny]) from the
 * realised savings per category and year (sav, nc * ny, cents) and the drivers'
 * deviations dev (risk_summary.c). */
void risk_result_of(const sim *s, const double *dev, const double *sav, double *out);

/* risk_summaries: out->units (the target year) and out->result (per year) from the draws;
 * then the histogram of the root's structural savings, whose draws (euros) it leaves in
 * rc->tmp (risk_summary.c). */
void risk_summaries(risk_ctx *rc, risk_result *out);

/* risk_tornado: out->tornado, sorted by share: measures and units by their variance
 * against the total's (in rc->tmp), assumptions by one-at-a-time swings (risk_summary.c). */
void risk_tornado(risk_ctx *rc, risk_result *out);

/* risk_figures_fit: whether every figure of out, and every difference the outputs show,
 * converts to cents; the first that does not is reported to d (risk_summary.c). */
bool risk_figures_fit(const sim *s, const risk_result *out, diag *d);

/* risk_solve_all: out->solves, the goal seeks of the scenario, over the root's structural
 * savings root_s and the target-year result result_ty (n draws each, euros) (solve.c). */
void risk_solve_all(const sim *s, const scenario_spec *spec, const double *root_s,
		    const double *result_ty, size_t n, uint64_t seed, risk_result *out);

#endif
