/* actuals: the realisation reported through the year, actuals/<period>.csv in the model
 * version: measure,realised_eur,forecast_eur,status,comment. The file name is the period
 * (2023, 2023-Q1 or 2023-06) within the plan years; periods of one year may not overlap, so
 * realisations add up. A status given there overrides the plan's from that period on: the
 * latest one is applied to the model's measures after loading. */
#include "actuals.h"
#include "names.h"
#include "loader.h"
#include "../core/xalloc.h"
#include "../io/csvread.h"
#include "../io/text.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool period_parse(const char *s, period *p)
{
	int y, n = 0, q, mo;
	size_t len = strlen(s);
	memset(p, 0, sizeof *p);
	if (len == 4 && sscanf(s, "%4d%n", &y, &n) == 1 && n == 4) {
		*p = (period){s, y, 1, 12};
	} else if (len == 7 && s[4] == '-' && s[5] == 'Q' && sscanf(s, "%4d-Q%1d%n", &y, &q, &n) == 2 &&
		   n == 7 && q >= 1 && q <= 4) {
		*p = (period){s, y, 3 * q - 2, 3 * q};
	} else if (len == 7 && s[4] == '-' && sscanf(s, "%4d-%2d%n", &y, &mo, &n) == 2 && n == 7 &&
		   s[5] >= '0' && s[5] <= '9' && mo >= 1 && mo <= 12) {
		*p = (period){s, y, mo, mo};
	} else {
		return false;
	}
	return strspn(s, "0123456789") >= 4;
}

static int cmp_period(const void *a, const void *b)
{
	const period *x = a, *y = b;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->last_month != y->last_month)
		return x->last_month < y->last_month ? -1 : 1;
	if (x->first_month != y->first_month)
		return x->first_month < y->first_month ? -1 : 1;
	return strcmp(x->name, y->name);
}

typedef struct actuals_ctx {
	model *m;
	diag *d;
	const char *path;
	uint32_t file;
	int32_t period;
	int col[5];
	size_t *cap;
	strmap seen; /* measure ids of this file */
	char **keys;
	size_t nkeys;
} actuals_ctx;

static bool actuals_row(void *vctx, const csv_record *rec)
{
	actuals_ctx *c = vctx;
	model *m = c->m;
	if (rec->index == 0) {
		static const char *const names[] = {"measure", "realised_eur", "forecast_eur", "status",
						    "comment"};
		static const bool req[] = {true, true, true, false, false};
		return csv_header_map(rec, names, req, 5, c->col, NULL, c->d);
	}
	actual_row row = {.period = c->period, .status = -1,
			  .pos = {c->file, (uint32_t)rec->line},
			  .realised_col = c->col[1] + 1, .forecast_col = c->col[2] + 1};
	const csv_field *f = &rec->fields[c->col[0]];
	bool ok = true;
	row.measure = strmap_sharded_get(&m->measure_ix, f->s, f->len);
	if (row.measure < 0) {
		diag_error(c->d, c->path, f->line, c->col[0] + 1, "unknown measure %s",
			   text_quote(f->s, f->len));
		ok = false;
	} else {
		int32_t prev = strmap_get(&c->seen, f->s, f->len);
		if (prev >= 0) {
			diag_error(c->d, c->path, f->line, c->col[0] + 1,
				   "measure %s given twice in this period (first at line %d)",
				   text_quote(f->s, f->len), prev);
			ok = false;
		} else {
			char *key = arena_strndup(m->a, f->s, f->len);
			strmap_put(&c->seen, key, f->len, (int32_t)rec->line);
		}
	}
	for (int k = 1; k <= 2; k++) {
		const csv_field *a = &rec->fields[c->col[k]];
		int64_t *out = k == 1 ? &row.realised_cents : &row.forecast_cents;
		bool *has = k == 1 ? &row.has_realised : &row.has_forecast;
		money_err e = money_parse(a->s, a->len, m->notation, out);
		if (e == MONEY_OK) {
			*has = true;
		} else if (e != MONEY_EMPTY) {
			diag_error(c->d, c->path, a->line, c->col[k] + 1, "bad amount %s: %s",
				   text_quote(a->s, a->len), money_err_str(e));
			loader_notation_note(m, c->d, a->s, a->len);
			ok = false;
		}
	}
	if (c->col[3] >= 0 && rec->fields[c->col[3]].len) {
		const csv_field *s = &rec->fields[c->col[3]];
		row.status = measure_status_parse(s->s, s->len);
		if (row.status < 0) {
			diag_error(c->d, c->path, s->line, c->col[3] + 1,
				   "unknown status %s (expected idea, planned, decided or realised)",
				   text_quote(s->s, s->len));
			names_note(c->d, m, NAMES_STATUS, s->s, s->len, c->path, s->line,
				   c->col[3] + 1);
			ok = false;
		}
	}
	if (c->col[4] >= 0 && rec->fields[c->col[4]].len) {
		/* A leading "'" is the mark that fitplan import (csvw_text) puts before a comment
		 * a spreadsheet would take for a formula, or that starts with "'": not part of the
		 * comment. */
		const csv_field *cm = &rec->fields[c->col[4]];
		size_t skip = cm->s[0] == '\'';
		row.comment = arena_strndup(m->a, cm->s + skip, cm->len - skip);
	}
	if (ok) {
		VEC_GROW(m->actuals, m->nactuals, *c->cap);
		m->actuals[m->nactuals++] = row;
	}
	return true;
}

