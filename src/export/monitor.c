/* monitor: the treasury committee's workbook (Overzicht, Divisies, Keuzes, Maatregelen,
 * Projectie, Hefbomen, Scenario's, Toelichting) for one scenario of a run. */
#include "book.h"
#include "../core/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

static void define_name(book *b, const char *name, const char *sheet, int r, int c)
{
	char ref[16], formula[96];
	snprintf(formula, sizeof formula, "='%s'!%s", sheet, book_cell_ref(ref, r, c, true));
	workbook_define_name(b->wb, name, formula);
}

/* Beside the key figures, when iterations were drawn: the probability of reaching the
 * target, P10/P50/P90 of the structural savings in the target year, and on the row of the
 * plan's RAG (rag_row) a second, labelled status for the probability, so that a green plan
 * never stands alone next to a low probability. The status is a formula over the
 * probability cell with model.csv's probability_green and probability_amber; its cached
 * word uses the same double comparison. */
static void summary_risk(book *b, lxw_worksheet *ws, const risk_result *rk, int rag_row)
{
	const model *m = b->m;
	const risk_summary *root = &rk->units[m->root];
	int r = rag_row - 5;
	char text[256];
	book_snprintf(text, sizeof text, "%s (%zu %s)", book_label(b, L_RISK_DRAWS),
		      rk->iterations, b->o->lang == LANG_EN ? "draws" : "trekkingen");
	book_put_text(ws, r, 3, text, b->header);
	book_put_text(ws, r, 4, book_label(b, L_AMOUNT), b->header_num);
	r++;
	book_put_text(ws, r, 3, book_label(b, L_PROBABILITY), b->text);
	if (root->probability >= 0)
		worksheet_write_number(ws, (lxw_row_t)r, 4, root->probability, b->pct);
	int prow = r++;
	static const int qs[] = {1, 2, 3}; /* P10, P50, P90 of risk_quantile_p */
	static const char *const qn[] = {"P10", "P50", "P90"};
	for (int i = 0; i < 3; i++, r++) {
		book_snprintf(text, sizeof text, "%s %s", book_label(b, L_STRUCTURAL), qn[i]);
		book_put_text(ws, r, 3, text, b->text);
		book_put_money(ws, r, 4, risk_cents(root->q[qs[i]]), b->money);
	}
	if (root->probability < 0)
		return;
	double green = m->probability_green_permille / 1000.0;
	double amber = m->probability_amber_permille / 1000.0;
	rag v = root->probability >= green ? RAG_GREEN
		: root->probability >= amber ? RAG_AMBER
					     : RAG_RED;
	char g[16], a[16], label_text[256], formula[256], ref[16];
	book_snprintf(label_text, sizeof label_text, "%s (%s %s %d%%, %s %s %d%%)",
		      book_label(b, L_PROB_STATUS), book_label(b, L_GREEN),
		      b->o->lang == LANG_EN ? "from" : "vanaf", m->probability_green_permille / 10,
		      book_label(b, L_AMBER), b->o->lang == LANG_EN ? "from" : "vanaf",
		      m->probability_amber_permille / 10);
	book_put_text(ws, rag_row, 3, label_text, b->text);
	/* The thresholds as %g of thousandths give the same doubles as green and amber. */
	snprintf(g, sizeof g, "%g", green);
	snprintf(a, sizeof a, "%g", amber);
	book_cell_ref(ref, prow, 4, false);
	snprintf(formula, sizeof formula, "=IF(%s>=%s,\"%s\",IF(%s>=%s,\"%s\",\"%s\"))", ref, g,
		 book_label(b, L_GREEN), ref, a, book_label(b, L_AMBER), book_label(b, L_RED));
	worksheet_write_formula_str(ws, (lxw_row_t)rag_row, 4, formula, b->rag[v],
				    book_rag_label(b, v));
}

static void summary_sheet(book *b, const xlsx_scenario *s)
{
	const model *m = b->m;
	const char *sheet = book_label(b, SH_SUMMARY);
	lxw_worksheet *ws = book_sheet(b, sheet);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	if (s->risk && s->risk->iterations) {
		/* Column D holds the risk block's labels; libxlsxwriter keeps the first of two
		 * overlapping column ranges, so the ranges do not overlap. */
		worksheet_set_column(ws, 1, 2, 16, NULL);
		worksheet_set_column(ws, 3, 3, 44, NULL);
		worksheet_set_column(ws, 4, 9, 16, NULL);
	} else {
		worksheet_set_column(ws, 1, 9, 16, NULL);
	}
	char title[1024], sub[1024];
	book_snprintf(title, sizeof title, "%s: %s", m->name, s->spec->name);
	book_put_text(ws, 0, 0, title, b->title);
	book_snprintf(sub, sizeof sub, "%s%s%s %d, %s",
		      s->spec->description ? s->spec->description : "",
		      s->spec->description ? "; " : "", book_label(b, L_TARGET_YEAR),
		      m->target_year, book_label(b, L_AMOUNTS_EUR));
	book_put_text(ws, 1, 0, sub, b->subtitle);
	int trow, total_row, gap_row;
	int r = book_key_figures(b, ws, 3, s->cons, m->root, L_TARGET, &trow, &total_row, &gap_row);
	define_name(b, "Target", sheet, trow, 1);
	define_name(b, "StructuralSavings", sheet, total_row, 1);
	define_name(b, "Gap", sheet, gap_row, 1);
	if (s->risk && s->risk->iterations)
		summary_risk(b, ws, s->risk, r - 1);
	book_trajectory(b, ws, sheet, r + 1, s->cons, m->root, r + 1 + m->nyears + 4, 0, NULL);
}

