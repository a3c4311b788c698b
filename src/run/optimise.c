/* optimise: see optimise.h. The candidates considered are the model version's, in file
 * order, less those adopt{} took already; costs are exact cents; the choice, the curve and
 * the check are stats/optim.h's, every limit deterministic (nodes and gap, no clock). */
#include "optimise.h"
#include "../core/arena.h"
#include "../core/money.h"
#include "../core/xalloc.h"
#include "../export/choice_csv.h"
#include "../io/text.h"
#include "../stats/optim.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* num / den rounded half away from zero (den > 0); false beyond int64. */
static bool div_round(__int128 num, int64_t den, int64_t *out)
{
	__int128 q = num / den, r = num % den;
	if (2 * (r < 0 ? -r : r) >= den)
		q += num < 0 ? -1 : 1;
	if (q > INT64_MAX || q < -INT64_MAX)
		return false;
	*out = (int64_t)q;
	return true;
}

/* The role of each of the model version's candidates in the lists of o, by candidate
 * number (one pass over each list, not a scan per candidate). */
enum { ROLE_NONE, ROLE_LISTED, ROLE_MUST, ROLE_NEVER };

static unsigned char *roles_of(const model *m, const optimise_spec *o)
{
	unsigned char *r = xcalloc(m->ncandidates + 1, 1);
	for (size_t i = 0; i < o->ncandidates; i++)
		r[o->candidates[i]] = ROLE_LISTED;
	for (size_t i = 0; i < o->nmust; i++)
		r[o->must[i]] = ROLE_MUST;
	for (size_t i = 0; i < o->nnever; i++)
		r[o->never[i]] = ROLE_NEVER;
	return r;
}

static bool adopted_before(const scenario_spec *s, int32_t c)
{
	return scenario_adopted(s, c) != NULL;
}

/* The impact_cost key of a patient_impact text: its first word (up to a space, ';', ','
 * or '.'), matched ignoring case; "" and IMPACT_COUNT for an empty text, -1 for a word
 * that is no key. */
static int impact_of(const char *text, const char **key)
{
	while (*text == ' ' || *text == '\t')
		text++;
	size_t n = strcspn(text, " \t;,.:");
	*key = "";
	if (n == 0)
		return IMPACT_COUNT;
	for (int i = 0; i < IMPACT_COUNT; i++)
		if (strlen(impact_words[i]) == n && strncasecmp(text, impact_words[i], n) == 0) {
			*key = impact_words[i];
			return i;
		}
	return -1;
}

/* Candidate c's cost by the ask's prices, or FP_EDATA reported at its line. */
static fp_status cost_of(const model *m, const optimise_spec *o, const measure *c,
			 choice_row *row, diag *d)
{
	const char *text = choice_impact_text(m, c);
	int w = impact_of(text, &row->impact);
	if (w < 0) {
		diag_error(d, model_pos_file(m, c->pos), (int)c->pos.line, choice_impact_col(m, c),
			   "candidate '%s': patient_impact %s does not start with a word "
			   "optimise{}'s impact_cost prices (geen, laag, midden, hoog; the first word "
			   "counts, ignoring case)",
			   c->id, text_quotez(text));
		return FP_EDATA;
	}
	int64_t fte, one_off, cost = w < IMPACT_COUNT ? o->impact_cents[w] : 0;
	bool ok = div_round((__int128)o->fte_cost_cents * c->fte_centi, 100, &fte) &&
		  div_round((__int128)o->one_off_weight_ppm * c->one_off_cents, PPM, &one_off) &&
		  money_add(&cost, fte) && money_add(&cost, one_off);
	if (!ok || cost < 0) {
		diag_error(d, model_pos_file(m, c->pos), (int)c->pos.line, 0,
			   "candidate '%s': its cost in optimise{} is %s (fte %s)", c->id,
			   ok ? "below 0" : "beyond the limit of money",
			   ok ? "below 0 makes it pay" : "times fte_cost");
		return FP_EDATA;
	}
	row->cost_cents = cost;
	row->one_off_cents = c->one_off_cents;
	return FP_OK;
}

void choice_release(choice_result *c)
{
	free(c->rows);
	c->rows = NULL;
	c->nrows = 0;
}

/* A warning at optimise{}'s line for each of list's n candidates that adopt{} adopted. */
static void warn_adopted(const model *m, const scenario_spec *spec, const char *name,
			 const int32_t *list, size_t n, const char *more, diag *d)
{
	const optimise_spec *o = &spec->optimise;
	for (size_t i = 0; i < n; i++)
		if (adopted_before(spec, list[i]))
			diag_warning(d, o->file, o->line, 0,
				     "optimise{}: %s lists '%s', which adopt{} adopted: it is in the "
				     "plan already%s",
				     name, m->candidates[list[i]].id, more);
}

