/* import: read the unit workbooks that department heads return (fitplan run's
 * departments/<UNIT>.xlsx with the yellow input cells filled in) and write the period's
 * actuals file <budgets>/actuals/<P>.csv. A workbook must come from this model version,
 * every cell outside the input cells must still say what the model version says, and the
 * same measure in two workbooks must say the same; the file is written whole, or not at
 * all when anything is wrong. See docs/import.md. */
#include "cmd.h"
#include "../run/inrecord.h"
#include "../run/context.h"
#include "opts.h"
#include "../audit/record.h"
#include "../core/xalloc.h"
#include "../export/xlsx.h"
#include "../io/csvread.h"
#include "../io/csvwrite.h"
#include "../io/outdir.h"
#include "../io/text.h"
#include "../io/xlsxread.h"
#include "../model/actuals.h"
#include "../model/digest.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The register as export/book.c writes it (measures_sheet): a title row, a note row, the
 * header row, then one row per measure. Its words are those of export/book.h's labels, in
 * Dutch and in English; they are repeated here because only src/export includes
 * libxlsxwriter's headers, and tests/workbooks/roundtrip fails when the two drift apart. */
#define HEAD_ROW 2u
enum { C_ID, C_UNIT, C_NAME, C_TITLE, C_PILLAR, C_CAT, C_NATURE, C_STATUS, C_FTE, C_Y0 };
enum { BOOK_NL, BOOK_EN, NLANG }; /* the languages of the workbooks */
static const char *const sheet_word[NLANG] = {"Maatregelen", "Measures"};
static const char *const fixed_head[NLANG][C_Y0] = {
	{"Maatregel", "Eenheid", "Naam", "Titel", "Pijler", "Categorie", "Aard", "Status", "FTE"},
	{"Measure", "Unit", "Name", "Title", "Pillar", "Category", "Nature", "Status", "FTE"},
};
static const char *const origin_head[NLANG] = {"Herkomst", "Origin"};
static const char *const status_head[NLANG] = {"Nieuwe status", "New status"};
static const char *const realised_head[NLANG] = {"Gerealiseerd", "Realised"};
static const char *const expected_head[NLANG] = {"Verwacht", "Expected"};
static const char *const comment_head[NLANG] = {"Toelichting", "Comment"};

/* The columns of the register for this model version. */
typedef struct layout {
	int ny, c_extra, c_origin, c_in, ncols;
	int32_t *extra_col;   /* per measure file, per extra column: the register column */
	size_t *extra_off;    /* per measure file: its first entry in extra_col */
	char **head[NLANG];   /* the expected header of every column */
} layout;

/* What one row of a workbook reported for a measure. */
typedef struct entry {
	int32_t measure;
	uint32_t book;     /* index into the files given */
	const char *sheet; /* the sheet, as in a reference ('Maatregelen (2)') */
	uint32_t row;      /* 0-based */
	bool has_realised, has_forecast;
	int64_t realised_cents, forecast_cents;
	int status;        /* -1: no new status */
	const char *comment; /* "" for none */
} entry;

typedef struct row_cell {
	bool present;
	xlsxr_type type;
	char *text;
	size_t len, cap;
} row_cell;

typedef struct importer {
	run_ctx *r;
	const layout *lay;
	char *const *files;
	int year_ix;          /* the plan year of the period */
	uint8_t *status_ok;   /* per measure: the statuses its locked Status cell may show */
	int32_t *first;       /* per measure: its first entry, or -1 */
	entry *entries;
	size_t nentries, entries_cap;
	uint32_t *seen_book;  /* per measure: 1 + the workbook that last had it, 0 for none */
	uint32_t *seen_row;
	const char **seen_sheet;
	/* The workbook and sheet being read. */
	uint32_t book;
	const char *path;
	int32_t unit;
	int lang;
	const char *sheet;
	bool header_ok, sheet_bad;
	int64_t row;          /* the row in row_cells, -1 for none */
	row_cell *cells;      /* lay->ncols */
	bool beyond_reported;
} importer;

