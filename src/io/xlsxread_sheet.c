/* xlsxread_sheet: a sheet's cells, streamed to the caller's function in the order of
 * the sheet's XML: rows in ascending order, cells in a row in ascending column; values by
 * their type (shared strings looked up, inline strings, numbers, booleans, errors). */
#include "xlsxread_int.h"
#include "text.h"
#include <string.h>

/* ---- a sheet's cells ---- */

typedef struct sheet_state {
	xlsxr_cell_fn fn;
	void *ctx;
	int64_t row;      /* the current row, -1 before the first */
	int64_t last_col; /* of the row's last cell, -1 before its first */
	uint32_t next_col; /* the column of a cell without a reference */
	bool in_cell, has_value, formula, in_is;
	int rph;
	uint32_t cell_row, cell_col;
	char type; /* 'n', 's', 'b', 'e', 'd', 'S' (str) or 'i' (inlineStr) */
} sheet_state;

/* "B7" into row 6, column 1; false when it is not a cell reference within Excel's limits. */
static bool parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
	uint32_t c = 0, r = 0;
	size_t i = 0;
	while (s[i] >= 'A' && s[i] <= 'Z' && i < 3)
		c = c * 26 + (uint32_t)(s[i++] - 'A' + 1);
	if (i == 0 || c > XLSXR_MAX_COLS)
		return false;
	size_t k = i;
	while (s[i] >= '0' && s[i] <= '9' && i - k < 7)
		r = r * 10 + (uint32_t)(s[i++] - '0');
	if (i == k || s[i] || s[k] == '0' || r > XLSXR_MAX_ROWS)
		return false;
	*row = r - 1;
	*col = c - 1;
	return true;
}

/* A row number ("7") into 6. */
static bool parse_row(const char *s, int64_t *row)
{
	uint32_t r = 0;
	size_t i = 0;
	while (s[i] >= '0' && s[i] <= '9' && i < 7)
		r = r * 10 + (uint32_t)(s[i++] - '0');
	if (i == 0 || s[i] || s[0] == '0' || r > XLSXR_MAX_ROWS)
		return false;
	*row = (int64_t)r - 1;
	return true;
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xml_pass *x = ud;
	sheet_state *s = x->state;
	const char *ln = xlsxr_local_name(name);
	if (strcmp(ln, "row") == 0) {
		/* Rows in ascending order, as spreadsheet programs write and require them. */
		const char *r = xlsxr_attr(atts, "r");
		int64_t row;
		if (r && !parse_row(r, &row)) {
			xlsxr_pass_fail(x, "bad row number %s", text_quotez(r));
			return;
		}
		if (r && row <= s->row) {
			xlsxr_pass_fail(x, "rows out of order: row %s after row %lld", r,
				  (long long)s->row + 1);
			return;
		}
		if (!r && (row = s->row + 1) >= (int64_t)XLSXR_MAX_ROWS) {
			xlsxr_pass_fail(x, "more than %u rows", XLSXR_MAX_ROWS);
			return;
		}
		s->row = row;
		s->next_col = 0;
		s->last_col = -1;
	} else if (strcmp(ln, "c") == 0) {
		const char *r = xlsxr_attr(atts, "r"), *t = xlsxr_attr(atts, "t");
		if (s->row < 0)
			s->row = 0;
		if (r) {
			/* In its row and right of the cell before: each cell comes once. */
			char ref[16];
			if (!parse_ref(r, &s->cell_row, &s->cell_col)) {
				xlsxr_pass_fail(x, "bad cell reference %s", text_quotez(r));
				return;
			}
			if ((int64_t)s->cell_row != s->row) {
				xlsxr_pass_fail(x, "cell %s in row %lld", r, (long long)s->row + 1);
				return;
			}
			if ((int64_t)s->cell_col <= s->last_col) {
				xlsxr_pass_fail(x, "cells out of order: %s after %s", r,
					  xlsxr_cell_ref(ref, (uint32_t)s->row, (uint32_t)s->last_col));
				return;
			}
		} else {
			if (s->next_col >= XLSXR_MAX_COLS) {
				xlsxr_pass_fail(x, "more than %u columns", XLSXR_MAX_COLS);
				return;
			}
			s->cell_row = (uint32_t)s->row;
			s->cell_col = s->next_col;
		}
		s->next_col = s->cell_col + 1;
		s->last_col = s->cell_col;
		if (!t || strcmp(t, "n") == 0)
			s->type = 'n';
		else if (strcmp(t, "s") == 0 || strcmp(t, "b") == 0 || strcmp(t, "e") == 0 ||
			 strcmp(t, "d") == 0)
			s->type = t[0];
		else if (strcmp(t, "str") == 0)
			s->type = 'S';
		else if (strcmp(t, "inlineStr") == 0)
			s->type = 'i';
		else {
			xlsxr_pass_fail(x, "unknown cell type %s", text_quotez(t));
			return;
		}
		s->in_cell = true;
		s->has_value = s->formula = s->in_is = false;
		s->rph = 0;
		xlsxr_text_reset(x);
	} else if (!s->in_cell) {
		return;
	} else if (strcmp(ln, "v") == 0) {
		if (!s->in_is) {
			xlsxr_text_reset(x);
			s->has_value = true;
			x->collecting = true;
		}
	} else if (strcmp(ln, "f") == 0) {
		s->formula = true;
	} else if (strcmp(ln, "is") == 0) {
		s->in_is = true;
		s->has_value = true;
		xlsxr_text_reset(x);
	} else if (strcmp(ln, "rPh") == 0) {
		s->rph++;
	} else if (strcmp(ln, "t") == 0 && s->in_is) {
		x->collecting = s->rph == 0;
	}
}

