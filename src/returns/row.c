/* row: one row of a returned head's sheet (model/register.h, register_update), checked cell
 * by cell: the header must be this model version's, every locked cell must say what the
 * model version says, and the input cells must hold a status (Dutch or English), euros
 * with at most two decimals or text. A sound row becomes an
 * entry (returns_merge); every fault is reported at its cell. */
#include "importer.h"
#include "../model/names.h"
#include "../model/phasing.h"
#include "../io/text.h"
#include <stdio.h>
#include <string.h>

const char *returns_at(importer *im, uint32_t row, int col)
{
	char ref[16];
	return arena_printf(im->a, "%s:%s!%s", im->path, im->sheet,
			    xlsxr_cell_ref(ref, row, (uint32_t)col));
}

static const char *cell_text(const returns_cell *c)
{
	return c->present ? c->text : "";
}

static bool cell_blank(const returns_cell *c)
{
	return !c->present || c->len == 0;
}

/* The cell as a message shows it: quoted, or "empty". A macro: the quote lives in the
 * caller's block (text_quote). */
#define cell_shown(c) (cell_blank(c) ? "empty" : text_quote((c)->text, (c)->len))

static const char *head(const importer *im, int col)
{
	return im->lay->head[im->lang][col];
}

/* ---- locked cells ---- */

/* A number the writer put in a locked cell, as cents; false when it is not one. */
static bool locked_number(const returns_cell *c, int64_t *cents)
{
	if (cell_blank(c) || (c->type != XLSXR_NUMBER && c->type != XLSXR_STRING))
		return false;
	return xlsxr_number_cents(c->text, c->len, cents) == XLSXR_NUM_OK;
}

static void locked_mismatch(importer *im, int col, const returns_cell *c, const char *want)
{
	diag_error(im->d, returns_at(im, (uint32_t)im->row, col), 0, 0,
		   "edit outside the input cells: %s is %s, in the model version %s",
		   text_quotez(head(im, col)), cell_shown(c), want);
}

static void check_text(importer *im, int col, const char *want)
{
	const returns_cell *c = &im->cells[col];
	if (strcmp(cell_text(c), want) != 0)
		locked_mismatch(im, col, c, *want ? text_quotez(want) : "empty");
}

/* A locked number: want_cents, shown in a message as want (or as an amount when NULL). */
static void check_number(importer *im, int col, int64_t want_cents, const char *want)
{
	const returns_cell *c = &im->cells[col];
	int64_t have;
	if (!locked_number(c, &have) || have != want_cents) {
		char buf[MONEY_BUF];
		locked_mismatch(im, col, c, text_quotez(want ? want : money_format(buf, want_cents, 0)));
	}
}

/* The locked cells against the fingerprints of what the head was shown (f): a cell that
 * does not match is the head's edit. The workbook's measures are as the model version has
 * them (workbook.c, unchanged_since), so the model's values are what was shown, but for a
 * status an import has changed since: that one is found by its fingerprint. */
static void row_locked_fp(importer *im, int32_t mi, const returns_fp *f)
{
	const measure *ms = &im->m->measures[mi];
	char k[REGISTER_FP_HEX];
	const returns_cell *c = &im->cells[UPDATE_TITLE];
	register_fp(REGISTER_FP_TITLE, cell_text(c), k);
	if (strcmp(k, f->fp[REGISTER_FP_TITLE]) != 0)
		locked_mismatch(im, UPDATE_TITLE, c, *ms->title ? text_quotez(ms->title) : "empty");
	c = &im->cells[UPDATE_STATUS];
	int have = cell_blank(c) ? -1 : register_status_parse(c->text, c->len);
	if (have >= 0)
		register_fp(REGISTER_FP_STATUS, measure_status_word((measure_status)have), k);
	if (have < 0 || strcmp(k, f->fp[REGISTER_FP_STATUS]) != 0) {
		int shown = ms->status;
		for (int st = 0; st < STATUS_COUNT; st++) {
			register_fp(REGISTER_FP_STATUS, measure_status_word((measure_status)st), k);
			if (strcmp(k, f->fp[REGISTER_FP_STATUS]) == 0)
				shown = st;
		}
		locked_mismatch(im, UPDATE_STATUS, c,
				text_quotez(register_status_word((register_lang)im->lang,
								 (measure_status)shown)));
	}
	c = &im->cells[UPDATE_PLAN];
	int64_t cents;
	if (locked_number(c, &cents))
		register_fp_amount(REGISTER_FP_PLAN, cents, k);
	if (!locked_number(c, &cents) || strcmp(k, f->fp[REGISTER_FP_PLAN]) != 0) {
		char buf[MONEY_BUF];
		locked_mismatch(im, UPDATE_PLAN, c,
				text_quotez(money_format(buf, ms->amounts[im->lay->year_ix], 0)));
	}
	/* The plan to date is in the fingerprint of the years (register_fp_measure): as the
	 * measure is unchanged since, the model's is what was shown. */
	const register_update *l = im->lay;
	check_number(im, UPDATE_PLAN_TD,
		     phasing_to_month(ms->phasing, ms->amounts[l->year_ix], l->period_month), NULL);
}

