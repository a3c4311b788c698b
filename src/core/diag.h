/* diag: mandoc-style diagnostics, "fitplan: FILE:LINE:COL: error: MESSAGE", on one stream.
 * LINE is the 1-based line of the offending field, COL its 1-based field number (the
 * spreadsheet column). A run reports every problem it finds, up to a cap, then fails with
 * the worst status it saw. Messages are lower case, without a full stop, and quote the
 * offending value (text_quote in io/text.h makes it safe to print). */
#ifndef FP_DIAG_H
#define FP_DIAG_H
#include "status.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define DIAG_DEFAULT_CAP 200

typedef enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

/* A message kept by a diag that holds them (diag_hold). */
typedef struct diag_msg {
	diag_level level;
	fp_status st;
	long key;   /* the diag's key when it was reported: the order of diag_merge */
	char *text; /* "FILE:LINE:COL: error: MESSAGE", without "fitplan: " and newline */
} diag_msg;

typedef struct diag {
	FILE *out;
	unsigned long errors;   /* errors reported, shown or not */
	unsigned long warnings;
	unsigned long notes;
	unsigned long shown;    /* messages printed */
	unsigned long cap;      /* messages printed at most, but for the first error */
	bool error_shown;       /* an error was printed: the cap never hides the first one */
	unsigned long hidden_said; /* held-back messages already counted out loud */
	fp_status status;       /* worst status reported */
	bool holding;           /* diag_hold: keep messages instead of printing them */
	long key;               /* set by the holder as its work goes on (diag_merge) */
	diag_msg *held;
	size_t nheld, held_cap;
	/* diag_columns: the header of the CSV file being read; a message at a column of that
	 * file names it ("(column L, '2024')"), whoever reports it. Not owned. */
	const char *columns_file;
	const char *const *columns;
	size_t ncolumns;
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

/* diag_full: the cap is reached: the next message is neither printed nor kept, unless it
 * is the first error and the cap is not 0 (shown past the cap, so that warnings never
 * hide it). A
 * note past the cap is not counted either (it belongs to a message not shown), so a
 * caller may skip the work of one: a did-you-mean for each of 100,000 bad rows against
 * 100,000 units took minutes for notes nobody saw. */
bool diag_full(const diag *d);

/* diag_columns: from now on, a message at column col (1-based) of file, col <= n, ends
 * with " (column L, 'NAME')": its spreadsheet letter and names[col - 1], which is the
 * header's name already quoted for a message (text_quote). names is not
 * copied and must live until the next call; diag_columns(d, NULL, NULL, 0) ends it.
 * csv_read calls it, so every field error of a CSV file says which column it is in. */
void diag_columns(diag *d, const char *file, const char *const *names, size_t n);

/* diag_column_letter: col (1-based) as a spreadsheet column, "A", "Z", "AA"; buf of 8. */
char *diag_column_letter(char buf[8], long col);

/* diag_finish: say how many messages the cap held back (since the last call). */
void diag_finish(diag *d);

/* diag_hold: from now on keep d's messages, each with d->key as it is then, instead of
 * printing them; at most d->cap of them, the rest only counted, as when printed. For work
 * shared by threads (the unit workbooks): each thread reports to a diag of its own that
 * holds, setting its key to the item it works on, and the calling thread merges them
 * after joining, so that the messages come in a fixed order and count as the run's. */
void diag_hold(diag *d);

/* diag_merge: report what the holding diags from[0..n) kept into to, as if reported to it
 * (counted, under to's cap, raising its status), in the order of their keys (for equal
 * keys, in the order of from, then as each kept them); the messages they only counted are
 * counted into to, not shown. The keys of each holder must not decrease (a thread's items
 * in order): the holders' lists are merged, not sorted, and so what each kept, its first
 * cap, holds the first messages of all in key order. Frees what they held. */
void diag_merge(diag *to, diag *const *from, size_t n);

#endif
