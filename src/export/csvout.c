/* csvout: see csvout.h. */
#include "csvout.h"
#include "../io/csvwrite.h"
#include <math.h>

void csvout_consolidated(FILE *out, const model *m, const consolidation *c)
{
	csvout_consolidated_rows(out, &csv_dialect_c, m, c, -1, 0);
}

void csvout_consolidated_rows(FILE *out, const csv_dialect *d, const model *m,
			      const consolidation *c, int32_t root, int32_t year)
{
	csvw_begin(out, d);
	csvw_header(out, d, "unit,parent,type,year,target_eur,structural_eur,incidental_eur,"
			    "gap_eur,fte_reduction");
	int32_t from = root < 0 ? 0 : m->units[root].pre;
	int32_t to = root < 0 ? (int32_t)m->nunits : m->units[root].subtree_end;
	for (int32_t k = from; k < to; k++) {
		int32_t u = m->preorder[k];
		const unit *uu = &m->units[u];
		for (int y = 0; y < m->nyears; y++) {
			if (year && m->base_year + 1 + y != year)
				continue;
			const unit_year *cell = cons_cell(c, u, y);
			csvd_field(out, d, uu->code, false);
			csvd_field(out, d, uu->parent >= 0 ? m->units[uu->parent].code : "", false);
			csvd_field(out, d, unit_type_word(uu->type), false);
			csvd_int(out, d, m->base_year + 1 + y, false);
			if (cell->has_target)
				csvd_money(out, d, cell->target_cents, false);
			else
				csvd_empty(out, d, false);
			csvd_money(out, d, cell->structural_cents, false);
			csvd_money(out, d, cell->incidental_cents, false);
			if (cell->has_target)
				csvd_money(out, d, cell->gap_cents, false);
			else
				csvd_empty(out, d, false);
			csvd_money(out, d, c->fte_reduction_centi[u], true);
		}
	}
}

void csvout_projection(FILE *f, const model *m, const projection *p)
{
	fputs("unit,year,revenue_eur,personnel_eur,procurement_eur,other_cost_eur,result_eur,"
	      "fte\n", f);
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		for (int y = 0; y < p->nyears; y++) {
			const projection_row *pr = proj_row(p, u, y);
			csvw_field(f, m->units[u].code, false);
			csvw_int(f, m->base_year + y, false);
			csvw_money(f, pr->revenue_cents, false);
			csvw_money(f, pr->personnel_cents, false);
			csvw_money(f, pr->procurement_cents, false);
			csvw_money(f, pr->other_cost_cents, false);
			csvw_money(f, pr->result_cents, false);
			csvw_money(f, pr->fte_centi, true);
		}
	}
}

void csvout_comparison(FILE *f, const model *m, const csvout_scenario *s, size_t n)
{
	fputs("year", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, ",%s_structural_eur,%s_gap_eur,%s_result_eur,%s_fte", s[i].name,
			s[i].name, s[i].name, s[i].name);
	fputc('\n', f);
	for (int y = 0; y < m->nyears; y++) {
		csvw_int(f, m->base_year + 1 + y, false);
		for (size_t i = 0; i < n; i++) {
			bool last = i + 1 == n;
			const unit_year *c = cons_cell(s[i].cons, m->root, y);
			const projection_row *pr = proj_row(s[i].proj, m->root, y + 1);
			csvw_money(f, c->structural_cents, false);
			if (c->has_target)
				csvw_money(f, c->gap_cents, false);
			else
				csvw_empty(f, false);
			csvw_money(f, pr->result_cents, false);
			csvw_money(f, pr->fte_centi, last);
		}
	}
}

/* Euros from the statistics, rounded to the cent the same way as the summary and the
 * workbook (half away from zero). */
static void euro_field(FILE *f, double v, bool last)
{
	csvw_money(f, risk_cents(v), last);
}

/* The standard errors that end a row of risk.csv: the quantiles' in euros, then the
 * probability's (4 decimals), empty without a target. */
static void se_fields(FILE *f, const risk_summary *s)
{
	for (int q = 0; q < RISK_QUANTILES; q++)
		euro_field(f, s->q_se[q], false);
	if (s->probability_se >= 0)
		fprintf(f, "%.4f\n", s->probability_se);
	else
		fputc('\n', f);
}

