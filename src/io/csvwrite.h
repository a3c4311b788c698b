/* csvwrite: writing CSV (RFC 4180, ',' and LF) with libcsv's quoting. A field is quoted
 * only when it holds a delimiter, quote or line break, so the common case is plain. */
#ifndef FP_CSVWRITE_H
#define FP_CSVWRITE_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* csvw_field: one field, followed by ',' or, when last, '\n'. */
void csvw_field(FILE *out, const char *s, bool last);
/* csvw_text: free text (a comment), written so that no spreadsheet opening the file takes
 * it for a formula: text that starts with '=', '+', '-', '@', a tab or a CR (OWASP's list
 * for CSV injection) gets a "'" before it, and so does text that starts with "'" itself. A
 * reader gets the text back exactly by dropping one leading "'" (src/model/actuals.c does,
 * for the comments of an actuals file). */
void csvw_text(FILE *out, const char *s, bool last);
/* csvw_money: cents with two decimals and '.', no thousands separator. */
void csvw_money(FILE *out, int64_t cents, bool last);
/* csvw_int: a whole number. */
void csvw_int(FILE *out, long long v, bool last);
/* csvw_empty: an empty field. */
void csvw_empty(FILE *out, bool last);

#endif
