/* unitbook: the workbook of one department, service, directorate or division. It holds
 * only that unit's data (for a division, its own units' too) and the organisation's total
 * target for context: no other unit's code, name, measure or amount is written, and no
 * scenario description (free text that may name other units). */
#include "book.h"
#include "../core/xalloc.h"
#include <stdio.h>
#include <string.h>

int units_table(book *b, lxw_worksheet *ws, const char *sheet, int r, const consolidation *c,
		const int32_t *units, size_t n, bool chart, int chart_row, int chart_col);

bool xlsx_wants_book(const model *m, int32_t u)
{
	unit_type t = m->units[u].type;
	return t == UNIT_DEPARTMENT || t == UNIT_SERVICE || t == UNIT_DIRECTORATE ||
	       t == UNIT_DIVISION;
}

/* Measures in tree order: by their unit's pre-order position, then as in the plan; a
 * subtree's measures are then one run of this order. Each measure is decorated with its
 * unit's position, so that the comparison needs no model (no static context: the unit
 * workbooks are written by several threads). */
typedef struct tree_pos {
	int32_t pre;
	uint32_t measure;
} tree_pos;

static int cmp_tree_order(const void *a, const void *b)
{
	const tree_pos *x = a, *y = b;
	if (x->pre != y->pre)
		return x->pre < y->pre ? -1 : 1;
	return x->measure < y->measure ? -1 : x->measure > y->measure;
}

uint32_t *xlsx_tree_order(const model *m, const scenario_result *res)
{
	size_t n = res->nmeasures;
	tree_pos *pos = xmalloc((n ? n : 1) * sizeof *pos);
	for (size_t i = 0; i < n; i++)
		pos[i] = (tree_pos){m->units[res->measures[i].unit].pre, (uint32_t)i};
	qsort(pos, n, sizeof *pos, cmp_tree_order);
	uint32_t *order = xmalloc((n ? n : 1) * sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = pos[i].measure;
	free(pos);
	return order;
}

/* The first position in order whose unit's pre-order is at least pre. */
static size_t lower_bound(const model *m, const scenario_result *res, const uint32_t *order,
			  int32_t pre)
{
	size_t lo = 0, hi = res->nmeasures;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->units[res->measures[order[mid]].unit].pre < pre)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

fp_status xlsx_unit_book(const char *path, const char *shown, const model *m, const xlsx_scenario *s, int32_t u,
			 const uint32_t *order, const xlsx_opts *o, diag *d)
{
	size_t first = lower_bound(m, s->res, order, m->units[u].pre);
	size_t end = lower_bound(m, s->res, order, m->units[u].subtree_end);
	book b;
	const unit *uu = &m->units[u];
	char title[1024];
	book_snprintf(title, sizeof title, "%s (%s)", uu->name, uu->code);
	bool streaming = end - first > XLSX_TABLE_LIMIT;
	fp_status st = book_open(&b, path, shown, m, o, s->spec->name, title, uu->code, streaming, d);
	if (st != FP_OK)
		return st;
	const char *sheet = book_label(&b, SH_ASSIGNMENT);
	lxw_worksheet *ws = book_sheet(&b, sheet);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 9, 16, NULL);
	book_put_text(ws, 0, 0, title, b.title);
	char sub[1024];
	book_snprintf(sub, sizeof sub, "%s, %s: %s; %s %d, %s", m->name, book_label(&b, L_SCENARIO),
		      s->spec->name, book_label(&b, L_TARGET_YEAR), m->target_year,
		      book_label(&b, L_AMOUNTS_EUR));
	book_put_text(ws, 1, 0, sub, b.subtitle);
	const unit_year *org = cons_cell(s->cons, m->root, model_year_index(m, m->target_year));
	book_put_text(ws, 3, 0, book_label(&b, L_ORG_TARGET), b.text);
	if (org->has_target)
		book_put_money(ws, 3, 1, org->target_cents, b.money);
	int trow, total_row, gap_row;
	int r = book_key_figures(&b, ws, 5, s->cons, u, L_ASSIGNMENT, &trow, &total_row, &gap_row);
	if (s->risk && s->risk->iterations && s->risk->units[u].probability >= 0) {
		/* The unit's own probability, from the same draws as the committee's. */
		book_put_text(ws, r, 0, book_label(&b, L_PROBABILITY), b.text);
		worksheet_write_number(ws, (lxw_row_t)r, 1, s->risk->units[u].probability, b.pct);
		r++;
	}
	/* The chart below everything (beside the tables it would shrink the page), on a
	 * page of its own. */
	lxw_chart *chart = NULL;
	r = book_trajectory(&b, ws, sheet, r + 1, s->cons, u, -1, 0, &chart);
	r = book_realisation_rows(&b, ws, r, s, u);
	int brks[2], nbrks = 0;
	if (uu->type == UNIT_DIVISION && uu->first_child >= 0) {
		brks[nbrks++] = r; /* the units table whole, on a page of its own */
		int32_t *units = xcalloc(m->nunits, sizeof *units);
		size_t n = 0;
		for (int32_t k = uu->pre + 1; k < uu->subtree_end; k++)
			units[n++] = m->preorder[k];
		book_put_text(ws, r, 0, book_label(&b, SH_UNITS), b.title);
		r = units_table(&b, ws, sheet, r + 1, s->cons, units, n, false, 0, 0);
		free(units);
	}
	brks[nbrks++] = r + 1;
	book_place_chart(ws, r + 2, chart);
	book_print(ws, PRINT_READING, -1, brks, (size_t)nbrks);
	/* What optimise{} chose among the unit's own candidates, when it was called. */
	choices_unit_sheet(&b, s, u);
	/* The head's sheet to fill in, then the full register, read-only. */
	book_update_sheet(&b, s->res, order + first, end - first, s->real);
	book_measures_sheet(&b, s->res, order + first, end - first, true);
	book_identity_sheet(&b, s->res, order + first, end - first, uu->code);
	return book_close(&b, shown, d);
}
