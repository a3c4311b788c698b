/* optim: the sample-average approximation of optimise{} (optim.h) as a MILP (milp.h): a
 * binary x_c per free candidate, a binary z_d per draw that may go either way, a row per
 * such draw and year with a big-M as tight as the draw allows, and the count of successes.
 * The programme is in doubles (costs in euros, rows divided by their big-M); what it chose
 * is recounted exactly in int64 cents, and that recount is what is reported
 * (docs/uncertainty.md, "Choosing candidates"). */
#include "optim_prep.h"
#include "../core/xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Solves of one probability at most: the first, and again after cuts (solve_prob). */
#define OPTIM_ROUNDS 4

/* need: the fewest successes of n draws whose share is at least prob. */
static size_t need_of(double prob, size_t n)
{
	if (prob <= 0)
		return 0;
	size_t k = (size_t)ceil(prob * (double)n);
	if (k > n)
		k = n;
	while (k > 0 && (double)(k - 1) / (double)n >= prob)
		k--;
	return k;
}

/* The row bounds of draw d, year k, over the free candidates: lo the least they can add
 * (their negative savings), hi the most (their positive ones). */
static void row_range(const sa_prep *sp, size_t d, size_t k, wide *lo, wide *hi)
{
	*lo = 0;
	*hi = 0;
	for (size_t j = 0; j < sp->nfree; j++) {
		int64_t s = cand_s(sp->dr, sp->free_c[j], d, k);
		*(s < 0 ? lo : hi) += s;
	}
}

/* Classify the draws: one that succeeds whatever the free candidates do (always), one
 * that no choice makes succeed (never: some year falls short with every positive saving
 * added), and the rest. */
static void prep_draws(sa_prep *sp)
{
	const optim_draws *dr = sp->dr;
	size_t ny = (size_t)dr->ny;
	sp->always = sp->ndraw = 0;
	for (size_t d = 0; d < dr->n; d++) {
		bool all_met = true, dead = false;
		for (size_t k = 0; k < ny && !dead; k++) {
			if (!dr->has_target[k])
				continue;
			wide need = sp->needk[d * ny + k], lo, hi;
			row_range(sp, d, k, &lo, &hi);
			all_met &= need <= lo;
			dead |= need > hi;
		}
		sp->state[d] = dead ? 2 : all_met ? 1 : 0;
		if (sp->state[d] == 1)
			sp->always++;
		else if (sp->state[d] == 0)
			sp->draw[sp->ndraw++] = d;
	}
}

static void prep_init(sa_prep *sp, const optim_problem *p)
{
	const optim_draws *dr = p->dr;
	size_t ny = (size_t)dr->ny;
	memset(sp, 0, sizeof *sp);
	sp->p = p;
	sp->dr = dr;
	sp->free_c = xmalloc((dr->ncand ? dr->ncand : 1) * sizeof *sp->free_c);
	for (size_t c = 0; c < dr->ncand; c++) {
		int f = fix_of(p, c);
		if (f == OPTIM_FREE) {
			sp->free_c[sp->nfree++] = c;
			if (p->fte_centi && p->fte_centi[c] < 0)
				sp->free_neg_fte += p->fte_centi[c];
		}
		if (f == OPTIM_MUST) {
			sp->must_cost += p->cost_cents[c];
			sp->must_fte += p->fte_centi ? p->fte_centi[c] : 0;
		}
	}
	sp->needk = xmalloc((dr->n * ny != 0 ? dr->n * ny : 1) * sizeof *sp->needk);
	for (size_t d = 0; d < dr->n; d++)
		for (size_t k = 0; k < ny; k++) {
			wide v = (wide)dr->target_cents[k] - dr->plan[d * ny + k];
			for (size_t c = 0; c < dr->ncand; c++)
				if (fix_of(p, c) == OPTIM_MUST)
					v -= cand_s(dr, c, d, k);
			sp->needk[d * ny + k] = v;
		}
	sp->state = xmalloc(dr->n ? dr->n : 1);
	sp->draw = xmalloc((dr->n ? dr->n : 1) * sizeof *sp->draw);
	prep_draws(sp);
}

static void prep_release(sa_prep *sp)
{
	for (size_t t = 0; t < sp->ncuts; t++)
		free(sp->cut_set[t]);
	free(sp->cut_set);
	free(sp->cut_draw);
	free(sp->cut_year);
	for (size_t w = 0; w < sp->nq; w++)
		free(sp->q[w]);
	free(sp->q);
	free(sp->q_want);
	free(sp->want);
	free(sp->rows);
	free(sp->row_first);
	free(sp->free_c);
	free(sp->needk);
	free(sp->state);
	free(sp->draw);
}

/* The nudge's weight of free candidate j: (c + 1) times a step small enough that all of
 * them together are worth less than half a cent (the costs are whole cents). */
static double tie_step(const sa_prep *sp)
{
	double sum = 0;
	for (size_t j = 0; j < sp->nfree; j++)
		sum += (double)(sp->free_c[j] + 1);
	return sum > 0 ? 0.004 / sum : 0;
}

/* The cuts' rows (sa_prep): z_i <= sum_{j not in S, s_j > 0} x_j + sum_{j in S, s_j < 0}
 * (1 - x_j), in the draw and year that fell short; ind and val have room for a row. */
