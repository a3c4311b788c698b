/* workbook: one returned workbook, read through io/xlsxread: its identity (the hidden sheet
 * fitplan, or its custom properties when a program dropped that) must name a hand-out of a
 * unit of this model version whose measures are as the workbook was made with them (by their
 * fingerprints), and its head's sheets (model/register.h,
 * register_update) are streamed cell by cell into rows for row.c; the full register beside
 * them is read-only and not read. The head's sheet must state every measure of its unit:
 * rows cannot be deleted from a returned workbook. */
#include "importer.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include "../model/actuals.h"
#include "../model/names.h"
#include <stdlib.h>
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

/* ---- the identity: the sheet fitplan, or the custom properties ---- */

typedef struct id_reader {
	arena *a;
	diag *d;
	const char *path;
	returns_identity *id;
	int64_t row;            /* the row collected in cells, -1 for none */
	const char *cells[REGISTER_FP_NCOLS];
	bool table;             /* past the header row of the fingerprints */
	size_t cap;
	bool bad;
} id_reader;

static const char *sheet_at(arena *a, const char *path, uint32_t row, uint32_t col)
{
	char ref[16];
	return arena_printf(a, "%s:%s!%s", path, REGISTER_ID_SHEET, xlsxr_cell_ref(ref, row, col));
}

static const char *id_at(id_reader *r, uint32_t row, uint32_t col)
{
	return sheet_at(r->a, r->path, row, col);
}

const char *returns_id_at(const returns_identity *id, arena *a, register_id_key k)
{
	if (!id->from_sheet || !id->key_row[k])
		return id->path;
	return sheet_at(a, id->path, id->key_row[k] - 1, 1);
}

static bool is_fp(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n == REGISTER_FP_HEX - 1 && strspn(s, "0123456789abcdef") == n;
}

static void id_row_done(id_reader *r)
{
	if (r->row < REGISTER_ID_FIRST_ROW || r->bad)
		return;
	const char *key = r->cells[0];
	uint32_t row = (uint32_t)r->row;
	if (!key)
		return;
	if (!r->table) {
		if (strcmp(key, REGISTER_ID_TABLE_HEAD) == 0) {
			r->table = true;
			return;
		}
		for (int k = 0; k < REGISTER_NKEYS; k++)
			if (strcmp(key, register_id_key_word((register_id_key)k)) == 0) {
				if (r->id->values[k]) {
					diag_error(r->d, id_at(r, row, 0), 0, 0,
						   "the key %s is given twice: a damaged identity "
						   "sheet",
						   text_quotez(key));
					r->bad = true;
				}
				r->id->values[k] = r->cells[1] ? r->cells[1] : "";
				r->id->key_row[k] = row + 1;
			}
		return; /* a key of a later format is no concern of this one */
	}
	returns_fp f = {.id = key, .row = row};
	for (int c = REGISTER_FP_ID + 1; c < REGISTER_FP_NCOLS; c++) {
		if (!is_fp(r->cells[c])) {
			diag_error(r->d, id_at(r, row, (uint32_t)c), 0, 0,
				   "not a fingerprint: %s (a damaged identity sheet)",
				   r->cells[c] ? text_quotez(r->cells[c]) : "empty");
			r->bad = true;
			return;
		}
		memcpy(f.fp[c], r->cells[c], REGISTER_FP_HEX);
	}
	VEC_GROW(r->id->fps, r->id->nfps, r->cap);
	r->id->fps[r->id->nfps++] = f;
}

static bool on_id_cell(void *ctx, const xlsxr_cell *c)
{
	id_reader *r = ctx;
	if ((int64_t)c->row != r->row) {
		id_row_done(r);
		if (r->bad)
			return false;
		memset(r->cells, 0, sizeof r->cells);
		r->row = c->row;
	}
	if (c->col < REGISTER_FP_NCOLS)
		r->cells[c->col] = arena_strndup(r->a, c->text, c->len);
	return true;
}

static int cmp_fp(const void *x, const void *y)
{
	return strcmp(((const returns_fp *)x)->id, ((const returns_fp *)y)->id);
}

const returns_fp *returns_fp_find(const returns_identity *id, const char *mid)
{
	returns_fp key = {.id = mid};
	return id->nfps ? bsearch(&key, id->fps, id->nfps, sizeof *id->fps, cmp_fp) : NULL;
}