/* units_table.c: the units table (Divisies, a division's Eenheden) and the axes of a
 * horizontal bar chart. */
int units_table(book *b, lxw_worksheet *ws, const char *sheet, int r, const consolidation *c,
		const int32_t *units, size_t n, bool chart, int chart_row, int chart_col);
void book_bar_axes(lxw_chart *ch);

static void divisions_sheet(book *b, const xlsx_scenario *s)
{
	const model *m = b->m;
	const char *sheet = book_label(b, SH_DIVISIONS);
	lxw_worksheet *ws = book_sheet(b, sheet);
	worksheet_set_column(ws, 0, 0, 12, NULL);
	worksheet_set_column(ws, 1, 1, 40, NULL);
	worksheet_set_column(ws, 2, 2, 12, NULL);
	worksheet_set_column(ws, 3, 6, 16, NULL);
	char title[1024];
	book_snprintf(title, sizeof title, "%s: %s %d", book_label(b, SH_DIVISIONS),
		      book_label(b, L_TARGET_YEAR), m->target_year);
	book_put_text(ws, 0, 0, title, b->title);
	book_put_text(ws, 1, 0, book_label(b, L_AMOUNTS_EUR), b->subtitle);
	int32_t *units = xcalloc(m->nunits, sizeof *units);
	size_t n = 0;
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		if (m->units[u].type == UNIT_DIVISION || m->units[u].type == UNIT_DIRECTORATE)
			units[n++] = u;
	}
	worksheet_freeze_panes(ws, 4, 0);
	/* The chart below the table (beside it, it would shrink the page), on a page of its
	 * own. */
	int end = units_table(b, ws, sheet, 3, s->cons, units, n, true, -1, 0);
	int brk = end + 1;
	book_print(ws, PRINT_READING, -1, &brk, 1);
	free(units);
}

static void projection_sheet(book *b, const xlsx_scenario *s)
{
	const model *m = b->m;
	const char *sheet = book_label(b, SH_PROJECTION);
	lxw_worksheet *ws = book_sheet(b, sheet);
	int ny = s->proj->nyears;
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)ny, 16, NULL);
	char title[1024];
	book_snprintf(title, sizeof title, "%s: %s", book_label(b, SH_PROJECTION), s->spec->name);
	book_put_text(ws, 0, 0, title, b->title);
	book_put_text(ws, 1, 0, book_label(b, L_AMOUNTS_EUR), b->subtitle);
	lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_LINE);
	int r = 3;
	int year_row = r;
	book_put_text(ws, r, 0, book_label(b, L_YEAR), b->header);
	for (int y = 0; y < ny; y++)
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)(1 + y), m->base_year + y,
				       b->header_num);
	worksheet_freeze_panes(ws, (lxw_row_t)(r + 1), 1);
	r += 2;
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		if (u != m->root && m->units[u].type != UNIT_DIVISION)
			continue;
		char head[1024];
		book_snprintf(head, sizeof head, "%s (%s)", m->units[u].name, m->units[u].code);
		book_put_text(ws, r, 0, head, b->header);
		int first = ++r;
		static const label rows[] = {L_REVENUE, L_PERSONNEL, L_PROCUREMENT, L_OTHER};
		for (int i = 0; i < 4; i++, r++) {
			book_put_text(ws, r, 0, book_label(b, rows[i]), b->text);
			for (int y = 0; y < ny; y++) {
				const projection_row *pr = proj_row(s->proj, u, y);
				int64_t v = i == 0 ? pr->revenue_cents
					    : i == 1 ? pr->personnel_cents
					    : i == 2 ? pr->procurement_cents
						     : pr->other_cost_cents;
				book_put_money(ws, r, 1 + y, v, b->money);
			}
		}
		int costs = r;
		book_put_text(ws, r, 0, book_label(b, L_COSTS), b->text);
		for (int y = 0; y < ny; y++) {
			const projection_row *pr = proj_row(s->proj, u, y);
			book_put_sum(ws, r, 1 + y, first + 1, first + 3,
				     pr->personnel_cents + pr->procurement_cents +
					     pr->other_cost_cents,
				     b->money);
		}
		r++;
		int result = r;
		book_put_text(ws, r, 0, book_label(b, L_RESULT), b->money_bold);
		char a[16], z[16], formula[48];
		for (int y = 0; y < ny; y++) {
			snprintf(formula, sizeof formula, "=%s-%s",
				 book_cell_ref(a, first, 1 + y, false),
				 book_cell_ref(z, costs, 1 + y, false));
			book_put_formula_money(ws, r, 1 + y, formula,
					       proj_row(s->proj, u, y)->result_cents,
					       b->money_bold);
		}
		r++;
		book_put_text(ws, r, 0, book_label(b, L_FTE), b->text);
		for (int y = 0; y < ny; y++)
			book_put_fte(ws, r, 1 + y, proj_row(s->proj, u, y)->fte_centi, b->fte);
		r += 2;
		(void)result;
	}
	/* The chart's data as plain numbers: libxlsxwriter caches a chart's formula cells
	 * as 0, which a viewer that does not recalculate would draw. */
	char cd[256];
	book_snprintf(cd, sizeof cd, "%s (%s)", book_label(b, L_RESULT_CHART),
		      book_label(b, L_AMOUNTS_EUR));
	book_put_text(ws, r, 0, cd, b->header);
	r++;
	size_t nseries = 0;
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		if (u != m->root && m->units[u].type != UNIT_DIVISION)
			continue;
		book_put_text(ws, r, 0, m->units[u].name, b->text);
		for (int y = 0; y < ny; y++)
			book_put_money(ws, r, 1 + y, proj_row(s->proj, u, y)->result_cents,
				       b->money);
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(se, sheet, (lxw_row_t)year_row, 1, (lxw_row_t)year_row,
					    (lxw_col_t)ny);
		chart_series_set_values(se, sheet, (lxw_row_t)r, 1, (lxw_row_t)r, (lxw_col_t)ny);
		chart_series_set_name_range(se, sheet, (lxw_row_t)r, 0);
		book_series_colour(se, nseries++, true);
		r++;
	}
	r++;
	chart_title_set_name(ch, book_label(b, L_RESULT_CHART));
	chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), "#,##0");
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	lxw_chart_options co = {.x_scale = 1.6, .y_scale = 1.3};
	worksheet_insert_chart_opt(ws, (lxw_row_t)(r + 1), 0, ch, &co);
	book_print(ws, PRINT_REGISTER, year_row, &r, 1);
}

