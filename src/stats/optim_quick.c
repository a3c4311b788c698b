/* optim_quick: what the optimiser tries before any solver (stats/optim_prep.h): a greedy
 * set and a lower bound on the cost, in exact cents where it counts, an enumeration that
 * proves cheap answers, and the ties' rule. docs/uncertainty.md, "Choosing candidates". */
#include "optim_prep.h"
#include "../core/xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* it[at] sifted down the min-heap of ratios it[0..m). */
static void kn_sift(kn_item *it, size_t m, size_t at)
{
	kn_item v = it[at];
	for (;;) {
		size_t c = 2 * at + 1;
		if (c >= m)
			break;
		if (c + 1 < m && it[c + 1].ratio < it[c].ratio)
			c++;
		if (it[c].ratio >= v.ratio)
			break;
		it[at] = it[c];
		at = c;
	}
	it[at] = v;
}

/* min { c x : a x >= need, x in [0, 1]^n } by the ratio rule (exact for the LP): start from
 * the unconstrained minimum (x_j = 1 where c_j < 0, or c_j = 0 and a_j > 0), then buy the
 * missing a x in order of cost per unit gained (a heap: usually a few items are bought of
 * dozens); HUGE_VAL when no x in the box meets it. A ratio rounded in the last place may
 * swap two items of equal ratio, which moves the value by rounding only (q_margin). */
double optim_knapsack_min(size_t n, const double *c, const double *a, double need,
			  kn_item *it)
{
	double base = 0, cover = 0;
	size_t m = 0;
	for (size_t j = 0; j < n; j++) {
		bool on = c[j] < 0 || (c[j] == 0 && a[j] > 0);
		if (on) {
			base += c[j];
			cover += a[j];
			if (a[j] < 0) /* turning it off gains -a at -c */
				it[m++] = (kn_item){c[j] / a[j], -c[j], -a[j]};
		} else if (a[j] > 0)
			it[m++] = (kn_item){c[j] / a[j], c[j], a[j]};
	}
	double deficit = need - cover;
	if (deficit <= 0)
		return base;
	for (size_t t = m / 2; t-- > 0;)
		kn_sift(it, m, t);
	while (m > 0) {
		kn_item top = it[0];
		if (top.gain >= deficit)
			return base + top.cost * (deficit / top.gain);
		base += top.cost;
		deficit -= top.gain;
		it[0] = it[--m];
		kn_sift(it, m, 0);
	}
	return HUGE_VAL;
}

int optim_dbl_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

/* ---- A starting set and a lower bound, before any solver ----
 * The big-M programme's relaxation is weak and its search slow (docs/performance.md,
 * "Optimiser"), so two cheap things come first. A greedy set in exact cents (gr_*): from
 * the musts, add the free candidate that closes most of the shortfall of the draws nearest
 * to success per euro of cost, until the count is met; then drop what is not needed,
 * dearest first; then try, for each chosen one, whether leaving it out and completing
 * again comes cheaper. And a lower bound on the cost of every set that meets the count
 * (cost_bound): each draw either way that a set makes succeed costs it at least the
 * cheapest fractional cover of that draw's rows; a set makes at least k of them succeed,
 * so it costs at least the k-th smallest of those covers (the quantile bound of the
 * objective). When the greedy set's cost is within the gap of that bound, it is the
 * answer, proven, without a solve; else it is the solver's start, and the better bound
 * of the two is the one reported. */

/* The greedy's state: what the chosen free candidates add per draw either way and year
 * (cents), how many of those draws succeed, and the chosen set's cost and FTE. */
typedef struct gr_state {
	const sa_prep *sp;
	unsigned char *on;  /* nfree */
	unsigned char *ban; /* nfree: not to be added (the one being tried out) */
	wide *add;          /* ndraw * ny */
	size_t succ;
	int64_t cost, fte;  /* the free chosen's, cents and FTE x 100 */
	double *norm;       /* ndraw: each draw's shortfall when the completion started, euros */
	struct gr_key *order; /* ndraw: the draws short, by the shortfall left */
	bool by_fte;        /* rank by what a candidate closes per FTE, not per cent */
} gr_state;

/* A draw short of its target: its shortfall left, relative to its norm, and its place. */
typedef struct gr_key {
	double rest;
	size_t i;
} gr_key;

static wide gr_short(const gr_state *g, size_t i, size_t k)
{
	const sa_prep *sp = g->sp;
	size_t ny = (size_t)sp->dr->ny;
	wide v = sp->needk[sp->draw[i] * ny + k] - g->add[i * ny + k];
	return v > 0 ? v : 0;
}