/* Hand the finished cell on. */
static void sheet_cell(xml_pass *x, sheet_state *s)
{
	const char *text = x->text ? x->text : "";
	size_t len = x->len;
	xlsxr_cell cell = {.row = s->cell_row, .col = s->cell_col, .formula = s->formula};
	/* A formula's result is known when the file holds one that is not stale; an empty
	 * number is none (an empty text is a result: ="" gives it). */
	cell.uncalculated = s->formula && (x->b->full_calc || !s->has_value ||
					   ((s->type == 'n' || s->type == 's') && len == 0));
	if (cell.uncalculated) {
		text = "";
		len = 0;
	}
	switch (cell.uncalculated ? (s->type == 's' ? 'S' : s->type) : s->type) {
	case 's': {
		uint64_t ix = 0;
		size_t i = 0;
		while (i < len && text[i] >= '0' && text[i] <= '9' && ix <= UINT32_MAX)
			ix = ix * 10 + (uint64_t)(text[i++] - '0');
		if (i == 0 || i != len || ix >= x->b->nsst) {
			char ref[16];
			xlsxr_pass_fail(x, "cell %s: shared string %s does not exist (%zu shared strings)",
				  xlsxr_cell_ref(ref, s->cell_row, s->cell_col), text_quote(text, len),
				  x->b->nsst);
			return;
		}
		cell.type = XLSXR_STRING;
		text = x->b->sst_text + x->b->sst_off[ix];
		len = (ix + 1 < x->b->nsst ? x->b->sst_off[ix + 1] : x->b->sst_len) -
		      x->b->sst_off[ix] - 1;
		break;
	}
	case 'i':
	case 'S':
		cell.type = XLSXR_STRING;
		if (x->text) /* "_x000D_": a CR, as libxlsxwriter and Excel write it */
			len = text_xstring_decode(x->text, len);
		break;
	case 'b': cell.type = XLSXR_BOOL; break;
	case 'e': cell.type = XLSXR_ERROR; break;
	case 'd': cell.type = XLSXR_DATE; break;
	default:
		if (len == 0 && !cell.uncalculated)
			return; /* <v/>: no value after all */
		cell.type = XLSXR_NUMBER;
		break;
	}
	cell.text = text;
	cell.len = len;
	if (!s->fn(s->ctx, &cell)) {
		x->stopped = true;
		XML_StopParser(x->p, XML_FALSE);
	}
}

static void sheet_end(void *ud, const XML_Char *name)
{
	xml_pass *x = ud;
	sheet_state *s = x->state;
	if (!s->in_cell || x->st != FP_OK || x->stopped)
		return;
	const char *ln = xlsxr_local_name(name);
	if (strcmp(ln, "v") == 0 || strcmp(ln, "t") == 0) {
		x->collecting = false;
	} else if (strcmp(ln, "rPh") == 0) {
		s->rph--;
	} else if (strcmp(ln, "is") == 0) {
		s->in_is = false;
	} else if (strcmp(ln, "c") == 0) {
		s->in_cell = false;
		x->collecting = false;
		if (s->has_value || s->formula)
			sheet_cell(x, s);
	}
}

fp_status xlsxr_read_sheet(xlsxr_book *b, size_t i, xlsxr_cell_fn fn, void *ctx, diag *d)
{
	if (i >= b->nsheets) {
		diag_report(d, DIAG_ERROR, FP_ESOFTWARE, b->path, 0, 0, "no sheet %zu", i + 1);
		return FP_ESOFTWARE;
	}
	sheet_state s = {.fn = fn, .ctx = ctx, .row = -1, .last_col = -1};
	return xlsxr_parse_index(b, b->sheets[i].entry, b->sheets[i].part, sheet_start, sheet_end, &s, d);
}