static void layout_init(layout *l, const model *m)
{
	memset(l, 0, sizeof *l);
	size_t total = 0;
	for (size_t f = 0; f < m->nmfiles; f++)
		total += m->mfiles[f].nextra;
	/* The extra columns of every measures file, each once, in order of first appearance. */
	const char **names = xcalloc(total ? total : 1, sizeof *names);
	size_t nnames = 0;
	l->extra_col = xcalloc(total ? total : 1, sizeof *l->extra_col);
	l->extra_off = xcalloc(m->nmfiles ? m->nmfiles : 1, sizeof *l->extra_off);
	size_t k = 0;
	for (size_t f = 0; f < m->nmfiles; f++) {
		l->extra_off[f] = k;
		for (size_t e = 0; e < m->mfiles[f].nextra; e++, k++) {
			const char *name = m->mfiles[f].extra_names[e];
			size_t j = 0;
			while (j < nnames && strcmp(names[j], name) != 0)
				j++;
			if (j == nnames)
				names[nnames++] = name;
			l->extra_col[k] = (int32_t)j;
		}
	}
	l->ny = m->nyears;
	l->c_extra = C_Y0 + l->ny;
	l->c_origin = l->c_extra + (int)nnames;
	l->c_in = l->c_origin + 1;
	l->ncols = l->c_in + 3 + l->ny;
	for (size_t e = 0; e < total; e++)
		l->extra_col[e] += l->c_extra;
	for (int lang = 0; lang < NLANG; lang++) {
		char **h = xcalloc((size_t)l->ncols, sizeof *h);
		for (int c = 0; c < C_Y0; c++)
			h[c] = xstrdup(fixed_head[lang][c]);
		for (int y = 0; y < l->ny; y++) {
			h[C_Y0 + y] = xmalloc(16);
			snprintf(h[C_Y0 + y], 16, "%d", m->base_year + 1 + y);
		}
		for (size_t e = 0; e < nnames; e++)
			h[l->c_extra + (int)e] = xstrdup(names[e]);
		h[l->c_origin] = xstrdup(origin_head[lang]);
		h[l->c_in] = xstrdup(status_head[lang]);
		h[l->c_in + 1] = xstrdup(realised_head[lang]);
		for (int y = 0; y < l->ny; y++) {
			size_t n = strlen(expected_head[lang]) + 16;
			h[l->c_in + 2 + y] = xmalloc(n);
			snprintf(h[l->c_in + 2 + y], n, "%s %d", expected_head[lang],
				 m->base_year + 1 + y);
		}
		h[l->c_in + 2 + l->ny] = xstrdup(comment_head[lang]);
		/* A header equal to an earlier one (ignoring case) is renamed as the writer
		 * renames it for Excel's tables: by the writer's own function. */
		xlsx_unique_headers(h, l->ncols);
		l->head[lang] = h;
	}
	free(names);
}

static void layout_release(layout *l)
{
	for (int lang = 0; lang < NLANG; lang++) {
		for (int c = 0; l->head[lang] && c < l->ncols; c++)
			free(l->head[lang][c]);
		free(l->head[lang]);
	}
	free(l->extra_col);
	free(l->extra_off);
}

/* ---- positions and values ---- */

/* "D1-OK.xlsx:Maatregelen!H4", in the run's arena. */
static const char *at(importer *im, uint32_t row, int col)
{
	char ref[16];
	return arena_printf(&im->r->a, "%s:%s!%s", im->path, im->sheet,
			    xlsxr_cell_ref(ref, row, (uint32_t)col));
}

static const char *at_entry(importer *im, const entry *e)
{
	char ref[16];
	return arena_printf(&im->r->a, "%s:%s!%s", im->files[e->book], e->sheet,
			    xlsxr_cell_ref(ref, e->row, C_ID));
}

static const char *cell_text(const row_cell *c)
{
	return c->present ? c->text : "";
}

static bool cell_blank(const row_cell *c)
{
	return !c->present || c->len == 0;
}

/* The cell as a message shows it: quoted, or "empty". */
static const char *cell_shown(const row_cell *c)
{
	return cell_blank(c) ? "empty" : text_quote(c->text, c->len);
}

static char *format_amount(char buf[MONEY_BUF], int64_t cents, char decimal)
{
	money_format(buf, cents, 0);
	if (decimal != '.') {
		char *p = strchr(buf, '.');
		if (p)
			*p = decimal;
	}
	return buf;
}

/* A number the writer put in a locked cell, as cents; false when it is not one. */
static bool locked_number(const row_cell *c, int64_t *cents)
{
	if (cell_blank(c) || (c->type != XLSXR_NUMBER && c->type != XLSXR_STRING))
		return false;
	return xlsxr_number_cents(c->text, c->len, cents) == XLSXR_NUM_OK;
}

static void locked_mismatch(importer *im, int col, const row_cell *c, const char *want)
{
	diag_error(&im->r->d, at(im, (uint32_t)im->row, col), 0, 0,
		   "edit outside the input cells: %s is %s, in the model version %s",
		   text_quotez(im->lay->head[im->lang][col]), cell_shown(c), want);
}