static bool gr_ok(const gr_state *g, size_t i)
{
	size_t ny = (size_t)g->sp->dr->ny;
	for (size_t k = 0; k < ny; k++)
		if (g->sp->dr->has_target[k] && gr_short(g, i, k) > 0)
			return false;
	return true;
}

/* The chosen set (musts and the free chosen) within max_fte. A candidate may save a
 * negative FTE (it hires), so leaving one out can break the limit. */
static bool gr_fte_ok(const gr_state *g)
{
	const sa_prep *sp = g->sp;
	return !sp->p->fte_centi || g->fte + sp->must_fte <= sp->p->max_fte_centi;
}

static void gr_set(gr_state *g, size_t j, bool on)
{
	const sa_prep *sp = g->sp;
	size_t ny = (size_t)sp->dr->ny, c = sp->free_c[j];
	if (g->on[j] == on)
		return;
	for (size_t i = 0; i < sp->ndraw; i++) {
		bool was = gr_ok(g, i);
		for (size_t k = 0; k < ny; k++) {
			int64_t s = cand_s(sp->dr, c, sp->draw[i], k);
			g->add[i * ny + k] += on ? s : -(wide)s;
		}
		g->succ += gr_ok(g, i);
		g->succ -= was;
	}
	g->on[j] = on;
	g->cost += (on ? 1 : -1) * sp->p->cost_cents[c];
	g->fte += (on ? 1 : -1) * (sp->p->fte_centi ? sp->p->fte_centi[c] : 0);
}

static int gr_key_cmp(const void *pa, const void *pb)
{
	const gr_key *a = pa, *b = pb;
	return a->rest < b->rest ? -1 : a->rest > b->rest ? 1 : (a->i > b->i) - (a->i < b->i);
}

/* Add free candidates until want draws either way succeed: each time the one that closes
 * most of the relative shortfall of the want - succ draws nearest to success, per cent of
 * cost (those of no cost first, by what they close); false when none closes anything, or
 * the set ends over max_fte. */
static bool gr_complete(gr_state *g, size_t want)
{
	const sa_prep *sp = g->sp;
	size_t ny = (size_t)sp->dr->ny, nd = sp->ndraw;
	for (size_t i = 0; i < nd; i++) {
		double s = 0;
		for (size_t k = 0; k < ny; k++)
			s += sp->dr->has_target[k] ? (double)gr_short(g, i, k) : 0;
		g->norm[i] = s > 0 ? s : 1;
	}
	while (g->succ < want) {
		size_t m = 0;
		for (size_t i = 0; i < nd; i++) {
			if (gr_ok(g, i))
				continue;
			double s = 0;
			for (size_t k = 0; k < ny; k++)
				s += sp->dr->has_target[k] ? (double)gr_short(g, i, k) : 0;
			g->order[m++] = (gr_key){s / g->norm[i], i};
		}
		qsort(g->order, m, sizeof *g->order, gr_key_cmp);
		size_t best = SIZE_MAX;
		double best_score = 0;
		bool best_free = false;
		/* When no candidate closes anything on balance in the draws nearest to success
		 * (savings negative in some draws or years), once more on balance over every
		 * draw short, and then counting only what each closes: a set that may still
		 * reach the count (pruned after), rather than none and a solver left with a
		 * node limit too small to find one (r18-attack). */
		for (int lenient = 0; lenient < 3 && best == SIZE_MAX; lenient++) {
			size_t t = lenient ? m : want - g->succ < m ? want - g->succ : m;
			for (size_t j = 0; j < sp->nfree; j++) {
				size_t c = sp->free_c[j];
				if (g->on[j] || g->ban[j])
					continue;
				if (sp->p->fte_centi &&
				    g->fte + sp->must_fte + sp->p->fte_centi[c] > sp->p->max_fte_centi)
					continue;
				double closes = 0;
				for (size_t u = 0; u < t; u++) {
					size_t i = g->order[u].i;
					double part = 0;
					for (size_t k = 0; k < ny; k++) {
						if (!sp->dr->has_target[k])
							continue;
						wide sh = gr_short(g, i, k), s = cand_s(sp->dr, c, sp->draw[i], k);
						wide after = sh - s > 0 ? sh - s : 0;
						if (lenient < 2 || sh > after)
							part += (double)(sh - after);
					}
					closes += part / g->norm[i];
				}
				if (closes <= 0)
					continue;
				int64_t cost = sp->p->cost_cents[c];
				if (g->by_fte)
					cost = sp->p->fte_centi[c] > 0 ? sp->p->fte_centi[c] : 0;
				bool is_free = cost == 0;
				double score = is_free ? closes : closes / (double)cost;
				if (best == SIZE_MAX || (is_free && !best_free) ||
				    (is_free == best_free && score > best_score)) {
					best = j;
					best_score = score;
					best_free = is_free;
				}
			}
		}
		if (best == SIZE_MAX)
			return false;
		gr_set(g, best, true);
	}
	return gr_fte_ok(g);
}

