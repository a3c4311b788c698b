/* tables: the flat tables of a model version, one record per row, checked against its
 * units and categories: categories.csv, baseline.csv, targets.csv and the optional
 * controls.csv (see tables.h, docs/formats.md). A unit and category (baseline) or a unit
 * and year (targets) is given at most once. */
#include "tables.h"
#include "loader.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* ---- categories.csv ---- */

typedef struct cats_ctx {
	loader ld;
	int col[4];
	size_t cap;
} cats_ctx;

static bool cats_row(void *vctx, const csv_record *rec)
{
	cats_ctx *c = vctx;
	loader *ld = &c->ld;
	model *m = ld->m;
	if (rec->index == 0) {
		static const char *const names[] = {"category", "kind", "label", "staff"};
		static const bool req[] = {true, true, true, false};
		return csv_header_map(rec, names, req, 4, c->col, NULL, ld->d);
	}
	bool ok = loader_check_code(ld, rec, c->col[0], "category");
	const csv_field *kf = &rec->fields[c->col[1]];
	int kind = category_kind_parse(kf->s, kf->len);
	if (kind < 0) {
		LOADER_ERR(ld, rec, c->col[1], "unknown category kind %s (expected personnel, "
					       "procurement, other_cost, depreciation or revenue)",
			   text_quote(kf->s, kf->len));
		names_note(ld->d, m, NAMES_KIND, kf->s, kf->len, ld->path, kf->line,
			   (long)c->col[1] + 1);
		ok = false;
	}
	ok &= loader_check_name(ld, rec, c->col[2], "category label");
	/* staff: who the personnel cost pays; hired staff (agency, PNIL) have no natural
	 * attrition and no CAO raise, so the levers that assume either leave them out. */
	bool hired = false;
	if (!loader_field_empty(rec, c->col[3])) {
		const csv_field *sf = &rec->fields[c->col[3]];
		bool employed = sf->len == 8 && strncasecmp(sf->s, "employed", 8) == 0;
		hired = sf->len == 5 && strncasecmp(sf->s, "hired", 5) == 0;
		if (!employed && !hired) {
			LOADER_ERR(ld, rec, c->col[3], "unknown staff %s (expected employed or hired)",
				   text_quote(sf->s, sf->len));
			ok = false;
		} else if (kind >= 0 && kind != KIND_PERSONNEL) {
			LOADER_ERR(ld, rec, c->col[3],
				   "staff %s on a category of kind %s (staff belongs on personnel "
				   "categories only)",
				   text_quote(sf->s, sf->len), category_kind_word((category_kind)kind));
			ok = false;
		}
	}
	if (!ok) {
		loader_reject(ld, rec, c->col[0], &m->cat_rejected);
		return true;
	}
	const char *code = loader_field_str(ld, rec, c->col[0]);
	int32_t prev = strmap_put(&m->cat_ix, code, strlen(code), (int32_t)m->ncats);
	if (prev >= 0) {
		LOADER_ERR(ld, rec, c->col[0], "duplicate category '%s' (first defined at line %u)", code,
			   m->cats[prev].pos.line);
		return true;
	}
	if (m->ncats >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		m->cats = xreallocarray(m->cats, c->cap, sizeof *m->cats);
	}
	const char *label = loader_field_str(ld, rec, c->col[2]);
	m->cats[m->ncats++] = (category){code, *label ? label : code, (category_kind)kind,
					 loader_pos(ld, rec), hired};
	return true;
}

fp_status tables_load_categories(model *m, diag *d)
{
	cats_ctx c = {0};
	loader_open(&c.ld, m, d, loader_join(m->a, m->dir, "categories.csv"));
	unsigned long before = d->errors;
	fp_status st = loader_read(&c.ld, cats_row, &c);
	if (st == FP_OK && m->ncats == 0 && d->errors == before) {
		diag_error(d, c.ld.path, 0, 0, "no categories (the file has only a header)");
		st = FP_EDATA;
	}
	return st;
}

/* ---- baseline.csv ---- */

typedef struct baseline_ctx {
	loader ld;
	int col[4];
	size_t cap;
	strmap pairs; /* "unit\x1fcategory" -> row */
} baseline_ctx;

static bool baseline_row_cb(void *vctx, const csv_record *rec)
{
	baseline_ctx *c = vctx;
	loader *ld = &c->ld;
	model *m = ld->m;
	if (rec->index == 0) {
		static const char *const names[] = {"unit", "category", "amount_eur", "fte"};
		static const bool req[] = {true, true, true, false};
		return csv_header_map(rec, names, req, 4, c->col, NULL, ld->d);
	}
	baseline_row row = {.pos = loader_pos(ld, rec)};
	row.unit = loader_lookup(ld, rec, c->col[0], NAMES_UNIT);
	row.category = loader_lookup(ld, rec, c->col[1], NAMES_CATEGORY);
	bool ok = row.unit >= 0 && row.category >= 0;
	ok &= loader_parse_amount(ld, rec, c->col[2], false, &row.amount_cents);
	if (!loader_field_empty(rec, c->col[3])) {
		const csv_field *f = &rec->fields[c->col[3]];
		money_err e = money_parse(f->s, f->len, m->notation, &row.fte_centi);
		if (e != MONEY_OK) {
			LOADER_ERR(ld, rec, c->col[3], "bad fte %s: %s", text_quote(f->s, f->len),
				   money_err_str(e));
			loader_notation_note(m, ld->d, f->s, f->len);
			ok = false;
		} else if (row.fte_centi < 0) {
			LOADER_ERR(ld, rec, c->col[3], "negative fte %s", text_quote(f->s, f->len));
			ok = false;
		} else if (row.category >= 0 && m->cats[row.category].kind != KIND_PERSONNEL &&
			   row.fte_centi != 0) {
			LOADER_ERR(ld, rec, c->col[3],
				   "fte %s on category '%s' of kind %s (fte belongs on personnel "
				   "categories only)",
				   text_quote(f->s, f->len), m->cats[row.category].code,
				   category_kind_word(m->cats[row.category].kind));
			ok = false;
		}
	}
	if (!ok)
		return true;
	const char *key = arena_printf(m->a, "%s\x1f%s", m->units[row.unit].code,
				       m->cats[row.category].code);
	int32_t prev = strmap_put(&c->pairs, key, strlen(key), (int32_t)m->nbaseline);
	if (prev >= 0) {
		LOADER_ERR(ld, rec, c->col[1], "duplicate baseline for unit '%s' and category '%s' "
					       "(first at line %u)",
			   m->units[row.unit].code, m->cats[row.category].code,
			   m->baseline[prev].pos.line);
		return true;
	}
	if (m->nbaseline >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		m->baseline = xreallocarray(m->baseline, c->cap, sizeof *m->baseline);
	}
	m->baseline[m->nbaseline++] = row;
	return true;
}