fp_status optimise_run(const model *m, scenario_spec *spec, const scenario_result *res,
		       const consolidation *cons, uint64_t seed, unsigned threads,
		       choice_result *out, diag *d)
{
	const optimise_spec *o = &spec->optimise;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < o->nnever; i++)
		if (adopted_before(spec, o->never[i])) {
			diag_error(d, o->file, o->line, 0,
				   "optimise{}: never lists '%s', which adopt{} adopted",
				   m->candidates[o->never[i]].id);
			return FP_EDATA;
		}
	/* must and candidates naming one adopt{} adopted: it is in the plan already, and left
	 * out of the choice; said, since the script expected it to be chosen among. */
	warn_adopted(m, spec, "must", o->must, o->nmust, "", d);
	warn_adopted(m, spec, "candidates", o->candidates, o->ncandidates, ", not a choice", d);
	/* A unit without a target from the target year on has nothing to reach: every draw
	 * would count as a success, and "100% certain" would be reported of no target. */
	bool has_target = false;
	for (int y = model_year_index(m, m->target_year); y >= 0 && y < m->nyears; y++)
		has_target = has_target || cons_cell(cons, o->unit, y)->has_target;
	if (!has_target) {
		diag_error(d, o->file, o->line, 0,
			   "optimise{}: unit '%s' has no target in %d or a later plan year: there "
			   "is nothing to reach",
			   m->units[o->unit].code, (int)m->target_year);
		return FP_EDATA;
	}
	/* The candidates considered, in file order: those asked (all, or the list and must),
	 * less those adopted already; never's stay in the table, not chosen. */
	size_t n = 0;
	int32_t *ix = xcalloc(m->ncandidates + 1, sizeof *ix);
	unsigned char *role = roles_of(m, o);
	for (size_t c = 0; c < m->ncandidates; c++) {
		int32_t ci = (int32_t)c;
		if (adopted_before(spec, ci))
			continue;
		if (o->all_candidates || role[c] != ROLE_NONE)
			ix[n++] = ci;
	}
	measure *cands = xcalloc(n + 1, sizeof *cands);
	int64_t *cost = xcalloc(n + 1, sizeof *cost), *fte = xcalloc(n + 1, sizeof *fte);
	signed char *fix = xcalloc(n + 1, 1);
	out->rows = xcalloc(n + 1, sizeof *out->rows);
	out->nrows = n;
	fp_status st = FP_OK;
	for (size_t i = 0; i < n; i++) {
		const measure *c = &m->candidates[ix[i]];
		cands[i] = *c;
		out->rows[i].cand = c;
		st = status_worse(st, cost_of(m, o, c, &out->rows[i], d));
		cost[i] = out->rows[i].cost_cents;
		fte[i] = c->fte_centi;
		fix[i] = role[ix[i]] == ROLE_MUST    ? OPTIM_MUST
			 : role[ix[i]] == ROLE_NEVER ? OPTIM_NEVER
						     : OPTIM_FREE;
	}
	free(role);
	/* Every set's cost (and FTE) is a sum over the candidates that may be chosen: within
	 * the limit when they all are together; else refused here, at the script's line
	 * (optim_solve refuses it too, without one). */
	int64_t cost_sum = 0, fte_sum = 0;
	bool cost_fits = true, fte_fits = true;
	for (size_t i = 0; i < n && st == FP_OK; i++) {
		if (fix[i] == OPTIM_NEVER)
			continue;
		cost_fits = cost_fits && money_add(&cost_sum, cost[i]);
		fte_fits = fte_fits && (!o->has_max_fte ||
					money_add(&fte_sum, fte[i] < 0 ? -fte[i] : fte[i]));
	}
	if (st == FP_OK && (!cost_fits || !fte_fits)) {
		diag_error(d, o->file, o->line, 0,
			   "optimise{}: the %s of the %zu candidates add up beyond the limit of "
			   "92,233,720,368,547,758.07",
			   cost_fits ? "fte" : "costs", n);
		st = FP_EDATA;
	}
	/* The draws hold an amount for the plan and each candidate, for every draw and year
	 * from the target year: bounded, so that too large an ask is refused here, at its line,
	 * before anything is drawn, not ended by the allocator (or the kernel) far into the
	 * run. The bound is the same on every machine and thread count. */
	if (st == FP_OK) {
		uint64_t ny = (uint64_t)(m->nyears - model_year_index(m, m->target_year));
		uint64_t amounts = ((uint64_t)n + 1) * (uint64_t)o->iterations * ny;
		if (amounts > OPTIMISE_MAX_AMOUNTS) {
			diag_error(d, o->file, o->line, 0,
				   "optimise{}: %lld draws of the plan and %zu candidates over %llu "
				   "years are %llu amounts, more than the %llu (1 GiB) the optimiser's "
				   "draws may hold: ask fewer iterations or fewer candidates",
				   (long long)o->iterations, n, (unsigned long long)ny,
				   (unsigned long long)amounts,
				   (unsigned long long)OPTIMISE_MAX_AMOUNTS);
			st = FP_EDATA;
		}
	}
	optim_draws dr = {0};
	/* The curve's four points and the ask, solved together (optim_curve), so that the
	 * ask's answer is the curve's at its probability and the curve never falls. */
	optim_answer ans = {0}, curve[5] = {{0}};
	double probs[5] = {0.5, 0.7, 0.8, 0.9, 0};
	optim_sample_opts so = {o->unit, optim_seed(seed, OPTIM_SAMPLE), (size_t)o->iterations,
				threads};
	if (st == FP_OK)
		st = optim_draw(m, spec, res, cons, cands, n, &so, &dr, d);
	optim_problem pr = {&dr,
			    cost,
			    fix,
			    o->has_max_fte ? fte : NULL,
			    o->max_fte_centi,
			    (double)o->gap_ppm / PPM,
			    o->node_limit ? (long)o->node_limit : optim_node_limit((size_t)o->iterations, n),
			    NULL,
			    0,
			    false};
	double p = (double)o->probability_ppm / PPM;
	probs[4] = p;
	if (st == FP_OK)
		st = optim_curve(&pr, probs, 5, curve, d);
	ans = curve[4];
	memset(&curve[4], 0, sizeof curve[4]);
	if (st == FP_OK && !ans.feasible) {
		/* Out of reach is proven only when the proven bound on any set's count is below
		 * the count asked (optim.h, best_bound); else the solver stopped at its node
		 * limit without finding a set and without proving that none exists. */
		const char *under = o->nmust || o->nnever || o->has_max_fte
					    ? " under must, never and max_fte"
					    : "";
		double most = floor(ans.best_bound * (double)dr.n + 1e-6);
		if (most < (double)ans.need) {
			char bound[64] = "";
			if (ans.best_bound > ans.reached + 1e-9)
				snprintf(bound, sizeof bound, ", and none more than %.1f%% proven",
					 100 * ans.best_bound);
			diag_error(d, o->file, o->line, 0,
				   "optimise{}: no set of the %zu candidates brings unit '%s' to its "
				   "target in %.1f%% of the %zu draws%s; the best any set found "
				   "reaches is %.1f%%%s",
				   n, m->units[o->unit].code, 100 * p, dr.n, under, 100 * ans.reached,
				   bound);
		} else
			diag_error(d, o->file, o->line, 0,
				   "optimise{}: no set of the %zu candidates found that brings unit "
				   "'%s' to its target in %.1f%% of the %zu draws%s within the node "
				   "limit of %ld nodes per solve; the best found reaches %.1f%% and no "
				   "set can exceed %.1f%% (proven): raise node_limit",
				   n, m->units[o->unit].code, 100 * p, dr.n, under, pr.node_limit,
				   100 * ans.reached, 100 * ans.best_bound);
		st = FP_EDATA;
	}
	optim_check_result chk = {0};
	optim_sample_opts co = {o->unit, optim_seed(seed, OPTIM_CHECK), OPTIMISE_CHECK_DRAWS,
				threads};
	if (st == FP_OK)
		st = optim_check(m, spec, res, cons, cands, n, ans.adopted, &co, &chk, d);
	if (st == FP_OK) {
		const milp_solver *sv = milp_glpk();
		out->present = true;
		out->unit = o->unit;
		out->file = o->file;
		out->line = o->line;
		out->probability = p;
		out->reached_in = ans.reached;
		out->reached_out = chk.probability;
		out->reached_out_se = chk.se;
		out->draws_in = dr.n;
		out->draws_out = chk.n;
		out->seed_in = so.seed;
		out->seed_out = co.seed;
		out->gap = ans.gap;
		out->cost_cents = ans.cost_cents;
		out->solver = arena_printf(m->a, "%s %s", sv->name, sv->version());
		for (size_t i = 0; i < n; i++) {
			/* The mean of the target year's draws, exactly rounded. */
			__int128 sum = 0;
			for (size_t k = 0; k < dr.n; k++)
				sum += dr.cand[(i * dr.n + k) * (size_t)dr.ny];
			if (dr.n && !div_round(sum, (int64_t)dr.n, &out->rows[i].expected_cents))
				out->rows[i].expected_cents = 0; /* each draw is money: not reached */
			out->rows[i].adopted = ans.adopted[i] != 0;
		}
		for (size_t k = 0; k < 4; k++)
			out->curve[k] = (choice_point){curve[k].probability, curve[k].feasible,
						       curve[k].cost_cents, curve[k].reached,
						       curve[k].gap};
		out->ncurve = 4;
		for (size_t i = 0; i < n; i++)
			if (ans.adopted[i])
				scenario_adopt(spec, ix[i], spec->script, o->line); /* label */
	} else {
		choice_release(out);
		memset(out, 0, sizeof *out);
	}
	for (size_t k = 0; k < 5; k++)
		optim_answer_release(&curve[k]);
	optim_answer_release(&ans);
	optim_draws_release(&dr);
	free(fix);
	free(fte);
	free(cost);
	free(cands);
	free(ix);
	return st;
}
