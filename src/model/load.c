/* load: read a model version folder into a model (see model.h, docs/formats.md). Each file
 * is streamed record by record; every bad field is reported with its line and column and
 * the loading goes on, so one run shows every problem. Files that refer to units or
 * categories are skipped when those could not be read at all, to avoid a cascade of
 * "unknown unit" errors that say nothing new. */
#define _XOPEN_SOURCE 700 /* strptime */
#include "model.h"
#include "tree.h"
#include "actuals.h"
#include "treasury.h"
#include "../core/xalloc.h"
#include "../io/csvread.h"
#include "../io/text.h"
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct loader {
	model *m;
	diag *d;
	const char *path;
	uint32_t file;
} loader;

static const char *join(arena *a, const char *dir, const char *name)
{
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		return arena_printf(a, "%s%s", dir, name);
	return arena_printf(a, "%s/%s", dir, name);
}

static uint32_t add_file(model *m, const char *path)
{
	m->files = xreallocarray(m->files, m->nfiles + 1, sizeof *m->files);
	m->files[m->nfiles] = path;
	if (m->file_sha256) { /* hashing: a slot for its digest, "" until it is read */
		m->file_sha256 = xreallocarray(m->file_sha256, m->nfiles + 1, sizeof *m->file_sha256);
		m->file_sha256[m->nfiles][0] = '\0';
	}
	return (uint32_t)m->nfiles++;
}

static void loader_open(loader *ld, model *m, diag *d, const char *path)
{
	ld->m = m;
	ld->d = d;
	ld->path = path;
	ld->file = add_file(m, path);
}

/* Read the loader's file, hashing it when the model is loaded with model_load_hashed. */
static fp_status loader_read(loader *ld, csv_record_fn fn, void *ctx)
{
	char *sha256 = ld->m->file_sha256 ? ld->m->file_sha256[ld->file] : NULL;
	return csv_read_hashed(ld->path, fn, ctx, ld->d, NULL, sha256);
}

#define ERR(ld, rec, col, ...) \
	diag_error((ld)->d, (ld)->path, (rec)->fields[col].line, (long)(col) + 1, __VA_ARGS__)

static const char *field_str(loader *ld, const csv_record *rec, int col)
{
	return arena_strndup(ld->m->a, rec->fields[col].s, rec->fields[col].len);
}

static src_pos pos_of(const loader *ld, const csv_record *rec)
{
	return (src_pos){ld->file, (uint32_t)rec->line};
}

static bool field_empty(const csv_record *rec, int col)
{
	return col < 0 || rec->fields[col].len == 0;
}

