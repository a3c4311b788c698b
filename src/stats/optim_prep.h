/* optim_prep: inside the optimiser (stats/optim.c, the programme and its solves;
 * stats/optim_quick.c, the greedy set, the cost bound and the enumeration that come
 * first): the prepared problem they share and the functions between them. Not for use
 * outside src/stats/optim*.c. */
#ifndef FP_STATS_OPTIM_PREP_H
#define FP_STATS_OPTIM_PREP_H
#include "optim.h"

typedef __int128 wide;

/* The programme's shape after the fixed candidates and the draws that cannot go either way
 * are taken out. */
typedef struct sa_prep {
	const optim_problem *p;
	const optim_draws *dr;
	size_t nfree;          /* free candidates */
	size_t *free_c;        /* their indices */
	int64_t must_cost;     /* the musts' cost, cents */
	int64_t must_fte;      /* and FTE x 100 */
	int64_t free_neg_fte;  /* the free candidates' negative FTE x 100, summed: the most
				* they can take off the musts' (a candidate that hires) */
	size_t always;         /* draws that succeed whatever is chosen */
	size_t ndraw;          /* draws that may go either way */
	size_t *draw;          /* their indices */
	wide *needk;           /* n * ny: target - plan - musts, per draw and year */
	unsigned char *state;  /* n: 0 either way, 1 always, 2 never */
	/* Cuts after a short recount: with the free set cut_set[t] (nfree flags) chosen, draw
	 * cut_draw[t] (an index into draw) falls short in year cut_year[t] exactly, and so
	 * does every set that adds no positive saving to it and drops no negative one. */
	size_t ncuts, cuts_cap;
	size_t *cut_draw, *cut_year;
	unsigned char **cut_set;
	/* The programme's rows (optim.c), made at the first solve that needs them and kept:
	 * nrows of them, draw by draw, row_first[i] the first of draw either way i. */
	struct sa_row *rows;
	size_t nrows, *row_first;
	/* The quantile strengthening (optim.c), made at the first solve that needs it and
	 * kept for the others (the cut rounds, the curve's points): q[w][t] for row t and the
	 * count of successes q_want[w]. One pass serves every count registered (want), so
	 * the curve's points share it. q_over: the rows too many for it (no strengthening). */
	size_t *want, nwant, want_cap;
	size_t *q_want, nq, q_cap;
	double **q;
	bool q_over;
} sa_prep;

static inline int fix_of(const optim_problem *p, size_t c)
{
	return p->fix ? p->fix[c] : OPTIM_FREE;
}

static inline int64_t cand_s(const optim_draws *dr, size_t c, size_t d, size_t k)
{
	return dr->cand[(c * dr->n + d) * (size_t)dr->ny + k];
}

/* One item of the fractional knapsack: raising a x by gain (> 0) costs cost (>= 0);
 * ratio = cost / gain. */
typedef struct kn_item {
	double ratio, cost, gain;
} kn_item;

/* min { c x : a x >= need, x in [0, 1]^n } (the fractional knapsack, exact for the LP by
 * the ratio rule); HUGE_VAL when no x in the box meets it. it has room for n items. */
double optim_knapsack_min(size_t n, const double *c, const double *a, double need,
			  kn_item *it);
/* qsort's comparison of doubles, ascending */
int optim_dbl_cmp(const void *pa, const void *pb);

/* optim_recount_set: a's chosen set from the flags set (ncand; the musts in and the nevers
 * out whatever set says; set may be a->adopted), its exact cost and recount (optim.c). */
void optim_recount_set(const sa_prep *sp, const unsigned char *set, optim_answer *a);

/* ---- optim_quick.c: before any solver ---- */

/* Whether the chosen set (adopted, ncand: the musts in it) keeps max_fte. */
bool optim_fte_within(const sa_prep *sp, const unsigned char *adopted);

/* A lower bound (euros) on the free candidates' cost of every set that makes want of the
 * draws either way succeed; 0 when want < 1; HUGE_VAL when no set can. */
double optim_cost_bound(const sa_prep *sp, size_t want);

/* The greedy set for want successes among the draws either way, into adopted (ncand, the
 * musts set); false when the greedy finds none. */
bool optim_greedy_set(const sa_prep *sp, size_t want, unsigned char *adopted);

/* When the cheapest set for want successes among the draws either way can be proven by
 * enumeration within its limit: true, and a holds it (a holds the best set known on
 * entry, whose cost cuts the search, INT64_MAX when none; it is replaced only by a
 * cheaper one, also one found before the limit, with false). */
bool optim_enum_prove(const sa_prep *sp, size_t want, optim_answer *a);

/* The ties' rule (docs/uncertainty.md, "Ties"): a's free members left out one by one,
 * dearest first and of equal cost the later first, each for good when a->need still
 * holds; a's recount again. */
void optim_make_minimal(const sa_prep *sp, optim_answer *a);

#endif