static void scenarios_sheet(book *b, const xlsx_scenario *s, size_t n)
{
	const model *m = b->m;
	const char *sheet = book_label(b, SH_SCENARIOS);
	lxw_worksheet *ws = book_sheet(b, sheet);
	worksheet_set_column(ws, 0, 0, 10, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)(4 * n), 16, NULL);
	book_put_text(ws, 0, 0, book_label(b, SH_SCENARIOS), b->title);
	book_put_text(ws, 1, 0, book_label(b, L_AMOUNTS_EUR), b->subtitle);
	int r = 3;
	for (size_t i = 0; i < n; i++)
		book_put_text(ws, r, 1 + 4 * (int)i, s[i].spec->name, b->header);
	r++;
	int head = r;
	book_put_text(ws, r, 0, book_label(b, L_YEAR), b->header);
	static const label heads[] = {L_STRUCTURAL, L_GAP, L_RESULT, L_FTE};
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 4; k++)
			book_put_text(ws, r, 1 + 4 * (int)i + k, book_label(b, heads[k]),
				      b->header_num);
	worksheet_freeze_panes(ws, (lxw_row_t)(r + 1), 1);
	r++;
	int first = r;
	for (int y = 0; y < m->nyears; y++, r++) {
		worksheet_write_number(ws, (lxw_row_t)r, 0, m->base_year + 1 + y, b->year);
		for (size_t i = 0; i < n; i++) {
			const unit_year *c = cons_cell(s[i].cons, m->root, y);
			const projection_row *pr = proj_row(s[i].proj, m->root, y + 1);
			int c0 = 1 + 4 * (int)i;
			book_put_money(ws, r, c0, c->structural_cents, b->money);
			if (c->has_target)
				book_put_money(ws, r, c0 + 1, c->gap_cents, b->gap);
			else
				worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)(c0 + 1), b->gap);
			book_put_money(ws, r, c0 + 2, pr->result_cents, b->money);
			book_put_fte(ws, r, c0 + 3, pr->fte_centi, b->fte);
		}
	}
	int last = r - 1;
	lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_LINE);
	for (size_t i = 0; i < n; i++) {
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(se, sheet, (lxw_row_t)first, 0, (lxw_row_t)last, 0);
		chart_series_set_values(se, sheet, (lxw_row_t)first, (lxw_col_t)(3 + 4 * i),
					(lxw_row_t)last, (lxw_col_t)(3 + 4 * i));
		chart_series_set_name(se, s[i].spec->name);
		book_series_colour(se, i, true);
	}
	chart_title_set_name(ch, book_label(b, L_SCEN_CHART));
	chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), "#,##0");
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	lxw_chart_options co = {.x_scale = 1.6, .y_scale = 1.3};
	worksheet_insert_chart_opt(ws, (lxw_row_t)(r + 2), 0, ch, &co);
	int brk = r + 1;
	book_print(ws, PRINT_REGISTER, head, &brk, 1);
}


/* A row of the Toelichting: a heading and a wrapped text. */
static int note_row(book *b, lxw_worksheet *ws, int r, const char *head, const char *text)
{
	/* A row's height does not follow its wrapped text in every reader: give it one line
	 * per 95 characters of the 100-wide column. */
	size_t lines = strlen(text) / 95 + 1;
	if (lines > 1)
		worksheet_set_row(ws, (lxw_row_t)r, 15.0 * (double)lines, NULL);
	book_put_text(ws, r, 0, head, b->header);
	book_put_text(ws, r, 1, text, b->wrap);
	return r + 1;
}

/* Toelichting (Notes): what the figures mean, in words a committee member reads without
 * the model's files; then, under its own heading, the appendix for controllers: where each
 * figure comes from (input files, options, docs pages). No file name or docs path stands
 * above that heading (tests/workbooks/check). */