/* The chosen free candidates, dearest first (of equal cost the later first). */
static size_t gr_chosen(const gr_state *g, size_t *out)
{
	const sa_prep *sp = g->sp;
	size_t n = 0;
	for (size_t j = sp->nfree; j-- > 0;)
		if (g->on[j]) {
			size_t at = n++;
			int64_t cj = sp->p->cost_cents[sp->free_c[j]];
			while (at > 0 && sp->p->cost_cents[sp->free_c[out[at - 1]]] < cj) {
				out[at] = out[at - 1];
				at--;
			}
			out[at] = j;
		}
	return n;
}

/* Drop the chosen that neither the count nor max_fte needs, dearest first; how many. */
static size_t gr_prune(gr_state *g, size_t want, size_t *list)
{
	size_t n = gr_chosen(g, list), dropped = 0;
	for (size_t u = 0; u < n; u++) {
		gr_set(g, list[u], false);
		if (g->succ < want || !gr_fte_ok(g))
			gr_set(g, list[u], true);
		else
			dropped++;
	}
	return dropped;
}

static void gr_init(gr_state *g, const sa_prep *sp)
{
	size_t nf = sp->nfree, nd = sp->ndraw, ny = (size_t)sp->dr->ny;
	*g = (gr_state){sp, xcalloc(nf + 1, 1), xcalloc(nf + 1, 1),
			xcalloc(nd * ny + 1, sizeof(wide)), 0, 0, 0,
			xmalloc((nd + 1) * sizeof(double)), xmalloc((nd + 1) * sizeof(gr_key)), false};
	for (size_t i = 0; i < nd; i++)
		g->succ += gr_ok(g, i);
}

static void gr_release(gr_state *g)
{
	free(g->on);
	free(g->ban);
	free(g->add);
	free(g->norm);
	free(g->order);
}

/* The set of the free candidates on (nfree flags) and the musts into adopted (ncand). */
static void adopted_of(const sa_prep *sp, const unsigned char *on, unsigned char *adopted)
{
	for (size_t c = 0; c < sp->dr->ncand; c++)
		adopted[c] = fix_of(sp->p, c) == OPTIM_MUST;
	for (size_t j = 0; j < sp->nfree; j++)
		adopted[sp->free_c[j]] = on[j];
}

/* Whether the chosen set (adopted, ncand) keeps max_fte. */
bool optim_fte_within(const sa_prep *sp, const unsigned char *adopted)
{
	const optim_problem *p = sp->p;
	if (!p->fte_centi)
		return true;
	int64_t fte = 0;
	for (size_t c = 0; c < sp->dr->ncand; c++)
		fte += adopted[c] ? p->fte_centi[c] : 0;
	return fte <= p->max_fte_centi;
}

/* The greedy's chosen set into adopted (ncand, the musts set). */
static void gr_adopted(const gr_state *g, unsigned char *adopted)
{
	adopted_of(g->sp, g->on, adopted);
}

/* The greedy set (gr_state above) for want successes among the draws either way, into
 * adopted; false when the greedy finds none. */