bool model_code_valid(const char *s, size_t len)
{
	if (len == 0 || len > MODEL_CODE_MAX || s[0] == '-')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

/* A code field: must be valid; what names it ("unit", "measure") is for the message. */
static bool check_code(loader *ld, const csv_record *rec, int col, const char *what)
{
	const csv_field *f = &rec->fields[col];
	if (model_code_valid(f->s, f->len))
		return true;
	if (f->len == 0)
		ERR(ld, rec, col, "empty %s code", what);
	else if (f->s[0] == '-')
		ERR(ld, rec, col, "invalid %s code %s: a code " MODEL_CODE_MINUS_WHY, what,
		    text_quote(f->s, f->len));
	else
		ERR(ld, rec, col, "invalid %s code %s (use letters, digits, '-', '_' and '.', "
				  "at most %d)", what, text_quote(f->s, f->len), MODEL_CODE_MAX);
	return false;
}

/* The name of something (what: "unit name", "category label"): at most TEXT_NAME_MAX
 * characters, as Excel counts them (a document property, a table header); csv_read has
 * checked that it is text at all. */
static bool name_ok(diag *d, const char *path, long line, long col, const char *s, size_t len,
		    const char *what)
{
	text_problem tp;
	if (text_check(s, len, TEXT_NAME_MAX, &tp) || tp.fault != TEXT_TOO_LONG)
		return true;
	diag_error(d, path, line, col,
		   "%s of %zu characters (as Excel counts them), the limit is %zu", what, tp.units,
		   tp.max);
	return false;
}

static bool check_name(loader *ld, const csv_record *rec, int col, const char *what)
{
	const csv_field *f = &rec->fields[col];
	return name_ok(ld->d, ld->path, f->line, (long)col + 1, f->s, f->len, what);
}

/* A whole number in [lo, hi]. */
static bool parse_int(loader *ld, const csv_record *rec, int col, const char *what, long lo,
		      long hi, int32_t *out)
{
	const csv_field *f = &rec->fields[col];
	long v = 0;
	size_t i = 0;
	bool ok = f->len > 0 && f->len <= 9;
	for (; ok && i < f->len; i++) {
		if (f->s[i] < '0' || f->s[i] > '9')
			ok = false;
		else
			v = v * 10 + (f->s[i] - '0');
	}
	if (!ok || v < lo || v > hi) {
		ERR(ld, rec, col, "bad %s %s (expected a whole number from %ld to %ld)", what,
		    text_quote(f->s, f->len), lo, hi);
		return false;
	}
	*out = (int32_t)v;
	return true;
}

/* An amount in the model's notation; an empty cell is 0 when allow_empty. */
static bool parse_amount(loader *ld, const csv_record *rec, int col, bool allow_empty,
			 int64_t *out)
{
	const csv_field *f = &rec->fields[col];
	money_err e = money_parse(f->s, f->len, ld->m->notation, out);
	if (e == MONEY_OK)
		return true;
	if (e == MONEY_EMPTY) {
		if (allow_empty) {
			*out = 0;
			return true;
		}
		ERR(ld, rec, col, "empty amount");
		return false;
	}
	ERR(ld, rec, col, "bad amount %s: %s", text_quote(f->s, f->len), money_err_str(e));
	return false;
}

/* An index looked up by code in map, reported as unknown what when absent. */
static int32_t lookup(loader *ld, const csv_record *rec, int col, const strmap *map,
		      const char *what)
{
	const csv_field *f = &rec->fields[col];
	int32_t ix = strmap_get(map, f->s, f->len);
	if (ix < 0) {
		if (f->len == 0)
			ERR(ld, rec, col, "empty %s", what);
		else
			ERR(ld, rec, col, "unknown %s %s", what, text_quote(f->s, f->len));
	}
	return ix;
}

/* ---- model.csv ---- */

enum { MK_NAME, MK_BASE, MK_TARGET, MK_HORIZON, MK_CURRENCY, MK_DEC, MK_THOU, MK_GREEN,
       MK_AMBER, MK_DOCTIME, MK_COUNT };
static const char *const model_keys[MK_COUNT] = {
	"name", "base_year", "target_year", "horizon_year", "currency", "decimal_separator",
	"thousands_separator", "rag_green_pct", "rag_amber_pct", "document_time"};

typedef struct model_ctx {
	loader ld;
	int col_key, col_value;
	long line[MK_COUNT]; /* where each key was given, 0 when not */
	const char *value[MK_COUNT];
	long value_col;
} model_ctx;

static bool model_row(void *vctx, const csv_record *rec)
{
	model_ctx *c = vctx;
	loader *ld = &c->ld;
	if (rec->index == 0) {
		static const char *const names[] = {"key", "value"};
		static const bool req[] = {true, true};
		int idx[2];
		if (!csv_header_map(rec, names, req, 2, idx, NULL, ld->d))
			return false;
		c->col_key = idx[0];
		c->col_value = idx[1];
		return true;
	}
	const csv_field *k = &rec->fields[c->col_key];
	int key = -1;
	for (int i = 0; i < MK_COUNT; i++)
		if (csv_field_is(k, model_keys[i]))
			key = i;
	if (key < 0) {
		ERR(ld, rec, c->col_key, "unknown key %s", text_quote(k->s, k->len));
		return true;
	}
	if (c->line[key]) {
		ERR(ld, rec, c->col_key, "key '%s' given twice (first at line %ld)",
		    model_keys[key], c->line[key]);
		return true;
	}
	c->line[key] = rec->fields[c->col_value].line;
	c->value[key] = field_str(ld, rec, c->col_value);
	c->value_col = c->col_value + 1;
	return true;
}

/* A whole number of at most 9 digits and nothing else (no sign, no spaces). */
static bool all_digits(const char *v, long *out)
{
	size_t n = v ? strlen(v) : 0;
	if (n == 0 || n > 9 || strspn(v, "0123456789") != n)
		return false;
	*out = strtol(v, NULL, 10);
	return true;
}

static bool model_year(model_ctx *c, int key, int32_t *out)
{
	const char *v = c->value[key];
	long y = 0;
	if (!all_digits(v, &y) || y < 1900 || y > 2200) {
		diag_error(c->ld.d, c->ld.path, c->line[key], c->value_col,
			   "bad %s %s (expected a year from 1900 to 2200)", model_keys[key],
			   text_quotez(v ? v : ""));
		return false;
	}
	*out = (int32_t)y;
	return true;
}

static bool model_pct(model_ctx *c, int key, int32_t dflt, int32_t *out)
{
	const char *v = c->value[key];
	*out = dflt;
	if (!c->line[key])
		return true;
	long p = 0;
	if (!all_digits(v, &p) || p > 1000) {
		diag_error(c->ld.d, c->ld.path, c->line[key], c->value_col,
			   "bad %s %s (expected a whole percentage from 0 to 1000)",
			   model_keys[key], text_quotez(v));
		return false;
	}
	*out = (int32_t)p;
	return true;
}

static bool model_separator(model_ctx *c, int key, const char *allowed, char *out)
{
	const char *v = c->value[key];
	if (!*v && key == MK_THOU) {
		*out = 0;
		return true;
	}
	if (strcmp(v, "space") == 0 || strcmp(v, " ") == 0) {
		if (strchr(allowed, ' ')) {
			*out = ' ';
			return true;
		}
	} else if (strlen(v) <= 1 && strchr(allowed, v[0] ? v[0] : 'e')) {
		*out = v[0];
		return true;
	}
	diag_error(c->ld.d, c->ld.path, c->line[key], c->value_col, "bad %s %s (expected %s)",
		   model_keys[key], text_quotez(v),
		   key == MK_DEC ? "'.' or ','" : "empty, '.', ',' or 'space'");
	return false;
}

bool model_parse_time(const char *s, int64_t *out)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	size_t len = strlen(s);
	const char *end = NULL;
	if (len == 10)
		end = strptime(s, "%Y-%m-%d", &tm);
	else if (len == 20)
		end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end || tm.tm_year < 70 || tm.tm_year > 300)
		return false;
	/* timegm: UTC, no time zone or locale of the machine involved. 0 (1970-01-01T00:00:00Z)
	 * is refused: libxlsxwriter reads a creation time of 0 as "now" and would write the
	 * clock into every workbook. */
	struct tm given = tm;
	time_t t = timegm(&tm);
	if (t <= 0)
		return false;
	/* strptime takes a day up to 31 in any month and a second up to 60, and timegm moves
	 * what does not exist on (2023-02-29 becomes 2023-03-01): a time must read back as
	 * written. */
	struct tm back;
	if (!gmtime_r(&t, &back) || back.tm_year != given.tm_year || back.tm_mon != given.tm_mon ||
	    back.tm_mday != given.tm_mday || back.tm_hour != given.tm_hour ||
	    back.tm_min != given.tm_min || back.tm_sec != given.tm_sec)
		return false;
	*out = (int64_t)t;
	return true;
}

