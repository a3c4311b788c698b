/* update: the department head's sheet of a unit workbook (model/register.h,
 * register_update): per measure its id, title, status and plan for the current year, locked,
 * then the yellow input cells that fitplan import reads back; in the workbook of a run that
 * hands nothing out (no --period) the same sheet is a read-only view, without input cells. Narrow on purpose (at most
 * REGISTER_UPDATE_MAX_COLS columns) so that it prints on one A4 landscape page width; the
 * full multi-year register is the read-only sheet beside it. Filled from top to bottom. */
#include "book.h"
#include "../model/phasing.h"
#include <stdio.h>

/* Column widths: the title and the comment wide enough to read, the amounts for
 * "€ 1.234.567"; the whole sheet fits one landscape width at a readable scale. */
static void update_columns(lxw_worksheet *ws, const register_update *x)
{
	worksheet_set_column(ws, UPDATE_ID, UPDATE_ID, 12, NULL);
	worksheet_set_column(ws, UPDATE_TITLE, UPDATE_TITLE, 44, NULL);
	worksheet_set_column(ws, UPDATE_STATUS, UPDATE_STATUS, 12, NULL);
	worksheet_set_column(ws, UPDATE_NEW_STATUS, UPDATE_NEW_STATUS, 15, NULL);
	worksheet_set_column(ws, UPDATE_PLAN, UPDATE_PLAN_TD, 15, NULL);
	worksheet_set_column(ws, UPDATE_REALISED, (lxw_col_t)(x->c_comment - 1), 15, NULL);
	worksheet_set_column(ws, (lxw_col_t)x->c_comment, (lxw_col_t)x->c_comment, 36, NULL);
}

/* The validation of the input cells: the new status from the list of the workbook's
 * language, the amounts euros within the limit (cents are allowed: a decimal; import
 * refuses a third decimal at its cell). */
static void update_validation(book *b, lxw_worksheet *ws, const register_update *x, int head,
			      size_t rows)
{
	const char *choices[STATUS_COUNT + 1];
	register_status_choices(book_register_lang(b), choices);
	lxw_data_validation st = {
		.validate = LXW_VALIDATION_TYPE_LIST,
		.value_list = (char **)choices, /* libxlsxwriter only reads them */
		.ignore_blank = LXW_VALIDATION_ON,
	};
	lxw_data_validation am = {
		.validate = LXW_VALIDATION_TYPE_DECIMAL,
		.criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
		.minimum_number = -(double)REGISTER_AMOUNT_MAX_EUR,
		.maximum_number = (double)REGISTER_AMOUNT_MAX_EUR,
		.ignore_blank = LXW_VALIDATION_ON,
		.error_message = (char *)register_amount_message(book_register_lang(b)),
	};
	lxw_row_t r0 = (lxw_row_t)head + 1, r1 = (lxw_row_t)(head + (rows ? rows : 1));
	worksheet_data_validation_range(ws, r0, UPDATE_NEW_STATUS, r1, UPDATE_NEW_STATUS, &st);
	worksheet_data_validation_range(ws, r0, UPDATE_REALISED, r1,
					(lxw_col_t)(x->c_comment - 1), &am);
}

/* Row r: measure ms, locked, then its input cells. The expected amounts start at the
 * current forecast (the plan where none was reported), to the cent, so that a workbook
 * returned untouched gives it back exactly; status, realised and comment empty. The plan
 * to date runs to the end of the reporting period by the measure's phasing. */