static void add_cut_rows(const sa_prep *sp, milp *mp, int *ind, double *val)
{
	const optim_draws *dr = sp->dr;
	size_t nf = sp->nfree;
	for (size_t t = 0; t < sp->ncuts; t++) {
		size_t d = sp->draw[sp->cut_draw[t]], k = sp->cut_year[t], neg = 0, n = 0;
		for (size_t j = 0; j < nf; j++) {
			int64_t sv = cand_s(dr, sp->free_c[j], d, k);
			bool in_s = sp->cut_set[t][j];
			if (!in_s && sv > 0) {
				ind[n] = (int)j;
				val[n++] = -1;
			} else if (in_s && sv < 0) {
				ind[n] = (int)j;
				val[n++] = 1;
				neg++;
			}
		}
		ind[n] = (int)(nf + sp->cut_draw[t]);
		val[n++] = 1;
		milp_add_row(mp, -HUGE_VAL, (double)neg, n, ind, val);
	}
}

/* Whether the row of draw d, year k is implied by another row of the same draw: year k2
 * needs at least as much (need(k2) >= need(k)) and every free candidate saves at most as
 * much in k2 as in k, so any x in [0, 1] meeting k2 meets k (sum s(k) x >= sum s(k2) x >=
 * need(k2) >= need(k)). Exact, in cents. Of two identical rows the first is kept. A row
 * that every choice meets (need <= lo) implies nothing here: it is not in the programme. */
static bool row_dominated(const sa_prep *sp, size_t d, size_t k)
{
	const optim_draws *dr = sp->dr;
	size_t ny = (size_t)dr->ny;
	for (size_t k2 = 0; k2 < ny; k2++) {
		if (k2 == k || !dr->has_target[k2] || sp->needk[d * ny + k2] < sp->needk[d * ny + k])
			continue;
		wide lo, hi;
		row_range(sp, d, k2, &lo, &hi);
		if (sp->needk[d * ny + k2] <= lo)
			continue;
		bool le = true, same = sp->needk[d * ny + k2] == sp->needk[d * ny + k];
		for (size_t j = 0; j < sp->nfree && le; j++) {
			int64_t a = cand_s(dr, sp->free_c[j], d, k2), b = cand_s(dr, sp->free_c[j], d, k);
			le = a <= b;
			same &= a == b;
		}
		if (le && (!same || k2 < k))
			return true;
	}
	return false;
}

/* ---- The quantile strengthening (Luedtke 2014; Qiu, Ahmed, Dey, Wolsey 2014) ----
 * For a row r of draw d (sum_j s_j x_j >= need_r) and another draw d' with a row r'
 * (sum_j a_j x_j >= need_r'), LB(r, d') = min { s x : a x >= need_r', x in [0, 1]^free }
 * is a lower bound on s x for every x that makes d' succeed (d' succeeding meets r', and
 * the binary x lie in the box). Validity of q_r: let x be any solution of the programme
 * (integer, count row met): the draws either way that x makes succeed are a set S of at
 * least k = need - always of them (a draw with z = 1 meets its rows; the draws fixed
 * always are not in the programme). For each d' in S, s x >= LB(r, d'); so s x >=
 * max over S of LB(r, d') >= the k-th smallest LB(r, d') over all draws either way (S has
 * k elements, the largest of k values is at least the k-th smallest of a superset). So
 * s x >= q_r for every solution, whether z_d is 1 or 0, and the row may be written
 * s x >= q_r + (need_r - q_r) z_d, which for z_d = 1 is the row and for z_d = 0 is implied:
 * the same integer solutions, a tighter relaxation (the big-M need - lo becomes need - q,
 * q >= lo). When q_r >= need_r every solution meets the row and it is left out. Any lower
 * bound on LB keeps this valid; the doubles' rounding is made safe by taking q a little
 * lower (q_margin). Only with a count row (cost and tie-break solves, not the most
 * successes). */

/* A row of the programme: draw either way i (an index into sp->draw), year k. */
typedef struct sa_row {
	size_t i, k;
	double need, lo; /* need(d, k) and the free candidates' negative savings, euros */
} sa_row;

/* The rows of the programme (not met whatever is chosen, not implied by another of their
 * draw), draw by draw, into sp (rows, nrows, row_first: ndraw + 1 entries), once: they
 * depend on the draws and the fixed candidates only. */
static void rows_ensure(sa_prep *sp)
{
	if (sp->row_first)
		return;
	const optim_draws *dr = sp->dr;
	size_t ny = (size_t)dr->ny, n = 0;
	sa_row *rows = xmalloc((sp->ndraw * ny != 0 ? sp->ndraw * ny : 1) * sizeof *rows);
	size_t *first = xmalloc((sp->ndraw + 1) * sizeof *first);
	for (size_t i = 0; i < sp->ndraw; i++) {
		size_t d = sp->draw[i];
		first[i] = n;
		for (size_t k = 0; k < ny; k++) {
			if (!dr->has_target[k])
				continue;
			wide need = sp->needk[d * ny + k], lo, hi;
			row_range(sp, d, k, &lo, &hi);
			if (need <= lo || row_dominated(sp, d, k))
				continue; /* met whatever is chosen, or whenever another row is */
			rows[n++] = (sa_row){i, k, (double)need / 100, (double)lo / 100};
		}
	}
	first[sp->ndraw] = n;
	sp->rows = rows;
	sp->nrows = n;
	sp->row_first = first;
}