static void notes_sheet(book *b, const xlsx_scenario *s)
{
	const model *m = b->m;
	lxw_worksheet *ws = book_sheet(b, book_label(b, SH_NOTES));
	book_print(ws, PRINT_TEXT, -1, NULL, 0);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 1, 100, b->wrap);
	bool en = b->o->lang == LANG_EN;
	bool risk = s->risk && s->risk->iterations;
	book_put_text(ws, 0, 0, book_label(b, SH_NOTES), b->title);
	int r = 2;
	char buf[1024], when[32], date[16];
	time_t t = (time_t)m->document_time;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	r = note_row(b, ws, r, book_label(b, L_MODEL), m->name);
	r = note_row(b, ws, r, book_label(b, L_SCENARIO), s->spec->name);
	r = note_row(b, ws, r, en ? "Description" : "Omschrijving",
		     s->spec->description ? s->spec->description : "");
	r = note_row(b, ws, r, en ? "Figures as of" : "Cijfers per", date);
	r++;
	book_snprintf(buf, sizeof buf,
		      en ? "The structural savings the organisation must have found by that year, "
			   "against the budget of %d. A target holds until a later year sets "
			   "another."
			 : "De structurele besparing die de organisatie in dat jaar moet hebben "
			   "gevonden, ten opzichte van de begroting van %d. Een doelstelling blijft "
			   "gelden tot een later jaar een andere vastlegt.",
		      (int)m->base_year);
	r = note_row(b, ws, r, book_label(b, L_TARGET), buf);
	r = note_row(b, ws, r, book_label(b, L_STRUCTURAL),
		     en ? "The sum of the structural measures of every status in the year, "
			  "against the base year. Only structural savings count toward the target."
			: "De som van de structurele maatregelen van alle statussen in het jaar, ten "
			  "opzichte van het basisjaar. Alleen structurele besparingen tellen voor de "
			  "doelstelling.");
	r = note_row(b, ws, r, book_label(b, L_INCIDENTAL),
		     en ? "One-off savings: they help the year's result, not the target."
			: "Eenmalige besparingen: ze helpen het resultaat van het jaar, niet de "
			  "doelstelling.");
	r = note_row(b, ws, r, book_label(b, L_GAP),
		     en ? "Target minus structural savings: what is still to be found. Below zero "
			  "the plans go beyond the target (a surplus, never shown in red)."
			: "Doelstelling min structurele besparing: wat nog gevonden moet worden. "
			  "Onder nul gaan de plannen verder dan de doelstelling (een overschot, "
			  "nooit in rood).");
	book_snprintf(buf, sizeof buf,
		      en ? "Green when the structural savings reach %d%% of the target, amber from "
			   "%d%%, red below. It says how far the plans reach, not how likely they are."
			 : "Groen als de structurele besparing %d%% van de doelstelling haalt, oranje "
			   "vanaf %d%%, rood daaronder. De status zegt hoe ver de plannen reiken, niet "
			   "hoe zeker ze zijn.",
		      m->rag_green_pct, m->rag_amber_pct);
	r = note_row(b, ws, r, book_label(b, L_RAG), buf);
	if (risk) {
		book_snprintf(buf, sizeof buf,
			      en ? "The share of %zu simulated outcomes, in which every measure may "
				   "bring more or less than planned, that reach the target. Its status: "
				   "green from %d%%, amber from %d%%, red below. P10, P50 and P90: in "
				   "10%%, 50%% and 90%% of the outcomes the savings are lower."
				 : "Het deel van %zu gesimuleerde uitkomsten, waarin elke maatregel meer "
				   "of minder kan opleveren dan gepland, dat de doelstelling haalt. De "
				   "status daarvan: groen vanaf %d%%, oranje vanaf %d%%, rood daaronder. "
				   "P10, P50 en P90: in 10%%, 50%% en 90%% van de uitkomsten is de "
				   "besparing lager.",
			      s->risk->iterations, m->probability_green_permille / 10,
			      m->probability_amber_permille / 10);
		r = note_row(b, ws, r, book_label(b, L_PROBABILITY), buf);
	}
	if (s->choice && s->choice->present) {
		choices_note(b, s, buf, sizeof buf);
		r = note_row(b, ws, r, book_label(b, SH_CHOICES), buf);
	}
	r = note_row(b, ws, r, book_label(b, SH_PROJECTION),
		     en ? "Revenue and costs per year: the base year's budget less the savings, "
			  "raised by the price and wage increases the scenario assumes (collective "
			  "wage agreement, indexation)."
			: "Opbrengsten en kosten per jaar: de begroting van het basisjaar min de "
			  "besparingen, verhoogd met de prijs- en loonstijgingen die het scenario "
			  "aanneemt (CAO, indexatie).");
	r = note_row(b, ws, r, book_label(b, L_TOTAL),
		     en ? "Totals are formulas (SUM) over the rows above them; recalculating "
			  "changes no amount."
			: "Totalen zijn formules (SOM) over de regels erboven; opnieuw berekenen "
			  "verandert geen bedrag.");
	r++;
	book_put_text(ws, r++, 0, en ? "Levers of the scenario" : "Hefbomen van het scenario",
		      b->header);
	if (!s->spec->nlevers)
		book_put_text(ws, r++, 1,
			      en ? "none: the plans as they are" : "geen: de plannen zoals ze zijn",
			      b->wrap);
	for (size_t i = 0; i < s->spec->nlevers; i++, r++) {
		const lever *l = &s->spec->levers[i];
		bool sheet = l->kind == LEVER_HIRING_FREEZE || l->kind == LEVER_PROCUREMENT_CUT;
		book_snprintf(buf, sizeof buf,
			      en ? "lever %zu of the scenario%s" : "hefboom %zu van het scenario%s", i + 1,
			      !sheet ? ""
			      : en   ? "; its parameters and savings are on the sheet Levers"
				     : "; parameters en besparing staan op het blad Hefbomen");
		book_put_text(ws, r, 0, book_lever_word(b, l->kind), b->text);
		book_put_text(ws, r, 1, buf, b->wrap);
	}

	/* The appendix: where each figure comes from, for whoever checks the model. */
	r++;
	book_put_text(ws, r++, 0, book_label(b, L_APPENDIX), b->title);
	book_put_text(ws, r++, 1,
		      en ? "Where each figure comes from: the model version's files, the run's "
			   "options and the documentation pages of fitplan."
			 : "Waar elk cijfer vandaan komt: de bestanden van de modelversie, de opties "
			   "van de run en de documentatie van fitplan.",
		      b->wrap);
	r = note_row(b, ws, r, "Script", s->spec->script);
	r = note_row(b, ws, r, en ? "Document time" : "Documenttijd", when);
	r = note_row(b, ws, r, book_label(b, L_TARGET),
		     en ? "targets.csv: the latest row at or before the year"
			: "targets.csv: de laatste regel op of voor het jaar");
	r = note_row(b, ws, r, book_label(b, L_STRUCTURAL),
		     en ? "measures/*.csv and the scenario's levers; the register on the measures "
			  "sheet"
			: "measures/*.csv en de hefbomen van het scenario; het register op het blad "
			  "Maatregelen");
	book_snprintf(buf, sizeof buf, "rag_green_pct (%d), rag_amber_pct (%d) in model.csv",
		      m->rag_green_pct, m->rag_amber_pct);
	r = note_row(b, ws, r, book_label(b, L_RAG), buf);
	if (risk) {
		book_snprintf(buf, sizeof buf,
			      en ? "uncertainty{} in the script, --iterations %zu, --seed %llu; "
				   "probability_green and probability_amber in model.csv; quantiles "
				   "as PERCENTILE.INC; docs/uncertainty.md"
				 : "uncertainty{} in het script, --iterations %zu, --seed %llu; "
				   "probability_green en probability_amber in model.csv; kwantielen "
				   "als PERCENTIEL.INC; docs/uncertainty.md",
			      s->risk->iterations, (unsigned long long)s->risk->seed);
		r = note_row(b, ws, r, book_label(b, SH_RISK), buf);
	}
	if (s->choice && s->choice->present)
		r = note_row(b, ws, r, book_label(b, SH_CHOICES),
			     "optimise{}; optimise.csv, optimise_summary.csv, optimise_tradeoff.csv; "
			     "docs/uncertainty.md");
	r = note_row(b, ws, r, book_label(b, SH_PROJECTION),
		     en ? "baseline.csv, the scenario's cao{} and index{}; docs/scenarios.md"
			: "baseline.csv, cao{} en index{} van het scenario; docs/scenarios.md");
	if (s->spec->nlevers) {
		r = note_row(b, ws, r, en ? "Levers" : "Hefbomen",
			     en ? "levers.csv; netting: docs/scenarios.md, \"No double counting\""
				: "levers.csv; verrekening: docs/scenarios.md, \"No double "
				  "counting\"");
		for (size_t i = 0; i < s->spec->nlevers; i++) {
			const lever *l = &s->spec->levers[i];
			book_snprintf(buf, sizeof buf, "%zu: %s{} %s %s:%d", i + 1,
				      lever_kind_word(l->kind), en ? "at" : "op", l->file, l->line);
			book_put_text(ws, r++, 1, buf, b->wrap);
		}
	}
	if (s->liq && s->liq->nyears)
		r = note_row(b, ws, r, en ? "Liquidity" : "Liquiditeit",
			     en ? "treasury.csv; docs/treasury.md" : "treasury.csv; docs/treasury.md");
	if (s->real)
		r = note_row(b, ws, r, book_label(b, SH_REALISATION),
			     en ? "actuals/*.csv (fitplan import of the returned unit workbooks); "
				  "docs/import.md"
				: "actuals/*.csv (fitplan import van de teruggestuurde workbooks van "
				  "de eenheden); docs/import.md");
	note_row(b, ws, r, book_label(b, SH_AUDIT),
		 en ? "the Audit sheet: the run's inputs with their SHA-256; fitplan verify RUN_DIR "
		      "re-runs the record and compares every output"
		    : "het blad Audit: de invoer van de run met hun SHA-256; fitplan verify RUN_DIR "
		      "voert de run opnieuw uit en vergelijkt elke uitvoer");
}

