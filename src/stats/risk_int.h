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

#define BLOCK 2048
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

/* ---- fast draws (sample.c) ----
 * A beta or PERT fraction is drawn by inverse CDF from a quantile table, built once per
 * distinct distribution with gsl_cdf_beta_Pinv and read with linear interpolation: the
 * nodes Q(j / QTAB_CELLS), j = 0 .. QTAB_CELLS, and in the first and the last cell, where
 * the quantile function is steepest and the support's end is far from the next node,
 * QTAB_FINE finer cells each. The table's distribution has the exact CDF at every node, so
 * it is within 1 / QTAB_CELLS of the exact CDF everywhere (Kolmogorov distance), and a
 * draw lies between the same two nodes as the exact inverse-CDF draw of the same u
 * (docs/uncertainty.md, How it is drawn). */
#define QTAB_BITS 12
#define QTAB_CELLS (1u << QTAB_BITS)
#define QTAB_FINE_BITS 8
#define QTAB_FINE (1u << QTAB_FINE_BITS)
/* the nodes: QTAB_CELLS + 1, then the first cell's QTAB_FINE + 1, then the last's */
#define QTAB_NODES (QTAB_CELLS + 1 + 2 * (QTAB_FINE + 1))

/* A quantile table of one distribution (kind and parameters as its key). */
typedef struct qtab {
	dist_spec d; /* kind and parameters: the key */
	sampler s;
	double *q; /* QTAB_NODES nodes; NULL when GSL could not invert: exact draws then */
} qtab;

/* risk_qtab_build: the nodes of d's table (as s) in q[QTAB_NODES]; false when GSL gives a
 * node that is not finite or the nodes are not increasing (d is then drawn by its GSL
 * sampler). Only beta and PERT have tables. */
bool risk_qtab_build(const sampler *s, const dist_spec *d, double *q);

/* risk_qtab_nodes: the nodes j = part, part + parts, ... of d's table (as s) into q, so
 * that threads can share a table's nodes out (each node is GSL's alone); risk_qtab_check:
 * whether the nodes are finite and increasing (risk_qtab_build is both). */
void risk_qtab_nodes(const sampler *s, const dist_spec *d, double *q, unsigned part,
		     unsigned parts);
bool risk_qtab_check(const double *q);

/* GSL's taus2 state (gsl/rng/taus.c, taus_state_t): the draws step it inline, with the
 * same numbers as gsl_rng_get (tests/unit/test_sampler.c checks it), so that a draw costs
 * no call through the generator's table. */
typedef struct taus_state {
	unsigned long s1, s2, s3;
} taus_state;

static inline uint32_t taus_next(taus_state *t)
{
#define TAUS_STEP(s, a, b, c, d) \
	((((s) & (c)) << (d)) & 0xffffffffUL) ^ (((((s) << (a)) & 0xffffffffUL) ^ (s)) >> (b))
	t->s1 = TAUS_STEP(t->s1, 13, 19, 4294967294UL, 12);
	t->s2 = TAUS_STEP(t->s2, 2, 25, 4294967288UL, 4);
	t->s3 = TAUS_STEP(t->s3, 3, 11, 4294967280UL, 17);
#undef TAUS_STEP
	return (uint32_t)(t->s1 ^ t->s2 ^ t->s3);
}

/* qtab_draw: the table q read at u = x / 2^32 (x a 32-bit draw): the node below u plus the
 * share of the cell u is in, both taken from x's bits exactly; in the first and the last
 * cell from their finer nodes. */
static inline double qtab_draw(const double *q, uint32_t x)
{
	uint32_t j = x >> (32 - QTAB_BITS);
	if (j - 1 < QTAB_CELLS - 2) {
		double t = (double)(x & ((1u << (32 - QTAB_BITS)) - 1)) /
			   (double)(1u << (32 - QTAB_BITS));
		return q[j] + t * (q[j + 1] - q[j]);
	}
	const double *f = q + QTAB_CELLS + 1 + (j ? QTAB_FINE + 1 : 0);
	uint32_t i = (x >> (32 - QTAB_BITS - QTAB_FINE_BITS)) & (QTAB_FINE - 1);
	double t = (double)(x & ((1u << (32 - QTAB_BITS - QTAB_FINE_BITS)) - 1)) /
		   (double)(1u << (32 - QTAB_BITS - QTAB_FINE_BITS));
	return f[i] + t * (f[i + 1] - f[i]);
}