/* The strengthening's work, rows x rows x free candidates (a fractional knapsack over the
 * free candidates for each row against each row of every draw), above which it is left
 * out: the rows as they are (a weaker relaxation, the same integer solutions). About 2 s
 * on this 2-core machine. It pays where branch and bound gets somewhere (up to some
 * hundreds of draws); above, the node limit by size stops the search at a few dozen nodes
 * and the answer is the quick path's: at 60 candidates x 2,000 draws (2.4 x 10^8) it took
 * 5 of the solve's 7 s and the curve's 15 s, for the same sets and gaps (docs/performance.md,
 * "Optimiser"). A count, never a clock, so the same programme is built on every machine. */
#define OPTIM_STRENGTHEN_WORK 1e8

/* q[w][t] for every row t (the strengthening above) given k = ks[w] successes among the
 * draws either way (1 <= k <= ndraw), for the nk counts in one pass: the bounds of a row
 * over the draws do not depend on k. The bound of row t over draw d' is the largest over
 * d''s rows (each a valid bound). */
static void quantiles(const sa_prep *sp, const size_t *ks, size_t nk, double **q)
{
	size_t nf = sp->nfree, nd = sp->ndraw, nrows = sp->nrows;
	const sa_row *rows = sp->rows;
	const size_t *first = sp->row_first;
	const optim_draws *dr = sp->dr;
	/* the rows' coefficients in euros, dense */
	double *coef = xmalloc((nrows * nf != 0 ? nrows * nf : 1) * sizeof *coef);
	for (size_t t = 0; t < nrows; t++)
		for (size_t j = 0; j < nf; j++)
			coef[t * nf + j] = (double)cand_s(dr, sp->free_c[j], sp->draw[rows[t].i], rows[t].k) / 100;
	kn_item *it = xmalloc((nf ? nf : 1) * sizeof *it);
	double *lb = xmalloc((nd ? nd : 1) * sizeof *lb);
	for (size_t t = 0; t < nrows; t++) {
		for (size_t i = 0; i < nd; i++) {
			double best = -HUGE_VAL;
			for (size_t u = first[i]; u < first[i + 1]; u++) {
				double v = optim_knapsack_min(nf, coef + t * nf, coef + u * nf, rows[u].need, it);
				best = v > best ? v : best;
			}
			lb[i] = best; /* a draw without rows succeeds always: not either way */
		}
		qsort(lb, nd, sizeof *lb, optim_dbl_cmp);
		/* the doubles' rounding: a little lower, relative to the row's size */
		double scale = fabs(rows[t].need) + fabs(rows[t].lo) + 1;
		for (size_t w = 0; w < nk; w++) {
			double v = lb[ks[w] - 1];
			q[w][t] = isfinite(v) ? v - 1e-9 * scale - 1e-6 : -HUGE_VAL;
		}
	}
	free(lb);
	free(it);
	free(coef);
}

/* The strengthening for k successes among the draws either way: q per row (kept in sp),
 * made with those of every count registered and not yet made; NULL for none (k outside
 * 1..ndraw, no free candidate, or over the work limit). */
static const double *quantiles_for(sa_prep *sp, size_t k)
{
	if (k < 1 || k > sp->ndraw || sp->nfree == 0 || sp->q_over)
		return NULL;
	for (size_t w = 0; w < sp->nq; w++)
		if (sp->q_want[w] == k)
			return sp->q[w];
	rows_ensure(sp);
	if ((double)sp->nrows * (double)sp->nrows * (double)sp->nfree > OPTIM_STRENGTHEN_WORK) {
		sp->q_over = true;
		return NULL;
	}
	/* k first, then the registered counts not made yet */
	size_t *ks = xmalloc((sp->nwant + 1) * sizeof *ks), nk = 0;
	ks[nk++] = k;
	for (size_t r = 0; r < sp->nwant; r++) {
		size_t kr = sp->want[r];
		bool have = kr < 1 || kr > sp->ndraw;
		for (size_t w = 0; w < sp->nq && !have; w++)
			have = sp->q_want[w] == kr;
		for (size_t u = 0; u < nk && !have; u++)
			have = ks[u] == kr;
		if (!have)
			ks[nk++] = kr;
	}
	double **q = xmalloc(nk * sizeof *q);
	for (size_t u = 0; u < nk; u++)
		q[u] = xmalloc((sp->nrows ? sp->nrows : 1) * sizeof **q);
	quantiles(sp, ks, nk, q);
	size_t at = sp->nq;
	for (size_t u = 0; u < nk; u++) {
		VEC_GROW(sp->q_want, sp->nq, sp->q_cap);
		sp->q = xreallocarray(sp->q, sp->q_cap, sizeof *sp->q);
		sp->q_want[sp->nq] = ks[u];
		sp->q[sp->nq++] = q[u];
	}
	free(q);
	free(ks);
	return sp->q[at];
}

