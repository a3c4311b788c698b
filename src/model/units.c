/* units: units.csv, the organisation tree of a model version: unit,name,parent,type (see
 * units.h, docs/formats.md#unitscsv). Codes are unique, also ignoring ASCII case (a unit's
 * code names its workbook); parents are resolved once every unit is read, then the tree is
 * built (tree.c). */
#include "units.h"
#include "loader.h"
#include "tree.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <stdlib.h>
#include <string.h>

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
	bool ok = loader_check_code(ld, rec, c->col[0], "unit");
	int type = unit_type_parse(rec->fields[c->col[3]].s, rec->fields[c->col[3]].len);
	if (type < 0) {
		LOADER_ERR(ld, rec, c->col[3],
			   "unknown unit type %s (expected organisation, division, directorate, "
			   "department, service or cost_centre)",
			   text_quote(rec->fields[c->col[3]].s, rec->fields[c->col[3]].len));
		names_note(ld->d, m, NAMES_UNIT_TYPE, rec->fields[c->col[3]].s,
			   rec->fields[c->col[3]].len, ld->path, rec->fields[c->col[3]].line,
			   (long)c->col[3] + 1);
		ok = false;
	}
	if (rec->fields[c->col[1]].len == 0) {
		LOADER_ERR(ld, rec, c->col[1], "empty unit name");
		ok = false;
	} else {
		ok &= loader_check_name(ld, rec, c->col[1], "unit name");
	}
	const csv_field *pf = &rec->fields[c->col[2]];
	if (pf->len && !model_code_valid(pf->s, pf->len)) {
		LOADER_ERR(ld, rec, c->col[2], "unknown parent %s", text_quote(pf->s, pf->len));
		ok = false;
	}
	if (!ok) {
		loader_reject(ld, rec, c->col[0], &m->unit_rejected);
		return true;
	}
	const char *code = loader_field_str(ld, rec, c->col[0]);
	int32_t ix = (int32_t)m->nunits;
	int32_t prev = strmap_put(&m->unit_ix, code, strlen(code), ix);
	if (prev >= 0) {
		LOADER_ERR(ld, rec, c->col[0], "duplicate unit '%s' (first defined at line %u)", code,
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
		LOADER_ERR(ld, rec, c->col[0], "unit code '%s' differs from unit '%s' (line %u) only in "
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
			      .name = loader_field_str(ld, rec, c->col[1]),
			      .type = (unit_type)type,
			      .parent = -1,
			      .pos = loader_pos(ld, rec)};
	c->parent_code[ix] = pf->len ? loader_field_str(ld, rec, c->col[2]) : NULL;
	c->parent_field[ix] = (csv_field){NULL, (size_t)(c->col[2] + 1), pf->line};
	m->nunits++;
	return true;
}

fp_status units_load(model *m, diag *d)
{
	units_ctx c = {0};
	strmap_init(&c.folded);
	loader_open(&c.ld, m, d, loader_join(m->a, m->dir, "units.csv"));
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
		if (p < 0) {
			diag_error(d, c.ld.path, line, col, "unknown parent '%s'", c.parent_code[i]);
			names_note(d, m, NAMES_UNIT, c.parent_code[i], strlen(c.parent_code[i]),
				   c.ld.path, line, col);
		}
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