static fp_status load_model_csv(model *m, diag *d)
{
	model_ctx c = {.col_key = -1};
	loader_open(&c.ld, m, d, join(m->a, m->dir, "model.csv"));
	c.value_col = 2;
	unsigned long before = d->errors;
	fp_status st = loader_read(&c.ld, model_row, &c);
	if (st != FP_OK && st != FP_EDATA)
		return st;
	bool missing = false;
	for (int k = MK_NAME; k <= MK_HORIZON; k++)
		if (!c.line[k]) {
			diag_error(d, c.ld.path, 0, 0, "missing key '%s'", model_keys[k]);
			missing = true;
		}
	if (missing || c.col_key < 0)
		return FP_EDATA;
	m->name = c.value[MK_NAME];
	if (!*m->name)
		diag_error(d, c.ld.path, c.line[MK_NAME], c.value_col, "empty model name");
	else
		name_ok(d, c.ld.path, c.line[MK_NAME], c.value_col, m->name, strlen(m->name),
			"model name");
	bool years = model_year(&c, MK_BASE, &m->base_year) &
		     model_year(&c, MK_TARGET, &m->target_year) &
		     model_year(&c, MK_HORIZON, &m->horizon_year);
	if (years) {
		if (m->target_year <= m->base_year || m->horizon_year < m->target_year)
			diag_error(d, c.ld.path, c.line[MK_TARGET], c.value_col,
				   "years out of order: need base_year < target_year <= "
				   "horizon_year, got %d, %d, %d",
				   m->base_year, m->target_year, m->horizon_year);
		else if (m->horizon_year - m->base_year > MODEL_MAX_YEARS)
			diag_error(d, c.ld.path, c.line[MK_HORIZON], c.value_col,
				   "horizon_year %d is more than %d years after base_year %d",
				   m->horizon_year, MODEL_MAX_YEARS, m->base_year);
		m->nyears = m->horizon_year - m->base_year;
	}
	m->currency = c.line[MK_CURRENCY] ? c.value[MK_CURRENCY] : "EUR";
	if (strcmp(m->currency, "EUR") != 0)
		diag_error(d, c.ld.path, c.line[MK_CURRENCY], c.value_col,
			   "unsupported currency %s (only EUR)", text_quotez(m->currency));
	m->notation = MONEY_NOTATION_C;
	if (c.line[MK_DEC])
		model_separator(&c, MK_DEC, ".,", &m->notation.decimal);
	if (c.line[MK_THOU])
		model_separator(&c, MK_THOU, "., ", &m->notation.thousands);
	if (m->notation.thousands == m->notation.decimal)
		diag_error(d, c.ld.path, c.line[MK_THOU], c.value_col,
			   "thousands_separator '%c' is the same as decimal_separator",
			   m->notation.thousands);
	if (c.line[MK_DOCTIME]) {
		if (!model_parse_time(c.value[MK_DOCTIME], &m->document_time))
			diag_error(d, c.ld.path, c.line[MK_DOCTIME], c.value_col,
				   "bad document_time %s (expected 2024-01-31 or "
				   "2024-01-31T12:00:00Z, after 1970-01-01T00:00:00Z)",
				   text_quotez(c.value[MK_DOCTIME]));
	} else if (years) {
		/* No clock: the default is the first of January of the target year. */
		char buf[32];
		snprintf(buf, sizeof buf, "%04d-01-01", m->target_year);
		model_parse_time(buf, &m->document_time);
	}
	model_pct(&c, MK_GREEN, 100, &m->rag_green_pct);
	model_pct(&c, MK_AMBER, 90, &m->rag_amber_pct);
	if (m->rag_amber_pct > m->rag_green_pct)
		diag_error(d, c.ld.path, c.line[MK_AMBER], c.value_col,
			   "rag_amber_pct %d is above rag_green_pct %d", m->rag_amber_pct,
			   m->rag_green_pct);
	return d->errors != before ? FP_EDATA : FP_OK;
}

/* ---- units.csv ---- */

typedef struct units_ctx {
	loader ld;
	int col[4];
	strmap folded; /* unit codes in lower case -> the first unit with that code */
	const char **parent_code; /* per unit, resolved after reading */
	csv_field *parent_field;  /* position of each parent cell */
	size_t cap;
} units_ctx;