/* What the programme asks: the cheapest set for a count of successes, or the most
 * successes. */
typedef enum sa_mode { SA_COST, SA_MAXPROB } sa_mode;

/* The programme: columns x (free candidates) then z (draws either way); a row per such
 * draw and year with a target, sum_c s x_c - M z_d >= need - M, M = need - lo, divided by M;
 * but for SA_MAXPROB (maximise sum z, less a nudge to the cheaper worth under 1/4 of a
 * success) the count row sum z >= need_successes - always; the FTE row. The objective's
 * nudge (tie_step) leans the solver to the earlier of sets of equal cost; what decides ties
 * is make_minimal. */
static size_t build(sa_prep *sp, sa_mode mode, size_t need_successes,
		   milp *mp)
{
	size_t strengthened = 0;
	bool maximise = mode == SA_MAXPROB;
	const optim_problem *p = sp->p;
	const optim_draws *dr = sp->dr;
	size_t nf = sp->nfree;
	milp_init(mp);
	double step = tie_step(sp), total_cost = 1;
	for (size_t j = 0; j < nf; j++)
		total_cost += (double)p->cost_cents[sp->free_c[j]] / 100;
	for (size_t j = 0; j < nf; j++) {
		size_t c = sp->free_c[j];
		double cost = (double)p->cost_cents[c] / 100 + step * (double)(c + 1);
		double obj = maximise ? -0.25 * cost / total_cost : cost;
		milp_add_col(mp, obj, 0, 1, true);
	}
	for (size_t i = 0; i < sp->ndraw; i++)
		milp_add_col(mp, maximise ? 1 : 0, 0, 1, true);
	int *ind = xmalloc((nf + sp->ndraw + 1) * sizeof *ind);
	double *val = xmalloc((nf + sp->ndraw + 1) * sizeof *val);
	rows_ensure(sp);
	const sa_row *rows = sp->rows;
	const double *q = maximise || need_successes <= sp->always
				  ? NULL
				  : quantiles_for(sp, need_successes - sp->always);
	for (size_t t = 0; t < sp->nrows; t++) {
		size_t i = rows[t].i, d = sp->draw[i], k = rows[t].k;
		double need = rows[t].need, lo = rows[t].lo, qt = q ? q[t] : -HUGE_VAL;
		strengthened += qt > lo;
		if (qt >= need)
			continue; /* every solution meets it (the strengthening) */
		/* Divided by M = need - lo (so that every coefficient lies in [-1, 1]: the
		 * programme is well scaled whatever the amounts, and a strengthening that leaves
		 * need - q tiny does not blow the row up), and a saving above M clipped to M
		 * (which alone meets the row: the same integer solutions, a tighter relaxation).
		 * The row: s x >= q + (need - q) z, q = max(lo, q_t). */
		double floor_q = qt > lo ? qt : lo, big_m = need - lo;
		size_t n = 0;
		for (size_t j = 0; j < nf; j++) {
			int64_t sv = cand_s(dr, sp->free_c[j], d, k);
			if (sv) {
				double e = (double)sv / 100;
				ind[n] = (int)j;
				val[n++] = e >= big_m ? 1 : e / big_m;
			}
		}
		ind[n] = (int)(nf + i);
		val[n++] = -(need - floor_q) / big_m;
		milp_add_row(mp, floor_q / big_m, HUGE_VAL, n, ind, val);
	}
	if (!maximise) {
		for (size_t i = 0; i < sp->ndraw; i++) {
			ind[i] = (int)(nf + i);
			val[i] = 1;
		}
		/* none wanted when the musts' draws suffice but their FTE is over max_fte */
		size_t want = need_successes > sp->always ? need_successes - sp->always : 0;
		milp_add_row(mp, (double)want, HUGE_VAL, sp->ndraw, ind, val);
	}
	add_cut_rows(sp, mp, ind, val);
	if (p->fte_centi) {
		size_t t = 0;
		for (size_t j = 0; j < nf; j++)
			if (p->fte_centi[sp->free_c[j]]) {
				ind[t] = (int)j;
				val[t++] = (double)p->fte_centi[sp->free_c[j]] / 100;
			}
		milp_add_row(mp, -HUGE_VAL, (double)(p->max_fte_centi - sp->must_fte) / 100, t, ind,
			     val);
	}
	free(ind);
	free(val);
	return strengthened;
}

/* The chosen set from a solution's x (the musts, and the free candidates set), its exact
 * cost and recount into a. */
static void recount_adopted(const sa_prep *sp, optim_answer *a);

static void recount(const sa_prep *sp, const double *x, optim_answer *a)
{
	for (size_t c = 0; c < sp->dr->ncand; c++)
		a->adopted[c] = fix_of(sp->p, c) == OPTIM_MUST;
	for (size_t j = 0; j < sp->nfree; j++)
		a->adopted[sp->free_c[j]] = x && x[j] > 0.5;
	recount_adopted(sp, a);
}