/* The identity sheet into id; false (reported) when it is damaged. */
static bool read_id_sheet(xlsxr_book *b, size_t sheet, arena *a, diag *d,
			  returns_identity *id)
{
	id_reader r = {.a = a, .d = d, .path = id->path, .id = id, .row = -1};
	fp_status st = xlsxr_read_sheet(b, sheet, on_id_cell, &r, d);
	if (st == FP_OK)
		id_row_done(&r);
	/* The fingerprints move to the arena, sorted, so that a row finds its measure's. */
	returns_fp *fps = arena_zalloc(a, id->nfps ? id->nfps : 1, sizeof *fps);
	if (id->nfps)
		memcpy(fps, id->fps, id->nfps * sizeof *fps);
	free(id->fps);
	id->fps = fps;
	if (st != FP_OK || r.bad)
		return false;
	qsort(id->fps, id->nfps, sizeof *id->fps, cmp_fp);
	for (size_t i = 1; i < id->nfps; i++)
		if (strcmp(id->fps[i - 1].id, id->fps[i].id) == 0) {
			const returns_fp *x = &id->fps[i - 1], *y = &id->fps[i];
			char ref[16];
			diag_error(d, sheet_at(a, id->path, x->row > y->row ? x->row : y->row, 0), 0,
				   0, "measure %s is given twice (also at %s): a damaged identity sheet",
				   text_quotez(y->id),
				   xlsxr_cell_ref(ref, x->row < y->row ? x->row : y->row, 0));
			return false;
		}
	const char *format = id->values[REGISTER_KEY_FORMAT];
	if (!format || strcmp(format, REGISTER_ID_FORMAT) != 0) {
		diag_error(d, returns_id_at(id, a, REGISTER_KEY_FORMAT), 0, 0,
			   "the sheet %s is of format %s, which this fitplan does not read (format "
			   "%s)",
			   REGISTER_ID_SHEET, format ? text_quotez(format) : "(none)",
			   REGISTER_ID_FORMAT);
		return false;
	}
	return true;
}

bool returns_read_identity(const char *path, arena *a, diag *d, returns_identity *id)
{
	static const char *const props[REGISTER_NKEYS] = {
		[REGISTER_KEY_MODEL] = "fitplan.model",
		[REGISTER_KEY_MODEL_HASH] = "fitplan.model_hash",
		[REGISTER_KEY_UNIT] = "fitplan.unit",
		[REGISTER_KEY_SCENARIO] = "fitplan.scenario",
		[REGISTER_KEY_PERIOD] = "fitplan.period",
	};
	memset(id, 0, sizeof *id);
	id->path = path;
	xlsxr_book *b;
	if (xlsxr_open(path, &b, d) != FP_OK)
		return false;
	bool ok = true;
	long s = xlsxr_sheet_find(b, REGISTER_ID_SHEET);
	if (s >= 0) {
		/* The cells every spreadsheet program keeps come first. */
		id->from_sheet = true;
		ok = read_id_sheet(b, (size_t)s, a, d, id);
		const char *h = id->values[REGISTER_KEY_HANDOUT];
		id->handout = h && strcmp(h, "yes") == 0;
	} else {
		/* A workbook that lost its identity sheet: the custom properties, without
		 * fingerprints; a hand-out has a period. */
		for (int k = 0; k < REGISTER_NKEYS; k++) {
			const char *v = props[k] ? xlsxr_property(b, props[k]) : NULL;
			id->values[k] = v ? arena_strndup(a, v, strlen(v)) : NULL;
		}
		const char *per = id->values[REGISTER_KEY_PERIOD];
		id->handout = per && *per;
	}
	const char *missing = NULL;
	register_id_key mk = REGISTER_KEY_MODEL_HASH;
	if (ok && (!id->values[REGISTER_KEY_MODEL_HASH] || !*id->values[REGISTER_KEY_MODEL_HASH]))
		missing = "model_hash";
	else if (ok && (!id->values[REGISTER_KEY_UNIT] || !*id->values[REGISTER_KEY_UNIT]))
		missing = "unit", mk = REGISTER_KEY_UNIT;
	if (missing) {
		if (id->from_sheet)
			diag_error(d, returns_id_at(id, a, mk), 0, 0,
				   "the sheet %s has no %s: a damaged identity sheet", REGISTER_ID_SHEET,
				   missing);
		else
			diag_error(d, path, 0, 0,
				   "not a unit workbook of fitplan: it has no sheet %s and no "
				   "property fitplan.%s",
				   REGISTER_ID_SHEET, missing);
		ok = false;
	}
	if (ok && !id->handout) {
		/* Nothing the head did is wrong: the run handed nothing out. */
		diag_error(d, path, 0, 0,
			   "a read-only view, not a hand-out: its run had no --period, so it asks "
			   "nothing of the head; hand out a base run (fitplan run scenarios/base.lua "
			   "--period P) and import the workbooks of that run");
		ok = false;
	}
	if (ok && id->handout) {
		period p;
		const char *per = id->values[REGISTER_KEY_PERIOD];
		if (!per || !period_parse(per, &p)) {
			diag_error(d, returns_id_at(id, a, REGISTER_KEY_PERIOD), 0, 0,
				   "a hand-out without a period (%s): a damaged identity sheet",
				   per ? text_quotez(per) : "none");
			ok = false;
		}
	}
	xlsxr_free(b);
	return ok;
}