static bool units_row(void *vctx, const csv_record *rec)
{
	units_ctx *c = vctx;
	loader *ld = &c->ld;
	model *m = ld->m;
	if (rec->index == 0) {
		static const char *const names[] = {"unit", "name", "parent", "type"};
		static const bool req[] = {true, true, true, true};
		return csv_header_map(rec, names, req, 4, c->col, NULL, ld->d);
	}
	bool ok = check_code(ld, rec, c->col[0], "unit");
	int type = unit_type_parse(rec->fields[c->col[3]].s, rec->fields[c->col[3]].len);
	if (type < 0) {
		ERR(ld, rec, c->col[3],
		    "unknown unit type %s (expected organisation, division, directorate, "
		    "department, service or cost_centre)",
		    text_quote(rec->fields[c->col[3]].s, rec->fields[c->col[3]].len));
		ok = false;
	}
	if (rec->fields[c->col[1]].len == 0) {
		ERR(ld, rec, c->col[1], "empty unit name");
		ok = false;
	} else {
		ok &= check_name(ld, rec, c->col[1], "unit name");
	}
	const csv_field *pf = &rec->fields[c->col[2]];
	if (pf->len && !model_code_valid(pf->s, pf->len)) {
		ERR(ld, rec, c->col[2], "unknown parent %s", text_quote(pf->s, pf->len));
		ok = false;
	}
	if (!ok)
		return true;
	const char *code = field_str(ld, rec, c->col[0]);
	int32_t ix = (int32_t)m->nunits;
	int32_t prev = strmap_put(&m->unit_ix, code, strlen(code), ix);
	if (prev >= 0) {
		ERR(ld, rec, c->col[0], "duplicate unit '%s' (first defined at line %u)", code,
		    m->units[prev].pos.line);
		return true;
	}
	/* A unit code names its workbook, departments/<code>.xlsx: two codes that differ only
	 * in case would be one file on a case-insensitive file system (a Windows share, a USB
	 * stick). The unit is kept, so that what refers to it is not reported as well. */
	size_t len = strlen(code);
	char *folded = arena_strndup(m->a, code, len);
	for (size_t i = 0; i < len; i++)
		if (folded[i] >= 'A' && folded[i] <= 'Z')
			folded[i] = (char)(folded[i] - 'A' + 'a');
	int32_t twin = strmap_put(&c->folded, folded, len, ix);
	if (twin >= 0)
		ERR(ld, rec, c->col[0], "unit code '%s' differs from unit '%s' (line %u) only in "
					"case: their workbooks would be one file on a "
					"case-insensitive file system",
		    code, m->units[twin].code, m->units[twin].pos.line);
	if (m->nunits >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		m->units = xreallocarray(m->units, c->cap, sizeof *m->units);
		c->parent_code = xreallocarray(c->parent_code, c->cap, sizeof *c->parent_code);
		c->parent_field = xreallocarray(c->parent_field, c->cap, sizeof *c->parent_field);
	}
	m->units[ix] = (unit){.code = code,
			      .name = field_str(ld, rec, c->col[1]),
			      .type = (unit_type)type,
			      .parent = -1,
			      .pos = pos_of(ld, rec)};
	c->parent_code[ix] = pf->len ? field_str(ld, rec, c->col[2]) : NULL;
	c->parent_field[ix] = (csv_field){NULL, (size_t)(c->col[2] + 1), pf->line};
	m->nunits++;
	return true;
}

static fp_status load_units(model *m, diag *d)
{
	units_ctx c = {0};
	strmap_init(&c.folded);
	loader_open(&c.ld, m, d, join(m->a, m->dir, "units.csv"));
	unsigned long before = d->errors;
	fp_status st = loader_read(&c.ld, units_row, &c);
	if (st == FP_OK && m->nunits == 0 && d->errors == before)
		diag_error(d, c.ld.path, 0, 0, "no units (the file has only a header)");
	/* Resolve parents now that every unit is known. */
	m->root = -1;
	m->units_parent_col = c.col[2] + 1;
	for (size_t i = 0; i < m->nunits; i++) {
		unit *u = &m->units[i];
		long line = c.parent_field[i].line, col = (long)c.parent_field[i].len;
		if (!c.parent_code[i]) {
			if (u->type != UNIT_ORGANISATION)
				diag_error(d, c.ld.path, line, col,
					   "unit '%s' has no parent but is a %s (only the "
					   "organisation is the root)",
					   u->code, unit_type_word(u->type));
			else if (m->root >= 0)
				diag_error(d, c.ld.path, line, col,
					   "second root '%s' (the first is '%s' at line %u)",
					   u->code, m->units[m->root].code,
					   m->units[m->root].pos.line);
			else
				m->root = (int32_t)i;
			continue;
		}
		int32_t p = strmap_get(&m->unit_ix, c.parent_code[i], strlen(c.parent_code[i]));
		if (p < 0)
			diag_error(d, c.ld.path, line, col, "unknown parent '%s'", c.parent_code[i]);
		else if (p == (int32_t)i)
			diag_error(d, c.ld.path, line, col, "unit '%s' is its own parent", u->code);
		else if (u->type == UNIT_ORGANISATION)
			diag_error(d, c.ld.path, line, col,
				   "organisation '%s' has a parent (the organisation is the root)",
				   u->code);
		else
			u->parent = p;
	}
	if (m->nunits && m->root < 0 && d->errors == before)
		diag_error(d, c.ld.path, 0, 0,
			   "no root: exactly one unit, of type organisation, has an empty parent");
	strmap_release(&c.folded);
	free(c.parent_code);
	free(c.parent_field);
	if (st != FP_OK && st != FP_EDATA)
		return st;
	if (d->errors != before)
		return FP_EDATA;
	return tree_build(m, d) ? FP_OK : FP_EDATA;
}

/* ---- categories.csv ---- */

typedef struct cats_ctx {
	loader ld;
	int col[3];
	size_t cap;
} cats_ctx;