static void check_text(importer *im, int col, const char *want)
{
	const row_cell *c = &im->cells[col];
	if (strcmp(cell_text(c), want) != 0)
		locked_mismatch(im, col, c, *want ? text_quotez(want) : "empty");
}

/* A locked number: want_cents, shown in a message as want (or as an amount when NULL). */
static void check_number(importer *im, int col, int64_t want_cents, const char *want)
{
	const row_cell *c = &im->cells[col];
	int64_t have;
	if (!locked_number(c, &have) || have != want_cents) {
		char buf[MONEY_BUF];
		locked_mismatch(im, col, c, text_quotez(want ? want : money_format(buf, want_cents, 0)));
	}
}

/* An input amount: empty, or a whole number of euros as a number or as text (in the
 * model's notation, or plain 1234.00). False (reported) when it is neither. */
static bool input_amount(importer *im, int col, bool *has, int64_t *cents)
{
	const model *m = &im->r->m;
	const row_cell *c = &im->cells[col];
	*has = false;
	if (cell_blank(c))
		return true;
	const char *why = NULL;
	int64_t v = 0;
	if (c->type == XLSXR_NUMBER) {
		switch (xlsxr_number_cents(c->text, c->len, &v)) {
		case XLSXR_NUM_OK: break;
		case XLSXR_NUM_SYNTAX: why = "not a number"; break;
		case XLSXR_NUM_FRACTION: why = "not a whole number of euros"; break;
		case XLSXR_NUM_RANGE: why = money_err_str(MONEY_OVERFLOW); break;
		}
	} else if (c->type == XLSXR_STRING) {
		money_err e = money_parse(c->text, c->len, m->notation, &v);
		if (e == MONEY_EMPTY)
			return true; /* spaces only */
		if (e != MONEY_OK && money_parse(c->text, c->len, MONEY_NOTATION_C, &v) == MONEY_OK)
			e = MONEY_OK;
		if (e != MONEY_OK)
			why = e == MONEY_DECIMALS ? "not a whole number of euros" : money_err_str(e);
	} else {
		why = "not a number";
	}
	if (!why && v % 100 != 0)
		why = "not a whole number of euros";
	if (why) {
		diag_error(&im->r->d, at(im, (uint32_t)im->row, col), 0, 0, "bad amount %s in %s: %s",
			   cell_shown(c), text_quotez(im->lay->head[im->lang][col]), why);
		return false;
	}
	*has = true;
	*cents = v;
	return true;
}

/* ---- one register row ---- */

static void row_locked(importer *im, int32_t mi)
{
	const model *m = &im->r->m;
	const layout *l = im->lay;
	const measure *ms = &m->measures[mi];
	check_text(im, C_UNIT, m->units[ms->unit].code);
	check_text(im, C_NAME, m->units[ms->unit].name);
	check_text(im, C_TITLE, ms->title);
	char pillar[8];
	snprintf(pillar, sizeof pillar, "%d", ms->pillar);
	check_number(im, C_PILLAR, (int64_t)ms->pillar * 100, pillar);
	check_text(im, C_CAT, m->cats[ms->category].code);
	check_text(im, C_NATURE, measure_nature_word((measure_nature)ms->nature));
	const row_cell *st = &im->cells[C_STATUS];
	int have = cell_blank(st) ? -1 : measure_status_parse(st->text, st->len);
	if (have < 0 || !(im->status_ok[mi] & (1u << have)))
		locked_mismatch(im, C_STATUS, st,
				text_quotez(measure_status_word((measure_status)ms->status)));
	check_number(im, C_FTE, ms->fte_centi, NULL);
	for (int y = 0; y < l->ny; y++)
		check_number(im, C_Y0 + y, ms->amounts[y], NULL);
	/* The extra columns: this measure's file's values, every other column empty. */
	for (int c = l->c_extra; c < l->c_origin; c++) {
		const char *want = "";
		if (ms->file >= 0 && ms->extra) {
			const measure_file *mf = &m->mfiles[ms->file];
			for (size_t e = 0; e < mf->nextra; e++)
				if (l->extra_col[l->extra_off[ms->file] + e] == c)
					want = ms->extra[e] ? ms->extra[e] : "";
		}
		check_text(im, c, want);
	}
	check_text(im, l->c_origin, "");
}

static void describe(char *buf, size_t cap, size_t *o, const char *what, const char *here,
		     const char *there)
{
	if (*o < cap)
		*o += (size_t)snprintf(buf + *o, cap - *o, "%s%s %s here, %s there", *o ? "; " : "",
				       what, here, there);
}

