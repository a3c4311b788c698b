/* returns: see returns.h. The import reads every workbook whole (workbook.c, row.c),
 * merging the rows of the same measure from different workbooks, and hands on the period's
 * actuals only when no workbook had anything wrong: the caller writes all or nothing. */
#include "returns.h"
#include "importer.h"
#include "../core/xalloc.h"
#include "../io/csvread.h"
#include "../io/text.h"
#include <stdio.h>
#include <string.h>

void returns_check_period(const model *m, const period *p, const char *actuals_dir, diag *d)
{
	if (model_year_index(m, p->year) < 0) {
		diag_error(d, NULL, 0, 0, "period %s is outside the plan years %d-%d", p->name,
			   m->base_year + 1, m->horizon_year);
		return;
	}
	for (size_t i = 0; i < m->nperiods; i++) {
		const period *q = &m->periods[i];
		if (q->year == p->year && strcmp(q->name, p->name) != 0 &&
		    p->first_month <= q->last_month && q->first_month <= p->last_month)
			diag_error(d, NULL, 0, 0,
				   "period %s overlaps period %s (%s/%s.csv): realisations would "
				   "count twice",
				   p->name, q->name, actuals_dir, q->name);
	}
}

/* ---- the same measure in two workbooks ---- */

static const char *at_entry(importer *im, const returns_entry *e)
{
	char ref[16];
	return arena_printf(im->a, "%s:%s!%s", im->files[e->book], e->sheet,
			    xlsxr_cell_ref(ref, e->row, UPDATE_ID));
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

static const char *status_or_none(int status)
{
	return status < 0 ? "empty" : measure_status_word((measure_status)status);
}

/* A macro: the quote lives in the caller's block (text_quote). */
#define comment_or_none(comment) (*(comment) ? text_quotez(comment) : "empty")

void returns_merge(importer *im, const returns_entry *e)
{
	int32_t k = im->first[e->measure];
	if (k < 0) {
		VEC_GROW(im->entries, im->nentries, im->entries_cap);
		im->first[e->measure] = (int32_t)im->nentries;
		im->entries[im->nentries++] = *e;
		return;
	}
	const returns_entry *p = &im->entries[k];
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
		describe(msg, sizeof msg, &o, "new status", status_or_none(e->status),
			 status_or_none(p->status));
	if (strcmp(e->comment, p->comment) != 0)
		describe(msg, sizeof msg, &o, "comment", comment_or_none(e->comment),
			 comment_or_none(p->comment));
	if (o)
		diag_error(im->d, at_entry(im, e), 0, 0, "measure '%s' differs from %s: %s",
			   im->m->measures[e->measure].id, at_entry(im, p), msg);
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
	int32_t mi = strmap_sharded_get(&c->m->measure_ix, id->s, id->len);
	int s = measure_status_parse(st->s, st->len);
	if (mi >= 0 && s >= 0)
		c->ok[mi] |= (uint8_t)(1u << s);
	return true;
}

/* The measure's status now, in its measures file, and as any reported period set it: a
 * workbook handed out before the latest import shows one of these. */
static fp_status statuses_shown(const model *m, uint8_t *ok, diag *d)
{
	for (size_t i = 0; i < m->nmeasures; i++)
		ok[i] = (uint8_t)(1u << m->measures[i].status);
	if (!m->nactuals)
		return FP_OK; /* no period has changed a status */
	for (size_t i = 0; i < m->nactuals; i++)
		if (m->actuals[i].status >= 0)
			ok[m->actuals[i].measure] |= (uint8_t)(1u << m->actuals[i].status);
	fp_status st = FP_OK;
	for (size_t f = 0; f < m->nmfiles; f++) {
		status_ctx c = {.m = m, .ok = ok, .d = d};
		st = status_worse(st, csv_read(m->mfiles[f].path, plan_status_row, &c, d, NULL));
	}
	return st;
}

/* ---- the import ---- */

static void importer_init(importer *im, const model *m, const register_update *lay,
			  char *const *files, arena *a, diag *d)
{
	memset(im, 0, sizeof *im);
	im->m = m;
	im->a = a;
	im->d = d;
	im->lay = lay;
	im->files = files;
	size_t nm = m->nmeasures ? m->nmeasures : 1;
	im->status_ok = xcalloc(nm, sizeof *im->status_ok);
	im->first = xmalloc(nm * sizeof *im->first);
	for (size_t i = 0; i < m->nmeasures; i++)
		im->first[i] = -1;
	im->seen_book = xcalloc(nm, sizeof *im->seen_book);
	im->seen_row = xcalloc(nm, sizeof *im->seen_row);
	im->seen_sheet = xcalloc(nm, sizeof *im->seen_sheet);
	im->cells = xcalloc((size_t)lay->ncols, sizeof *im->cells);
}

static void importer_release(importer *im)
{
	for (int c = 0; im->cells && c < im->lay->ncols; c++)
		free(im->cells[c].text);
	free(im->cells);
	free(im->status_ok);
	free(im->first);
	free(im->seen_book);
	free(im->seen_row);
	free(im->seen_sheet);
	free(im->entries);
}

/* The entries of im, one per measure, in the model's order, as actual rows in a. */
static actual_row *actual_rows(const importer *im, size_t *n)
{
	actual_row *rows = arena_zalloc(im->a, im->nentries ? im->nentries : 1, sizeof *rows);
	*n = 0;
	for (size_t i = 0; i < im->m->nmeasures; i++) {
		if (im->first[i] < 0)
			continue;
		const returns_entry *e = &im->entries[im->first[i]];
		rows[(*n)++] = (actual_row){
			.measure = (int32_t)i,
			.period = -1,
			.has_realised = e->has_realised,
			.has_forecast = e->has_forecast,
			.realised_cents = e->realised_cents,
			.forecast_cents = e->forecast_cents,
			.status = e->status,
			.comment = e->comment,
		};
	}
	return rows;
}

fp_status returns_identify(char *const *files, size_t nfiles, arena *a, diag *d,
			   returns_books *out)
{
	out->ids = arena_zalloc(a, nfiles ? nfiles : 1, sizeof *out->ids);
	out->n = nfiles;
	out->period = NULL;
	const char *first = NULL;
	for (size_t i = 0; i < nfiles; i++) {
		returns_identity *id = &out->ids[i];
		if (!returns_read_identity(files[i], a, d, id))
			continue;
		const char *per = id->values[REGISTER_KEY_PERIOD];
		if (!out->period) {
			out->period = per;
			first = files[i];
		} else if (strcmp(per, out->period) != 0) {
			diag_error(d, files[i], 0, 0,
				   "a hand-out of period %s, where %s is of period %s: import the "
				   "returns of one period at a time",
				   per, first, out->period);
		}
	}
	return d->errors ? (d->status != FP_OK ? d->status : FP_EDATA) : FP_OK;
}

fp_status returns_import(const model *m, const char *model_hash, const period *p,
			 const returns_books *books, arena *a, diag *d, actual_row **rows,
			 size_t *nrows)
{
	*rows = NULL;
	*nrows = 0;
	size_t nfiles = books->n;
	const char **files = arena_zalloc(a, nfiles ? nfiles : 1, sizeof *files);
	for (size_t i = 0; i < nfiles; i++)
		files[i] = books->ids[i].path;
	/* The head's sheet of the hand-out of p: p's year is its reporting year. */
	register_update lay;
	register_update_init_period(&lay, m, p->name);
	importer im;
	importer_init(&im, m, &lay, (char *const *)files, a, d);
	im.year_ix = model_year_index(m, p->year);
	fp_status st = statuses_shown(m, im.status_ok, d);
	if (st != FP_OK)
		goto out;
	for (size_t i = 0; i < nfiles; i++) {
		im.book = (uint32_t)i;
		im.path = files[i];
		im.id = &books->ids[i];
		returns_read_book(&im, model_hash);
	}
	if (d->errors) {
		st = d->status != FP_OK ? d->status : FP_EDATA;
		goto out;
	}
	*rows = actual_rows(&im, nrows);
out:
	importer_release(&im);
	register_update_release(&lay);
	return st;
}