static bool cats_row(void *vctx, const csv_record *rec)
{
	cats_ctx *c = vctx;
	loader *ld = &c->ld;
	model *m = ld->m;
	if (rec->index == 0) {
		static const char *const names[] = {"category", "kind", "label"};
		static const bool req[] = {true, true, true};
		return csv_header_map(rec, names, req, 3, c->col, NULL, ld->d);
	}
	bool ok = check_code(ld, rec, c->col[0], "category");
	const csv_field *kf = &rec->fields[c->col[1]];
	int kind = category_kind_parse(kf->s, kf->len);
	if (kind < 0) {
		ERR(ld, rec, c->col[1], "unknown category kind %s (expected personnel, "
					"procurement, other_cost or revenue)",
		    text_quote(kf->s, kf->len));
		ok = false;
	}
	ok &= check_name(ld, rec, c->col[2], "category label");
	if (!ok)
		return true;
	const char *code = field_str(ld, rec, c->col[0]);
	int32_t prev = strmap_put(&m->cat_ix, code, strlen(code), (int32_t)m->ncats);
	if (prev >= 0) {
		ERR(ld, rec, c->col[0], "duplicate category '%s' (first defined at line %u)", code,
		    m->cats[prev].pos.line);
		return true;
	}
	if (m->ncats >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		m->cats = xreallocarray(m->cats, c->cap, sizeof *m->cats);
	}
	const char *label = field_str(ld, rec, c->col[2]);
	m->cats[m->ncats++] = (category){code, *label ? label : code, (category_kind)kind,
					 pos_of(ld, rec)};
	return true;
}