/* risk_stream_seed: the seed of the stream (kind, name) under the run's seed: FNV-1a over
 * the three, folded to the 32 bits GSL's generators take, never 0. */
unsigned long risk_stream_seed(uint64_t seed, const char *kind, const char *name);

/* ---- one simulation ---- */

/* One measure, ready to simulate. */
typedef struct sim_measure {
	const measure *ms;
	dist_spec d;
	sampler s;
	const double *q; /* its quantile table (sim.tabs), or NULL: drawn by its GSL sampler */
	int tab;         /* the table's index in sim.tabs while they are built, or -1 */
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
	size_t nm;            /* the plan's measures (res), then the extra ones */
	const measure *extra; /* measures drawn beside the plan (candidates, stats/optim.h): */
	size_t nextra;        /* sm[nm - nextra ..) */
	sim_measure *sm;
	unsigned char *states; /* per measure generator state */
	size_t state_size;
	qtab *tabs;            /* the distinct beta and PERT distributions' tables */
	size_t ntabs;
	int ty;               /* the target year's index */
	int ny;               /* plan years */
	size_t nc;            /* categories */
	double slip;
	/* per block */
	size_t block_n;
	double *attr_scale; /* ndrivers * BLOCK: the attrition drivers' factor */
	uint64_t *vmax;     /* nm * ny: a bound on |saving| of each measure and year in the block */
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
	double *f;            /* BLOCK: one measure's fractions in the block */
	uint64_t *slip;       /* BLOCK: all ones where it slipped, else 0 */
	int64_t *v;           /* ny * BLOCK: its savings at each distinct planned amount */
	int64_t *zero;        /* BLOCK zeros: the saving where nothing is planned */
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
	double precision; /* risk_opts */
	size_t n;        /* iterations: the cap until the draws are done, then those drawn */
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

/* risk_ctx_setup: the measures (the plan's, then s.extra) ready to draw, each with its
 * distribution and stream, and the drivers' deviations for rc->n iterations; a bad
 * distribution or spread is reported to d: FP_EDATA (risk.c). risk_ctx_release frees
 * whatever rc owns, set up or not. */
fp_status risk_ctx_setup(risk_ctx *rc, diag *d);
void risk_ctx_release(risk_ctx *rc);

/* risk_block_attrition: s.attr_scale for the block of iterations from b0 (s.block_n of
 * them), from rc->dev_all (risk_draw.c). */
void risk_block_attrition(risk_ctx *rc, size_t b0);

/* risk_measure_draw: iteration i (within the block, for its attrition scale) of measure x
 * from r (its stream): its saving in every plan year as cents, exactly as the block draws
 * give it. False when a saving does not fit: *bad_y is its year, *f the fraction
 * (risk_draw.c). */
bool risk_measure_draw(const sim *s, const sim_measure *x, gsl_rng *r, size_t i,
		       int64_t v[MODEL_MAX_YEARS], double *f, int *bad_y);

/* risk_draw_blocks: draw the iterations, BLOCK at a time over rc->nt threads, into
 * rc->sdraw and rc->rdraw (stride rc->n), with a progress bar if asked, until rc->n or,
 * with a precision, until the organisation's P(target) is that precise; the number drawn
 * into *used; out->ns_per_draw. A draw or a sum beyond the limit of money is reported to
 * d: FP_EDATA (risk_draw.c). */
fp_status risk_draw_blocks(risk_ctx *rc, risk_result *out, size_t *used, diag *d);

/* risk_result_of: the organisation's result in every plan year (euros, out[ny]) from the
 * realised savings per category and year (sav, nc * ny, cents) and the drivers'
 * deviations dev (risk_summary.c). */
void risk_result_of(const sim *s, const double *dev, const double *sav, double *out);

/* risk_summarise: the mean, the quantiles and their standard errors of draws[0..n)
 * (euros; reordered), and with a target (cents) the share of cents[0..n) that reach it and
 * its standard error (risk_summary.c). */
void risk_summarise(double *draws, size_t n, int64_t target, bool has_target,
		    const int64_t *cents, risk_summary *out);

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