bool optim_greedy_set(const sa_prep *sp, size_t want, unsigned char *adopted)
{
	size_t nf = sp->nfree;
	gr_state g;
	gr_init(&g, sp);
	size_t *list = xmalloc((nf + 1) * sizeof *list), *list2 = xmalloc((nf + 1) * sizeof *list2);
	unsigned char *keep = xmalloc(nf + 1);
	bool found = gr_complete(&g, want);
	if (!found && sp->p->fte_centi) {
		/* max_fte spent before the count was met: once more, ranked by what each closes
		 * per FTE (r18-attack) */
		gr_release(&g);
		gr_init(&g, sp);
		g.by_fte = true;
		found = gr_complete(&g, want);
	}
	if (found) {
		gr_prune(&g, want, list);
		/* Leave each chosen one out in turn and complete again without it: kept when
		 * cheaper, else the set as it was. */
		bool better = true;
		for (int pass = 0; pass < 2 && better; pass++) {
			better = false;
			size_t n = gr_chosen(&g, list);
			for (size_t u = 0; u < n; u++) {
				size_t j = list[u];
				if (!g.on[j] || sp->p->cost_cents[sp->free_c[j]] == 0)
					continue;
				memcpy(keep, g.on, nf);
				int64_t was = g.cost;
				gr_set(&g, j, false);
				g.ban[j] = 1;
				bool ok = gr_complete(&g, want);
				g.ban[j] = 0;
				if (ok)
					gr_prune(&g, want, list2);
				if (ok && g.cost < was) {
					better = true;
					continue;
				}
				for (size_t v = 0; v < nf; v++)
					gr_set(&g, v, keep[v]);
			}
		}
		gr_adopted(&g, adopted);
	}
	free(keep);
	free(list);
	free(list2);
	gr_release(&g);
	return found;
}

/* The ties (docs/uncertainty.md, "Ties"): the answer's free members are left out one by
 * one, dearest first and of equal cost the later in the candidates' order first, each for
 * good when the count still holds (and max_fte), and again from the dearest while a pass
 * leaves one out: a member may have been needed only to make up for another's negative
 * saving, and be free to go once that one went. So no member of the set reported can be
 * left out and the set still reach the count. The cost does not rise; the recount is a's
 * again. */
void optim_make_minimal(const sa_prep *sp, optim_answer *a)
{
	gr_state g;
	gr_init(&g, sp);
	for (size_t j = 0; j < sp->nfree; j++)
		if (a->adopted[sp->free_c[j]])
			gr_set(&g, j, true);
	size_t *list = xmalloc((sp->nfree + 1) * sizeof *list);
	if (sp->always + g.succ >= a->need) {
		size_t want = a->need > sp->always ? a->need - sp->always : 0;
		while (gr_prune(&g, want, list) > 0)
			;
		gr_adopted(&g, a->adopted);
		optim_recount_set(sp, a->adopted, a);
	}
	free(list);
	gr_release(&g);
}

/* ---- Cheap answers proven by enumeration ----
 * When the greedy set is cheap against the candidates' costs, few sets cost less, and
 * trying each of them settles the question exactly: every set of the free candidates
 * costs what its members of a positive cost (or of a negative saving) cost, and the
 * others (no cost, no negative saving in any draw either way and year) can only help
 * it, so it suffices to try each set of the former that costs less than the best set
 * known, with all of the latter. A depth-first search over the former, dearest first,
 * cut at the best cost known and at ENUM_LIMIT changes of the set (then it proves
 * nothing and the solver goes on); deterministic. */
#define ENUM_LIMIT 20000

typedef struct en_search {
	gr_state g;
	size_t want;
	size_t *item;       /* the free candidates tried (places j), dearest first */
	size_t nitem;
	int64_t best;       /* the best cost known, of the free part, cents */
	unsigned char *set; /* nfree: its members */
	int64_t *neg_after; /* nitem: the negative FTE of the items after u, summed (a set
			     * over max_fte may come back under it) */
	long steps;
} en_search;

/* false when the search ran out of steps */
static bool en_dfs(en_search *e, size_t from, int64_t cost)
{
	const sa_prep *sp = e->g.sp;
	if (e->g.succ >= e->want && cost < e->best && gr_fte_ok(&e->g)) {
		e->best = cost;
		memcpy(e->set, e->g.on, sp->nfree);
	}
	for (size_t u = from; u < e->nitem; u++) {
		size_t j = e->item[u];
		int64_t c = sp->p->cost_cents[sp->free_c[j]];
		if (cost + c >= e->best)
			continue; /* dearest first: a later one may still fit */
		if (sp->p->fte_centi && e->g.fte + sp->must_fte + sp->p->fte_centi[sp->free_c[j]] +
						e->neg_after[u] > sp->p->max_fte_centi)
			continue;
		if (++e->steps > ENUM_LIMIT)
			return false;
		gr_set(&e->g, j, true);
		bool done = en_dfs(e, u + 1, cost + c);
		gr_set(&e->g, j, false);
		if (!done)
			return false;
	}
	return true;
}

/* The cheapest set for want successes among the draws either way, when it can be proven
 * by the search above within its limit: into a (adopted and recount) and true. a holds the
 * best set known on entry (its cost the search's first cut; INT64_MAX: none); a cheaper
 * set found before the limit is into a too, with false. */
