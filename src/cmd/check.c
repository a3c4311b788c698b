/* check: validate a model version, reconcile its control totals, compute what a run of its
 * own plan computes (projection, liquidity, realisation), and print a summary. */
#include "cmd.h"
#include "../model/liquidity.h"
#include "../model/realisation.h"
#include "opts.h"
#include "../model/actuals.h"
#include "../run/context.h"
#include <stdio.h>
#include <stdlib.h>

/* Every control row whose subtree baseline differs is an error at the control's row. */
static void reconcile(run_ctx *r, size_t *ok_count)
{
	const model *m = &r->m;
	char a[MONEY_BUF], b[MONEY_BUF], c[MONEY_BUF];
	for (size_t i = 0; i < m->ncontrols; i++) {
		const control_row *ct = &m->controls[i];
		int64_t have = r->bt.by_cat_cents[(size_t)ct->unit * m->ncats + (size_t)ct->category];
		int64_t diff;
		if (have == ct->amount_cents) {
			(*ok_count)++;
			continue;
		}
		if (__builtin_sub_overflow(have, ct->amount_cents, &diff))
			diff = 0;
		diag_error(&r->d, model_pos_file(m, ct->pos), ct->pos.line, ct->col,
			   "baseline of unit '%s' for category '%s' is %s, the control total is "
			   "%s (difference %s)",
			   m->units[ct->unit].code, m->cats[ct->category].code,
			   money_format(a, have, ','), money_format(b, ct->amount_cents, ','),
			   money_format(c, diff, ','));
	}
}

/* What every run computes for a plan besides its consolidation, for the model's own plan
 * (a run of a script without levers): the projection, the liquidity with a treasury.csv,
 * the realisation with actuals. What such a run would refuse (a sum beyond the limit of
 * money), check refuses too. */
static void computed_as_run(run_ctx *r)
{
	const model *m = &r->m;
	projection proj = {0};
	if (projection_compute(m, model_plan(m), NULL, &proj, &r->d) == FP_OK &&
	    treasury_present(&r->t)) {
		liquidity liq;
		liquidity_compute(m, &r->t, &proj, NULL, &liq, &r->d);
		liquidity_release(&liq);
	}
	projection_release(&proj);
	if (m->nperiods) {
		realisation real;
		realisation_compute(m, model_plan(m), &real, &r->d);
		realisation_release(&real);
	}
}

/* A candidate on the unit and category of plan measures may save what they save: a warning
 * at the candidate's line naming the first such measure and how many there are. */
static void candidate_overlaps(run_ctx *r)
{
	const model *m = &r->m;
	for (size_t i = 0; i < m->ncandidates; i++) {
		const measure *c = &m->candidates[i];
		size_t n = 0, first = 0;
		for (size_t k = 0; k < m->nmeasures; k++)
			if (m->measures[k].unit == c->unit && m->measures[k].category == c->category &&
			    n++ == 0)
				first = k;
		if (n)
			diag_warning(&r->d, model_pos_file(m, c->pos), c->pos.line, 0,
				     "candidate '%s' shares unit '%s' and category '%s' with %zu "
				     "measure%s of the plan, such as '%s': their savings may overlap",
				     c->id, m->units[c->unit].code, m->cats[c->category].code, n,
				     n == 1 ? "" : "s", m->measures[first].id);
	}
}

/* The candidates' totals, apart from the plan's: structural savings in the target year,
 * FTE and one-off cost. Printed only when candidates/ holds a file. */
static void candidates_summary(const model *m)
{
	char a[MONEY_BUF], b[MONEY_BUF], c[MONEY_BUF];
	int yi = model_year_index(m, m->target_year);
	int64_t structural = 0, fte = 0, one_off = 0;
	bool ok = true;
	for (size_t i = 0; i < m->ncandidates; i++) {
		const measure *ms = &m->candidates[i];
		if (ms->nature == NATURE_STRUCTURAL)
			ok = money_add(&structural, ms->amounts[yi]) && ok;
		ok = money_add(&fte, ms->fte_centi) && ok;
		ok = money_add(&one_off, ms->one_off_cents) && ok;
	}
	if (!ok) {
		printf("candidates: %zu in %zu files (their totals overflow)\n", m->ncandidates,
		       m->ncfiles);
		return;
	}
	printf("candidates: %zu in %zu files, structural savings %d %s, fte %s, one-off cost "
	       "%s\n",
	       m->ncandidates, m->ncfiles, m->target_year, money_format(a, structural, ','),
	       money_format(b, fte, ','), money_format(c, one_off, ','));
}