/* a->adopted's exact cost and recount. */
static void recount_adopted(const sa_prep *sp, optim_answer *a)
{
	const optim_draws *dr = sp->dr;
	const optim_problem *p = sp->p;
	a->cost_cents = 0;
	for (size_t c = 0; c < dr->ncand; c++)
		if (a->adopted[c])
			a->cost_cents += p->cost_cents[c];
	a->successes = 0;
	for (size_t d = 0; d < dr->n; d++)
		a->successes += optim_success(dr, d, a->adopted);
	a->reached = dr->n ? (double)a->successes / (double)dr->n : 0;
}

/* A starting solution from a chosen set (adopted): x as chosen, z_d = 1 where the draw
 * meets every row of the programme exactly and no cut forbids it; NULL when that does not make
 * need_successes or breaks the FTE limit. */
static double *start_of(const sa_prep *sp, const unsigned char *adopted, size_t need_successes)
{
	const optim_draws *dr = sp->dr;
	size_t ny = (size_t)dr->ny, nf = sp->nfree, got = sp->always;
	double *x = xcalloc(nf + sp->ndraw + 1, sizeof *x);
	int64_t fte = sp->must_fte;
	for (size_t j = 0; j < nf; j++) {
		x[j] = adopted[sp->free_c[j]] ? 1 : 0;
		fte += x[j] > 0 && sp->p->fte_centi ? sp->p->fte_centi[sp->free_c[j]] : 0;
	}
	for (size_t i = 0; i < sp->ndraw; i++) {
		size_t d = sp->draw[i];
		bool ok = true;
		for (size_t k = 0; k < ny && ok; k++) {
			if (!dr->has_target[k])
				continue;
			wide v = 0;
			for (size_t j = 0; j < nf; j++)
				v += x[j] > 0 ? cand_s(dr, sp->free_c[j], d, k) : 0;
			ok = v >= sp->needk[d * ny + k];
		}
		x[nf + i] = ok;
		got += ok;
	}
	for (size_t t = 0; t < sp->ncuts; t++) {
		size_t d = sp->draw[sp->cut_draw[t]], k = sp->cut_year[t];
		bool free_z = false;
		for (size_t j = 0; j < nf; j++) {
			int64_t sv = cand_s(dr, sp->free_c[j], d, k);
			bool in_s = sp->cut_set[t][j], on = x[j] > 0;
			free_z |= (!in_s && sv > 0 && on) || (in_s && sv < 0 && !on);
		}
		got -= !free_z && x[nf + sp->cut_draw[t]] > 0;
		x[nf + sp->cut_draw[t]] = free_z ? x[nf + sp->cut_draw[t]] : 0;
	}
	if (got < need_successes || (sp->p->fte_centi && fte > sp->p->max_fte_centi)) {
		free(x);
		return NULL;
	}
	return x;
}

static milp_params params_of(const optim_problem *p, bool maximise, const double *start)
{
	return (milp_params){maximise, p->gap, p->node_limit, start, p->verbose};
}

/* The most successes any set reaches (when the ask is out of reach): maximise sum z. */
static fp_status max_probability(sa_prep *sp, optim_answer *a, diag *d)
{
	const optim_problem *p = sp->p;
	const milp_solver *sv = p->solver ? p->solver : milp_glpk();
	milp mp;
	build(sp, SA_MAXPROB, 0, &mp);
	milp_params o = params_of(p, true, NULL);
	milp_solution sol;
	sv->solve(&mp, &o, &sol);
	milp_release(&mp);
	a->nodes += sol.nodes;
	if (sol.status == MILP_ERROR) {
		milp_solution_release(&sol);
		diag_error(d, NULL, 0, 0, "the MILP solver %s failed", sv->name);
		return FP_ESOFTWARE;
	}
	recount(sp, sol.status == MILP_OPTIMAL || sol.status == MILP_FEASIBLE ? sol.x : NULL, a);
	a->feasible = false;
	a->proven = sol.status == MILP_OPTIMAL || sol.status == MILP_INFEASIBLE;
	double n = (double)sp->dr->n;
	if (sol.status == MILP_OPTIMAL || sol.status == MILP_FEASIBLE) {
		/* the cost term is worth less than 1/4 a success: round the bound's count down */
		double most = (double)sp->always + floor(sol.bound + 0.25 + 1e-6);
		a->best_bound = n > 0 ? fmin(most, n) / n : 0;
		a->gap = sol.gap;
	} else {
		a->best_bound = sol.status == MILP_INFEASIBLE ? 0 : n > 0 ? (double)(sp->always + sp->ndraw) / n : 0;
		a->gap = 0;
	}
	if (sol.status == MILP_INFEASIBLE || !optim_fte_within(sp, a->adopted)) {
		/* Without a count row only max_fte can bar every set (the musts' FTE over it,
		 * no candidate that hires): no set is allowed, so none reaches anything; the
		 * musts are shown, but their successes are not a set's. So too when the solver
		 * found no set within its node limit and the musts alone are over max_fte
		 * (r18c-attack): none was found. */
		a->successes = 0;
		a->reached = 0;
	}
	if (a->best_bound < a->reached && sol.status != MILP_INFEASIBLE) {
		/* a set reaches more than the solver's bound (its tolerance): the bound is not
		 * one; the trivial one is (never the set's own share, which proves nothing) */
		a->best_bound = n > 0 ? (double)(sp->always + sp->ndraw) / n : 0;
		a->proven = false;
	}
	milp_solution_release(&sol);
	return FP_OK;
}

