/* importer: the state of one import shared by the files of src/returns (internal to it):
 * the layout of the head's sheet, what each measure was reported as so far, and the workbook, sheet
 * and row being read. returns.c drives it, workbook.c reads a workbook's sheets into rows,
 * row.c checks a row of the register. */
#ifndef FP_RETURNS_IMPORTER_H
#define FP_RETURNS_IMPORTER_H
#include "../io/xlsxread.h"
#include "../model/register.h"
#include "returns.h"

/* What one row of a workbook reported for a measure. */
typedef struct returns_entry {
	int32_t measure;
	uint32_t book;     /* index into the files given */
	const char *sheet; /* the sheet, as in a reference ('Voortgang (2)') */
	uint32_t row;      /* 0-based */
	bool has_realised, has_forecast;
	int64_t realised_cents, forecast_cents;
	int status;          /* -1: no new status */
	const char *comment; /* "" for none */
} returns_entry;

/* One measure's row of a workbook's identity sheet: its id and fingerprints. */
typedef struct returns_fp {
	const char *id;
	uint32_t row;      /* 0-based, on the identity sheet */
	char fp[REGISTER_FP_NCOLS][REGISTER_FP_HEX];
} returns_fp;

/* What a workbook says it is (returns.h). */
struct returns_identity {
	const char *path;
	bool from_sheet;     /* the identity sheet; else the custom properties (no fingerprints) */
	const char *values[REGISTER_NKEYS]; /* NULL where not given */
	uint32_t key_row[REGISTER_NKEYS]; /* from_sheet: 1 + the row of each key, 0 if none */
	bool handout;
	returns_fp *fps;     /* from_sheet: sorted by id */
	size_t nfps;
};

/* A cell of the row being read, kept until the row is complete. */
typedef struct returns_cell {
	bool present;
	xlsxr_type type;
	char *text;
	size_t len, cap;
} returns_cell;

typedef struct importer {
	const model *m;
	arena *a;
	diag *d;
	const register_update *lay; /* the head's sheet, where the inputs are */
	char *const *files;
	int year_ix;          /* the plan year of the period */
	uint8_t *status_ok;   /* per measure: the statuses its locked Status cell may show */
	int32_t *first;       /* per measure: its first entry, or -1 */
	returns_entry *entries;
	size_t nentries, entries_cap;
	uint32_t *seen_book;  /* per measure: 1 + the workbook that last had it, 0 for none */
	uint32_t *seen_row;
	const char **seen_sheet;
	/* The workbook and sheet being read. */
	uint32_t book;
	const char *path;
	const returns_identity *id; /* of the workbook being read */
	int32_t unit;
	int lang;             /* a register_lang, -1 before it is known */
	const char *sheet;
	bool header_ok, sheet_bad;
	int64_t row;          /* the row in cells, -1 for none */
	returns_cell *cells;  /* lay->ncols */
	bool beyond_reported;
} importer;

/* returns_at: "D1-OK.xlsx:Voortgang!H4" for the cell at row, col of the sheet being
 * read, in the import's arena. */
const char *returns_at(importer *im, uint32_t row, int col);

/* returns_id_at: "AFD.xlsx:fitplan!B5" for the value of key k on the identity sheet, or the
 * file alone when the key has no cell (properties, or not given), in a. */
const char *returns_id_at(const returns_identity *id, arena *a, register_id_key k);

/* returns_read_identity: what the workbook at path says it is, into *id (from a): its
 * identity sheet, else its custom properties. Problems are reported to d; false then. */
bool returns_read_identity(const char *path, arena *a, diag *d, returns_identity *id);

/* returns_fp_find: the fingerprints of measure mid in id, or NULL. */
const returns_fp *returns_fp_find(const returns_identity *id, const char *mid);

/* returns_read_book: read the head's sheets of workbook im->book (im->path, identity
 * im->id) into im's entries; model_hash is the hash of the model version. Problems are
 * reported to im->d. */
void returns_read_book(importer *im, const char *model_hash);

/* returns_row_header: check the header row of a head's sheet collected in im->cells; sets im->header_ok,
 * or reports and sets im->sheet_bad. */
void returns_row_header(importer *im);

/* returns_row_data: check the measure row collected in im->cells and, when it is sound,
 * hand its entry to returns_merge. */
void returns_row_data(importer *im);

/* returns_merge: add entry e, or check it against the entry of the same measure that an
 * earlier workbook gave (reported when they differ). */
void returns_merge(importer *im, const returns_entry *e);

#endif
