/* choices_sheet: the sheet Keuzes (Choices): in the committee's workbook what a scenario's
 * optimise{} chose among the candidates and what certainty costs; in a unit's workbook
 * that unit's own candidates (its subtree's, never another unit's) and whether they were
 * chosen. Totals are formulas whose cached values are the exact sums (choice_sums_of, the
 * same as optimise_summary.csv's). */
#include "book.h"
#include "choice_csv.h"
#include "../core/money.h"
#include "../core/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A row of the choice, decorated with its unit's pre-order position, so that sorting by
 * unit needs no model (no static context: unit workbooks are written by several threads). */
typedef struct pick {
	int32_t pre;
	size_t row;
} pick;

static int cmp_pick(const void *a, const void *b)
{
	const pick *x = a, *y = b;
	if (x->pre != y->pre)
		return x->pre < y->pre ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* The rows of c (only the adopted ones when adopted_only) whose candidate lies in the
 * subtree of unit within (all when within < 0), by their unit's pre-order, then in rows
 * order; malloc'ed, *n of them. */
static pick *picks(const model *m, const choice_result *c, bool adopted_only, int32_t within,
		   size_t *n)
{
	pick *p = xmalloc((c->nrows ? c->nrows : 1) * sizeof *p);
	*n = 0;
	for (size_t i = 0; i < c->nrows; i++) {
		const choice_row *r = &c->rows[i];
		int32_t pre = m->units[r->cand->unit].pre;
		if (adopted_only && !r->adopted)
			continue;
		if (within >= 0 && (pre < m->units[within].pre || pre >= m->units[within].subtree_end))
			continue;
		p[(*n)++] = (pick){pre, i};
	}
	qsort(p, *n, sizeof *p, cmp_pick);
	return p;
}

/* The sheet's own formats beside the book's: percentages with two decimals, text indented
 * from the amount before it (and the same wrapping its lines), and a header over such
 * text. */
typedef struct sheet_fmt {
	lxw_format *pct2, *indent, *indent_wrap, *head_indent;
} sheet_fmt;

static sheet_fmt sheet_formats(book *b)
{
	sheet_fmt f = {workbook_add_format(b->wb), workbook_add_format(b->wb),
		       workbook_add_format(b->wb), workbook_add_format(b->wb)};
	format_set_num_format(f.pct2, "0.00%");
	format_set_indent(f.indent, 1);
	format_set_indent(f.indent_wrap, 1);
	format_set_text_wrap(f.indent_wrap);
	format_set_align(f.indent_wrap, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *h = f.head_indent;
	format_set_bold(h);
	format_set_bg_color(h, 0xDDEBF7);
	format_set_bottom(h, LXW_BORDER_THIN);
	format_set_text_wrap(h);
	format_set_align(h, LXW_ALIGN_VERTICAL_TOP);
	format_set_indent(h, 1);
	return f;
}

/* A probability as the reader reads it, in the workbook's language: "87,5%" or "87.5%". */
static void pct_text(const book *b, char *buf, size_t cap, double p)
{
	snprintf(buf, cap, "%.1f%%", p * 100.0);
	if (b->o->lang != LANG_EN)
		for (char *q = buf; *q; q++)
			if (*q == '.')
				*q = ',';
}

/* The rows ask_block writes. */
enum { ASK_ROWS = 11 };

/* The chart of the trade-off, in rows below the trade-off table: libxlsxwriter's 480 x 288
 * pixels scaled, 288 pixels 14.4 rows of 20; a row and a half spare before the page break
 * above the chosen table. */
#define CHART_X_SCALE 1.5
#define CHART_Y_SCALE 1.0
enum { CHART_ROWS = 16 };

/* The question and the answer from row r (label in column 0, value in column 3); the cost
 * and saving cells refer to the chosen table's total row total_row. Returns the next row. */
static int ask_block(book *b, lxw_worksheet *ws, const xlsx_scenario *s, int r, int total_row,
		     const choice_sums *sum, const sheet_fmt *sf)
{
	const model *m = b->m;
	const choice_result *c = s->choice;
	char text[1024], ref[16], formula[32];
	book_put_text(ws, r++, 0, book_label(b, L_CH_ASK), b->title);
	book_snprintf(text, sizeof text, "%s (%s)", m->units[c->unit].name, m->units[c->unit].code);
	book_put_text(ws, r, 0, book_label(b, L_CH_TARGET_OF), b->text);
	book_put_text(ws, r++, 3, text, b->text);
	static const label pl[] = {L_CH_PROB, L_CH_IN, L_CH_OUT, L_CH_SE, L_CH_GAP};
	double pv[] = {c->probability, c->reached_in, c->reached_out, c->reached_out_se, c->gap};
	for (int i = 0; i < 5; i++, r++) {
		book_put_text(ws, r, 0, book_label(b, pl[i]), b->text);
		worksheet_write_number(ws, (lxw_row_t)r, 3, pv[i], i >= 3 ? sf->pct2 : b->pct);
	}
	book_snprintf(text, sizeof text, "%zu %s %zu", sum->adopted, book_label(b, L_CH_OF),
		      c->nrows);
	book_put_text(ws, r, 0, book_label(b, L_CH_COUNT), b->text);
	book_put_text(ws, r++, 3, text, b->text);
	static const label ml[] = {L_CH_TOTAL_SAVING, L_CH_TOTAL_COST};
	static const int mc[] = {3, 6};
	int64_t mv[] = {sum->expected_cents, sum->cost_cents};
	for (int i = 0; i < 2; i++, r++) {
		book_put_text(ws, r, 0, book_label(b, ml[i]), b->text);
		snprintf(formula, sizeof formula, "=%s", book_cell_ref(ref, total_row, mc[i], false));
		if (sum->ok)
			book_put_formula_money(ws, r, 3, formula, mv[i], b->money);
	}
	book_snprintf(text, sizeof text, "%s; %zu %s %llu; %s %zu %s %llu",
		      c->solver ? c->solver : "", c->draws_in, book_label(b, L_CH_DRAWS_IN),
		      (unsigned long long)c->seed_in, book_label(b, L_CH_DRAWS_OUT), c->draws_out,
		      book_label(b, L_CH_DRAWS_IN), (unsigned long long)c->seed_out);
	book_put_text(ws, r, 0, book_label(b, L_CH_METHOD), b->text);
	book_put_text(ws, r++, 3, text, b->text);
	return r;
}

/* The trade-off table from row r: certainty, cheapest cost, reached, gap, note; its body in
 * rows *first..*last. Returns the next row. */
static int tradeoff_table(book *b, lxw_worksheet *ws, const choice_result *c, int r, int *first,
			  int *last, const sheet_fmt *sf)
{
	book_put_text(ws, r++, 0, book_label(b, L_CH_TRADEOFF), b->title);
	static const label heads[] = {L_CH_CERTAINTY, L_CH_REACHED, L_CH_NOTE, L_CH_CHEAPEST,
				      L_CH_MARGIN};
	worksheet_set_row(ws, (lxw_row_t)r, 30, NULL); /* two lines of wrapped header */
	for (int k = 0; k < 5; k++)
		book_put_text(ws, r, k, book_label(b, heads[k]),
			      k == 2 ? sf->head_indent : b->header_num_top);
	*first = ++r;
	for (size_t i = 0; i < c->ncurve && i < CHOICE_CURVE_MAX; i++, r++) {
		const choice_point *p = &c->curve[i];
		worksheet_write_number(ws, (lxw_row_t)r, 0, p->probability, b->pct);
		worksheet_write_number(ws, (lxw_row_t)r, 1, p->reached, b->pct);
		if (p->feasible) {
			book_put_money(ws, r, 3, p->cost_cents, b->money);
			worksheet_write_number(ws, (lxw_row_t)r, 4, p->gap, sf->pct2);
		} else {
			char best[32], text[128];
			pct_text(b, best, sizeof best, p->reached);
			book_snprintf(text, sizeof text, "%s %s", book_label(b, L_CH_INFEASIBLE), best);
			book_put_text(ws, r, 2, text, sf->indent);
			worksheet_write_blank(ws, (lxw_row_t)r, 3, b->money);
		}
	}
	*last = r - 1;
	return r;
}

/* Cost against certainty: a column per certainty, left to right as the table, the cost on
 * the value axis; an infeasible certainty has no column. */
static lxw_chart *tradeoff_chart(book *b, const choice_result *c, const char *sheet, int first,
				 int last)
{
	lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
	lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(se, sheet, (lxw_row_t)first, 0, (lxw_row_t)last, 0);
	chart_series_set_values(se, sheet, (lxw_row_t)first, 3, (lxw_row_t)last, 3);
	book_series_colour(se, 0, false);
	chart_series_set_labels(se);
	chart_series_set_labels_num_format(se, "#,##0");
	chart_set_series_gap(ch, 80);
	chart_title_set_name(ch, book_label(b, L_CH_TRADEOFF));
	lxw_chart_axis *x = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X);
	lxw_chart_axis *y = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
	bool infeasible = false;
	for (size_t i = 0; i < c->ncurve && i < CHOICE_CURVE_MAX; i++)
		infeasible |= !c->curve[i].feasible;
	char xt[256];
	book_snprintf(xt, sizeof xt, "%s%s", book_label(b, L_CH_X_AXIS),
		      infeasible ? book_label(b, L_CH_X_NONE) : "");
	chart_axis_set_name(x, xt);
	chart_axis_set_num_format(x, "0%");
	chart_axis_set_name(y, book_label(b, L_CH_Y_AXIS));
	chart_axis_set_num_format(y, "#,##0");
	chart_axis_set_min(y, 0);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	return ch;
}

/* Row r as tall as the lines of a candidate's free texts, its title and patient impact
 * (book_fit_lines: before the row's first cell). */
static void fit_candidate_row(lxw_worksheet *ws, int r, const char *title, const char *impact)
{
	int a = book_text_lines(title), z = book_text_lines(impact);
	book_fit_lines(ws, r, a > z ? a : z);
}

/* One chosen candidate in row r of the committee's table. */
static void chosen_row(book *b, lxw_worksheet *ws, int r, const choice_row *cr, const sheet_fmt *sf)
{
	const model *m = b->m;
	const char *impact = choice_impact_text(m, cr->cand);
	fit_candidate_row(ws, r, cr->cand->title, impact);
	book_put_text(ws, r, 0, m->units[cr->cand->unit].code, b->text);
	book_put_text(ws, r, 1, cr->cand->id, b->text);
	book_put_text(ws, r, 2, cr->cand->title, book_lines_format(cr->cand->title, b->text, b->wrap));
	book_put_money(ws, r, 3, cr->expected_cents, b->money);
	book_put_fte(ws, r, 4, cr->cand->fte_centi, b->fte);
	book_put_money(ws, r, 5, cr->one_off_cents, b->money);
	book_put_money(ws, r, 6, cr->cost_cents, b->money);
	book_put_text(ws, r, 7, impact, book_lines_format(impact, sf->indent, sf->indent_wrap));
}

/* A SUBTOTAL(9, ...) row over rows r0..r1 (nested SUBTOTALs not counted twice): the
 * saving, FTE, one-off and cost of v (cents; FTE in hundredths) cached. */
static void subtotal_row(book *b, lxw_worksheet *ws, int r, int r0, int r1, const int64_t v[4])
{
	static const int cols[] = {3, 4, 5, 6};
	char a[16], z[16], formula[64];
	for (int k = 0; k < 4; k++) {
		snprintf(formula, sizeof formula, "=SUBTOTAL(9,%s:%s)",
			 book_cell_ref(a, r0, cols[k], false), book_cell_ref(z, r1, cols[k], false));
		worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)cols[k], formula,
					    k == 1 ? b->fte_bold : b->money_bold,
					    (double)v[k] / 100.0);
	}
	book_put_text(ws, r, 7, "", b->money_bold);
}