fp_status tables_load_baseline(model *m, diag *d)
{
	baseline_ctx c = {0};
	loader_open(&c.ld, m, d, loader_join(m->a, m->dir, "baseline.csv"));
	strmap_init(&c.pairs);
	fp_status st = loader_read(&c.ld, baseline_row_cb, &c);
	strmap_release(&c.pairs);
	return st;
}

/* ---- targets.csv ---- */

typedef struct targets_ctx {
	loader ld;
	int col[3];
	size_t cap;
	strmap pairs;
} targets_ctx;

static bool targets_row(void *vctx, const csv_record *rec)
{
	targets_ctx *c = vctx;
	loader *ld = &c->ld;
	model *m = ld->m;
	if (rec->index == 0) {
		static const char *const names[] = {"unit", "year", "target_eur"};
		static const bool req[] = {true, true, true};
		return csv_header_map(rec, names, req, 3, c->col, NULL, ld->d);
	}
	target_row row = {.pos = loader_pos(ld, rec)};
	row.unit = loader_lookup(ld, rec, c->col[0], NAMES_UNIT);
	bool ok = row.unit >= 0;
	ok &= loader_parse_int(ld, rec, c->col[1], "year", m->base_year + 1, m->horizon_year, &row.year);
	if (loader_parse_amount(ld, rec, c->col[2], false, &row.amount_cents)) {
		if (row.amount_cents < 0) {
			LOADER_ERR(ld, rec, c->col[2], "negative target %s",
				   text_quote(rec->fields[c->col[2]].s, rec->fields[c->col[2]].len));
			ok = false;
		}
	} else {
		ok = false;
	}
	if (!ok)
		return true;
	const char *key = arena_printf(m->a, "%s\x1f%d", m->units[row.unit].code, row.year);
	int32_t prev = strmap_put(&c->pairs, key, strlen(key), (int32_t)m->ntargets);
	if (prev >= 0) {
		LOADER_ERR(ld, rec, c->col[1], "duplicate target for unit '%s' in %d (first at line %u)",
			   m->units[row.unit].code, row.year, m->targets[prev].pos.line);
		return true;
	}
	if (m->ntargets >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		m->targets = xreallocarray(m->targets, c->cap, sizeof *m->targets);
	}
	m->targets[m->ntargets++] = row;
	return true;
}

fp_status tables_load_targets(model *m, diag *d)
{
	targets_ctx c = {0};
	loader_open(&c.ld, m, d, loader_join(m->a, m->dir, "targets.csv"));
	strmap_init(&c.pairs);
	fp_status st = loader_read(&c.ld, targets_row, &c);
	strmap_release(&c.pairs);
	if (st != FP_OK)
		return st;
	for (size_t i = 0; i < m->ntargets; i++)
		if (m->targets[i].unit == m->root && m->targets[i].year <= m->target_year)
			return FP_OK;
	diag_error(d, c.ld.path, 0, 0, "the root '%s' has no target in force in target_year %d",
		   m->units[m->root].code, m->target_year);
	return FP_EDATA;
}

/* ---- controls.csv (optional) ---- */

typedef struct controls_ctx {
	loader ld;
	int col[3];
	size_t cap;
} controls_ctx;

static bool controls_row(void *vctx, const csv_record *rec)
{
	controls_ctx *c = vctx;
	loader *ld = &c->ld;
	model *m = ld->m;
	if (rec->index == 0) {
		static const char *const names[] = {"unit", "category", "amount_eur"};
		static const bool req[] = {true, true, true};
		return csv_header_map(rec, names, req, 3, c->col, NULL, ld->d);
	}
	control_row row = {.pos = loader_pos(ld, rec), .col = c->col[2] + 1};
	row.unit = loader_lookup(ld, rec, c->col[0], NAMES_UNIT);
	row.category = loader_lookup(ld, rec, c->col[1], NAMES_CATEGORY);
	bool ok = row.unit >= 0 && row.category >= 0;
	ok &= loader_parse_amount(ld, rec, c->col[2], false, &row.amount_cents);
	if (!ok)
		return true;
	if (m->ncontrols >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		m->controls = xreallocarray(m->controls, c->cap, sizeof *m->controls);
	}
	m->controls[m->ncontrols++] = row;
	return true;
}

fp_status tables_load_controls(model *m, diag *d)
{
	controls_ctx c = {0};
	const char *path = loader_join(m->a, m->dir, "controls.csv");
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return FP_OK;
	loader_open(&c.ld, m, d, path);
	return loader_read(&c.ld, controls_row, &c);
}
