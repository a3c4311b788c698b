/* diag: mandoc-style diagnostics, "fitplan: FILE:LINE:COL: error: MESSAGE", on one stream.
 * LINE is the 1-based line of the offending field, COL its 1-based field number (the
 * spreadsheet column). A run reports every problem it finds, up to a cap, then fails with
 * the worst status it saw. Messages are lower case, without a full stop, and quote the
 * offending value (text_quote in io/text.h makes it safe to print). */
#ifndef FP_DIAG_H
#define FP_DIAG_H
#include "status.h"
#include <stddef.h>
#include <stdio.h>

#define DIAG_DEFAULT_CAP 200

typedef enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

typedef struct diag {
	FILE *out;
	unsigned long errors;   /* errors reported, shown or not */
	unsigned long warnings;
	unsigned long notes;
	unsigned long shown;    /* messages printed */
	unsigned long cap;      /* messages printed at most */
	unsigned long hidden_said; /* held-back messages already counted out loud */
	fp_status status;       /* worst status reported */
} diag;

void diag_init(diag *d, FILE *out);

/* diag_report: print one message. file may be NULL (no position); line 0 leaves out
 * LINE:COL, col 0 leaves out COL. An error raises d->status to st. */
void diag_report(diag *d, diag_level level, fp_status st, const char *file, long line,
		 long col, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

#define diag_error(d, file, line, col, ...) \
	diag_report((d), DIAG_ERROR, FP_EDATA, (file), (line), (col), __VA_ARGS__)
#define diag_warning(d, file, line, col, ...) \
	diag_report((d), DIAG_WARNING, FP_OK, (file), (line), (col), __VA_ARGS__)

/* diag_finish: say how many messages the cap held back (since the last call). */
void diag_finish(diag *d);

#endif