/* One solve of the cheapest set for a->need successes (with the cuts so far): the answer's
 * set and recount; *found whether the solver found a set. */
static fp_status solve_once(sa_prep *sp, const double *start, optim_answer *a, bool *found,
			    double *bound, diag *d)
{
	const optim_problem *p = sp->p;
	const milp_solver *sv = p->solver ? p->solver : milp_glpk();
	milp mp;
	a->strengthened += build(sp, SA_COST, a->need, &mp);
	milp_params o = params_of(p, false, start);
	milp_solution sol;
	sv->solve(&mp, &o, &sol);
	milp_release(&mp);
	a->nodes += sol.nodes;
	if (sol.status == MILP_ERROR) {
		milp_solution_release(&sol);
		diag_error(d, NULL, 0, 0, "the MILP solver %s failed", sv->name);
		return FP_ESOFTWARE;
	}
	*found = sol.status == MILP_OPTIMAL || sol.status == MILP_FEASIBLE;
	/* the bound on the free candidates' cost: the objective's, less the tie-break's nudge
	 * (under half a cent in all) and the solver's tolerance */
	*bound = *found ? sol.bound - 1e-6 * fabs(sol.bound) - 0.01 : 0;
	if (*found) {
		recount(sp, sol.x, a);
		/* the gap of the cost in cents, the tie-break taken out of neither side */
		a->gap = sol.gap;
		a->proven = sol.status == MILP_OPTIMAL;
	}
	milp_solution_release(&sol);
	return FP_OK;
}

/* Cuts for the draws either way that the set adopted does not make succeed exactly: the
 * solver took them as successes (or may, next time). */
static void add_cuts(sa_prep *sp, const unsigned char *adopted)
{
	const optim_draws *dr = sp->dr;
	size_t ny = (size_t)dr->ny;
	for (size_t i = 0; i < sp->ndraw; i++) {
		size_t d = sp->draw[i], k = 0;
		for (; k < ny; k++) {
			wide v = 0;
			for (size_t j = 0; j < sp->nfree; j++)
				v += adopted[sp->free_c[j]] ? cand_s(dr, sp->free_c[j], d, k) : 0;
			if (dr->has_target[k] && v < sp->needk[d * ny + k])
				break;
		}
		if (k == ny)
			continue; /* a success */
		unsigned char *set = xmalloc(sp->nfree ? sp->nfree : 1);
		for (size_t j = 0; j < sp->nfree; j++)
			set[j] = adopted[sp->free_c[j]];
		VEC_GROW(sp->cut_draw, sp->ncuts, sp->cuts_cap);
		sp->cut_set = xreallocarray(sp->cut_set, sp->cuts_cap, sizeof *sp->cut_set);
		sp->cut_year = xreallocarray(sp->cut_year, sp->cuts_cap, sizeof *sp->cut_year);
		sp->cut_draw[sp->ncuts] = i;
		sp->cut_year[sp->ncuts] = k;
		sp->cut_set[sp->ncuts++] = set;
	}
}

/* The recount (recount) of a chosen set given as adopted flags: the musts, and the free
 * candidates set in set (which may be a->adopted itself: each flag is read before it is
 * written). */
void optim_recount_set(const sa_prep *sp, const unsigned char *set, optim_answer *a)
{
	for (size_t c = 0; c < sp->dr->ncand; c++) {
		int f = fix_of(sp->p, c);
		a->adopted[c] = f == OPTIM_MUST || (f == OPTIM_FREE && set[c]);
	}
	recount_adopted(sp, a);
}

/* a's gap against bound (euros, the free candidates' cost; the same measure as the
 * solver's: relative to the free part of the set's cost), and proven when within the ask. */
static void set_gap(const sa_prep *sp, double bound, optim_answer *a)
{
	double free_cost = (double)(a->cost_cents - sp->must_cost) / 100;
	bound = bound > 0 ? bound : 0; /* no cost is negative */
	double g = free_cost > 0 ? (free_cost - bound) / free_cost : 0;
	a->cost_bound = bound;
	a->gap = g > 0 ? g : 0;
	a->proven = a->gap <= sp->p->gap;
}

/* The cheapest set for probability (optim_solve): the greedy set and the cost bound
 * first, the solver only when they are further apart than the gap asked (then from the
 * greedy set, or the enumeration's). */