/* The chosen candidates by unit from row r (its title; the header row below it): per unit
 * its rows and a subtotal of them, then the total (*total_row). A unit with units below it
 * comes before them in tree order, and its subtotal holds only its own candidates: the
 * label says so ("Subtotaal Divisie 1: eigen kandidaten"), as a division's units table
 * has "DIV1: eigen maatregelen", so that no reader takes it for the division's total.
 * Returns the next row. */
static int chosen_table(book *b, lxw_worksheet *ws, const choice_result *c, int r,
			int *total_row, const choice_sums *sum, const sheet_fmt *sf)
{
	const model *m = b->m;
	book_put_text(ws, r++, 0, book_label(b, L_CH_CHOSEN), b->title);
	static const label heads[] = {L_UNIT, L_CH_ID,      L_CH_TITLE, L_CH_SAVING,
				      L_FTE,  L_CH_ONE_OFF, L_CH_COST,  L_CH_IMPACT};
	worksheet_set_row(ws, (lxw_row_t)r, 30, NULL);
	for (int k = 0; k < 8; k++)
		book_put_text(ws, r, k, book_label(b, heads[k]),
			      k >= 3 && k <= 6 ? b->header_num_top : k == 7 ? sf->head_indent : b->header);
	int first = ++r;
	size_t n;
	pick *p = picks(m, c, true, -1, &n);
	if (!n)
		book_put_text(ws, r++, 2, book_label(b, L_CH_NONE), b->text);
	for (size_t i = 0; i < n;) {
		int32_t u = c->rows[p[i].row].cand->unit;
		int g0 = r;
		int64_t v[4] = {0, 0, 0, 0};
		bool ok = sum->ok;
		for (; i < n && c->rows[p[i].row].cand->unit == u; i++, r++) {
			const choice_row *cr = &c->rows[p[i].row];
			chosen_row(b, ws, r, cr, sf);
			ok = ok && money_add(&v[0], cr->expected_cents) &&
			     money_add(&v[1], cr->cand->fte_centi) &&
			     money_add(&v[2], cr->one_off_cents) && money_add(&v[3], cr->cost_cents);
		}
		char text[1024];
		bool above = m->units[u].subtree_end > m->units[u].pre + 1; /* units below u */
		book_snprintf(text, sizeof text, "%s %s%s%s", book_label(b, L_CH_SUBTOTAL),
			      m->units[u].name, above ? ": " : "",
			      above ? book_label(b, L_CH_OWN) : "");
		book_put_text(ws, r, 0, m->units[u].code, b->money_bold);
		book_put_text(ws, r, 1, "", b->money_bold);
		book_put_text(ws, r, 2, text, b->money_bold);
		if (ok) /* else no exact cached value to give: no subtotal */
			subtotal_row(b, ws, r, g0, r - 1, v);
		r++;
	}
	free(p);
	*total_row = r;
	book_put_text(ws, r, 0, book_label(b, L_TOTAL), b->money_bold);
	book_put_text(ws, r, 1, "", b->money_bold);
	book_put_text(ws, r, 2, "", b->money_bold);
	int64_t t[4] = {sum->expected_cents, sum->fte_centi, sum->one_off_cents, sum->cost_cents};
	if (sum->ok)
		subtotal_row(b, ws, r, first, r - 1 > first ? r - 1 : first, t);
	return r + 1;
}

