/* loader: what the loaders of a model version's files share (see loader.h): paths, the
 * registry of files read, and the checks of a field that report what is wrong at its line
 * and column and let the loading go on. */
#include "loader.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <string.h>

const char *loader_join(arena *a, const char *dir, const char *name)
{
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		return arena_printf(a, "%s%s", dir, name);
	return arena_printf(a, "%s/%s", dir, name);
}

uint32_t loader_add_file(model *m, const char *path)
{
	m->files = xreallocarray(m->files, m->nfiles + 1, sizeof *m->files);
	m->files[m->nfiles] = path;
	if (m->file_sha256) { /* hashing: a slot for its digest, "" until it is read */
		m->file_sha256 = xreallocarray(m->file_sha256, m->nfiles + 1, sizeof *m->file_sha256);
		m->file_sha256[m->nfiles][0] = '\0';
	}
	return (uint32_t)m->nfiles++;
}

void loader_open(loader *ld, model *m, diag *d, const char *path)
{
	ld->m = m;
	ld->d = d;
	ld->a = m->a;
	ld->path = path;
	ld->file = loader_add_file(m, path);
}

fp_status loader_read(loader *ld, csv_record_fn fn, void *ctx)
{
	char *sha256 = ld->m->file_sha256 ? ld->m->file_sha256[ld->file] : NULL;
	return csv_read_hashed(ld->path, fn, ctx, ld->d, NULL, sha256);
}

bool loader_check_code(loader *ld, const csv_record *rec, int col, const char *what)
{
	const csv_field *f = &rec->fields[col];
	if (model_code_valid(f->s, f->len))
		return true;
	if (f->len == 0)
		LOADER_ERR(ld, rec, col, "empty %s code", what);
	else if (f->s[0] == '-')
		LOADER_ERR(ld, rec, col, "invalid %s code %s: a code " MODEL_CODE_MINUS_WHY, what,
			   text_quote(f->s, f->len));
	else
		LOADER_ERR(ld, rec, col, "invalid %s code %s (use letters, digits, '-', '_' and '.', "
					 "at most %d)", what, text_quote(f->s, f->len), MODEL_CODE_MAX);
	return false;
}

bool loader_name_ok(diag *d, const char *path, long line, long col, const char *s, size_t len,
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

bool loader_check_name(loader *ld, const csv_record *rec, int col, const char *what)
{
	const csv_field *f = &rec->fields[col];
	return loader_name_ok(ld->d, ld->path, f->line, (long)col + 1, f->s, f->len, what);
}

bool loader_parse_int(loader *ld, const csv_record *rec, int col, const char *what, long lo,
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
		LOADER_ERR(ld, rec, col, "bad %s %s (expected a whole number from %ld to %ld)", what,
			   text_quote(f->s, f->len), lo, hi);
		return false;
	}
	*out = (int32_t)v;
	return true;
}

bool loader_amount_failed(loader *ld, const csv_record *rec, int col, bool allow_empty,
			  money_err e, int64_t *out)
{
	const csv_field *f = &rec->fields[col];
	if (e == MONEY_EMPTY) {
		if (allow_empty) {
			*out = 0;
			return true;
		}
		LOADER_ERR(ld, rec, col, "empty amount");
		return false;
	}
	LOADER_ERR(ld, rec, col, "bad amount %s: %s", text_quote(f->s, f->len), money_err_str(e));
	loader_notation_note(ld->m, ld->d, f->s, f->len);
	return false;
}

void loader_notation_note(model *m, diag *d, const char *s, size_t len)
{
	if (m->notation_noted)
		return;
	bool dutch = m->notation.decimal == '.';
	money_notation other = dutch ? (money_notation){',', '.'} : (money_notation){'.', ','};
	int64_t cents;
	/* Only with the other notation's decimal separator in it: '1.234' in a model of '.'
	 * reads as Dutch 1234 too, but nothing says it is meant so. */
	if (!memchr(s, other.decimal, len) || money_parse(s, len, other, &cents) != MONEY_OK)
		return;
	m->notation_noted = true;
	const char *looks = dutch ? "Dutch notation, with a decimal comma"
				  : "C notation, with a decimal point";
	if (m->notation_line > 0)
		diag_report(d, DIAG_NOTE, FP_OK, m->notation_file, m->notation_line,
			    m->notation_col, "decimal_separator is '%c'; %s looks like %s",
			    m->notation.decimal, text_quote(s, len), looks);
	else
		diag_report(d, DIAG_NOTE, FP_OK, m->notation_file, 0, 0,
			    "no decimal_separator is declared, so it is '.'; %s looks like %s",
			    text_quote(s, len), looks);
}

int32_t loader_lookup(loader *ld, const csv_record *rec, int col, names_what what)
{
	const csv_field *f = &rec->fields[col];
	const strmap *map = what == NAMES_UNIT ? &ld->m->unit_ix : &ld->m->cat_ix;
	const char *word = names_word(what);
	int32_t ix = strmap_get(map, f->s, f->len);
	if (ix < 0) {
		if (f->len == 0) {
			LOADER_ERR(ld, rec, col, "empty %s", word);
		} else {
			LOADER_ERR(ld, rec, col, "unknown %s %s", word, text_quote(f->s, f->len));
			names_note(ld->d, ld->m, what, f->s, f->len, ld->path, f->line,
				   (long)col + 1);
		}
	}
	return ix;
}

void loader_reject(loader *ld, const csv_record *rec, int col, strmap *rejected)
{
	const csv_field *f = &rec->fields[col];
	if (f->len)
		strmap_put(rejected, loader_field_str(ld, rec, col), f->len, 0);
}

int loader_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool loader_is_csv_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && name[0] != '.' && strcmp(name + n - 4, ".csv") == 0;
}