static const char *amount_or_none(char buf[MONEY_BUF], bool has, int64_t cents)
{
	return has ? money_format(buf, cents, 0) : "empty";
}

/* The same measure from another workbook: it must say the same. */
static void merge(importer *im, const entry *e)
{
	int32_t k = im->first[e->measure];
	if (k < 0) {
		VEC_GROW(im->entries, im->nentries, im->entries_cap);
		im->first[e->measure] = (int32_t)im->nentries;
		im->entries[im->nentries++] = *e;
		return;
	}
	const entry *p = &im->entries[k];
	char msg[1024], a[MONEY_BUF], b[MONEY_BUF];
	size_t o = 0;
	msg[0] = '\0';
	if (e->has_realised != p->has_realised || e->realised_cents != p->realised_cents)
		describe(msg, sizeof msg, &o, "realised",
			 amount_or_none(a, e->has_realised, e->realised_cents),
			 amount_or_none(b, p->has_realised, p->realised_cents));
	if (e->has_forecast != p->has_forecast || e->forecast_cents != p->forecast_cents)
		describe(msg, sizeof msg, &o, "expected",
			 amount_or_none(a, e->has_forecast, e->forecast_cents),
			 amount_or_none(b, p->has_forecast, p->forecast_cents));
	if (e->status != p->status)
		describe(msg, sizeof msg, &o, "new status",
			 e->status < 0 ? "empty" : measure_status_word((measure_status)e->status),
			 p->status < 0 ? "empty" : measure_status_word((measure_status)p->status));
	if (strcmp(e->comment, p->comment) != 0)
		describe(msg, sizeof msg, &o, "comment", *e->comment ? text_quotez(e->comment) : "empty",
			 *p->comment ? text_quotez(p->comment) : "empty");
	if (o)
		diag_error(&im->r->d, at_entry(im, e), 0, 0,
			   "measure '%s' differs from %s: %s", im->r->m.measures[e->measure].id,
			   at_entry(im, p), msg);
}

static void row_data(importer *im)
{
	const model *m = &im->r->m;
	const layout *l = im->lay;
	diag *d = &im->r->d;
	uint32_t row = (uint32_t)im->row;
	bool blank = true;
	for (int c = 0; c < l->ncols; c++)
		blank = blank && cell_blank(&im->cells[c]);
	if (blank)
		return;
	const row_cell *id = &im->cells[C_ID];
	if (cell_blank(id)) {
		diag_error(d, at(im, row, C_ID), 0, 0, "a row without a measure id");
		return;
	}
	int32_t mi = model_measure(m, id->text);
	if (mi < 0) {
		const row_cell *origin = &im->cells[l->c_origin];
		if (!cell_blank(origin))
			diag_error(d, at(im, row, C_ID), 0, 0,
				   "measure %s was made by the scenario (%s), it is not in the model "
				   "version: import the workbooks of a scenario that leaves the model's "
				   "measures as they are",
				   text_quote(id->text, id->len), cell_shown(origin));
		else
			diag_error(d, at(im, row, C_ID), 0, 0, "unknown measure %s",
				   text_quote(id->text, id->len));
		return;
	}
	const measure *ms = &m->measures[mi];
	if (!model_is_ancestor(m, im->unit, ms->unit)) {
		diag_error(d, at(im, row, C_ID), 0, 0,
			   "measure '%s' of unit '%s' is not under unit '%s' of this workbook", ms->id,
			   m->units[ms->unit].code, m->units[im->unit].code);
		return;
	}
	if (im->seen_book[mi] == im->book + 1) {
		char ref[16];
		diag_error(d, at(im, row, C_ID), 0, 0,
			   "measure '%s' is given twice in this workbook (also at %s!%s)", ms->id,
			   im->seen_sheet[mi], xlsxr_cell_ref(ref, im->seen_row[mi], C_ID));
		return;
	}
	im->seen_book[mi] = im->book + 1;
	im->seen_row[mi] = row;
	im->seen_sheet[mi] = im->sheet;
	unsigned long before = d->errors;
	row_locked(im, mi);
	entry e = {.measure = mi, .book = im->book, .sheet = im->sheet, .row = row, .status = -1};
	const row_cell *st = &im->cells[l->c_in];
	if (!cell_blank(st)) {
		/* A status as the drop-down offers it; spaces around it and case are forgiven. */
		const char *s = st->text;
		size_t n = st->len;
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		e.status = st->type == XLSXR_STRING ? measure_status_parse(s, n) : -1;
		if (e.status < 0)
			diag_error(d, at(im, row, l->c_in), 0, 0,
				   "unknown status %s (expected idea, planned, decided or realised)",
				   cell_shown(st));
	}
	input_amount(im, l->c_in + 1, &e.has_realised, &e.realised_cents);
	for (int y = 0; y < l->ny; y++) {
		bool has;
		int64_t v;
		if (input_amount(im, l->c_in + 2 + y, &has, &v) && y == im->year_ix) {
			e.has_forecast = has;
			e.forecast_cents = v;
		}
	}
	/* The comment as typed, less the spaces around it (CSV would not keep them). */
	const row_cell *cm = &im->cells[l->c_in + 2 + l->ny];
	const char *s = cell_text(cm);
	size_t n = cm->present ? cm->len : 0;
	while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	e.comment = arena_strndup(&im->r->a, s, n);
	if (d->errors == before)
		merge(im, &e);
}