void choices_sheet(book *b, const xlsx_scenario *s)
{
	const choice_result *c = s->choice;
	if (!c || !c->present)
		return;
	const model *m = b->m;
	const char *sheet = book_label(b, SH_CHOICES);
	lxw_worksheet *ws = book_sheet(b, sheet);
	sheet_fmt sf = sheet_formats(b);
	static const double widths[] = {14, 14, 44, 16, 10, 16, 16, 30};
	for (int k = 0; k < 8; k++)
		worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, widths[k], NULL);
	char title[1024];
	book_snprintf(title, sizeof title, "%s: %s", book_label(b, SH_CHOICES), s->spec->name);
	book_put_text(ws, 0, 0, title, b->title);
	book_snprintf(title, sizeof title, "%s; %s %d, %s", book_label(b, L_CH_SUB),
		      book_label(b, L_TARGET_YEAR), m->target_year, book_label(b, L_AMOUNTS_EUR));
	book_put_text(ws, 1, 0, title, b->subtitle);
	choice_sums sum = choice_sums_of(m, c, -1);
	/* On paper: the first page holds the question and answer, the trade-off table and its
	 * chart below it (beside the tables it would shrink the page); the chosen table starts
	 * the next page and its header row is repeated on every page after that, which only
	 * the table's pages follow (a chart after the table would get the header too).
	 * Filled from top to bottom (a streamed workbook keeps no earlier row), so the row of
	 * the chosen table's total, which the ask block refers to, is counted first: the
	 * trade-off table's title, header and points, a blank row, the chart's rows, the
	 * chosen table's title and header, a row per chosen candidate and a subtotal per unit
	 * (or one row saying none was chosen). */
	size_t nchosen, groups = 0;
	pick *p = picks(m, c, true, -1, &nchosen);
	for (size_t i = 0; i < nchosen; i++)
		groups += i == 0 || p[i].pre != p[i - 1].pre;
	free(p);
	size_t ncurve = c->ncurve < CHOICE_CURVE_MAX ? c->ncurve : CHOICE_CURVE_MAX;
	int after_ask = 3 + ASK_ROWS;
	int chart_row = after_ask + 1 + 2 + (int)ncurve + 1;
	int chosen_row0 = chart_row + (c->ncurve ? CHART_ROWS : 0);
	int total_row = chosen_row0 + 2 + (int)(nchosen ? nchosen + groups : 1);
	int r = ask_block(b, ws, s, 3, total_row, &sum, &sf);
	int tfirst, tlast;
	r = tradeoff_table(b, ws, c, r + 1, &tfirst, &tlast, &sf);
	if (c->ncurve) {
		lxw_chart_options co = {.x_scale = CHART_X_SCALE, .y_scale = CHART_Y_SCALE};
		worksheet_insert_chart_opt(ws, (lxw_row_t)chart_row, 0,
					   tradeoff_chart(b, c, sheet, tfirst, tlast), &co);
	}
	/* chosen_table's total lands on total_row (the recalculation of the ask block's
	 * references proves it: tests/workbooks/choices). */
	chosen_table(b, ws, c, chosen_row0, &total_row, &sum, &sf);
	book_print(ws, PRINT_READING, chosen_row0 + 1, &chosen_row0, c->ncurve ? 1 : 0);
}