static void summary(const run_ctx *r, size_t controls_ok)
{
	const model *m = &r->m;
	char a[MONEY_BUF], b[MONEY_BUF], c[MONEY_BUF], e[MONEY_BUF];
	size_t by_type[UNIT_TYPE_COUNT] = {0};
	for (size_t i = 0; i < m->nunits; i++)
		by_type[m->units[i].type]++;
	printf("model '%s' in %s\n", m->name, m->dir);
	printf("years: base %d, target %d, horizon %d\n", m->base_year, m->target_year,
	       m->horizon_year);
	printf("units: %zu (", m->nunits);
	const char *sep = "";
	for (int t = 0; t < UNIT_TYPE_COUNT; t++)
		if (by_type[t]) {
			printf("%s%s %zu", sep, unit_type_word((unit_type)t), by_type[t]);
			sep = ", ";
		}
	printf(")\n");
	printf("categories: %zu, baseline rows: %zu, targets: %zu, measures: %zu in %zu files\n",
	       m->ncats, m->nbaseline, m->ntargets, m->nmeasures, m->nmfiles);
	const int64_t *k = &r->bt.by_kind_cents[(size_t)m->root * KIND_COUNT];
	int64_t costs = 0, result = 0;
	bool ok = money_add(&costs, k[KIND_PERSONNEL]) && money_add(&costs, k[KIND_PROCUREMENT]) &&
		  money_add(&costs, k[KIND_OTHER_COST]) && money_add(&costs, k[KIND_DEPRECIATION]) &&
		  baseline_result(&r->bt, m->root, &result);
	if (ok)
		printf("baseline %d: revenue %s, costs %s, result %s, fte %s\n", m->base_year,
		       money_format(a, k[KIND_REVENUE], ','), money_format(b, costs, ','),
		       money_format(c, result, ','),
		       money_format(e, r->bt.fte_centi[m->root], ','));
	int yi = model_year_index(m, m->target_year);
	const unit_year *cell = cons_cell(&r->c, m->root, yi);
	printf("target %d: %s, structural savings %s, gap %s, rag %s\n", m->target_year,
	       money_format(a, cell->target_cents, ','),
	       money_format(b, cell->structural_cents, ','), money_format(c, cell->gap_cents, ','),
	       rag_word(rag_of(m, cell)));
	printf("structural savings %d by status:", m->target_year);
	for (int s = STATUS_REALISED; s >= STATUS_IDEA; s--)
		printf(" %s %s%s", measure_status_word((measure_status)s),
		       money_format(a, cell->by_status_cents[s], ','), s > STATUS_IDEA ? "," : "");
	printf("\nincidental savings %d: %s\n", m->target_year,
	       money_format(a, cell->incidental_cents, ','));
	if (m->ncfiles)
		candidates_summary(m);
	target_gap *gaps;
	size_t ng = target_gaps(m, &r->c, m->target_year, &gaps);
	for (size_t i = 0; i < ng; i++) {
		int64_t d = gaps[i].parent_cents - gaps[i].children_cents;
		printf("top-down gap %d: the targets under '%s' (%d of %d units) add up to %s "
		       "against %s (%s %s)\n",
		       gaps[i].year, m->units[gaps[i].unit].code, gaps[i].children_with_target,
		       gaps[i].children, money_format(a, gaps[i].children_cents, ','),
		       money_format(b, gaps[i].parent_cents, ','),
		       money_format(c, d < 0 ? -d : d, ','), d < 0 ? "over" : "short");
	}
	free(gaps);
	if (m->nperiods)
		printf("actuals: %zu rows in %zu periods, the latest %s\n", m->nactuals, m->nperiods,
		       m->periods[m->nperiods - 1].name);
	if (m->ncontrols)
		printf("controls: %zu of %zu reconciled\n", controls_ok, m->ncontrols);
	else
		printf("controls: none (no controls.csv)\n");
	printf("ok\n");
}

fp_status cmd_check(int argc, char **argv)
{
	const command *self = command_find("check");
	const char *dir = "budgets";
	const opt table[] = {
		{"budgets", 0, OPT_STRING, &dir, NULL},
		{NULL, 0, OPT_TRUE, NULL, NULL},
	};
	fp_status st;
	if (!opts_parse_only(self, table, argc, argv, &st))
		return st;
	run_ctx r;
	st = run_ctx_load(&r, dir, false);
	if (st == FP_OK) {
		size_t controls_ok = 0;
		reconcile(&r, &controls_ok);
		computed_as_run(&r);
		candidate_overlaps(&r);
		diag_finish(&r.d);
		st = r.d.status;
		if (st == FP_OK)
			summary(&r, controls_ok);
	}
	run_ctx_release(&r);
	return cmd_finish_output(st);
}