static void row_header(importer *im)
{
	const layout *l = im->lay;
	for (int c = 0; c < l->ncols; c++) {
		const row_cell *cell = &im->cells[c];
		const char *want = l->head[im->lang][c];
		if (strcmp(cell_text(cell), want) != 0) {
			diag_error(&im->r->d, at(im, HEAD_ROW, c), 0, 0,
				   "header %s where %s belongs: not the register of a unit workbook "
				   "of this model version",
				   cell_shown(cell), text_quotez(want));
			im->sheet_bad = true;
			return;
		}
	}
	im->header_ok = true;
}

/* The row collected in im->cells is complete. */
static void row_done(importer *im)
{
	if (im->row < 0 || im->sheet_bad)
		return;
	if ((uint32_t)im->row == HEAD_ROW) {
		row_header(im);
	} else if ((uint32_t)im->row > HEAD_ROW) {
		if (!im->header_ok) {
			diag_error(&im->r->d, at(im, HEAD_ROW, C_ID), 0, 0,
				   "no header row: not the register of a unit workbook");
			im->sheet_bad = true;
			return;
		}
		row_data(im);
	}
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
	if (c->row < HEAD_ROW)
		return true; /* the title and the note */
	if (c->uncalculated) {
		/* Its value is unknown: neither 0 nor the formula's text will do. */
		const char *head = c->col < (uint32_t)im->lay->ncols ? im->lay->head[im->lang][c->col]
								      : NULL;
		diag_error(&im->r->d, at(im, c->row, (int)c->col), 0, 0,
			   "a formula without a calculated value%s%s: the workbook was saved without "
			   "calculating it; open it in a spreadsheet program and save it again",
			   head ? " in " : "", head ? text_quotez(head) : "");
		return true;
	}
	if (c->col >= (uint32_t)im->lay->ncols) {
		if (c->len && !im->beyond_reported) {
			diag_error(&im->r->d, at(im, c->row, (int)c->col), 0, 0,
				   "edit outside the input cells: %s right of the register",
				   text_quote(c->text, c->len));
			im->beyond_reported = true;
		}
		return true;
	}
	row_cell *rc = &im->cells[c->col];
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

/* ---- one workbook ---- */

static void read_book(importer *im, const char *hash)
{
	const model *m = &im->r->m;
	diag *d = &im->r->d;
	xlsxr_book *b;
	if (xlsxr_open(im->path, &b, d) != FP_OK)
		return;
	const char *book_hash = xlsxr_property(b, "fitplan.model_hash");
	const char *unit_code = xlsxr_property(b, "fitplan.unit");
	if (!book_hash || !unit_code) {
		diag_error(d, im->path, 0, 0,
			   "not a unit workbook of fitplan: it has no property fitplan.%s",
			   !book_hash ? "model_hash" : "unit");
		goto out;
	}
	if (strcmp(book_hash, hash) != 0) {
		const char *name = xlsxr_property(b, "fitplan.model");
		diag_error(d, im->path, 0, 0,
			   "the workbook is of another model version (%s, model hash %s), not of "
			   "%s (%s, model hash %s): import takes the workbooks of a run of this "
			   "version",
			   name ? text_quotez(name) : "unnamed", text_quote(book_hash, strnlen(book_hash, 12)),
			   m->dir, text_quotez(m->name), text_quote(hash, 12));
		goto out;
	}
	im->unit = model_unit(m, unit_code);
	if (im->unit < 0) {
		diag_error(d, im->path, 0, 0, "unknown unit %s (property fitplan.unit)",
			   text_quotez(unit_code));
		goto out;
	}
	im->lang = -1;
	for (int lang = 0; lang < NLANG && im->lang < 0; lang++)
		if (xlsxr_sheet_find(b, sheet_word[lang]) >= 0)
			im->lang = lang;
	if (im->lang < 0) {
		diag_error(d, im->path, 0, 0,
			   "not a unit workbook of fitplan: it has no sheet '%s' or '%s'",
			   sheet_word[0], sheet_word[1]);
		goto out;
	}
	/* The register, continued on "Maatregelen (2)", "(3)", ... when it is long. */
	bool complete = true;
	for (int k = 1;; k++) {
		char name[64], ref[80];
		if (k == 1)
			snprintf(name, sizeof name, "%s", sheet_word[im->lang]);
		else
			snprintf(name, sizeof name, "%s (%d)", sheet_word[im->lang], k);
		long s = xlsxr_sheet_find(b, name);
		if (s < 0)
			break;
		im->sheet = arena_strdup(&im->r->a, xlsxr_sheet_ref(ref, sizeof ref, name));
		im->row = -1;
		im->header_ok = im->sheet_bad = im->beyond_reported = false;
		fp_status st = xlsxr_read_sheet(b, (size_t)s, on_cell, im, d);
		if (st == FP_OK)
			row_done(im);
		if (st != FP_OK || im->sheet_bad || !im->header_ok)
			complete = false;
		if (st == FP_OK && !im->header_ok && !im->sheet_bad)
			diag_error(d, at(im, HEAD_ROW, C_ID), 0, 0,
				   "no header row: not the register of a unit workbook");
	}
	/* A returned workbook states every measure of its unit. */
	if (complete)
		for (size_t i = 0; i < m->nmeasures; i++)
			if (model_is_ancestor(m, im->unit, m->measures[i].unit) &&
			    im->seen_book[i] != im->book + 1)
				diag_error(d, arena_printf(&im->r->a, "%s:%s", im->path, sheet_word[im->lang]),
					   0, 0, "measure '%s' of unit '%s' is missing from the register",
					   m->measures[i].id, m->units[m->measures[i].unit].code);
out:
	xlsxr_free(b);
}

/* ---- the statuses a locked Status cell may show ---- */

typedef struct status_ctx {
	const model *m;
	uint8_t *ok;
	int col[2];
	diag *d;
} status_ctx;

static bool plan_status_row(void *vctx, const csv_record *rec)
{
	status_ctx *c = vctx;
	if (rec->index == 0) {
		static const char *const names[] = {"measure", "status"};
		static const bool req[] = {true, true};
		return csv_header_map(rec, names, req, 2, c->col, NULL, c->d);
	}
	const csv_field *id = &rec->fields[c->col[0]], *st = &rec->fields[c->col[1]];
	int32_t mi = strmap_get(&c->m->measure_ix, id->s, id->len);
	int s = measure_status_parse(st->s, st->len);
	if (mi >= 0 && s >= 0)
		c->ok[mi] |= (uint8_t)(1u << s);
	return true;
}

/* The measure's status now, in its measures file, and as any reported period set it: a
 * workbook handed out before the latest import shows one of these. */
static fp_status statuses_shown(run_ctx *r, uint8_t *ok)
{
	const model *m = &r->m;
	for (size_t i = 0; i < m->nmeasures; i++)
		ok[i] = (uint8_t)(1u << m->measures[i].status);
	if (!m->nactuals)
		return FP_OK; /* no period has changed a status */
	for (size_t i = 0; i < m->nactuals; i++)
		if (m->actuals[i].status >= 0)
			ok[m->actuals[i].measure] |= (uint8_t)(1u << m->actuals[i].status);
	fp_status st = FP_OK;
	for (size_t f = 0; f < m->nmfiles; f++) {
		status_ctx c = {.m = m, .ok = ok, .d = &r->d};
		st = status_worse(st, csv_read(m->mfiles[f].path, plan_status_row, &c, &r->d, NULL));
	}
	return st;
}

/* ---- writing ---- */

static void write_csv(FILE *f, const importer *im)
{
	const model *m = &im->r->m;
	char buf[MONEY_BUF];
	csvw_field(f, "measure", false);
	csvw_field(f, "realised_eur", false);
	csvw_field(f, "forecast_eur", false);
	csvw_field(f, "status", false);
	csvw_field(f, "comment", true);
	for (size_t i = 0; i < m->nmeasures; i++) {
		if (im->first[i] < 0)
			continue;
		const entry *e = &im->entries[im->first[i]];
		csvw_field(f, m->measures[i].id, false);
		if (e->has_realised)
			csvw_field(f, format_amount(buf, e->realised_cents, m->notation.decimal), false);
		else
			csvw_empty(f, false);
		if (e->has_forecast)
			csvw_field(f, format_amount(buf, e->forecast_cents, m->notation.decimal), false);
		else
			csvw_empty(f, false);
		csvw_field(f, e->status >= 0 ? measure_status_word((measure_status)e->status) : "",
			   false);
		csvw_text(f, e->comment, true); /* no formula for a spreadsheet to run */
	}
}

/* --force replaces only the period's own actuals file: a regular file at the target's name,
 * never a symbolic link (to a file kept elsewhere), a folder or anything else. FP_OK
 * when nothing is there; else reported, FP_ECANTCREAT. */
static fp_status replaceable_actuals(const char *target, diag *d)
{
	struct stat sb;
	if (lstat(target, &sb) != 0)
		return FP_OK;
	if (S_ISREG(sb.st_mode))
		return FP_OK;
	diag_report(d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0,
		    "not a file but %s; --force replaces only the period's own actuals file",
		    S_ISLNK(sb.st_mode) ? "a symbolic link" : S_ISDIR(sb.st_mode) ? "a folder"
									   : "a special file");
	return FP_ECANTCREAT;
}

/* Write the file beside its place and move it there: a reader sees the old file or the
 * new one, never half of one. Without replace, an existing file is left alone. */
static fp_status write_atomic(const importer *im, const char *folder, const char *target,
			      const char *period_name, bool replace, diag *d)
{
	if (mkdir_parents(folder) != 0) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, folder, 0, 0, "cannot create folder: %s",
			    strerror(errno));
		return FP_ECANTCREAT;
	}
	/* A dot name: actuals_load skips it should a crash leave it behind. */
	char *tmp = arena_printf(&im->r->a, "%s/.%s.csv.tmp-XXXXXX", folder, period_name);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, folder, 0, 0,
			    "cannot create a temporary file: %s", strerror(errno));
		return FP_ECANTCREAT;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		diag_report(d, DIAG_ERROR, FP_EIO, tmp, 0, 0, "cannot write: %s", strerror(errno));
		return FP_EIO;
	}
	write_csv(f, im);
	bool bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
	int err = errno;
	if (fclose(f) != 0 && !bad) {
		bad = true;
		err = errno;
	}
	if (bad) {
		unlink(tmp);
		diag_report(d, DIAG_ERROR, FP_EIO, target, 0, 0, "cannot write: %s", strerror(err));
		return FP_EIO;
	}
	int rc;
	if (replace && replaceable_actuals(target, d) != FP_OK) {
		unlink(tmp); /* judged again: the target may have changed while the books were read */
		return FP_ECANTCREAT;
	}
	if (replace) {
		rc = rename(tmp, target);
	} else {
		/* link() fails if the target appeared meanwhile, where rename() would replace it. */
		rc = link(tmp, target);
		if (rc != 0 && errno != EEXIST && !path_exists(target))
			rc = rename(tmp, target); /* a file system without hard links */
	}
	err = errno;
	unlink(tmp);
	if (rc != 0) {
		if (err == EEXIST)
			diag_report(d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0,
				    "the actuals of period %s exist already: --force replaces them",
				    period_name);
		else
			diag_report(d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0, "cannot create: %s",
				    strerror(err));
		return FP_ECANTCREAT;
	}
	int dfd = open(folder, O_RDONLY);
	if (dfd >= 0) {
		fsync(dfd); /* the rename itself survives a crash */
		close(dfd);
	}
	return FP_OK;
}