void choices_note(const book *b, const xlsx_scenario *s, char *buf, size_t cap)
{
	const choice_result *c = s->choice;
	book_snprintf(buf, cap,
		      b->o->lang == LANG_EN
			      ? "The cheapest set of candidates that reaches the target in the target "
				"year and every later plan year in at least the share asked of %zu "
				"simulated outcomes. Cost: fewer FTE, patient impact and one-off cost, "
				"weighted as the scenario asks. The share reached is counted again on "
				"%zu fresh outcomes (the check); the proven optimality gap bounds how "
				"much cheaper another choice could be. The chosen candidates are "
				"measures of the scenario and count on every sheet."
			      : "De goedkoopste combinatie van kandidaten waarmee de doelstelling in het "
				"doeljaar en elk later planjaar gehaald wordt in ten minste het gevraagde "
				"deel van %zu gesimuleerde uitkomsten. Kosten: minder FTE, patiëntimpact en "
				"eenmalige kosten, gewogen zoals het scenario vraagt. Het bereikte deel "
				"is opnieuw geteld op %zu nieuwe uitkomsten (de controle); de bewezen "
				"marge tot het optimum begrenst hoeveel goedkoper een andere keuze kan "
				"zijn. De gekozen kandidaten zijn maatregelen van het scenario en tellen "
				"mee op elk blad.",
		      c->draws_in, c->draws_out);
}