/* The quantiles' headers of the Risico sheet. */
static const char *const risk_qn[RISK_QUANTILES] = {"P5", "P10", "P50", "P90", "P95"};

/* The quantiles of the structural savings of the organisation and each division and
 * directorate from row r, then of the result per year; returns the next row. */
static int risk_tables(book *b, lxw_worksheet *ws, const risk_result *rk, int r)
{
	const model *m = b->m;
	bool en = b->o->lang == LANG_EN;
	book_put_text(ws, r, 0, book_label(b, L_UNIT), b->header);
	book_put_text(ws, r, 1, book_label(b, L_TARGET), b->header_num);
	book_put_text(ws, r, 2, book_label(b, L_MEAN), b->header_num);
	for (int q = 0; q < RISK_QUANTILES; q++)
		book_put_text(ws, r, 3 + q, risk_qn[q], b->header_num);
	book_put_text(ws, r, 8, en ? "P(target)" : "Kans", b->header_num);
	r++;
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		unit_type t = m->units[u].type;
		const risk_summary *rs = &rk->units[u];
		if ((u != m->root && t != UNIT_DIVISION && t != UNIT_DIRECTORATE) || isnan(rs->mean))
			continue;
		char name[1024];
		book_snprintf(name, sizeof name, "%s (%s)", m->units[u].name, m->units[u].code);
		book_put_text(ws, r, 0, name, b->text);
		if (rs->probability >= 0)
			book_put_money(ws, r, 1, risk_cents(rs->target), b->money);
		book_put_money(ws, r, 2, risk_cents(rs->mean), b->money);
		for (int q = 0; q < RISK_QUANTILES; q++)
			book_put_money(ws, r, 3 + q, risk_cents(rs->q[q]), b->money);
		if (rs->probability >= 0)
			worksheet_write_number(ws, (lxw_row_t)r, 8, rs->probability, b->pct);
		r++;
	}
	r++;
	book_put_text(ws, r, 0, book_label(b, L_RESULT), b->header);
	book_put_text(ws, r, 2, book_label(b, L_MEAN), b->header_num);
	for (int q = 0; q < RISK_QUANTILES; q++)
		book_put_text(ws, r, 3 + q, risk_qn[q], b->header_num);
	r++;
	for (int y = 0; y < m->nyears; y++, r++) {
		const risk_summary *rs = &rk->result[y];
		worksheet_write_number(ws, (lxw_row_t)r, 0, m->base_year + 1 + y, b->year);
		book_put_money(ws, r, 2, risk_cents(rs->mean), b->money);
		for (int q = 0; q < RISK_QUANTILES; q++)
			book_put_money(ws, r, 3 + q, risk_cents(rs->q[q]), b->money);
	}
	return r;
}

