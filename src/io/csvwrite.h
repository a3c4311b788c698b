/* csvwrite: writing CSV (RFC 4180; ',' and LF, or another dialect) with libcsv's quoting.
 * A field is quoted only when it holds the separator, a quote or a line break, so the
 * common case is plain. */
#ifndef FP_CSVWRITE_H
#define FP_CSVWRITE_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* A CSV dialect: what separates fields, what marks decimals, what ends a line, and
 * whether the file starts with a UTF-8 byte order mark. csv_dialect_c is the default (the
 * pinned contract, and every file of a run record); csv_dialect_nl is what a Dutch Excel
 * writes itself on Windows and so opens on a double click: ';' (the list separator of the
 * Dutch locale, where ',' is the decimal mark), decimal comma, CRLF, and a BOM (without it
 * Excel reads the file as ANSI and garbles non-ASCII names). Amounts get no thousands
 * separator in either: Excel parses 1234,56 as a number in a Dutch locale, while 1.234,56
 * is text in some setups. */
typedef struct csv_dialect {
	char sep;
	char decimal;
	const char *eol;
	bool bom;
} csv_dialect;

extern const csv_dialect csv_dialect_c;
extern const csv_dialect csv_dialect_nl;

/* csvw_begin: what a file in dialect d starts with (the BOM, or nothing). */
void csvw_begin(FILE *out, const csv_dialect *d);
/* csvw_header: a header line, header's comma-separated names in dialect d. */
void csvw_header(FILE *out, const csv_dialect *d, const char *header);
/* The csvd_ functions are those below in dialect d; the csvw_ ones write csv_dialect_c. */
void csvd_field(FILE *out, const csv_dialect *d, const char *s, bool last);
void csvd_text(FILE *out, const csv_dialect *d, const char *s, bool last);
void csvd_money(FILE *out, const csv_dialect *d, int64_t cents, bool last);
void csvd_int(FILE *out, const csv_dialect *d, long long v, bool last);
void csvd_empty(FILE *out, const csv_dialect *d, bool last);
/* csvd_value: a value that is already text (a code, a word, or a number as C writes it):
 * one of the form -?DIGITS.DIGITS is a number and gets d's decimal mark; anything else is
 * written as csvd_field writes it. */
void csvd_value(FILE *out, const csv_dialect *d, const char *s, bool last);

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