/* One candidate of the unit in row r: id, unit, title, chosen, saving, FTE, one-off cost,
 * patient impact. */
static void unit_row(book *b, lxw_worksheet *ws, int r, const choice_row *cr, const sheet_fmt *sf)
{
	const model *m = b->m;
	const char *impact = choice_impact_text(m, cr->cand);
	fit_candidate_row(ws, r, cr->cand->title, impact);
	book_put_text(ws, r, 0, cr->cand->id, b->text);
	book_put_text(ws, r, 1, m->units[cr->cand->unit].code, b->text);
	book_put_text(ws, r, 2, cr->cand->title, book_lines_format(cr->cand->title, b->text, b->wrap));
	book_put_text(ws, r, 3, book_label(b, cr->adopted ? L_REPORTED_YES : L_REPORTED_NO),
		      b->text);
	book_put_money(ws, r, 4, cr->expected_cents, b->money);
	book_put_fte(ws, r, 5, cr->cand->fte_centi, b->fte);
	book_put_money(ws, r, 6, cr->one_off_cents, b->money);
	book_put_text(ws, r, 7, impact, book_lines_format(impact, sf->indent, sf->indent_wrap));
}

void choices_unit_sheet(book *b, const xlsx_scenario *s, int32_t u)
{
	const choice_result *c = s->choice;
	if (!c || !c->present)
		return;
	const model *m = b->m;
	size_t n;
	pick *p = picks(m, c, false, u, &n);
	if (!n) {
		free(p);
		return;
	}
	lxw_worksheet *ws = book_sheet(b, book_label(b, SH_CHOICES));
	sheet_fmt sf = sheet_formats(b);
	static const double widths[] = {14, 12, 44, 10, 16, 10, 16, 30};
	for (int k = 0; k < 8; k++)
		worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, widths[k], NULL);
	char text[1024], best[32];
	book_snprintf(text, sizeof text, "%s: %s (%s)", book_label(b, SH_CHOICES), m->units[u].name,
		      m->units[u].code);
	book_put_text(ws, 0, 0, text, b->title);
	pct_text(b, best, sizeof best, c->probability);
	book_snprintf(text, sizeof text, "%s (%s %s, %s %s); %s %d, %s",
		      book_label(b, L_CH_UNIT_SUB), book_label(b, L_CH_SCENARIO_WORD), s->spec->name,
		      book_label(b, L_CH_PROB_WORD), best, book_label(b, L_TARGET_YEAR),
		      m->target_year, book_label(b, L_AMOUNTS_EUR));
	book_put_text(ws, 1, 0, text, b->subtitle);
	static const label heads[] = {L_CH_ID,  L_UNIT, L_CH_TITLE,   L_CH_ADOPTED,
				      L_CH_SAVING, L_FTE, L_CH_ONE_OFF, L_CH_IMPACT};
	int head = 3;
	worksheet_set_row(ws, (lxw_row_t)head, 30, NULL);
	for (int k = 0; k < 8; k++)
		book_put_text(ws, head, k, book_label(b, heads[k]),
			      k >= 4 && k <= 6 ? b->header_num_top : k == 7 ? sf.head_indent : b->header);
	int r = head + 1;
	for (size_t i = 0; i < n; i++, r++)
		unit_row(b, ws, r, &c->rows[p[i].row], &sf);
	free(p);
	/* The chosen ones' total: SUMIF over the Gekozen column's word, cached exactly. */
	choice_sums sum = choice_sums_of(m, c, u);
	book_put_text(ws, r, 0, book_label(b, L_CH_TOTAL_CHOSEN), b->money_bold);
	for (int k = 1; k <= 3; k++)
		book_put_text(ws, r, k, "", b->money_bold);
	book_put_text(ws, r, 7, "", b->money_bold);
	int64_t v[] = {sum.expected_cents, sum.fte_centi, sum.one_off_cents};
	char a[16], z[16], ca[16], cz[16], formula[160];
	book_cell_ref(ca, head + 1, 3, true);
	book_cell_ref(cz, r - 1, 3, true);
	for (int k = 0; k < 3 && sum.ok; k++) {
		snprintf(formula, sizeof formula, "=SUMIF(%s:%s,\"%s\",%s:%s)", ca, cz,
			 book_label(b, L_REPORTED_YES), book_cell_ref(a, head + 1, 4 + k, false),
			 book_cell_ref(z, r - 1, 4 + k, false));
		worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)(4 + k), formula,
					    k == 1 ? b->fte_bold : b->money_bold,
					    (double)v[k] / 100.0);
	}
	worksheet_freeze_panes(ws, (lxw_row_t)(head + 1), 0);
	book_print(ws, PRINT_READING, head, NULL, 0);
}