/* ---- the command ---- */

/* The period must be a plan year's and may not overlap another period of its year. */
static void check_period(run_ctx *r, const period *p, const char *folder)
{
	const model *m = &r->m;
	if (model_year_index(m, p->year) < 0) {
		diag_error(&r->d, NULL, 0, 0, "period %s is outside the plan years %d-%d", p->name,
			   m->base_year + 1, m->horizon_year);
		return;
	}
	for (size_t i = 0; i < m->nperiods; i++) {
		const period *q = &m->periods[i];
		if (q->year == p->year && strcmp(q->name, p->name) != 0 &&
		    p->first_month <= q->last_month && q->first_month <= p->last_month)
			diag_error(&r->d, NULL, 0, 0,
				   "period %s overlaps period %s (%s/%s.csv): realisations would "
				   "count twice",
				   p->name, q->name, folder, q->name);
	}
}

static const char *join(arena *a, const char *dir, const char *name)
{
	size_t n = strlen(dir);
	return arena_printf(a, n && dir[n - 1] == '/' ? "%s%s" : "%s/%s", dir, name);
}

fp_status cmd_import(int argc, char **argv)
{
	const command *self = command_find("import");
	static const struct option longopts[] = {
		{"budgets", required_argument, NULL, 'b'},
		{"period", required_argument, NULL, 'p'},
		{"force", no_argument, NULL, 'f'},
		{"dry-run", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *dir = "budgets", *period_arg = NULL;
	bool force = false, dry_run = false;
	int ch;
	optind = 1;
	while ((ch = opts_next(self, argc, argv, ":hfn", longopts)) != -1) {
		switch (ch) {
		case 'b': dir = optarg; break;
		case 'p': period_arg = optarg; break;
		case 'f': force = true; break;
		case 'n': dry_run = true; break;
		case 'h': return cmd_print_help(self);
		default: return FP_EUSAGE;
		}
	}
	if (optind >= argc)
		return cmd_usage_error(self, "no workbook given");
	if (!period_arg)
		return cmd_usage_error(self, "--period is required");
	period per;
	if (!period_parse(period_arg, &per))
		return cmd_usage_error(self, "bad --period '%s' (2023, 2023-Q1 or 2023-06)",
				       period_arg);
	char *const *files = argv + optind;
	int nfiles = argc - optind;

	run_ctx r;
	layout lay = {0};
	importer im = {0};
	fp_status st = run_ctx_load(&r, dir, true);
	if (st != FP_OK)
		goto out;
	const model *m = &r.m;
	const char *folder = join(&r.a, dir, "actuals");
	const char *target = arena_printf(&r.a, "%s/%s.csv", folder, per.name);
	check_period(&r, &per, folder);
	if (!dry_run) /* the copy of a model version in a run record (reports/.../inputs) */
		inrecord_refuse(target, &r.d);
	if (r.d.errors)
		goto done;
	if (!force && !dry_run && path_exists(target)) {
		diag_report(&r.d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0,
			    "the actuals of period %s exist already: --force replaces them", per.name);
		goto done;
	}
	if (force && !dry_run && replaceable_actuals(target, &r.d) != FP_OK)
		goto done;
	char hash[HASH_HEX];
	model_digest(m, false, hash); /* of the files as they were read */
	layout_init(&lay, m);
	im.r = &r;
	im.lay = &lay;
	im.files = files;
	im.year_ix = model_year_index(m, per.year);
	size_t nm = m->nmeasures ? m->nmeasures : 1;
	im.status_ok = xcalloc(nm, sizeof *im.status_ok);
	im.first = xmalloc(nm * sizeof *im.first);
	for (size_t i = 0; i < m->nmeasures; i++)
		im.first[i] = -1;
	im.seen_book = xcalloc(nm, sizeof *im.seen_book);
	im.seen_row = xcalloc(nm, sizeof *im.seen_row);
	im.seen_sheet = xcalloc(nm, sizeof *im.seen_sheet);
	im.cells = xcalloc((size_t)lay.ncols, sizeof *im.cells);
	if (statuses_shown(&r, im.status_ok) != FP_OK)
		goto done;
	for (int i = 0; i < nfiles; i++) {
		im.book = (uint32_t)i;
		im.path = files[i];
		read_book(&im, hash);
	}
	if (r.d.errors)
		goto done;
	if (dry_run) {
		write_csv(stdout, &im);
	} else if (write_atomic(&im, folder, target, per.name, force, &r.d) == FP_OK) {
		size_t n = 0, statuses = 0, realised = 0;
		for (size_t i = 0; i < m->nmeasures; i++)
			if (im.first[i] >= 0) {
				const entry *e = &im.entries[im.first[i]];
				n++;
				statuses += e->status >= 0;
				realised += e->has_realised;
			}
		printf("wrote %s: %zu measures from %d workbook%s (%zu with a new status, %zu with "
		       "a realised amount)\n",
		       target, n, nfiles, nfiles == 1 ? "" : "s", statuses, realised);
	}
done:
	diag_finish(&r.d);
	st = status_worse(st, r.d.status);
out:
	for (int c = 0; im.cells && c < lay.ncols; c++)
		free(im.cells[c].text);
	free(im.cells);
	free(im.status_ok);
	free(im.first);
	free(im.seen_book);
	free(im.seen_row);
	free(im.seen_sheet);
	free(im.entries);
	layout_release(&lay);
	run_ctx_release(&r);
	return cmd_finish_output(st);
}