static fp_status solve_prob(sa_prep *sp, double probability, optim_answer *a, diag *d)
{
	const optim_draws *dr = sp->dr;
	memset(a, 0, sizeof *a);
	a->probability = probability;
	a->need = need_of(probability, dr->n);
	a->adopted = xcalloc(dr->ncand ? dr->ncand : 1, 1);
	/* The musts alone within max_fte; and some set within it: free candidates of a
	 * negative FTE (that hire) may bring musts over the limit back under it. */
	bool musts_ok = !sp->p->fte_centi || sp->must_fte <= sp->p->max_fte_centi;
	bool fte_ok = !sp->p->fte_centi ||
		      sp->must_fte + sp->free_neg_fte <= sp->p->max_fte_centi;
	if (musts_ok && sp->always >= a->need) {
		/* the musts alone: nothing free costs less than nothing */
		recount(sp, NULL, a);
		a->feasible = a->successes >= a->need;
		a->proven = true;
		if (a->feasible)
			return FP_OK;
	}
	if (!fte_ok || sp->always + sp->ndraw < a->need)
		return max_probability(sp, a, d);
	size_t want = a->need > sp->always ? a->need - sp->always : 0;
	bool quick = !sp->p->solver_only;
	double bound = quick ? optim_cost_bound(sp, want) : 0;
	unsigned char *gset = xcalloc(dr->ncand ? dr->ncand : 1, 1);
	bool have = quick && isfinite(bound) && optim_greedy_set(sp, want, gset);
	int64_t gcost = 0;
	if (have) {
		optim_recount_set(sp, gset, a);
		gcost = a->cost_cents;
		a->feasible = a->successes >= a->need; /* the greedy counts exactly: always */
		set_gap(sp, bound, a);
		if (a->feasible && a->proven) {
			free(gset);
			optim_make_minimal(sp, a);
			set_gap(sp, bound, a); /* the cost may have fallen */
			return FP_OK;
		}
	} else
		a->cost_cents = INT64_MAX; /* no set known: nothing cuts the enumeration */
	if (quick && isfinite(bound)) {
		/* The enumeration, also when the greedy found no set (savings negative in some
		 * draws, max_fte): its sets are exact, and a set it finds, proven or not, is
		 * better than none for a solver whose node limit may be too small to find one
		 * (r18-attack). */
		bool done = optim_enum_prove(sp, want, a);
		if (a->cost_cents < (have ? gcost : INT64_MAX)) {
			memcpy(gset, a->adopted, dr->ncand);
			have = true;
			gcost = a->cost_cents;
			a->feasible = true;
		}
		if (done && have) {
			free(gset);
			optim_make_minimal(sp, a); /* of equal cost: the optimum proven */
			a->gap = 0;
			a->cost_bound = (double)(a->cost_cents - sp->must_cost) / 100;
			a->proven = true;
			return FP_OK;
		}
	}
	/* The solver. A short recount: a draw the solver counted within its tolerance of the
	 * target (its tolerances are relative: euros on a plan of billions) fails exactly.
	 * Cut that set off for those draws and solve again, a few rounds. */
	bool found = false, met = false, solver_proven = false;
	double solver_gap = 0;
	long nodes = 0;
	int resolves = 0;
	size_t strengthened = 0;
	for (int round_no = 0; round_no < OPTIM_ROUNDS; round_no++) {
		const unsigned char *from = have ? gset : NULL;
		double *x0 = from ? start_of(sp, from, a->need) : NULL, sb;
		fp_status st = solve_once(sp, x0, a, &found, &sb, d);
		free(x0);
		nodes = a->nodes;
		strengthened = a->strengthened;
		if (st != FP_OK) {
			free(gset);
			return st;
		}
		if (found && sb > bound)
			bound = sb;
		if (!found)
			break;
		if ((met = a->successes >= a->need)) {
			solver_proven = a->proven;
			solver_gap = a->gap;
			break;
		}
		a->resolves = ++resolves;
		add_cuts(sp, a->adopted);
	}
	if (have && (!met || a->cost_cents > gcost)) {
		/* the greedy set is the better: the solver's bound still holds for it */
		optim_recount_set(sp, gset, a);
		met = true;
		solver_proven = false;
	}
	free(gset);
	a->nodes = nodes;
	a->resolves = resolves;
	a->strengthened = strengthened;
	if (!found && !met) {
		/* Neither the greedy nor the solver found a set within its limit: the most
		 * successes any set reaches, which may yet be enough, when that set keeps
		 * max_fte (when the solver found none it is the musts alone, which may be over
		 * it: r18c-attack). */
		fp_status st = max_probability(sp, a, d);
		if (st != FP_OK || a->successes < a->need || !optim_fte_within(sp, a->adopted))
			return st;
		met = true;
	}
	if (!met) {
		/* Still short after the cuts: reported as it is (feasible false, the recount
		 * honest). Nothing is proven: the bound is the trivial one, every draw either
		 * way a success, which is at least the count asked here (else max_probability
		 * above), so the ask is not called impossible. */
		a->feasible = false;
		a->proven = false;
		a->best_bound = dr->n ? (double)(sp->always + sp->ndraw) / (double)dr->n : 0;
		return FP_OK;
	}
	a->feasible = true;
	a->best_bound = 0;
	optim_make_minimal(sp, a); /* first: the gap is the set's as reported */
	set_gap(sp, bound, a);
	if (solver_proven) {
		/* the solver's own gap, when its set is the answer, may be the smaller (the bound
		 * above is taken a little lower for safety; the ties' rule only lowers the cost) */
		a->gap = fmin(a->gap, solver_gap);
		a->proven = true;
	}
	return FP_OK;
}

/* Every sum the solve makes of costs or of FTE (a chosen set's, the musts', the greedy's
 * and the enumeration's partial sets) is a sum over a subset of the candidates that may be
 * chosen: within int64 when the sums of their costs and of their FTE's magnitudes are;
 * else FP_EDATA, reported (each cost alone is checked where it is priced). */