static void row_locked(importer *im, int32_t mi)
{
	const model *m = im->m;
	const measure *ms = &m->measures[mi];
	if (im->id->from_sheet) {
		const returns_fp *f = returns_fp_find(im->id, ms->id);
		if (f) {
			row_locked_fp(im, mi, f);
			return;
		}
		/* A row the workbook was not made with (pasted in): its unit's measures
		 * are all on the identity sheet (unchanged_since). */
		diag_error(im->d, returns_at(im, (uint32_t)im->row, UPDATE_ID), 0, 0,
			   "edit outside the input cells: measure '%s' was not on the head's sheet "
			   "when the workbook was made",
			   ms->id);
		return;
	}
	check_text(im, UPDATE_TITLE, ms->title);
	/* The status in the workbook's words; any status the measure had since it was handed
	 * out (statuses_shown). */
	const returns_cell *st = &im->cells[UPDATE_STATUS];
	int have = cell_blank(st) ? -1 : register_status_parse(st->text, st->len);
	if (have < 0 || !(im->status_ok[mi] & (1u << have)))
		locked_mismatch(im, UPDATE_STATUS, st,
				text_quotez(register_status_word((register_lang)im->lang,
								 (measure_status)ms->status)));
	const register_update *l = im->lay;
	check_number(im, UPDATE_PLAN, ms->amounts[l->year_ix], NULL);
	check_number(im, UPDATE_PLAN_TD,
		     phasing_to_month(ms->phasing, ms->amounts[l->year_ix], l->period_month), NULL);
}

/* ---- input cells ---- */

static bool one_of(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

/* s[0..*n) less the characters of strip around it. */
static const char *trim(const char *s, size_t *n, const char *strip)
{
	while (*n && one_of(*s, strip))
		s++, (*n)--;
	while (*n && one_of(s[*n - 1], strip))
		(*n)--;
	return s;
}

/* The length of the blank that starts s[0..n): an ASCII space, tab or line break, or a
 * no-break space (U+00A0, U+2007, U+202F in UTF-8), which a reader cannot tell from a
 * space: a word or amount pasted from a web page or a mail brings them. 0 if none. */
static size_t blank_at(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n && one_of(s[0], " \t\r\n"))
		return 1;
	if (n >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (n >= 3 && u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xaf || u[2] == 0x87))
		return 3;
	return 0;
}

/* The same for the blank that ends s[0..n). */
static size_t blank_before(const char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++)
		if (blank_at(s + n - k, k) == k)
			return k;
	return 0;
}

/* An input cell's text less the blanks (blank_at) around it: what its reader sees. */
static const char *trim_blanks(const char *s, size_t *n)
{
	size_t k;
	while ((k = blank_at(s, *n)) != 0)
		s += k, *n -= k;
	while ((k = blank_before(s, *n)) != 0)
		*n -= k;
	return s;
}

/* Why a cell's number or text is no amount of euros with at most two decimals, or NULL
 * with *cents set. A number is taken exactly as written, rounded to 15 significant digits
 * when it has more (binary noise: xlsxr_number_cents); text may be in the model's notation
 * (1.234,56) or plain (1234.56). A third decimal is refused, not rounded. */
static const char *amount_fault(const model *m, const returns_cell *c, bool *empty,
				int64_t *cents)
{
	const char *why = NULL;
	*empty = false;
	if (c->type == XLSXR_NUMBER) {
		switch (xlsxr_number_cents(c->text, c->len, cents)) {
		case XLSXR_NUM_OK: break;
		case XLSXR_NUM_SYNTAX: why = "not a number"; break;
		case XLSXR_NUM_FRACTION: why = "more than two decimals (whole cents only)"; break;
		case XLSXR_NUM_RANGE: why = money_err_str(MONEY_OVERFLOW); break;
		}
	} else if (c->type == XLSXR_STRING) {
		size_t n = c->len;
		const char *s = trim_blanks(c->text, &n);
		money_err e = money_parse(s, n, m->notation, cents);
		if (e == MONEY_EMPTY) {
			*empty = true; /* blanks only */
			return NULL;
		}
		if (e != MONEY_OK && money_parse(s, n, MONEY_NOTATION_C, cents) == MONEY_OK)
			e = MONEY_OK;
		if (e != MONEY_OK)
			why = e == MONEY_DECIMALS ? "more than two decimals (whole cents only)"
						  : money_err_str(e);
	} else {
		why = "not a number";
	}
	return why;
}

/* An input amount: empty, or euros with at most two decimals as a number or as text. False
 * (reported) when it is neither. */
static bool input_amount(importer *im, int col, bool *has, int64_t *cents)
{
	const returns_cell *c = &im->cells[col];
	*has = false;
	if (cell_blank(c))
		return true;
	bool empty;
	int64_t v = 0;
	const char *why = amount_fault(im->m, c, &empty, &v);
	if (empty)
		return true;
	if (why) {
		diag_error(im->d, returns_at(im, (uint32_t)im->row, col), 0, 0,
			   "bad amount %s in %s: %s", cell_shown(c), text_quotez(head(im, col)), why);
		return false;
	}
	*has = true;
	*cents = v;
	return true;
}