void csvout_risk(FILE *f, const model *m, const risk_result *rk)
{
	fputs("unit,quantity,year,target_eur,mean_eur,p5_eur,p10_eur,p50_eur,p90_eur,p95_eur,"
	      "probability,p5_se_eur,p10_se_eur,p50_se_eur,p90_se_eur,p95_se_eur,"
	      "probability_se\n", f);
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		const risk_summary *s = &rk->units[u];
		if (isnan(s->mean))
			continue;
		fprintf(f, "%s,structural,%d,", m->units[u].code, m->target_year);
		if (s->probability >= 0)
			euro_field(f, s->target, false);
		else
			fputc(',', f);
		euro_field(f, s->mean, false);
		for (int q = 0; q < RISK_QUANTILES; q++)
			euro_field(f, s->q[q], false);
		if (s->probability >= 0)
			fprintf(f, "%.4f,", s->probability);
		else
			fputc(',', f);
		se_fields(f, s);
	}
	for (int y = 0; y < m->nyears; y++) {
		const risk_summary *s = &rk->result[y];
		fprintf(f, "%s,result,%d,,", m->units[m->root].code, m->base_year + 1 + y);
		euro_field(f, s->mean, false);
		for (int q = 0; q < RISK_QUANTILES; q++)
			euro_field(f, s->q[q], false);
		fputc(',', f); /* no probability for the result */
		se_fields(f, s);
	}
}

void csvout_realisation(FILE *f, const model *m, const consolidation *c,
			const realisation *rl)
{
	fputs("unit,year,plan_eur,realised_eur,forecast_eur,variance_eur,structural_forecast_eur,"
	      "rag,plan_to_date_eur,variance_to_date_eur,reported\n", f);
	static const char *const words[] = {"", "no", "partly", "yes"};
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		for (int y = 0; y < m->nyears; y++) {
			const realisation_cell *rc = real_cell(rl, u, y);
			csvw_field(f, m->units[u].code, false);
			csvw_int(f, m->base_year + 1 + y, false);
			csvw_money(f, rc->plan_cents, false);
			csvw_money(f, rc->realised_cents, false);
			csvw_money(f, rc->forecast_cents, false);
			csvw_money(f, rc->forecast_cents - rc->plan_cents, false);
			csvw_money(f, rc->structural_forecast_cents, false);
			csvw_field(f, rag_word(realisation_rag(m, c, rl, u, y)), false);
			csvw_money(f, rc->plan_to_date_cents, false);
			csvw_money(f, rc->realised_cents - rc->plan_to_date_cents, false);
			csvw_field(f, words[realisation_reported(rl, u, y)], true);
		}
	}
}

void csvout_trend(FILE *f, const model *m, const realisation *rl)
{
	fputs("period,year,plan_eur,realised_to_date_eur,forecast_eur,variance_eur,"
	      "plan_to_date_eur,variance_to_date_eur\n", f);
	for (size_t i = 0; i < rl->ntrend; i++) {
		const trend_point *t = &rl->trend[i];
		const period *p = &m->periods[t->period];
		csvw_field(f, p->name, false);
		csvw_int(f, p->year, false);
		csvw_money(f, t->plan_cents, false);
		csvw_money(f, t->realised_to_date_cents, false);
		csvw_money(f, t->forecast_cents, false);
		csvw_money(f, t->forecast_cents - t->plan_cents, false);
		csvw_money(f, t->plan_to_date_cents, false);
		csvw_money(f, t->realised_to_date_cents - t->plan_to_date_cents, true);
	}
}

void csvout_tornado(FILE *f, const risk_result *rk)
{
	fputs("rank,driver,kind,variance_share,low_eur,high_eur\n", f);
	for (size_t i = 0; i < rk->ntornado; i++) {
		const tornado_row *t = &rk->tornado[i];
		fprintf(f, "%zu,", i + 1);
		/* a factor's name is the script's free text; every other driver is a code */
		csvw_text(f, t->name, false);
		fprintf(f, "%s,", t->kind);
		if (isfinite(t->share))
			fprintf(f, "%.6f,", t->share);
		else
			fputc(',', f);
		euro_field(f, t->low, false);
		euro_field(f, t->high, true);
	}
}

void csvout_solve(FILE *f, const risk_result *rk)
{
	fputs("lever,goal,probability,value,achieved,note\n", f);
	for (size_t i = 0; i < rk->nsolves; i++) {
		const solve_result *s = &rk->solves[i];
		bool amount = s->spec.lever == SOLVE_AMOUNT;
		fprintf(f, "%s,%s,%.4f,", amount ? "amount" : "procurement_cut",
			s->spec.goal == GOAL_TARGET ? "target" : "result", s->spec.probability);
		if (s->found)
			fprintf(f, amount ? "%.2f," : "%.6f,", s->value);
		else
			fputc(',', f);
		if (s->found)
			fprintf(f, s->spec.goal == GOAL_TARGET ? "%.4f," : "%.2f,", s->achieved);
		else
			fputc(',', f);
		fprintf(f, "%s\n", s->note ? s->note : "");
	}
}