bool optim_enum_prove(const sa_prep *sp, size_t want, optim_answer *a)
{
	size_t nf = sp->nfree, ny = (size_t)sp->dr->ny;
	en_search e = {.want = want, .item = xmalloc((nf + 1) * sizeof(size_t)),
		       .best = a->cost_cents - sp->must_cost, .set = xmalloc(nf + 1)};
	gr_init(&e.g, sp);
	for (size_t j = 0; j < nf; j++) {
		size_t c = sp->free_c[j];
		bool helps = sp->p->cost_cents[c] == 0 &&
			     !(sp->p->fte_centi && sp->p->fte_centi[c] > 0);
		for (size_t i = 0; i < sp->ndraw && helps; i++)
			for (size_t k = 0; k < ny && helps; k++)
				helps = !sp->dr->has_target[k] || cand_s(sp->dr, c, sp->draw[i], k) >= 0;
		if (helps)
			gr_set(&e.g, j, true);
		else
			e.item[e.nitem++] = j;
	}
	/* dearest first, of equal cost the earlier first */
	for (size_t u = 1; u < e.nitem; u++) {
		size_t v = e.item[u], at = u;
		while (at > 0 && sp->p->cost_cents[sp->free_c[e.item[at - 1]]] <
					 sp->p->cost_cents[sp->free_c[v]]) {
			e.item[at] = e.item[at - 1];
			at--;
		}
		e.item[at] = v;
	}
	e.neg_after = xmalloc((e.nitem + 1) * sizeof *e.neg_after);
	int64_t neg = 0; /* within int64: optim_solve checked the FTE's sums */
	for (size_t u = e.nitem; u-- > 0;) {
		e.neg_after[u] = neg;
		int64_t f = sp->p->fte_centi ? sp->p->fte_centi[sp->free_c[e.item[u]]] : 0;
		neg += f < 0 ? f : 0;
	}
	int64_t was = e.best;
	memset(e.set, 0, nf + 1);
	bool done = en_dfs(&e, 0, 0);
	if (e.best < was) {
		unsigned char *adopted = xcalloc(sp->dr->ncand ? sp->dr->ncand : 1, 1);
		adopted_of(sp, e.set, adopted);
		optim_recount_set(sp, adopted, a);
		free(adopted);
	}
	free(e.item);
	free(e.set);
	free(e.neg_after);
	gr_release(&e.g);
	return done;
}

/* A lower bound on the free candidates' cost of every set that makes want of the draws
 * either way succeed (euros; the quantile bound above), a little lower than computed for
 * the doubles' rounding; 0 when want < 1. The FTE limit is left out (a relaxation). */
double optim_cost_bound(const sa_prep *sp, size_t want)
{
	size_t nf = sp->nfree, nd = sp->ndraw, ny = (size_t)sp->dr->ny;
	if (want < 1 || nf == 0 || want > nd)
		return 0;
	double *cost = xmalloc(nf * sizeof *cost), *a = xmalloc(nf * sizeof *a);
	double *lb = xmalloc(nd * sizeof *lb);
	kn_item *it = xmalloc(nf * sizeof *it);
	double scale = 0;
	for (size_t j = 0; j < nf; j++) {
		cost[j] = (double)sp->p->cost_cents[sp->free_c[j]] / 100;
		scale += cost[j];
	}
	for (size_t i = 0; i < nd; i++) {
		size_t d = sp->draw[i];
		double best = 0;
		for (size_t k = 0; k < ny; k++) {
			if (!sp->dr->has_target[k])
				continue;
			for (size_t j = 0; j < nf; j++)
				a[j] = (double)cand_s(sp->dr, sp->free_c[j], d, k) / 100;
			double v = optim_knapsack_min(nf, cost, a, (double)sp->needk[d * ny + k] / 100, it);
			best = v > best ? v : best;
		}
		lb[i] = best;
	}
	qsort(lb, nd, sizeof *lb, optim_dbl_cmp);
	double v = lb[want - 1];
	free(it);
	free(lb);
	free(a);
	free(cost);
	if (!isfinite(v))
		return v;
	v -= 1e-9 * scale + 0.01; /* the doubles' rounding, and a cent */
	if (v <= 0)
		return 0;
	/* A set of a positive cost holds a candidate of a positive cost: it costs at least
	 * the cheapest of those. */
	int64_t least = 0;
	for (size_t j = 0; j < nf; j++) {
		int64_t c = sp->p->cost_cents[sp->free_c[j]];
		least = c > 0 && (least == 0 || c < least) ? c : least;
	}
	return fmax(v, (double)least / 100);
}