static int cmp_actual(const void *a, const void *b)
{
	const actual_row *x = a, *y = b;
	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	return 0;
}

fp_status actuals_load(model *m, uint32_t (*add_file)(model *, const char *), diag *d)
{
	const char *dir = arena_printf(m->a, "%s/actuals", m->dir);
	DIR *dp = opendir(dir);
	if (!dp) {
		if (errno == ENOENT)
			return FP_OK; /* no actuals yet: the plan as it is */
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, dir, 0, 0, "cannot open folder: %s",
			    strerror(errno));
		return FP_ENOINPUT;
	}
	period *ps = NULL;
	size_t n = 0, cap = 0;
	unsigned long before = d->errors;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0)
			continue;
		char *name = arena_strndup(m->a, e->d_name, len - 4);
		period p;
		const char *path = arena_printf(m->a, "%s/%s", dir, e->d_name);
		if (!period_parse(name, &p)) {
			diag_error(d, path, 0, 0, "the file name is not a period (2023, 2023-Q1 or "
						  "2023-06)");
			continue;
		}
		if (model_year_index(m, p.year) < 0) {
			diag_error(d, path, 0, 0, "period %s is outside the plan years %d-%d", name,
				   m->base_year + 1, m->horizon_year);
			continue;
		}
		VEC_GROW(ps, n, cap);
		ps[n++] = p;
	}
	closedir(dp);
	if (n)
		qsort(ps, n, sizeof *ps, cmp_period);
	for (size_t i = 1; i < n; i++)
		for (size_t k = 0; k < i; k++)
			if (ps[k].year == ps[i].year && ps[i].first_month <= ps[k].last_month &&
			    ps[k].first_month <= ps[i].last_month)
				diag_error(d, arena_printf(m->a, "%s/%s.csv", dir, ps[i].name), 0, 0,
					   "period %s overlaps period %s: realisations would count "
					   "twice", ps[i].name, ps[k].name);
	m->periods = arena_zalloc(m->a, n ? n : 1, sizeof *m->periods);
	if (n)
		memcpy(m->periods, ps, n * sizeof *ps);
	m->nperiods = n;
	free(ps);
	size_t acap = 0;
	fp_status st = FP_OK;
	for (size_t i = 0; i < n; i++) {
		actuals_ctx c = {.m = m, .d = d, .period = (int32_t)i, .cap = &acap};
		c.path = arena_printf(m->a, "%s/%s.csv", dir, m->periods[i].name);
		c.file = add_file(m, c.path);
		strmap_init(&c.seen);
		st = status_worse(st, csv_read_hashed(c.path, actuals_row, &c, d, NULL,
						      m->file_sha256 ? m->file_sha256[c.file] : NULL));
		strmap_release(&c.seen);
	}
	if (m->nactuals)
		qsort(m->actuals, m->nactuals, sizeof *m->actuals, cmp_actual);
	/* The latest status of each measure overrides its plan's. */
	for (size_t i = 0; i < m->nactuals; i++)
		if (m->actuals[i].status >= 0)
			m->measures[m->actuals[i].measure].status = (uint8_t)m->actuals[i].status;
	return d->errors != before ? status_worse(st, FP_EDATA) : st;
}
