/* units_table: the units table of the committee's Divisies sheet and of a division's
 * workbook (units sorted by gap, then the owner's own row, then a Totaal equal to the
 * owner's key figures to the cent), and the axes of a horizontal bar chart. */
#include "book.h"
#include "../core/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* book_bar_axes: the axes of a horizontal bar chart (Divisies, the tornado). In
 * libxlsxwriter a bar chart's X axis is the value axis (horizontal) and its Y axis the
 * category axis (vertical): the categories run top to bottom in table order (the category
 * axis reversed, the value axis crossing at its far end so it stays at the bottom), the
 * values grow left to right and are shown as #,##0. */
void book_bar_axes(lxw_chart *ch);

void book_bar_axes(lxw_chart *ch)
{
	lxw_chart_axis *cat = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
	lxw_chart_axis *val = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X);
	chart_axis_set_reverse(cat);
	chart_axis_set_crossing_max(cat);
	chart_axis_set_num_format(val, "#,##0");
}

/* A row of a units table, decorated with what the comparison needs (the unit's code), so
 * that sorting needs no model: qsort has no context argument, and the unit workbooks are
 * written by several threads at once (src/run/books.c), so no static may carry one. */
typedef struct div_row {
	int32_t unit;
	const char *code;
	const unit_year *cell;
} div_row;