/* The input cells of a measure's row into e. */
static void row_inputs(importer *im, returns_entry *e)
{
	const register_update *l = im->lay;
	const returns_cell *st = &im->cells[UPDATE_NEW_STATUS];
	if (!cell_blank(st)) {
		/* A status as the drop-down offers it, in Dutch or English (a Dutch word pasted
		 * into an English workbook too); blanks around it and case are forgiven. */
		size_t n = st->len;
		const char *s = trim_blanks(st->text, &n);
		e->status = st->type == XLSXR_STRING ? register_status_parse(s, n) : -1;
		if (e->status < 0) {
			const char *at = returns_at(im, e->row, UPDATE_NEW_STATUS);
			diag_error(im->d, at, 0, 0,
				   "unknown status %s (expected idee, gepland, besloten, "
				   "gerealiseerd or idea, planned, decided, realised)",
				   cell_shown(st));
			if (st->type == XLSXR_STRING)
				names_note(im->d, im->m, NAMES_STATUS, s, n, at, 0, 0);
		}
	}
	input_amount(im, UPDATE_REALISED, &e->has_realised, &e->realised_cents);
	for (int k = 0; k < l->nexpected; k++) {
		bool has;
		int64_t v;
		if (input_amount(im, UPDATE_EXPECTED + k, &has, &v) &&
		    l->year_ix + k == im->year_ix) {
			e->has_forecast = has;
			e->forecast_cents = v;
		}
	}
	/* The comment as typed, less the spaces around it (CSV would not keep them). */
	const returns_cell *cm = &im->cells[l->c_comment];
	size_t n = cm->present ? cm->len : 0;
	const char *s = trim(cell_text(cm), &n, " \t\r\n");
	e->comment = arena_strndup(im->a, s, n);
}

/* ---- rows ---- */

/* The measure of the row, or -1 (reported). */
static int32_t row_measure(importer *im)
{
	const model *m = im->m;
	uint32_t row = (uint32_t)im->row;
	const returns_cell *id = &im->cells[UPDATE_ID];
	if (cell_blank(id)) {
		diag_error(im->d, returns_at(im, row, UPDATE_ID), 0, 0, "a row without a measure id");
		return -1;
	}
	int32_t mi = model_measure(m, id->text);
	if (mi < 0) {
		/* The head's sheet has no origin column (the full register has): a measure a
		 * scenario made is the likely cause of an id the model does not know. */
		diag_error(im->d, returns_at(im, row, UPDATE_ID), 0, 0,
			   "unknown measure %s: not in the model version (a measure made by a "
			   "scenario cannot take actuals: import the workbooks of a scenario that "
			   "leaves the model's measures as they are)",
			   text_quote(id->text, id->len));
		return -1;
	}
	const measure *ms = &m->measures[mi];
	if (!model_is_ancestor(m, im->unit, ms->unit)) {
		diag_error(im->d, returns_at(im, row, UPDATE_ID), 0, 0,
			   "measure '%s' of unit '%s' is not under unit '%s' of this workbook", ms->id,
			   m->units[ms->unit].code, m->units[im->unit].code);
		return -1;
	}
	if (im->seen_book[mi] == im->book + 1) {
		char ref[16];
		diag_error(im->d, returns_at(im, row, UPDATE_ID), 0, 0,
			   "measure '%s' is given twice in this workbook (also at %s!%s)", ms->id,
			   im->seen_sheet[mi], xlsxr_cell_ref(ref, im->seen_row[mi], UPDATE_ID));
		return -1;
	}
	return mi;
}

void returns_row_data(importer *im)
{
	const register_update *l = im->lay;
	bool blank = true;
	for (int c = 0; c < l->ncols; c++)
		blank = blank && cell_blank(&im->cells[c]);
	if (blank)
		return;
	int32_t mi = row_measure(im);
	if (mi < 0)
		return;
	uint32_t row = (uint32_t)im->row;
	im->seen_book[mi] = im->book + 1;
	im->seen_row[mi] = row;
	im->seen_sheet[mi] = im->sheet;
	unsigned long before = im->d->errors;
	row_locked(im, mi);
	returns_entry e = {.measure = mi, .book = im->book, .sheet = im->sheet, .row = row,
			   .status = -1};
	row_inputs(im, &e);
	if (im->d->errors == before)
		returns_merge(im, &e);
}

void returns_row_header(importer *im)
{
	const register_update *l = im->lay;
	for (int c = 0; c < l->ncols; c++) {
		const returns_cell *cell = &im->cells[c];
		const char *want = head(im, c);
		if (strcmp(cell_text(cell), want) != 0) {
			diag_error(im->d, returns_at(im, REGISTER_HEAD_ROW, c), 0, 0,
				   "header %s where %s belongs: not the head's sheet of a unit "
				   "workbook of this model version",
				   cell_shown(cell), text_quotez(want));
			im->sheet_bad = true;
			return;
		}
	}
	im->header_ok = true;
}