/* ---- the workbook against the model version ---- */

/* The fields of fingerprints a and b that differ, as "title and plan", into buf; "" when
 * none does. The status is the model's when it is one the measure may show (statuses_shown:
 * a workbook handed out before the latest import shows an earlier one). */
static const char *changed_fields(importer *im, int32_t mi, const returns_fp *was,
				  char now[REGISTER_FP_NCOLS][REGISTER_FP_HEX], char *buf,
				  size_t cap)
{
	const char *diff[REGISTER_FP_NCOLS];
	int n = 0;
	for (int c = REGISTER_FP_UNIT; c < REGISTER_FP_ALL; c++) {
		bool same = strcmp(was->fp[c], now[c]) == 0;
		if (c == REGISTER_FP_STATUS && !same)
			for (int st = 0; st < STATUS_COUNT && !same; st++) {
				char f[REGISTER_FP_HEX];
				register_fp(REGISTER_FP_STATUS,
					    measure_status_word((measure_status)st), f);
				same = (im->status_ok[mi] & (1u << st)) &&
				       strcmp(f, was->fp[c]) == 0;
			}
		/* The plan of later years only when the reporting year's is the same. */
		if (c == REGISTER_FP_YEARS && n && diff[n - 1] == register_fp_head(REGISTER_FP_PLAN))
			same = true;
		if (!same)
			diff[n++] = c == REGISTER_FP_YEARS ? "plan to date or plan of a later year"
							   : register_fp_head((register_fp_col)c);
	}
	size_t o = 0;
	buf[0] = '\0';
	for (int k = 0; k < n && o < cap; k++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%s",
				      k == 0 ? "" : k == n - 1 ? " and " : ", ", diff[k]);
	return buf;
}

/* A workbook made with its identity sheet: every measure it was made with must be as it
 * was in the model version (whatever the model hash: another measure may have changed),
 * and no measure may have come to its unit since. False (each reported) when not.
 * same_version: the sheet's model hash is this model version's. Then nothing the
 * fingerprints cover can have changed (the hash covers every model file; only a status
 * an import set lies outside it, and that one is allowed), so a difference is the
 * sheet's own: it is reported at its cell as a damaged identity sheet, never as a change
 * of the model version for which the controller would hand the unit out again. */