/* Units with a target first, by gap descending; then by code. */
static int cmp_gap(const void *pa, const void *pb)
{
	const div_row *x = pa, *y = pb;
	if (x->cell->has_target != y->cell->has_target)
		return x->cell->has_target ? -1 : 1;
	if (x->cell->has_target && x->cell->gap_cents != y->cell->gap_cents)
		return x->cell->gap_cents > y->cell->gap_cents ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* The Totaal of one money column over the rows that do not lie under another listed unit
 * (top[i], sorted order) and the owner's own row: ranges of adjacent rows in one SUM, in
 * groups of at most 200 arguments (spreadsheets take 255 per function); beyond the
 * formula length limit the exact value alone. */
static void put_top_sum(lxw_worksheet *ws, int r, int col, int first, const bool *top, size_t n,
			int own_row, int64_t cents, lxw_format *f)
{
	size_t cap = 64 + (n + 1) * 24, len = 0;
	char *formula = xcalloc(cap, 1);
	char a[16], z[16];
	int pieces = 0;
	len += (size_t)snprintf(formula + len, cap - len, "=SUM(SUM(");
	for (size_t i = 0; i <= n;) {
		if (i < n && !top[i]) {
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < n && top[j + 1])
			j++;
		int r0 = i == n ? own_row : first + (int)i;
		int r1 = i == n ? own_row : first + (int)j;
		if (pieces && pieces % 200 == 0)
			len += (size_t)snprintf(formula + len, cap - len, "),SUM(");
		else if (pieces)
			len += (size_t)snprintf(formula + len, cap - len, ",");
		if (r0 == r1)
			len += (size_t)snprintf(formula + len, cap - len, "%s",
						book_cell_ref(a, r0, col, false));
		else
			len += (size_t)snprintf(formula + len, cap - len, "%s:%s",
						book_cell_ref(a, r0, col, false),
						book_cell_ref(z, r1, col, false));
		pieces++;
		i = i == n ? n + 1 : j + 1;
	}
	snprintf(formula + len, cap - len, "))");
	if (strlen(formula) < 8000)
		book_put_formula_money(ws, r, col, formula, cents, f);
	else
		book_put_money(ws, r, col, cents, f);
	free(formula);
}

/* units_table: the rows of a units table (code, name, type, assignment, plan, gap, %, RAG)
 * for units, which all lie in the subtree of the owner, the parent of the first of them
 * in pre-order (the organisation for Divisies, the division in a division's workbook).
 * After the units, sorted by cmp_gap, a row for what sits on the owner itself and under
 * no listed unit (the organisation-wide themes and the board's measures; a division's own
 * measures): its plan is the owner's minus the listed units' that lie under no other
 * listed unit, its assignment likewise when the owner has a target, so that the Totaal
 * row, which adds those rows, equals the owner's key figures to the cent. Returns the
 * row after the table; a chart at chart_row/chart_col when chart (chart_row < 0: below
 * the table, at the row after the one returned, column 0). The caller repeats the header
 * row on printed pages (book_print) where the table heads its sheet. */
int units_table(book *b, lxw_worksheet *ws, const char *sheet, int r, const consolidation *c,
		const int32_t *units, size_t n, bool chart, int chart_row, int chart_col);

int units_table(book *b, lxw_worksheet *ws, const char *sheet, int r, const consolidation *c,
		const int32_t *units, size_t n, bool chart, int chart_row, int chart_col)
{
	const model *m = b->m;
	int yi = model_year_index(m, m->target_year);
	/* A gap below zero is a surplus, not a shortfall: not red (book's gap format). */
	lxw_format *gap = b->gap, *gap_bold = b->gap_bold;
	div_row *rows = xcalloc(n ? n : 1, sizeof *rows);
	bool *listed = xcalloc(m->nunits ? m->nunits : 1, sizeof *listed);
	bool *top = xcalloc(n ? n : 1, sizeof *top);
	int32_t owner = -1;
	for (size_t i = 0; i < n; i++) {
		rows[i] = (div_row){units[i], m->units[units[i]].code, cons_cell(c, units[i], yi)};
		listed[units[i]] = true;
		if (owner < 0 || m->units[units[i]].pre < m->units[owner].pre)
			owner = units[i];
	}
	owner = owner >= 0 ? m->units[owner].parent : -1;
	qsort(rows, n, sizeof *rows, cmp_gap);
	bool nested = false;
	for (size_t i = 0; i < n; i++) {
		top[i] = true;
		for (int32_t a = m->units[rows[i].unit].parent; a >= 0 && a != owner;
		     a = m->units[a].parent)
			if (listed[a])
				top[i] = false;
		nested |= !top[i];
	}
	static const label heads[] = {L_UNIT, L_NAME, L_TYPE, L_ASSIGNMENT, L_PLAN, L_GAP, L_PCT,
				      L_RAG};
	for (int k = 0; k < 8; k++)
		book_put_text(ws, r, k, book_label(b, heads[k]),
			      k >= 3 && k <= 6 ? b->header_num : b->header);
	int head = r++;
	int first = r;
	int64_t top_t = 0, top_p = 0;
	char a[16], z[16], formula[64];
	for (size_t i = 0; i < n; i++, r++) {
		const unit *u = &m->units[rows[i].unit];
		const unit_year *cell = rows[i].cell;
		book_put_text(ws, r, 0, u->code, b->text);
		book_put_text(ws, r, 1, u->name, b->text);
		book_put_text(ws, r, 2, book_unit_type_word(b, u->type), b->text);
		if (cell->has_target) {
			book_put_money(ws, r, 3, cell->target_cents, b->money);
			if (top[i])
				money_add(&top_t, cell->target_cents);
		} else {
			worksheet_write_blank(ws, (lxw_row_t)r, 3, b->money);
		}
		book_put_money(ws, r, 4, cell->structural_cents, b->money);
		if (top[i])
			money_add(&top_p, cell->structural_cents);
		snprintf(formula, sizeof formula, "=%s-%s", book_cell_ref(a, r, 3, false),
			 book_cell_ref(z, r, 4, false));
		if (cell->has_target) {
			book_put_formula_money(ws, r, 5, formula, cell->gap_cents, gap);
			book_put_pct(b, ws, r, 6, r, 4, r, 3, cell->structural_cents,
				     cell->target_cents);
		} else {
			/* No target: no gap, percentage or RAG, as in the CSV. */
			worksheet_write_blank(ws, (lxw_row_t)r, 5, gap);
		}
		book_put_rag(b, ws, r, 7, r, 4, r, 3, rag_of(m, cell));
	}
	int last = r - 1;
	/* The owner's own row. Differences of exact sums of the same consolidation: the
	 * owner's figures are its own measures plus its children's, so no overflow here. */
	int own = -1;
	int64_t sum_t = 0, sum_p = 0, sum_gap = 0;
	const unit_year *oc = owner >= 0 ? cons_cell(c, owner, yi) : NULL;
	if (oc) {
		own = r;
		const unit *ou = &m->units[owner];
		char name[1024];
		book_snprintf(name, sizeof name, "%s%s", ou->code,
			      book_label(b, owner == m->root ? L_OWN_ORG : L_OWN_UNIT));
		book_put_text(ws, r, 0, ou->code, b->text);
		book_put_text(ws, r, 1, name, b->text);
		book_put_text(ws, r, 2, book_unit_type_word(b, ou->type), b->text);
		int64_t own_p = oc->structural_cents - top_p;
		book_put_money(ws, r, 4, own_p, b->money);
		sum_p = oc->structural_cents;
		if (oc->has_target) {
			int64_t own_t = oc->target_cents - top_t;
			book_put_money(ws, r, 3, own_t, b->money);
			snprintf(formula, sizeof formula, "=%s-%s", book_cell_ref(a, r, 3, false),
				 book_cell_ref(z, r, 4, false));
			book_put_formula_money(ws, r, 5, formula, own_t - own_p, gap);
			sum_t = oc->target_cents;
			sum_gap = oc->gap_cents;
		} else {
			worksheet_write_blank(ws, (lxw_row_t)r, 3, b->money);
			worksheet_write_blank(ws, (lxw_row_t)r, 5, gap);
			/* The listed units' own gaps add up as before. */
			for (size_t i = 0; i < n; i++)
				if (top[i] && rows[i].cell->has_target)
					money_add(&sum_gap, rows[i].cell->gap_cents);
		}
		r++;
	}
	book_put_text(ws, r, 0, book_label(b, L_TOTAL), b->money_bold);
	book_put_text(ws, r, 1, "", b->money_bold);
	book_put_text(ws, r, 2, "", b->money_bold);
	/* With a target on the owner the total gap is assignment less plan, the owner's gap:
	 * a sum of the rows' gaps would leave out the plans of units without a target. */
	bool gap_formula = oc && oc->has_target;
	if (!nested) {
		int end = own >= 0 ? own : last;
		book_put_sum(ws, r, 3, first, end, sum_t, b->money_bold);
		book_put_sum(ws, r, 4, first, end, sum_p, b->money_bold);
		if (!gap_formula)
			book_put_sum(ws, r, 5, first, end, sum_gap, gap_bold);
	} else {
		put_top_sum(ws, r, 3, first, top, n, own, sum_t, b->money_bold);
		put_top_sum(ws, r, 4, first, top, n, own, sum_p, b->money_bold);
		if (!gap_formula)
			put_top_sum(ws, r, 5, first, top, n, own, sum_gap, gap_bold);
	}
	if (gap_formula) {
		snprintf(formula, sizeof formula, "=%s-%s", book_cell_ref(a, r, 3, false),
			 book_cell_ref(z, r, 4, false));
		book_put_formula_money(ws, r, 5, formula, sum_gap, gap_bold);
	}
	r++;
	if (chart && n) {
		int end = own >= 0 ? own : last;
		lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_BAR);
		/* The assignment in a neutral grey; each plan bar in its row's RAG colour (the
		 * fill of its status cell), so red means a shortfall only; the owner's own row
		 * has no status. */
		lxw_chart_series *se = book_column_series(ch, sheet, head, first, end, 1, 3);
		lxw_chart_fill grey = {.color = BOOK_NEUTRAL_COLOUR};
		chart_series_set_fill(se, &grey);
		se = book_column_series(ch, sheet, head, first, end, 1, 4);
		size_t nbars = (size_t)(end - first + 1);
		lxw_chart_fill *fills = xcalloc(nbars, sizeof *fills);
		lxw_chart_point *points = xcalloc(nbars, sizeof *points);
		lxw_chart_point **pp = xcalloc(nbars + 1, sizeof *pp);
		for (size_t i = 0; i < nbars; i++) {
			rag rg = i < n ? rag_of(m, rows[i].cell) : RAG_NONE;
			fills[i].color = book_rag_colour(rg);
			points[i].fill = &fills[i];
			pp[i] = &points[i];
		}
		/* The series' own fill is what a legend shows: the plan without a status. */
		lxw_chart_fill plain = {.color = BOOK_NO_RAG_COLOUR};
		chart_series_set_fill(se, &plain);
		chart_series_set_points(se, pp);
		free(pp);
		free(points);
		free(fills);
		chart_title_set_name(ch, book_label(b, L_DIV_CHART));
		book_bar_axes(ch);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
		/* At most a page high at any scale (A4 landscape: about 620 pixels of rows). */
		double ys = 0.6 + 0.12 * (double)(end - first + 1);
		lxw_chart_options co = {.x_scale = 1.5, .y_scale = ys < 2.1 ? ys : 2.1};
		if (chart_row < 0) /* below the table, a row below the page break at r + 1 */
			chart_row = r + 2, chart_col = 0;
		worksheet_insert_chart_opt(ws, (lxw_row_t)chart_row, (lxw_col_t)chart_col, ch, &co);
	}
	free(top);
	free(listed);
	free(rows);
	return r;
}

