/* summary: see summary.h. */
#include "summary.h"
#include "liquidity_text.h"

/* The Monte Carlo lines: the organisation's structural savings in the target year, then
 * one line per goal seek. */
static void summary_risk(FILE *f, const model *m, const risk_result *rk)
{
	char a[MONEY_BUF], b[MONEY_BUF], c[MONEY_BUF], e[MONEY_BUF];
	const risk_summary *rs = &rk->units[m->root];
	fprintf(f, "  risk (%zu iterations", rk->iterations);
	if (rk->precision > 0)
		fprintf(f, " drawn to a standard error of P(target) of at most %.4f",
			rk->precision);
	fprintf(f, ", seed %llu): structural %d P10 %s, P50 %s (se %s), P90 %s",
		(unsigned long long)rk->seed, m->target_year,
		money_format(a, risk_cents(rs->q[1]), ','),
		money_format(b, risk_cents(rs->q[2]), ','),
		money_format(e, risk_cents(rs->q_se[2]), ','),
		money_format(c, risk_cents(rs->q[3]), ','));
	if (rs->probability >= 0) {
		fprintf(f, "; P(target) %.1f%% (se %.1f%%", 100 * rs->probability,
			100 * rs->probability_se);
		/* The binomial standard error is 0 when no draw or every draw reaches the
		 * target; the rule of three bounds the true probability then (95%). */
		if (rs->probability == 0 && rk->iterations > 0)
			fprintf(f, "; no draw reached it: below %.2f%% at 95%%",
				300.0 / (double)rk->iterations);
		else if (rs->probability == 1 && rk->iterations > 0)
			fprintf(f, "; every draw reached it: above %.2f%% at 95%%",
				100 - 300.0 / (double)rk->iterations);
		fputc(')', f);
	}
	fputc('\n', f);
	for (size_t i = 0; i < rk->nsolves; i++) {
		const solve_result *sv = &rk->solves[i];
		bool amount = sv->spec.lever == SOLVE_AMOUNT;
		char what[80];
		if (amount)
			snprintf(what, sizeof what, "an extra structural amount of %s",
				 money_format(a, risk_cents(sv->value), ','));
		else
			snprintf(what, sizeof what, "an extra procurement cut of %.4f%%",
				 100 * sv->value);
		if (!sv->found)
			fprintf(f, "  solve %s: %s\n", amount ? "amount" : "procurement_cut", sv->note);
		else if (sv->spec.goal == GOAL_TARGET)
			fprintf(f, "  solve: %s reaches the target with probability %.1f%% (asked "
				   "%.1f%%)\n",
				what, 100 * sv->achieved, 100 * sv->spec.probability);
		else
			fprintf(f, "  solve: %s brings the median result in %d to %s\n", what,
				m->target_year, money_format(b, risk_cents(sv->achieved), ','));
	}
}

void summary_scenario(FILE *f, const model *m, const xlsx_scenario *s, const char *script)
{
	char a[MONEY_BUF], b[MONEY_BUF], c[MONEY_BUF], d[MONEY_BUF], e[MONEY_BUF];
	int yi = model_year_index(m, m->target_year);
	const unit_year *cell = cons_cell(s->cons, m->root, yi);
	const projection_row *pr = proj_row(s->proj, m->root, yi + 1);
	const scenario_spec *sp = s->spec;
	fprintf(f, "scenario %s (%s)%s%s\n", sp->name, script ? script : sp->script,
		sp->description ? ": " : "",
		sp->description ? sp->description : "");
	fprintf(f, "  target %d:      %s\n", m->target_year,
		cell->has_target ? money_format(a, cell->target_cents, ',') : "-");
	fprintf(f, "  structural %d:  %s (realised %s, decided %s, planned %s, idea %s)\n",
		m->target_year, money_format(a, cell->structural_cents, ','),
		money_format(b, cell->by_status_cents[STATUS_REALISED], ','),
		money_format(c, cell->by_status_cents[STATUS_DECIDED], ','),
		money_format(d, cell->by_status_cents[STATUS_PLANNED], ','),
		money_format(e, cell->by_status_cents[STATUS_IDEA], ','));
	fprintf(f, "  gap %d:         %s, rag %s\n", m->target_year,
		cell->has_target ? money_format(a, cell->gap_cents, ',') : "-",
		rag_word(rag_of(m, cell)));
	fprintf(f, "  result %d:      %s\n", m->target_year, money_format(a, pr->result_cents, ','));
	fprintf(f, "  levers: %zu, measures added: %zu, lever measures: %zu\n", sp->nlevers,
		sp->nadded, s->res->lever_measures);
	if (sp->nadopted) /* only then: the summary of a scenario without stays as it was */
		fprintf(f, "  candidates adopted: %zu\n", sp->nadopted);
	if (s->choice && s->choice->present) {
		const choice_result *ch = s->choice;
		size_t k = 0;
		for (size_t i = 0; i < ch->nrows; i++)
			k += ch->rows[i].adopted;
		fprintf(f, "  optimise: %zu of %zu candidates, cost EUR %s, P(target) asked %.1f%%, "
			   "in sample %.1f%%, out of sample %.1f%% \u00b1 %.1f%%, gap %.1f%%\n",
			k, ch->nrows, money_format(a, ch->cost_cents, ','), 100 * ch->probability,
			100 * ch->reached_in, 100 * ch->reached_out, 100 * ch->reached_out_se,
			100 * ch->gap);
	}
	/* A rate beyond the usual band was asked for on purpose: say so where it is read. */
	for (size_t i = 0; i < sp->nlevers; i++)
		if (sp->levers[i].allow_large)
			fprintf(f, "  allow_large: %s{} at %s:%d may use a rate beyond the usual band\n",
				lever_kind_word(sp->levers[i].kind), scenario_file(sp),
				sp->levers[i].line);
	liquidity_print_summary(f, m, s->liq);
	liquidity_print_summary(f, m, s->liq_p10);
	if (s->risk && s->risk->iterations)
		summary_risk(f, m, s->risk);
}
