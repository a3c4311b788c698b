/* settings: model.csv, the key,value file of a model version's settings: its name, base,
 * target and horizon years, currency, number notation, RAG thresholds and document time
 * (see settings.h, docs/formats.md#modelcsv). Every key is checked and every problem
 * reported; nothing else can be read without the years and the notation. */
#include "settings.h"
#include "loader.h"
#include "../io/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MK_NAME, MK_BASE, MK_TARGET, MK_HORIZON, MK_CURRENCY, MK_DEC, MK_THOU, MK_GREEN,
       MK_AMBER, MK_DOCTIME, MK_PGREEN, MK_PAMBER, MK_COUNT };
static const char *const model_keys[MK_COUNT] = {
	"name", "base_year", "target_year", "horizon_year", "currency", "decimal_separator",
	"thousands_separator", "rag_green_pct", "rag_amber_pct", "document_time",
	"probability_green", "probability_amber"};

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
		LOADER_ERR(ld, rec, c->col_key, "unknown key %s", text_quote(k->s, k->len));
		return true;
	}
	if (c->line[key]) {
		LOADER_ERR(ld, rec, c->col_key, "key '%s' given twice (first at line %ld)",
			   model_keys[key], c->line[key]);
		return true;
	}
	c->line[key] = rec->fields[c->col_value].line;
	c->value[key] = loader_field_str(ld, rec, c->col_value);
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

/* A probability from 0 to 1 with at most three decimals ("0.8", "1", "0.875"), kept in
 * thousandths so that the model holds no double (doubles live in stats/). */
static bool model_probability(model_ctx *c, int key, int32_t dflt, int32_t *out)
{
	const char *v = c->value[key];
	*out = dflt;
	if (!c->line[key])
		return true;
	size_t n = strlen(v), w = strspn(v, "0123456789");
	long permille = -1;
	if (w == 1 && (n == 1 || (v[1] == '.' && n > 2 && n <= 5 &&
				  strspn(v + 2, "0123456789") == n - 2))) {
		permille = (v[0] - '0') * 1000L;
		for (size_t i = 2, scale = 100; i < n; i++, scale /= 10)
			permille += (v[i] - '0') * (long)scale;
	}
	if (permille < 0 || permille > 1000) {
		diag_error(c->ld.d, c->ld.path, c->line[key], c->value_col,
			   "bad %s %s (expected a probability from 0 to 1, at most 3 decimals)",
			   model_keys[key], text_quotez(v));
		return false;
	}
	*out = (int32_t)permille;
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

fp_status settings_load(model *m, diag *d)
{
	model_ctx c = {.col_key = -1};
	loader_open(&c.ld, m, d, loader_join(m->a, m->dir, "model.csv"));
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
		loader_name_ok(d, c.ld.path, c.line[MK_NAME], c.value_col, m->name, strlen(m->name),
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
	m->notation_file = c.ld.path;
	m->notation_line = c.line[MK_DEC];
	m->notation_col = c.value_col;
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
	bool pg = model_probability(&c, MK_PGREEN, 800, &m->probability_green_permille);
	bool pa = model_probability(&c, MK_PAMBER, 500, &m->probability_amber_permille);
	if (pg && pa && m->probability_amber_permille > m->probability_green_permille)
		diag_error(d, c.ld.path, c.line[MK_PAMBER] ? c.line[MK_PAMBER] : c.line[MK_PGREEN],
			   c.value_col, "probability_amber %s is above probability_green %s",
			   c.line[MK_PAMBER] ? text_quotez(c.value[MK_PAMBER]) : "'0.5'",
			   c.line[MK_PGREEN] ? text_quotez(c.value[MK_PGREEN]) : "'0.8'");
	return d->errors != before ? FP_EDATA : FP_OK;
}
