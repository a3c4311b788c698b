/* returns: the import of returned unit workbooks (a run's departments/<UNIT>.xlsx with the
 * yellow input cells filled in) into the actuals of one reporting period. A workbook must
 * come from this model version, every cell outside the input cells must still say what the
 * model version says, and the same measure in two workbooks must say the same; nothing is
 * written here (export/actuals_csv.h writes the result). See docs/import.md. */
#ifndef FP_RETURNS_H
#define FP_RETURNS_H
#include "../model/model.h"

/* returns_check_period: report (FP_EDATA) a period p that is outside m's plan years or
 * overlaps another period of its year in m; actuals_dir is the folder of the actuals files,
 * named in the message. */
void returns_check_period(const model *m, const period *p, const char *actuals_dir, diag *d);

/* What the returned workbooks say they are (their identity: the hidden sheet fitplan, or
 * the custom properties of a workbook that lost it), read by returns_identify. Opaque. */
typedef struct returns_identity returns_identity;
typedef struct returns_books {
	returns_identity *ids; /* one per workbook, in the arena */
	size_t n;
	const char *period;    /* the reporting period they all name; NULL when none does */
} returns_books;

/* returns_identify: read what each of files[0..nfiles) says it is, into *out (from arena
 * a): a unit workbook of fitplan, of a hand-out (a read-only view of a run without
 * --period is refused: a base run must be handed out), of the period the others name.
 * Every problem is reported to d at its workbook; FP_OK when there was none. */
fp_status returns_identify(char *const *files, size_t nfiles, arena *a, diag *d,
			   returns_books *out);

/* returns_import: read the returned workbooks of books (returns_identify) against model
 * version m, whose hash (model_digest: what run put in each workbook) is model_hash, into
 * the actuals of period p (books->period): *rows is one row per measure found in the
 * workbooks, in the order of m's measures (period -1: p is not m's; pos unset), *nrows of
 * them, from arena a with their comments. A workbook of an earlier model version is taken
 * when every measure on it is unchanged in m (its fingerprints, docs/import.md); each
 * changed, added or removed measure is reported. Every problem is reported to d, each at
 * its workbook (FILE.xlsx:SHEET!CELL where there is a cell). FP_OK when nothing was; else
 * the worst status reported (FP_EDATA for a workbook that says something else than the
 * model version or another workbook; FP_ENOINPUT, FP_EIO when one cannot be read), with
 * *rows NULL. d must have no errors yet. */
fp_status returns_import(const model *m, const char *model_hash, const period *p,
			 const returns_books *books, arena *a, diag *d, actual_row **rows,
			 size_t *nrows);

#endif