static bool unchanged_since(importer *im, bool same_version)
{
	const model *m = im->m;
	const returns_identity *id = im->id;
	const char *ucode = m->units[im->unit].code;
	char ref[16];
	const char *hash_at = id->key_row[REGISTER_KEY_MODEL_HASH]
				      ? arena_printf(im->a, "%s!%s", REGISTER_ID_SHEET,
						     xlsxr_cell_ref(ref, id->key_row[REGISTER_KEY_MODEL_HASH] - 1, 1))
				      : REGISTER_ID_SHEET;
	bool ok = true;
	for (size_t i = 0; i < id->nfps; i++) {
		const returns_fp *was = &id->fps[i];
		int32_t mi = model_measure(m, was->id);
		const char *at = arena_printf(im->a, "%s:%s!%s", im->path, REGISTER_ID_SHEET,
					      xlsxr_cell_ref(ref, was->row, REGISTER_FP_ID));
		if (mi < 0) {
			if (same_version)
				diag_error(im->d, at, 0, 0,
					   "measure %s is not in this model version, though the "
					   "workbook names this version's model hash (%s): a damaged "
					   "identity sheet",
					   text_quotez(was->id), hash_at);
			else
				diag_error(im->d, im->path, 0, 0,
					   "measure %s was removed from the model version after the "
					   "workbook was made: hand out unit '%s' again",
					   text_quotez(was->id), ucode);
			ok = false;
			continue;
		}
		const measure *ms = &m->measures[mi];
		char now[REGISTER_FP_NCOLS][REGISTER_FP_HEX], what[160];
		register_fp_measure(im->lay, ms, m->units[ms->unit].code, now);
		if (strcmp(now[REGISTER_FP_UNIT], was->fp[REGISTER_FP_UNIT]) == 0 &&
		    !model_is_ancestor(m, im->unit, ms->unit)) {
			/* Its measures were made for another unit than the sheet names. */
			diag_error(im->d, returns_id_at(id, im->a, REGISTER_KEY_UNIT), 0, 0,
				   "the sheet %s names unit '%s', but the workbook was made with "
				   "measure '%s' of unit '%s', not under it: a damaged identity sheet",
				   REGISTER_ID_SHEET, ucode, ms->id, m->units[ms->unit].code);
			return false;
		}
		if (*changed_fields(im, mi, was, now, what, sizeof what)) {
			if (same_version)
				diag_error(im->d, at, 0, 0,
					   "%s: the fingerprint of its %s does not match this model "
					   "version, though the workbook names this version's model hash "
					   "(%s): a damaged identity sheet (its period or fingerprints "
					   "were changed)",
					   ms->id, what, hash_at);
			else
				diag_error(im->d, im->path, 0, 0,
					   "%s: %s changed since the workbook was made: hand out unit "
					   "'%s' again",
					   ms->id, what, ucode);
			ok = false;
		}
	}
	for (size_t i = 0; i < m->nmeasures; i++)
		if (model_is_ancestor(m, im->unit, m->measures[i].unit) &&
		    !returns_fp_find(id, m->measures[i].id)) {
			if (same_version)
				diag_error(im->d, returns_id_at(id, im->a, REGISTER_KEY_UNIT), 0, 0,
					   "measure '%s' of unit '%s' is under unit '%s' but has no "
					   "fingerprints on the sheet %s, though the workbook names this "
					   "version's model hash (%s): a damaged identity sheet",
					   m->measures[i].id, m->units[m->measures[i].unit].code, ucode,
					   REGISTER_ID_SHEET, hash_at);
			else
				diag_error(im->d, im->path, 0, 0,
					   "measure '%s' of unit '%s' was added after the workbook was "
					   "made: hand out unit '%s' again",
					   m->measures[i].id, m->units[m->measures[i].unit].code, ucode);
			ok = false;
		}
	return ok;
}

/* The workbook is of a unit of this model version and, by its fingerprints (or, without
 * them, by its model hash), of what the model version says now. False (reported) when not;
 * else im->unit is set. */
static bool book_of_model(importer *im, const char *model_hash)
{
	const model *m = im->m;
	const returns_identity *id = im->id;
	const char *book_hash = id->values[REGISTER_KEY_MODEL_HASH];
	const char *unit_code = id->values[REGISTER_KEY_UNIT];
	im->unit = model_unit(m, unit_code);
	if (im->unit < 0) {
		const char *at = returns_id_at(id, im->a, REGISTER_KEY_UNIT);
		diag_error(im->d, at, 0, 0, "unknown unit %s (%s)", text_quotez(unit_code),
			   id->from_sheet ? "the sheet " REGISTER_ID_SHEET : "property fitplan.unit");
		names_note(im->d, m, NAMES_UNIT, unit_code, strlen(unit_code), at, 0, 0);
		return false;
	}
	if (id->from_sheet)
		return unchanged_since(im, strcmp(book_hash, model_hash) == 0);
	if (strcmp(book_hash, model_hash) != 0) {
		const char *name = id->values[REGISTER_KEY_MODEL];
		diag_error(im->d, im->path, 0, 0,
			   "the workbook is of another model version (%s, model hash %s), not of "
			   "%s (%s, model hash %s), and it has lost its sheet %s, whose "
			   "fingerprints would show whether its measures are still the same: "
			   "import takes such a workbook of a run of this version only",
			   name ? text_quotez(name) : "unnamed", text_quote(book_hash, strnlen(book_hash, 12)),
			   m->dir, text_quotez(m->name), text_quote(model_hash, 12),
			   REGISTER_ID_SHEET);
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
	if (!book_of_model(im, model_hash))
		return;
	xlsxr_book *b;
	if (xlsxr_open(im->path, &b, im->d) != FP_OK)
		return;
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
