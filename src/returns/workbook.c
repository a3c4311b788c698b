/* workbook: one returned workbook, read through io/xlsxread: its properties must name this
 * model version and one of its units, and its head's sheets (model/register.h,
 * register_update) are streamed cell by cell into rows for row.c; the full register beside
 * them is read-only and not read. The head's sheet must state every measure of its unit:
 * rows cannot be deleted from a returned workbook. */
#include "importer.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <stdio.h>
#include <string.h>

/* The row collected in im->cells is complete. */
static void row_done(importer *im)
{
	if (im->row < 0 || im->sheet_bad)
		return;
	if ((uint32_t)im->row == REGISTER_HEAD_ROW) {
		returns_row_header(im);
	} else if ((uint32_t)im->row > REGISTER_HEAD_ROW) {
		if (!im->header_ok) {
			diag_error(im->d, returns_at(im, REGISTER_HEAD_ROW, UPDATE_ID), 0, 0,
				   "no header row: not the head's sheet of a unit workbook");
			im->sheet_bad = true;
			return;
		}
		returns_row_data(im);
	}
}

/* A formula whose value the workbook does not hold: neither 0 nor the formula's text will
 * do. */
static void uncalculated(importer *im, const xlsxr_cell *c)
{
	const char *head = c->col < (uint32_t)im->lay->ncols ? im->lay->head[im->lang][c->col]
							      : NULL;
	diag_error(im->d, returns_at(im, c->row, (int)c->col), 0, 0,
		   "a formula without a calculated value%s%s: the workbook was saved without "
		   "calculating it; open it in a spreadsheet program and save it again",
		   head ? " in " : "", head ? text_quotez(head) : "");
}

static bool on_cell(void *ctx, const xlsxr_cell *c)
{
	importer *im = ctx;
	if ((int64_t)c->row != im->row) {
		row_done(im);
		if (im->sheet_bad)
			return false;
		for (int k = 0; k < im->lay->ncols; k++)
			im->cells[k].present = false;
		im->row = c->row;
	}
	if (c->row < REGISTER_HEAD_ROW)
		return true; /* the title and the note */
	if (c->uncalculated) {
		uncalculated(im, c);
		return true;
	}
	if (c->col >= (uint32_t)im->lay->ncols) {
		if (c->len && !im->beyond_reported) {
			diag_error(im->d, returns_at(im, c->row, (int)c->col), 0, 0,
				   "edit outside the input cells: %s right of the input columns",
				   text_quote(c->text, c->len));
			im->beyond_reported = true;
		}
		return true;
	}
	returns_cell *rc = &im->cells[c->col];
	if (c->len + 1 > rc->cap) {
		rc->cap = c->len + 1;
		rc->text = xrealloc(rc->text, rc->cap);
	}
	memcpy(rc->text, c->text, c->len + 1);
	rc->len = c->len;
	rc->type = c->type;
	rc->present = true;
	return true;
}

/* The workbook's properties: of this model version and a unit of it. False (reported)
 * when not; else im->unit is set. */
static bool book_of_model(importer *im, const xlsxr_book *b, const char *model_hash)
{
	const model *m = im->m;
	const char *book_hash = xlsxr_property(b, "fitplan.model_hash");
	const char *unit_code = xlsxr_property(b, "fitplan.unit");
	if (!book_hash || !unit_code) {
		diag_error(im->d, im->path, 0, 0,
			   "not a unit workbook of fitplan: it has no property fitplan.%s",
			   !book_hash ? "model_hash" : "unit");
		return false;
	}
	if (strcmp(book_hash, model_hash) != 0) {
		const char *name = xlsxr_property(b, "fitplan.model");
		diag_error(im->d, im->path, 0, 0,
			   "the workbook is of another model version (%s, model hash %s), not of "
			   "%s (%s, model hash %s): import takes the workbooks of a run of this "
			   "version",
			   name ? text_quotez(name) : "unnamed", text_quote(book_hash, strnlen(book_hash, 12)),
			   m->dir, text_quotez(m->name), text_quote(model_hash, 12));
		return false;
	}
	im->unit = model_unit(m, unit_code);
	if (im->unit < 0) {
		diag_error(im->d, im->path, 0, 0, "unknown unit %s (property fitplan.unit)",
			   text_quotez(unit_code));
		return false;
	}
	return true;
}

/* The head's sheet, continued on "Voortgang (2)", "(3)", ... when it is long: every sheet
 * read. True when each had a sound header and was read to its end. */
static bool read_sheets(importer *im, xlsxr_book *b)
{
	bool complete = true;
	for (size_t k = 0;; k++) {
		char name[64], ref[80];
		register_update_sheet_name(name, sizeof name, (register_lang)im->lang, k);
		long s = xlsxr_sheet_find(b, name);
		if (s < 0)
			break;
		im->sheet = arena_strdup(im->a, xlsxr_sheet_ref(ref, sizeof ref, name));
		im->row = -1;
		im->header_ok = im->sheet_bad = im->beyond_reported = false;
		fp_status st = xlsxr_read_sheet(b, (size_t)s, on_cell, im, im->d);
		if (st == FP_OK)
			row_done(im);
		if (st != FP_OK || im->sheet_bad || !im->header_ok)
			complete = false;
		if (st == FP_OK && !im->header_ok && !im->sheet_bad)
			diag_error(im->d, returns_at(im, REGISTER_HEAD_ROW, UPDATE_ID), 0, 0,
				   "no header row: not the head's sheet of a unit workbook");
	}
	return complete;
}

void returns_read_book(importer *im, const char *model_hash)
{
	const model *m = im->m;
	xlsxr_book *b;
	if (xlsxr_open(im->path, &b, im->d) != FP_OK)
		return;
	if (!book_of_model(im, b, model_hash))
		goto out;
	im->lang = -1;
	for (int lang = 0; lang < REGISTER_NLANGS && im->lang < 0; lang++)
		if (xlsxr_sheet_find(b, register_update_sheet_word((register_lang)lang)) >= 0)
			im->lang = lang;
	if (im->lang < 0) {
		diag_error(im->d, im->path, 0, 0,
			   "not a unit workbook of fitplan: it has no sheet '%s' or '%s'",
			   register_update_sheet_word(REGISTER_NL),
			   register_update_sheet_word(REGISTER_EN));
		goto out;
	}
	/* A returned workbook states every measure of its unit. */
	if (read_sheets(im, b))
		for (size_t i = 0; i < m->nmeasures; i++)
			if (model_is_ancestor(m, im->unit, m->measures[i].unit) &&
			    im->seen_book[i] != im->book + 1)
				diag_error(im->d,
					   arena_printf(im->a, "%s:%s", im->path,
							register_update_sheet_word((register_lang)im->lang)),
					   0, 0, "measure '%s' of unit '%s' is missing from the head's sheet",
					   m->measures[i].id, m->units[m->measures[i].unit].code);
out:
	xlsxr_free(b);
}