static fp_status load_categories(model *m, diag *d)
{
	cats_ctx c = {0};
	loader_open(&c.ld, m, d, join(m->a, m->dir, "categories.csv"));
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
	baseline_row row = {.pos = pos_of(ld, rec)};
	row.unit = lookup(ld, rec, c->col[0], &m->unit_ix, "unit");
	row.category = lookup(ld, rec, c->col[1], &m->cat_ix, "category");
	bool ok = row.unit >= 0 && row.category >= 0;
	ok &= parse_amount(ld, rec, c->col[2], false, &row.amount_cents);
	if (!field_empty(rec, c->col[3])) {
		const csv_field *f = &rec->fields[c->col[3]];
		money_err e = money_parse(f->s, f->len, m->notation, &row.fte_centi);
		if (e != MONEY_OK) {
			ERR(ld, rec, c->col[3], "bad fte %s: %s", text_quote(f->s, f->len),
			    money_err_str(e));
			ok = false;
		} else if (row.fte_centi < 0) {
			ERR(ld, rec, c->col[3], "negative fte %s", text_quote(f->s, f->len));
			ok = false;
		} else if (row.category >= 0 && m->cats[row.category].kind != KIND_PERSONNEL &&
			   row.fte_centi != 0) {
			ERR(ld, rec, c->col[3],
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
		ERR(ld, rec, c->col[1], "duplicate baseline for unit '%s' and category '%s' "
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

static fp_status load_baseline(model *m, diag *d)
{
	baseline_ctx c = {0};
	loader_open(&c.ld, m, d, join(m->a, m->dir, "baseline.csv"));
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
	target_row row = {.pos = pos_of(ld, rec)};
	row.unit = lookup(ld, rec, c->col[0], &m->unit_ix, "unit");
	bool ok = row.unit >= 0;
	ok &= parse_int(ld, rec, c->col[1], "year", m->base_year + 1, m->horizon_year, &row.year);
	if (parse_amount(ld, rec, c->col[2], false, &row.amount_cents)) {
		if (row.amount_cents < 0) {
			ERR(ld, rec, c->col[2], "negative target %s",
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
		ERR(ld, rec, c->col[1], "duplicate target for unit '%s' in %d (first at line %u)",
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

static fp_status load_targets(model *m, diag *d)
{
	targets_ctx c = {0};
	loader_open(&c.ld, m, d, join(m->a, m->dir, "targets.csv"));
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
	control_row row = {.pos = pos_of(ld, rec), .col = c->col[2] + 1};
	row.unit = lookup(ld, rec, c->col[0], &m->unit_ix, "unit");
	row.category = lookup(ld, rec, c->col[1], &m->cat_ix, "category");
	bool ok = row.unit >= 0 && row.category >= 0;
	ok &= parse_amount(ld, rec, c->col[2], false, &row.amount_cents);
	if (!ok)
		return true;
	if (m->ncontrols >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		m->controls = xreallocarray(m->controls, c->cap, sizeof *m->controls);
	}
	m->controls[m->ncontrols++] = row;
	return true;
}

static fp_status load_controls(model *m, diag *d)
{
	controls_ctx c = {0};
	const char *path = join(m->a, m->dir, "controls.csv");
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return FP_OK;
	loader_open(&c.ld, m, d, path);
	return loader_read(&c.ld, controls_row, &c);
}

/* ---- the measures folder ---- */

enum { MC_MEASURE, MC_UNIT, MC_TITLE, MC_PILLAR, MC_CATEGORY, MC_NATURE, MC_STATUS, MC_FTE,
       MC_COUNT };

typedef struct measures_ctx {
	loader ld;
	int col[MC_COUNT];
	int *year_col; /* per plan year, the column or -1 */
	int *extra_col;
	size_t file_ix; /* index into model.mfiles */
	size_t *cap;
	strmap *extras; /* the extra column names of every file so far */
} measures_ctx;

static bool year_header(const csv_field *f, int32_t *year)
{
	if (f->len == 0 || f->len > 4)
		return false;
	int32_t y = 0;
	for (size_t i = 0; i < f->len; i++) {
		if (f->s[i] < '0' || f->s[i] > '9')
			return false;
		y = y * 10 + (f->s[i] - '0');
	}
	*year = y;
	return true;
}

static bool measures_header(measures_ctx *c, const csv_record *rec)
{
	loader *ld = &c->ld;
	model *m = ld->m;
	static const char *const names[MC_COUNT] = {"measure", "unit",   "title",  "pillar",
						    "category", "nature", "status", "fte"};
	static const bool req[MC_COUNT] = {true, true, true, true, true, true, true, false};
	bool *claimed = xcalloc(rec->nfields, sizeof *claimed);
	bool ok = csv_header_map(rec, names, req, MC_COUNT, c->col, claimed, ld->d);
	c->year_col = arena_alloc(m->a, (size_t)m->nyears * sizeof *c->year_col);
	for (int y = 0; y < m->nyears; y++)
		c->year_col[y] = -1;
	c->extra_col = arena_alloc(m->a, rec->nfields * sizeof *c->extra_col);
	measure_file *mf = &m->mfiles[c->file_ix];
	mf->extra_names = arena_alloc(m->a, rec->nfields * sizeof *mf->extra_names);
	strmap extra;
	strmap_init(&extra);
	for (size_t j = 0; j < rec->nfields; j++) {
		const csv_field *f = &rec->fields[j];
		int32_t year;
		if (claimed[j])
			continue;
		if (year_header(f, &year)) {
			int yi = model_year_index(m, year);
			if (yi < 0) {
				ERR(ld, rec, j, "year column '%d' outside the plan years %d-%d", year,
				    m->base_year + 1, m->horizon_year);
				ok = false;
			} else if (c->year_col[yi] >= 0) {
				ERR(ld, rec, j, "column '%d' given twice (also column %d)", year,
				    c->year_col[yi] + 1);
				ok = false;
			} else {
				c->year_col[yi] = (int)j;
			}
			continue;
		}
		if (f->len == 0) {
			ERR(ld, rec, j, "empty column name");
			ok = false;
			continue;
		}
		const char *name = field_str(ld, rec, (int)j);
		int32_t prev = strmap_put(&extra, name, f->len, (int32_t)j);
		if (prev >= 0) {
			ERR(ld, rec, j, "column %s given twice (also column %d)",
			    text_quote(f->s, f->len), prev + 1);
			ok = false;
			continue;
		}
		if (strmap_put(c->extras, name, f->len, 0) < 0 &&
		    c->extras->count > MODEL_MAX_EXTRA_COLUMNS) {
			ERR(ld, rec, j, "too many extra columns: %s is number %zu over the measure "
					"files, the limit is %d (what the workbooks' register holds)",
			    text_quote(f->s, f->len), c->extras->count, MODEL_MAX_EXTRA_COLUMNS);
			ok = false;
			break;
		}
		c->extra_col[mf->nextra] = (int)j;
		mf->extra_names[mf->nextra++] = name;
	}
	strmap_release(&extra);
	free(claimed);
	return ok;
}

static bool measures_row(void *vctx, const csv_record *rec)
{
	measures_ctx *c = vctx;
	loader *ld = &c->ld;
	model *m = ld->m;
	if (rec->index == 0)
		return measures_header(c, rec);
	measure ms = {.file = (int32_t)c->file_ix, .pos = pos_of(ld, rec)};
	bool ok = check_code(ld, rec, c->col[MC_MEASURE], "measure");
	ms.unit = lookup(ld, rec, c->col[MC_UNIT], &m->unit_ix, "unit");
	ok &= ms.unit >= 0;
	if (rec->fields[c->col[MC_TITLE]].len == 0) {
		ERR(ld, rec, c->col[MC_TITLE], "empty title");
		ok = false;
	}
	const csv_field *f = &rec->fields[c->col[MC_PILLAR]];
	if (f->len == 1 && f->s[0] >= '1' && f->s[0] <= '3') {
		ms.pillar = (uint8_t)(f->s[0] - '0');
	} else {
		ERR(ld, rec, c->col[MC_PILLAR], "unknown pillar %s (expected 1, 2 or 3)",
		    text_quote(f->s, f->len));
		ok = false;
	}
	ms.category = lookup(ld, rec, c->col[MC_CATEGORY], &m->cat_ix, "category");
	ok &= ms.category >= 0;
	f = &rec->fields[c->col[MC_NATURE]];
	int v = measure_nature_parse(f->s, f->len);
	if (v < 0) {
		ERR(ld, rec, c->col[MC_NATURE], "unknown nature %s (expected structural or "
						"incidental)",
		    text_quote(f->s, f->len));
		ok = false;
	}
	ms.nature = (uint8_t)v;
	f = &rec->fields[c->col[MC_STATUS]];
	v = measure_status_parse(f->s, f->len);
	if (v < 0) {
		ERR(ld, rec, c->col[MC_STATUS], "unknown status %s (expected idea, planned, "
						"decided or realised)",
		    text_quote(f->s, f->len));
		ok = false;
	}
	ms.status = (uint8_t)v;
	if (c->col[MC_FTE] >= 0 && !field_empty(rec, c->col[MC_FTE])) {
		f = &rec->fields[c->col[MC_FTE]];
		money_err e = money_parse(f->s, f->len, m->notation, &ms.fte_centi);
		if (e != MONEY_OK) {
			ERR(ld, rec, c->col[MC_FTE], "bad fte %s: %s", text_quote(f->s, f->len),
			    money_err_str(e));
			ok = false;
		}
	}
	int64_t *amounts = arena_alloc(m->a, (size_t)m->nyears * sizeof *amounts);
	for (int y = 0; y < m->nyears; y++) {
		amounts[y] = 0;
		if (c->year_col[y] >= 0)
			ok &= parse_amount(ld, rec, c->year_col[y], true, &amounts[y]);
	}
	if (!ok)
		return true;
	ms.amounts = amounts;
	const csv_field *idf = &rec->fields[c->col[MC_MEASURE]];
	ms.id = field_str(ld, rec, c->col[MC_MEASURE]);
	int32_t prev = strmap_put(&m->measure_ix, ms.id, idf->len, (int32_t)m->nmeasures);
	if (prev >= 0) {
		const measure *p = &m->measures[prev];
		ERR(ld, rec, c->col[MC_MEASURE], "duplicate measure '%s' (first defined at %s:%u)",
		    ms.id, model_pos_file(m, p->pos), p->pos.line);
		return true;
	}
	ms.title = field_str(ld, rec, c->col[MC_TITLE]);
	const measure_file *mf = &m->mfiles[c->file_ix];
	if (mf->nextra) {
		ms.extra = arena_alloc(m->a, mf->nextra * sizeof *ms.extra);
		for (size_t k = 0; k < mf->nextra; k++)
			ms.extra[k] = rec->fields[c->extra_col[k]].len
					      ? field_str(ld, rec, c->extra_col[k])
					      : ""; /* one shared empty string, not a copy each */
	}
	VEC_GROW(m->measures, m->nmeasures, *c->cap);
	m->measures[m->nmeasures++] = ms;
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_csv_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && name[0] != '.' && strcmp(name + n - 4, ".csv") == 0;
}

static int cmp_folded(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int r = text_foldcmp(x, y);
	return r ? r : strcmp(x, y);
}

/* The run record copies every measure file into inputs/, and a run folder may be copied
 * to a case-insensitive file system (Windows, macOS, a USB stick): two names it takes for
 * one (A.csv and a.csv, or é as one code point and as e + an accent) are refused, as two
 * scenario names that differ only in case are. names: sorted by bytes. */
static fp_status names_differ_folded(const char *dir, const char **names, size_t n, diag *d)
{
	if (n < 2)
		return FP_OK;
	const char **f = xmalloc(n * sizeof *f);
	memcpy(f, names, n * sizeof *f);
	qsort(f, n, sizeof *f, cmp_folded);
	fp_status st = FP_OK;
	for (size_t i = 1; i < n; i++) {
		if (text_foldcmp(f[i - 1], f[i]) != 0)
			continue;
		diag_error(d, dir, 0, 0,
			   "file names %s and %s are one name to a case-insensitive file system "
			   "(they differ only in case or in the form of an accent): rename one",
			   text_quotez(f[i - 1]), text_quotez(f[i]));
		st = FP_EDATA;
	}
	free(f);
	return st;
}

static fp_status load_measures(model *m, diag *d)
{
	const char *dir = join(m->a, m->dir, "measures");
	DIR *dp = opendir(dir);
	if (!dp) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, dir, 0, 0, "cannot open folder: %s",
			    strerror(errno));
		return FP_ENOINPUT;
	}
	const char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		if (!is_csv_name(e->d_name))
			continue;
		VEC_GROW(names, n, cap);
		names[n++] = arena_strdup(m->a, e->d_name);
	}
	closedir(dp);
	/* readdir order is the file system's: sort by bytes so every machine agrees. */
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	fp_status st = names_differ_folded(dir, names, n, d);
	m->mfiles = arena_zalloc(m->a, n ? n : 1, sizeof *m->mfiles);
	size_t mcap = 0;
	strmap extras;
	strmap_init(&extras);
	for (size_t i = 0; i < n; i++) {
		measures_ctx c = {.extras = &extras};
		loader_open(&c.ld, m, d, arena_printf(m->a, "%s/%s", dir, names[i]));
		c.file_ix = m->nmfiles++;
		c.cap = &mcap;
		m->mfiles[c.file_ix].path = c.ld.path;
		st = status_worse(st, loader_read(&c.ld, measures_row, &c));
	}
	strmap_release(&extras);
	free(names);
	return st;
}

/* ---- the whole version ---- */

/* Loading takes about three bytes of memory per byte of measures (the benchmark measured
 * 320 bytes per 160-byte row): a version whose files would not fit in a third of the
 * machine's memory is refused up front, with a message, instead of being killed halfway. */
static uint64_t tree_bytes(const char *dir, int depth)
{
	uint64_t total = 0;
	DIR *dp = depth < 3 ? opendir(dir) : NULL;
	if (!dp)
		return 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			total += tree_bytes(path, depth + 1);
		else if (S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && stat(path, &st) == 0 &&
						  S_ISREG(st.st_mode)))
			total += (uint64_t)st.st_size; /* a link is read as the file it leads to */
	}
	closedir(dp);
	return total;
}

static bool fits_in_memory(const model *m, diag *d)
{
	long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	if (pages <= 0 || page <= 0)
		return true;
	uint64_t memory = (uint64_t)pages * (uint64_t)page;
	uint64_t bytes = tree_bytes(m->dir, 0);
	if (bytes * 3 <= memory)
		return true;
	diag_error(d, m->dir, 0, 0,
		   "the model version holds %llu MB of files; loading it needs about three times "
		   "that, more than this machine's %llu MB of memory",
		   (unsigned long long)(bytes >> 20), (unsigned long long)(memory >> 20));
	return false;
}

/* Every file read is named in the run record (JSON: UTF-8) and in messages: the version's
 * folder and the files found in measures/ and actuals/ must have names in UTF-8. Checked
 * before anything is read; the names are shown with their bad bytes escaped. */
/* The tail of a message about a name that text_check_name refused. */
static const char *name_rule(const text_problem *p, const char *utf8)
{
	return p->fault == TEXT_BAD_UTF8 ? utf8
					 : "(messages and the run record show names as they are: "
					   "rename it)";
}

static bool dir_name_in_utf8(const model *m, diag *d)
{
	text_problem tp;
	char why[96];
	if (text_check_name(m->dir, strlen(m->dir), &tp))
		return true;
	diag_error(d, NULL, 0, 0, "%s of the model version folder's name %s %s",
		   text_problem_str(&tp, why, sizeof why), text_quotez(m->dir),
		   name_rule(&tp, "(the run record names it in UTF-8)"));
	return false;
}

static bool names_in_utf8(const model *m, diag *d)
{
	static const char *const folders[] = {"measures", "actuals"};
	bool ok = true;
	for (size_t k = 0; k < sizeof folders / sizeof *folders; k++) {
		const char *dir = join(m->a, m->dir, folders[k]);
		DIR *dp = opendir(dir);
		if (!dp)
			continue; /* reported, or not needed, where the folder is read */
		const char **names = NULL;
		size_t n = 0, cap = 0;
		struct dirent *e;
		while ((e = readdir(dp)) != NULL) {
			if (is_csv_name(e->d_name) &&
			    !text_check_name(e->d_name, strlen(e->d_name), NULL)) {
				VEC_GROW(names, n, cap);
				names[n++] = arena_strdup(m->a, e->d_name);
			}
		}
		closedir(dp);
		if (n)
			qsort(names, n, sizeof *names, cmp_str); /* not readdir's order */
		for (size_t i = 0; i < n; i++) {
			text_problem tp;
			char why[96];
			text_check_name(names[i], strlen(names[i]), &tp);
			diag_error(d, dir, 0, 0, "%s of file name %s %s",
				   text_problem_str(&tp, why, sizeof why), text_quotez(names[i]),
				   name_rule(&tp, "(the run record names every file in UTF-8: "
						  "rename it)"));
		}
		ok &= n == 0;
		free(names);
	}
	return ok;
}

static fp_status load_version(model *m, const char *dir, arena *a, diag *d, bool hashed);

fp_status model_load(model *m, const char *dir, arena *a, diag *d)
{
	return load_version(m, dir, a, d, false);
}

fp_status model_load_hashed(model *m, const char *dir, arena *a, diag *d)
{
	return load_version(m, dir, a, d, true);
}

static fp_status load_version(model *m, const char *dir, arena *a, diag *d, bool hashed)
{
	memset(m, 0, sizeof *m);
	if (hashed) /* grown with files by add_file */
		m->file_sha256 = xmalloc(sizeof *m->file_sha256);
	m->a = a;
	m->dir = arena_strdup(a, dir);
	m->root = -1;
	strmap_init(&m->unit_ix);
	strmap_init(&m->cat_ix);
	strmap_init(&m->measure_ix);
	if (!dir_name_in_utf8(m, d))
		return FP_EDATA;
	DIR *dp = opendir(dir);
	if (!dp) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, dir, 0, 0, "cannot open model version: %s",
			    strerror(errno));
		return FP_ENOINPUT;
	}
	closedir(dp);
	if (!names_in_utf8(m, d) || !fits_in_memory(m, d))
		return FP_EDATA;
	fp_status st = load_model_csv(m, d);
	if (st != FP_OK)
		return st; /* without years and number notation nothing else can be read */
	fp_status su = load_units(m, d);
	fp_status sc = load_categories(m, d);
	st = status_worse(su, sc);
	bool have_units = m->nunits > 0 && m->root >= 0 && su != FP_ENOINPUT;
	bool have_cats = m->ncats > 0;
	if (have_units && have_cats)
		st = status_worse(st, load_baseline(m, d));
	if (have_units && su == FP_OK)
		st = status_worse(st, load_targets(m, d));
	if (have_units && have_cats) {
		fp_status sm = load_measures(m, d);
		st = status_worse(st, sm);
		st = status_worse(st, load_controls(m, d));
		if (sm == FP_OK)
			st = status_worse(st, actuals_load(m, add_file, d));
	}
	/* treasury.csv (optional) is read by treasury_load; registered here for the record. */
	const char *tp = treasury_path(a, m->dir);
	if (access(tp, F_OK) == 0)
		add_file(m, tp);
	return status_worse(st, d->status);
}

void model_release(model *m)
{
	strmap_release(&m->unit_ix);
	strmap_release(&m->cat_ix);
	strmap_release(&m->measure_ix);
	free(m->files);
	free(m->file_sha256);
	m->file_sha256 = NULL;
	free(m->units);
	free(m->cats);
	free(m->baseline);
	free(m->targets);
	free(m->controls);
	free(m->measures);
	free(m->actuals);
	m->actuals = NULL;
	m->files = NULL;
	m->units = NULL;
	m->cats = NULL;
	m->baseline = NULL;
	m->targets = NULL;
	m->controls = NULL;
	m->measures = NULL;
}

plan model_plan(const model *m)
{
	return (plan){m->measures, m->nmeasures, m->targets, m->ntargets, NULL};
}

int model_year_index(const model *m, int32_t year)
{
	int i = year - (m->base_year + 1);
	return i >= 0 && i < m->nyears ? i : -1;
}

const char *model_pos_file(const model *m, src_pos p)
{
	return p.file < m->nfiles ? m->files[p.file] : "?";
}

const char *plan_pos_file(const model *m, plan p, src_pos pos)
{
	return pos.file == SRC_SCRIPT && p.script ? p.script : model_pos_file(m, pos);
}

int32_t model_unit(const model *m, const char *code)
{
	return strmap_get(&m->unit_ix, code, strlen(code));
}

int32_t model_category(const model *m, const char *code)
{
	return strmap_get(&m->cat_ix, code, strlen(code));
}

int32_t model_measure(const model *m, const char *code)
{
	return strmap_get(&m->measure_ix, code, strlen(code));
}

bool model_is_ancestor(const model *m, int32_t a, int32_t u)
{
	return m->units[a].pre <= m->units[u].pre && m->units[u].pre < m->units[a].subtree_end;
}
