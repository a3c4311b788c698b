/* loader: what the loaders of a model version's files share (load.c calls them; settings.c,
 * units.c, tables.c and measures.c are they): the file being read, registered in
 * model.files for src_pos, and the checks of one field, each of which reports what is
 * wrong at the field's line and column and returns false, so the loading goes on and one
 * run shows every problem. Internal to model/. */
#ifndef FP_MODEL_LOADER_H
#define FP_MODEL_LOADER_H
#include "model.h"
#include "names.h"
#include "../io/csvread.h"

/* The file a loader reads: its path as named in messages and its index in model.files. */
typedef struct loader {
	model *m;
	diag *d;
	arena *a; /* where the file's strings go: m->a, or a reading thread's own arena */
	const char *path;
	uint32_t file;
} loader;

/* LOADER_ERR: report an error at column col (0-based) of record rec of the loader's file. */
#define LOADER_ERR(ld, rec, col, ...) \
	diag_error((ld)->d, (ld)->path, (rec)->fields[col].line, (long)(col) + 1, __VA_ARGS__)

/* loader_join: dir/name in arena a (one '/' between them, whatever dir ends with). */
const char *loader_join(arena *a, const char *dir, const char *name);

/* loader_add_file: register path (not copied: it must live as long as m) in m->files (and
 * a digest slot, "" until read, when hashing) and return its index, for src_pos. */
uint32_t loader_add_file(model *m, const char *path);

/* loader_open: set ld to read path for m, registering the file; ld->a is m->a. */
void loader_open(loader *ld, model *m, diag *d, const char *path);

/* loader_read: csv_read of the loader's file with fn and ctx, hashing its bytes as they
 * are read into the file's slot when the model is loaded with model_load_hashed. */
fp_status loader_read(loader *ld, csv_record_fn fn, void *ctx);

/* loader_field_str: field col of rec as a string in the loader's arena. */
static inline const char *loader_field_str(loader *ld, const csv_record *rec, int col)
{
	return arena_strndup(ld->a, rec->fields[col].s, rec->fields[col].len);
}

/* loader_pos: where rec came from. */
static inline src_pos loader_pos(const loader *ld, const csv_record *rec)
{
	return (src_pos){ld->file, (uint32_t)rec->line};
}

/* loader_field_empty: the column is absent (col < 0) or its field empty. */
static inline bool loader_field_empty(const csv_record *rec, int col)
{
	return col < 0 || rec->fields[col].len == 0;
}

/* loader_check_code: field col is a valid code (model_code_valid); what names it ("unit",
 * "measure") in the message. */
bool loader_check_code(loader *ld, const csv_record *rec, int col, const char *what);

/* loader_name_ok: s, the name of something (what: "unit name", "category label"), has at
 * most TEXT_NAME_MAX characters as Excel counts them (a document property, a table header);
 * csv_read has checked that it is text at all. Reported at path:line:col. */
bool loader_name_ok(diag *d, const char *path, long line, long col, const char *s, size_t len,
		    const char *what);

/* loader_check_name: loader_name_ok for field col of rec. */
bool loader_check_name(loader *ld, const csv_record *rec, int col, const char *what);

/* loader_parse_int: field col is a whole number in [lo, hi] (at most 9 digits), in *out. */
bool loader_parse_int(loader *ld, const csv_record *rec, int col, const char *what, long lo,
		      long hi, int32_t *out);

/* loader_amount_failed: loader_parse_amount's answer when money_parse said e (not
 * MONEY_OK) of field col. */
bool loader_amount_failed(loader *ld, const csv_record *rec, int col, bool allow_empty,
			  money_err e, int64_t *out);

/* loader_parse_amount: field col is an amount in the model's notation, in *out as cents;
 * an empty field is 0 when allow_empty, else an error. Inline: a measure row has a
 * dozen, most of them plain digits or empty. */
static inline bool loader_parse_amount(loader *ld, const csv_record *rec, int col,
				       bool allow_empty, int64_t *out)
{
	const csv_field *f = &rec->fields[col];
	if (f->len == 0 && allow_empty) {
		*out = 0;
		return true;
	}
	money_err e = money_parse(f->s, f->len, ld->m->notation, out);
	return e == MONEY_OK || loader_amount_failed(ld, rec, col, allow_empty, e, out);
}

/* loader_notation_note: after s[0..len) failed to parse as a number in m's notation: when
 * it reads as one in the other notation (Dutch 1.234,56 in a model of '.', or 1,234.56 in
 * a model of ','), say once per model, as a note at model.csv's decimal_separator, what
 * the model declares. The error itself is the caller's, reported before. */
void loader_notation_note(model *m, diag *d, const char *s, size_t len);

/* loader_lookup: the index of field col's code among the model's units or categories
 * (what: NAMES_UNIT or NAMES_CATEGORY), or -1 when absent (reported as an empty or unknown
 * unit or category, an unknown one with the nearest names as a note). */
int32_t loader_lookup(loader *ld, const csv_record *rec, int col, names_what what);

/* loader_reject: remember field col's code in rejected (m->unit_rejected, cat_rejected):
 * its row was reported and not kept. */
void loader_reject(loader *ld, const csv_record *rec, int col, strmap *rejected);

/* loader_cmp_str: qsort's comparison of two const char * by bytes. */
int loader_cmp_str(const void *a, const void *b);

/* loader_is_csv_name: a file name a loader reads in a folder: "*.csv", not hidden. */
bool loader_is_csv_name(const char *name);

#endif