/* Histogram from row r: bin start and count, in rows *first..*last; returns the next row. */
static int risk_histogram(book *b, lxw_worksheet *ws, const risk_result *rk, int r, int *first,
			  int *last)
{
	book_put_text(ws, r, 0, book_label(b, L_HIST), b->header);
	book_put_text(ws, r, 1, book_label(b, L_DRAWS), b->header_num);
	*first = ++r;
	for (int k = 0; k < RISK_BINS; k++, r++) {
		char lab[2 * MONEY_BUF + 4], lo[MONEY_BUF], hi[MONEY_BUF];
		money_format_whole(lo, risk_cents(rk->hist_lo + k * rk->hist_width), ',');
		money_format_whole(hi, risk_cents(rk->hist_lo + (k + 1) * rk->hist_width),
				   ',');
		snprintf(lab, sizeof lab, "%s - %s", lo, hi);
		book_put_text(ws, r, 0, lab, b->text);
		worksheet_write_number(ws, (lxw_row_t)r, 1, (double)rk->hist[k], NULL);
	}
	*last = r - 1;
	return r;
}

/* The tornado's first 15 rows from row r, in rows *first..*first + n - 1; returns n. */
static size_t risk_tornado(book *b, lxw_worksheet *ws, const risk_result *rk, int r,
			   int *first)
{
	bool en = b->o->lang == LANG_EN;
	book_put_text(ws, r, 0, book_label(b, L_TORNADO), b->header);
	book_put_text(ws, r, 1, en ? "kind" : "soort", b->header);
	book_put_text(ws, r, 2, en ? "variance share" : "aandeel variantie", b->header_num);
	book_put_text(ws, r, 3, "P10", b->header_num);
	book_put_text(ws, r, 4, "P90", b->header_num);
	*first = ++r;
	size_t nt = rk->ntornado < 15 ? rk->ntornado : 15;
	for (size_t i = 0; i < nt; i++, r++) {
		const tornado_row *t = &rk->tornado[i];
		book_put_text(ws, r, 0, t->name, b->text);
		book_put_text(ws, r, 1, book_source_word(b, t->kind), b->text);
		if (isfinite(t->share))
			worksheet_write_number(ws, (lxw_row_t)r, 2, t->share, b->pct);
		book_put_money(ws, r, 3, risk_cents(t->low), b->money);
		book_put_money(ws, r, 4, risk_cents(t->high), b->money);
		/* the swing, for the chart */
		book_put_money(ws, r, 5, risk_cents(t->high - t->low), b->money);
	}
	return nt;
}

/* The histogram's chart over rows hfirst..hlast, and the tornado's over the nt rows from
 * tfirst (none without rows), one above the other from the row after at (a page break):
 * below the tables (beside them they would shrink the page), together on a page of their
 * own. */
static void risk_charts(book *b, lxw_worksheet *ws, const char *sheet, int hfirst, int hlast,
			int tfirst, size_t nt, int at)
{
	int tlast = tfirst + (int)nt - 1;
	lxw_chart *hc = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
	lxw_chart_series *se = chart_add_series(hc, NULL, NULL);
	chart_series_set_categories(se, sheet, (lxw_row_t)hfirst, 0, (lxw_row_t)hlast, 0);
	chart_series_set_values(se, sheet, (lxw_row_t)hfirst, 1, (lxw_row_t)hlast, 1);
	book_series_colour(se, 0, false);
	chart_set_series_gap(hc, 10);
	chart_axis_set_num_format(chart_axis_get(hc, LXW_CHART_AXIS_TYPE_Y), "#,##0");
	chart_title_set_name(hc, book_label(b, L_HIST));
	chart_legend_set_position(hc, LXW_CHART_LEGEND_NONE);
	/* Two charts of 288 pixels and a gap fit one A4 landscape page at any scale. */
	lxw_chart_options co = {.x_scale = 1.5, .y_scale = 1.0};
	worksheet_insert_chart_opt(ws, (lxw_row_t)(at + 1), 0, hc, &co);
	if (nt) {
		lxw_chart *tc = workbook_add_chart(b->wb, LXW_CHART_BAR);
		se = chart_add_series(tc, NULL, NULL);
		chart_series_set_categories(se, sheet, (lxw_row_t)tfirst, 0, (lxw_row_t)tlast, 0);
		chart_series_set_values(se, sheet, (lxw_row_t)tfirst, 5, (lxw_row_t)tlast, 5);
		book_series_colour(se, 0, false);
		book_bar_axes(tc);
		chart_title_set_name(tc, book_label(b, L_TORNADO));
		chart_legend_set_position(tc, LXW_CHART_LEGEND_NONE);
		worksheet_insert_chart_opt(ws, (lxw_row_t)(at + 17), 0, tc, &co);
	}
}