static void update_row(book *b, lxw_worksheet *ws, const register_update *x, int r,
		       const scenario_result *res, const measure *ms, const realisation *real)
{
	const model *m = b->m;
	/* A view's cells are all locked and plain: there is nothing to fill in. */
	bool in = register_update_is_handout(x);
	lxw_format *in_text = in ? b->in_text : b->text, *in_money = in ? b->in_money : b->money;
	book_put_text(ws, r, UPDATE_ID, ms->id, b->text);
	book_put_text(ws, r, UPDATE_TITLE, ms->title, b->text);
	book_put_text(ws, r, UPDATE_STATUS, book_status_word(b, (measure_status)ms->status),
		      b->text);
	worksheet_write_blank(ws, (lxw_row_t)r, UPDATE_NEW_STATUS, in_text);
	book_put_money(ws, r, UPDATE_PLAN, ms->amounts[x->year_ix], b->money);
	book_put_money(ws, r, UPDATE_PLAN_TD,
		       phasing_to_month(ms->phasing, ms->amounts[x->year_ix], x->period_month),
		       b->money);
	worksheet_write_blank(ws, (lxw_row_t)r, UPDATE_REALISED, in_money);
	size_t mi = (size_t)(ms - res->measures);
	for (int k = 0; k < x->nexpected; k++) {
		size_t y = (size_t)(x->year_ix + k);
		int64_t v = real && mi < m->nmeasures ? real->measure_forecast[mi * (size_t)m->nyears + y]
						      : ms->amounts[y];
		book_put_money(ws, r, UPDATE_EXPECTED + k, v, in_money);
	}
	worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)x->c_comment, in_text);
}

void book_update_sheet(book *b, const scenario_result *res, const uint32_t *idx, size_t count,
		       const realisation *real)
{
	register_update x;
	register_update_init_period(&x, b->m, b->o->period);
	bool handout = register_update_is_handout(&x);
	register_lang lang = book_register_lang(b);
	size_t per_sheet = XLSX_MAX_ROWS - REGISTER_FIRST_ROW; /* title, note and header rows */
	size_t sheets = count ? (count + per_sheet - 1) / per_sheet : 1;
	size_t i = 0;
	for (size_t s = 0; s < sheets; s++) {
		char name[32];
		register_update_sheet_name(name, sizeof name, lang, s);
		lxw_worksheet *ws = book_sheet(b, name);
		size_t rows = count - s * per_sheet < per_sheet ? count - s * per_sheet : per_sheet;
		update_columns(ws, &x);
		char title[512], word[64];
		book_snprintf(title, sizeof title, "%s: %s",
			      register_update_label(&x, lang, word, sizeof word), b->scenario);
		book_put_text(ws, REGISTER_TITLE_ROW, 0, title, b->title);
		book_put_text(ws, REGISTER_NOTE_ROW, 0,
			      handout ? register_update_note(lang) : register_update_view_note(lang),
			      b->subtitle);
		int head = REGISTER_HEAD_ROW;
		worksheet_set_row(ws, (lxw_row_t)head, 30, NULL); /* two lines of header */
		worksheet_freeze_panes(ws, (lxw_row_t)(head + 1), UPDATE_TITLE + 1);
		book_print(ws, PRINT_READING, head, NULL, 0);
		/* The header, amounts' headers right-aligned over their figures; an autofilter
		 * (no Excel table: the sheet has no use for one, and it stays plain cells). */
		for (int c = 0; c < x.ncols; c++)
			book_put_text(ws, head, c, x.head[lang][c],
				      c >= UPDATE_PLAN && c != UPDATE_NEW_STATUS && c != x.c_comment
					      ? b->header_num_top
					      : b->header);
		worksheet_autofilter(ws, (lxw_row_t)head, 0, (lxw_row_t)(head + rows),
				     (lxw_col_t)(x.ncols - 1));
		if (handout)
			update_validation(b, ws, &x, head, rows);
		for (size_t done = 0; done < rows; i++, done++)
			update_row(b, ws, &x, head + 1 + (int)done, res,
				   &res->measures[idx ? idx[i] : i], real);
		lxw_protection prot = {.format_columns = LXW_TRUE, .autofilter = LXW_TRUE,
				       .sort = LXW_TRUE};
		worksheet_protect(ws, NULL, &prot);
	}
	register_update_release(&x);
}