static fp_status sums_fit(const optim_problem *p, diag *d)
{
	const optim_draws *dr = p->dr;
	wide cost = 0, fte = 0;
	for (size_t c = 0; c < dr->ncand; c++) {
		if (fix_of(p, c) == OPTIM_NEVER)
			continue;
		cost += p->cost_cents[c];
		if (p->fte_centi)
			fte += p->fte_centi[c] < 0 ? -(wide)p->fte_centi[c] : p->fte_centi[c];
	}
	if (cost <= INT64_MAX && fte <= INT64_MAX)
		return FP_OK;
	diag_error(d, NULL, 0, 0,
		   "optimise{}: the %s of the %zu candidates add up beyond the limit of "
		   "92,233,720,368,547,758.07",
		   cost > INT64_MAX ? "costs" : "fte", dr->ncand);
	return FP_EDATA;
}

fp_status optim_solve(const optim_problem *p, double probability, optim_answer *out, diag *d)
{
	memset(out, 0, sizeof *out);
	fp_status st = sums_fit(p, d);
	if (st != FP_OK)
		return st;
	sa_prep sp;
	prep_init(&sp, p);
	st = solve_prob(&sp, probability, out, d);
	prep_release(&sp);
	return st;
}

/* Whether point a comes before point b in curve_monotone's order: the higher count first;
 * of equal counts (the ask at a probability of the curve, or of the same count) the one
 * with a set first, the cheaper first, then the earlier, so that the others of its count
 * take its set (r18c-attack: the curve's 0.8 dearer than the ask's 0.8). */
static bool curve_before(const optim_answer *a, size_t ia, const optim_answer *b, size_t ib)
{
	if (a->need != b->need)
		return a->need > b->need;
	if (a->feasible != b->feasible)
		return a->feasible;
	if (a->feasible && a->cost_cents != b->cost_cents)
		return a->cost_cents < b->cost_cents;
	return ia < ib;
}

/* The curve made monotone (optim_curve): out[i] takes the cheapest set of the points of a
 * count at least its own, when that is cheaper than its own (or it has none). */
static void curve_monotone(sa_prep *sp, optim_answer *out, size_t np)
{
	size_t *order = xmalloc((np ? np : 1) * sizeof *order);
	for (size_t i = 0; i < np; i++) {
		size_t at = i;
		while (at > 0 && curve_before(&out[i], i, &out[order[at - 1]], order[at - 1])) {
			order[at] = order[at - 1];
			at--;
		}
		order[at] = i;
	}
	size_t best = SIZE_MAX; /* the cheapest feasible point so far */
	for (size_t u = 0; u < np; u++) {
		optim_answer *a = &out[order[u]];
		if (best != SIZE_MAX && (!a->feasible || out[best].cost_cents < a->cost_cents)) {
			const optim_answer *b = &out[best];
			size_t want = a->need > sp->always ? a->need - sp->always : 0;
			/* its own bound; a point without a set has none yet: the quantile bound */
			double bound = a->feasible ? a->cost_bound
				       : sp->p->solver_only ? 0 : optim_cost_bound(sp, want);
			memcpy(a->adopted, b->adopted, sp->dr->ncand);
			optim_recount_set(sp, a->adopted, a);
			a->feasible = true;
			a->best_bound = 0;
			optim_make_minimal(sp, a);
			set_gap(sp, isfinite(bound) ? bound : 0, a);
		}
		if (a->feasible && (best == SIZE_MAX || a->cost_cents < out[best].cost_cents))
			best = order[u];
	}
	free(order);
}

fp_status optim_curve(const optim_problem *p, const double *probs, size_t np,
		      optim_answer *out, diag *d)
{
	memset(out, 0, np * sizeof *out);
	fp_status st = sums_fit(p, d);
	if (st != FP_OK)
		return st;
	sa_prep sp;
	prep_init(&sp, p);
	/* every point's count, so that the first solve that strengthens does all of them */
	for (size_t i = 0; i < np; i++) {
		size_t need = need_of(probs[i], p->dr->n);
		if (need > sp.always) {
			VEC_GROW(sp.want, sp.nwant, sp.want_cap);
			sp.want[sp.nwant++] = need - sp.always;
		}
	}
	/* Every probability is solved from scratch, as optim_solve does: a higher
	 * probability's set given as the start made a node-limited search stop at that dearer
	 * set (golden optimise-curve-agrees); the cheaper of the two is taken after. */
	for (size_t i = 0; i < np && st == FP_OK; i++)
		st = solve_prob(&sp, probs[i], &out[i], d);
	if (st == FP_OK)
		curve_monotone(&sp, out, np);
	prep_release(&sp);
	return st;
}

long optim_node_limit(size_t draws, size_t candidates)
{
	double size = (double)draws * (double)candidates;
	double n = size > 0 ? 1e12 / (size * size) : 20000;
	return n < 10 ? 10 : n > 20000 ? 20000 : (long)n;
}

void optim_answer_release(optim_answer *a)
{
	free(a->adopted);
	memset(a, 0, sizeof *a);
}