/* Risico: the probability of reaching the target, the quantiles of the structural savings
 * per division and of the result per year, a histogram and a tornado chart. */
static void risk_sheet(book *b, const xlsx_scenario *s)
{
	const model *m = b->m;
	const risk_result *rk = s->risk;
	const char *sheet = book_label(b, SH_RISK);
	bool en = b->o->lang == LANG_EN;
	lxw_worksheet *ws = book_sheet(b, sheet);
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 9, 15, NULL);
	char title[1024];
	book_snprintf(title, sizeof title, "%s: %s", book_label(b, SH_RISK), s->spec->name);
	book_put_text(ws, 0, 0, title, b->title);
	book_snprintf(
		title, sizeof title,
		en ? "%zu simulated outcomes; P10, P50, P90: in 10%%, 50%%, 90%% of them the "
		     "figure is lower; see the notes"
		   : "%zu gesimuleerde uitkomsten; P10, P50, P90: in 10%%, 50%%, 90%% daarvan is "
		     "het bedrag lager; zie de Toelichting",
		rk->iterations);
	book_put_text(ws, 1, 0, title, b->subtitle);
	const risk_summary *root = &rk->units[m->root];
	book_put_text(ws, 3, 0, book_label(b, L_PROBABILITY), b->header);
	if (root->probability >= 0)
		worksheet_write_number(ws, 3, 1, root->probability, b->pct);
	int r = risk_tables(b, ws, rk, 5);
	int hfirst, hlast, tfirst;
	r = risk_histogram(b, ws, rk, r + 1, &hfirst, &hlast);
	size_t nt = risk_tornado(b, ws, rk, r + 1, &tfirst);
	int at = r + 1 + (int)nt + 2;
	risk_charts(b, ws, sheet, hfirst, hlast, tfirst, nt, at);
	book_print(ws, PRINT_READING, -1, &at, 1);
}

/* Realisatie: how the forecast moved over the reporting periods, with a chart, and the
 * latest reported year per division and directorate. */
static void realisation_sheet(book *b, const xlsx_scenario *s)
{
	const model *m = b->m;
	const realisation *rl = s->real;
	const char *sheet = book_label(b, SH_REALISATION);
	lxw_worksheet *ws = book_sheet(b, sheet);
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 7, 16, NULL);
	worksheet_set_column(ws, 8, 8, 24, NULL);
	char title[1024];
	book_snprintf(title, sizeof title, "%s: %s", book_label(b, SH_REALISATION), s->spec->name);
	book_put_text(ws, 0, 0, title, b->title);
	book_put_text(ws, 1, 0, book_label(b, L_AMOUNTS_EUR), b->subtitle);
	int r = 3;
	book_put_text(ws, r, 0, book_label(b, L_TREND), b->title);
	r++;
	static const label heads[] = {L_PERIOD,   L_YEAR,     L_PLAN,    L_REALISED_TD,
				      L_FORECAST, L_VARIANCE, L_PLAN_TD, L_VARIANCE_TD};
	for (int k = 0; k < 8; k++)
		book_put_text(ws, r, k, book_label(b, heads[k]),
			      k >= 1 ? b->header_num : b->header);
	int head = r++;
	int first = r;
	char a[16], z[16], formula[48];
	for (size_t i = 0; i < rl->ntrend; i++, r++) {
		const trend_point *t = &rl->trend[i];
		const period *p = &m->periods[t->period];
		book_put_text(ws, r, 0, p->name, b->text);
		worksheet_write_number(ws, (lxw_row_t)r, 1, p->year, b->year);
		book_put_money(ws, r, 2, t->plan_cents, b->money);
		book_put_money(ws, r, 3, t->realised_to_date_cents, b->money);
		book_put_money(ws, r, 4, t->forecast_cents, b->money);
		snprintf(formula, sizeof formula, "=%s-%s", book_cell_ref(a, r, 4, false),
			 book_cell_ref(z, r, 2, false));
		book_put_formula_money(ws, r, 5, formula, t->forecast_cents - t->plan_cents,
				       b->money);
		book_put_money(ws, r, 6, t->plan_to_date_cents, b->money);
		snprintf(formula, sizeof formula, "=%s-%s", book_cell_ref(a, r, 3, false),
			 book_cell_ref(z, r, 6, false));
		book_put_formula_money(ws, r, 7, formula,
				       t->realised_to_date_cents - t->plan_to_date_cents, b->money);
	}
	int last = r - 1;
	lxw_chart *ch = NULL;
	if (rl->ntrend) {
		ch = workbook_add_chart(b->wb, LXW_CHART_LINE);
		for (int col = 2; col <= 4; col++)
			book_series_colour(book_column_series(ch, sheet, head, first, last, 0, col),
					   (size_t)(col - 2), true);
		chart_title_set_name(ch, book_label(b, L_TREND));
		chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), "#,##0");
		chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	}
	r++;
	/* The latest reported year, per division and directorate. */
	int year = rl->ntrend ? m->periods[rl->trend[rl->ntrend - 1].period].year : m->target_year;
	int y = model_year_index(m, year);
	book_snprintf(title, sizeof title, "%s %d", book_label(b, SH_DIVISIONS), year);
	book_put_text(ws, r, 0, title, b->title);
	r++;
	static const label h2[] = {L_UNIT, BOOK_REALISATION_HEADS};
	for (int k = 0; k < 8; k++)
		book_put_text(ws, r, k, book_label(b, h2[k]),
			      k && k < 7 ? b->header_num : b->header);
	/* Whether each unit reported in the year's latest period: one that never did would
	 * otherwise look like one that reported nothing (0.00). */
	int32_t latest = y >= 0 ? rl->latest[y] : -1;
	if (latest >= 0) {
		book_snprintf(title, sizeof title, "%s %s", book_label(b, L_REPORTED_IN),
			      m->periods[latest].name);
		book_put_text(ws, r, 8, title, b->header);
	}
	r++;
	static const label words[] = {L_REPORTED_NO, L_REPORTED_NO, L_REPORTED_PARTLY,
				      L_REPORTED_YES};
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		unit_type t = m->units[u].type;
		if (u != m->root && t != UNIT_DIVISION && t != UNIT_DIRECTORATE)
			continue;
		const realisation_cell *rc = real_cell(rl, u, y);
		char name[1024];
		book_snprintf(name, sizeof name, "%s (%s)", m->units[u].name, m->units[u].code);
		book_put_text(ws, r, 0, name, b->text);
		book_put_realisation(b, ws, r, 1, rc, realisation_rag(m, s->cons, rl, u, y));
		reported_state st = latest >= 0 ? realisation_reported(rl, u, y) : REPORTED_NONE;
		if (st != REPORTED_NONE)
			book_put_text(ws, r, 8, book_label(b, words[st]), b->text);
		r++;
	}
	/* The trend's chart below the tables (beside them it would shrink the page), on a
	 * page of its own. */
	int brk = r + 1;
	if (ch) {
		lxw_chart_options co = {.x_scale = 1.5, .y_scale = 1.2};
		worksheet_insert_chart_opt(ws, (lxw_row_t)(brk + 1), 0, ch, &co);
	}
	book_print(ws, PRINT_READING, -1, &brk, ch ? 1 : 0);
}

/* Audit: the run hash and every input's SHA-256, as in manifest.json. */
static void audit_sheet(book *b)
{
	const xlsx_opts *o = b->o;
	bool en = o->lang == LANG_EN;
	lxw_worksheet *ws = book_sheet(b, book_label(b, SH_AUDIT));
	book_print(ws, PRINT_REGISTER, 5, NULL, 0);
	worksheet_set_column(ws, 0, 0, 44, NULL);
	worksheet_set_column(ws, 1, 1, 12, NULL);
	worksheet_set_column(ws, 2, 2, 70, NULL);
	book_put_text(ws, 0, 0, book_label(b, SH_AUDIT), b->title);
	book_put_text(
		ws, 1, 0,
		en ? "This run can be re-run and compared byte for byte with: fitplan verify RUN_DIR"
		   : "Deze run is opnieuw te draaien en byte voor byte te vergelijken met: "
		     "fitplan verify RUN_DIR",
		b->subtitle);
	book_put_text(ws, 3, 0, en ? "Run hash (SHA-256)" : "Runhash (SHA-256)", b->header);
	book_put_text(ws, 3, 2, o->run_hash, b->text);
	book_put_text(ws, 5, 0, en ? "Input" : "Invoer", b->header);
	book_put_text(ws, 5, 1, en ? "Role" : "Rol", b->header);
	book_put_text(ws, 5, 2, "SHA-256", b->header);
	for (size_t i = 0; i < o->ninputs; i++) {
		book_put_text(ws, 6 + (int)i, 0, o->inputs[i].path, b->text);
		book_put_text(ws, 6 + (int)i, 1, o->inputs[i].role, b->text);
		book_put_text(ws, 6 + (int)i, 2, o->inputs[i].sha256, b->text);
	}
}

fp_status xlsx_monitor(const char *path, const char *shown, const model *m, const xlsx_scenario *s, size_t n,
		       size_t which, const xlsx_opts *o, diag *d)
{
	book b;
	const xlsx_scenario *me = &s[which];
	char title[1024];
	book_snprintf(title, sizeof title, "%s: %s", m->name, me->spec->name);
	bool streaming = me->res->nmeasures > XLSX_TABLE_LIMIT;
	fp_status st = book_open(&b, path, shown, m, o, me->spec->name, title, NULL, streaming, d);
	if (st != FP_OK)
		return st;
	summary_sheet(&b, me);
	divisions_sheet(&b, me);
	if (me->choice && me->choice->present)
		choices_sheet(&b, me);
	book_measures_sheet(&b, me->res, NULL, 0, false);
	projection_sheet(&b, me);
	if (me->res->nsummaries)
		levers_sheet(&b, me);
	if (n > 1)
		scenarios_sheet(&b, s, n);
	if (me->liq && me->liq->nyears)
		liquidity_sheet(&b, me->liq, me->liq_p10 && me->liq_p10->nyears ? me->liq_p10 : NULL,
				me->liq_p90 && me->liq_p90->nyears ? me->liq_p90 : NULL, NULL);
	if (me->risk && me->risk->iterations)
		risk_sheet(&b, me);
	if (me->real)
		realisation_sheet(&b, me);
	notes_sheet(&b, me);
	if (o->run_hash)
		audit_sheet(&b);
	return book_close(&b, shown, d);
}

const char *xlsx_version(void)
{
	return LXW_VERSION;
}
